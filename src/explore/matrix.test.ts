import { describe, expect, it } from "vitest";
import { parseScenarioOrThrow } from "../sim/scenario.ts";
import { explore } from "./enumerate.ts";
import {
  explorationToMarkdown,
  guaranteeOf,
  matrixRows,
  matrixSetups,
  toCsv,
  toMarkdown,
  type MatrixRow,
} from "./matrix.ts";

describe("the configuration space", () => {
  const setups = matrixSetups();

  it("has every set-up once: 3 QoS × 4 hop set-ups × 2 resend modes × 2 sessions, × 2 methods only with a QoS 2 receiver", () => {
    // 16 QoS 2 rows of 3 QoS × 4 hops × 4 (resend, session) have a QoS 2 receiver: 32 + (48 - 16) = 64.
    expect(setups).toHaveLength(64);
    const keys = setups.map((s) => JSON.stringify(s.scenario));
    expect(new Set(keys).size).toBe(64);
    expect(setups.filter((s) => s.method !== null)).toHaveLength(32);
  });

  it("lists a set-up without a QoS 2 receiver once, with no method: no n/a twins", () => {
    for (const s of setups) expect(s.method === null).toBe(!s.qos2Receiver);
    // With a method, both A and B are there; the set-up without the method is the same everywhere else.
    const sansMethod = setups.map(({ scenario, method, ...rest }) => {
      void scenario;
      void method;
      return JSON.stringify(rest);
    });
    const counts = new Map<string, number>();
    for (const k of sansMethod) counts.set(k, (counts.get(k) ?? 0) + 1);
    for (const [i, s] of setups.entries())
      expect(counts.get(sansMethod[i] ?? "")).toBe(s.qos2Receiver ? 2 : 1);
  });

  it("resends on timeout only with MQTT 3.1.1, which allows it", () => {
    for (const s of setups) expect(s.protocol).toBe(s.retransmit === "on-timeout" ? "3.1.1" : "5.0");
  });

  it("marks the cells where a QoS 2 receiver makes Method A and B differ", () => {
    const receiver = (qos: number, sub: number | null) =>
      setups.find((s) => s.qos === qos && s.subscriptionQos === sub)?.qos2Receiver;
    expect(receiver(2, null)).toBe(true);
    expect(receiver(2, 0)).toBe(true);
    expect(receiver(1, 2)).toBe(false);
    expect(receiver(0, null)).toBe(false);
  });
});

describe("the matrix with one lost transmission", () => {
  const rows = matrixRows(1);
  const find = (
    qos: number,
    sub: number | null,
    session: string,
    retransmit: string,
    method: "A" | "B" | null = null,
  ): MatrixRow => {
    const row = rows.find(
      (r) =>
        r.qos === qos &&
        r.subscriptionQos === sub &&
        r.session === session &&
        r.retransmit === retransmit &&
        r.method === method,
    );
    if (row === undefined) throw new Error("no such row");
    return row;
  };

  it("counts what explore counts, cell by cell", () => {
    for (const setup of matrixSetups().filter((_, i) => i % 7 === 0)) {
      const row = find(setup.qos, setup.subscriptionQos, setup.session, setup.retransmit, setup.method);
      const { counts, plans } = explore(setup.scenario, 1);
      expect({ plans: row.plans, ...counts }).toEqual({
        plans: plans.length,
        lost: row.lost,
        once: row.once,
        duplicated: row.duplicated,
      });
    }
  });

  it("shows the textbook guarantees", () => {
    expect(guaranteeOf(find(0, null, "persistent", "on-reconnect"))).toBe("at most once");
    expect(guaranteeOf(find(1, null, "persistent", "on-reconnect"))).toBe("at least once");
    expect(guaranteeOf(find(2, 2, "persistent", "on-reconnect", "A"))).toBe("exactly once");
    expect(guaranteeOf(find(2, 2, "persistent", "on-timeout", "B"))).toBe("exactly once");
    expect(find(2, null, "clean", "on-reconnect", "A").lost).toBeGreaterThan(
      find(2, null, "clean", "on-reconnect", "B").lost,
    );
  });

  it("exports CSV with a header and one line per row", () => {
    const lines = toCsv(rows).split("\r\n");
    expect(lines[0]).toBe(
      "qos,hops,subscription_qos,session,retransmit,protocol,qos2_method,qos2_receiver,max_drops,plans,lost,once,duplicated,guarantee",
    );
    expect(lines).toHaveLength(rows.length + 2);
    expect(lines[1]).toBe("0,1,,persistent,on-reconnect,5.0,,false,1,1,1,0,0,at most once");
    expect(lines.at(-1)).toBe("");
  });

  it("exports a Markdown table with clear headers and a footnote for the starred methods", () => {
    const md = toMarkdown(rows);
    expect(md).toContain(
      "| Published QoS | Hops | Subscription QoS | Sessions | Resend | QoS 2 method | Plans | Lost | Once | Duplicated | Guarantee |",
    );
    expect(md).toContain(
      "| 2 | 2 | 2 | persistent | on reconnect (5.0) | A | 8 | 0 | 8 | 0 | exactly once |",
    );
    expect(md).toContain(
      "| 0 | 1 | – | persistent | on reconnect (5.0) | –\\* | 1 | 1 | 0 | 0 | at most once |",
    );
    expect(md).toContain("\\* No QoS 2 receiver in this set-up");
    expect(md.split("\n").filter((l) => /^\| \d/.test(l))).toHaveLength(rows.length);
  });
});

describe("a matrix run that is watched and stopped", () => {
  it("reports progress and returns the finished cells when stopped", () => {
    let plans = 0;
    const rows = matrixRows(1, {
      onProgress: (p) => {
        plans = p.plans;
        expect(p.totalCells).toBe(64);
      },
      shouldStop: () => plans >= 10,
    });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(64);
  });
});

describe("one exploration as Markdown", () => {
  it("has the invariant, the counts and one row per plan", () => {
    const exploration = explore(parseScenarioOrThrow({ publishQos: 1 }), 2);
    const md = explorationToMarkdown(exploration);
    expect(md).toMatch(/^## QoS 1 with persistent sessions: \d+ of 10 plans duplicate/);
    expect(md).toContain("| # | Plan | Faults | Verdict | Packets |");
    expect(md).toContain("| 2 | PUBACK lost | publisher-broker PUBACK m1 #1 | duplicated ×2 |");
    expect(md.split("\n").filter((l) => /^\| \d+ \|/.test(l))).toHaveLength(10);
  });

  it("gives a verdict per message when there are several", () => {
    const exploration = explore(parseScenarioOrThrow({ publishQos: 0, messages: [{}, {}] }), 1);
    expect(explorationToMarkdown(exploration)).toContain(
      "| PUBLISH of message 1 lost | publisher-broker PUBLISH m1 #1 | m1 lost, m2 once |",
    );
  });
});
