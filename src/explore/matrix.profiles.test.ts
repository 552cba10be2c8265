/** The matrix over broker profiles: "which brokers keep QoS 2 exactly once under these losses?" */
import { describe, expect, it } from "vitest";
import {
  brokerSummary,
  isQos2EndToEnd,
  matrixRows,
  matrixSetups,
  toCsv,
  toMarkdown,
  type MatrixRow,
} from "./matrix.ts";

describe("the matrix by broker profile", () => {
  it("runs every cell once per broker profile named, only the broker's profile set", () => {
    const plain = matrixSetups();
    const setups = matrixSetups(["spec", "mosquitto-2.0", "emqx-5"]);
    expect(setups).toHaveLength(3 * plain.length);
    plain.forEach((cell, i) => {
      for (const [j, profile] of (["spec", "mosquitto-2.0", "emqx-5"] as const).entries()) {
        const s = setups[3 * i + j];
        expect(s?.profile).toBe(profile);
        expect(s?.scenario).toEqual({
          ...cell.scenario,
          profiles: { broker: profile, publisher: "spec", subscriber: "spec" },
        });
      }
    });
    // Asked for none: no profile anywhere, as before.
    expect(plain.every((s) => s.profile === undefined && s.scenario.profiles === undefined)).toBe(true);
  });

  it("the specification's profile keeps the deliveries of the unnamed specification", () => {
    const plain = matrixRows(1);
    const spec = matrixRows(1, { profiles: ["spec"] });
    expect(spec.map(({ profile, ...rest }) => (expect(profile).toBe("spec"), rest))).toEqual(plain);
  }, 120_000);

  const row = (over: Partial<MatrixRow>): MatrixRow => ({
    qos: 2,
    hops: 1,
    subscriptionQos: null,
    session: "persistent",
    retransmit: "on-reconnect",
    protocol: "5.0",
    method: "A",
    qos2Receiver: true,
    maxDrops: 1,
    plans: 10,
    lost: 0,
    once: 10,
    duplicated: 0,
    ...over,
  });
  const rows = [
    row({ profile: "spec" }),
    row({ profile: "mosquitto-2.0", lost: 2, once: 8 }),
    row({ profile: "spec", hops: 2, subscriptionQos: 2 }),
    row({ profile: "mosquitto-2.0", hops: 2, subscriptionQos: 2 }),
    // QoS 2 published, QoS 1 subscription: not QoS 2 end to end, left out of the summary.
    row({ profile: "mosquitto-2.0", hops: 2, subscriptionQos: 1, duplicated: 3, once: 7 }),
  ];

  it("says which brokers kept QoS 2 end to end exactly once", () => {
    expect(isQos2EndToEnd({ qos: 2, subscriptionQos: 1 })).toBe(false);
    expect(brokerSummary(rows)).toEqual([
      { profile: "spec", qos2: 2, exactlyOnce: 2 },
      { profile: "mosquitto-2.0", qos2: 2, exactlyOnce: 1 },
    ]);
    expect(brokerSummary(rows.map(({ profile, ...r }) => (void profile, r)))).toEqual([]);
  });

  it("names the brokers in its Markdown and CSV", () => {
    const names = { spec: "Specification", "mosquitto-2.0": "Mosquitto 2.0" } as Record<string, string>;
    const md = toMarkdown(rows, (id) => names[id] ?? id);
    expect(md).toContain("- Specification (`spec`): yes, 2 of 2 QoS 2 set-ups");
    expect(md).toContain("- Mosquitto 2.0 (`mosquitto-2.0`): no, 1 of 2 QoS 2 set-ups");
    expect(md).toContain("| Broker | Published QoS |");
    expect(md).toContain(
      "| Mosquitto 2.0 | 2 | 1 | – | persistent | on reconnect (5.0) | A | 10 | 2 | 8 | 0 | at most once |",
    );
    expect(toMarkdown(rows)).toContain("| mosquitto-2.0 | 2 | 1 |");
    const csv = toCsv(rows).split("\r\n");
    expect(csv[0]).toMatch(/^broker,qos,hops,/);
    expect(csv[2]).toMatch(/^mosquitto-2\.0,2,1,,/);
    // Without profiles, neither the column nor the summary.
    const plain = rows.map(({ profile, ...r }) => (void profile, r));
    expect(toMarkdown(plain)).not.toContain("Broker");
    expect(toCsv(plain).startsWith("qos,")).toBe(true);
  });
});
