import { describe, expect, it } from "vitest";
import { simulate } from "../sim/simulate.ts";
import { diffTraces } from "./diff.ts";
import { liveReport } from "./report.ts";
import { asReal } from "./testing.ts";

const scenario = {
  protocol: "5.0",
  publishQos: 2,
  faults: [{ hop: "publisher-broker", packet: "PUBREC" }],
} as const;
const model = simulate(scenario);
const agreeing = { ...asReal(model), broker: { name: "aedes", url: "mqtt://127.0.0.1:40000" } };
const methodB = asReal(simulate({ ...scenario, qos2Delivery: { broker: "on-publish" } }), model);

describe("liveReport", () => {
  it("says in JSON whether the run agrees, with the differences and the real trace", () => {
    const diff = diffTraces(model, methodB);
    const json = JSON.parse(liveReport(model, methodB, diff, "json")) as Record<string, unknown>;
    expect(json.agree).toBe(false);
    expect(json.differences).toEqual(diff);
    expect(json.real).toEqual(methodB);
    expect(json.model).toEqual({ outcome: model.outcome, unusedFaults: [] });
    const same = JSON.parse(liveReport(model, agreeing, [], "json")) as Record<string, unknown>;
    expect(same.agree).toBe(true);
  });

  it("writes Markdown: a heading that says the verdict, one sentence per difference, the real trace", () => {
    const diff = diffTraces(model, methodB);
    const md = liveReport(model, methodB, diff, "md");
    const lines = md.split("\n");
    expect(lines[0]).toBe("# Live run: 1 difference from the model");
    expect(md).toContain(`1. **hand-on**: ${diff[0]?.sentence}`);
    const rows = lines.filter((l) => /^\| \d+ \|/.test(l));
    expect(rows).toHaveLength(methodB.events.length);
    expect(md).toContain("| PUBREC ✂ cut |");
  });

  it("marks, in hold mode, the held packet and what waited behind it", () => {
    const held = {
      ...agreeing,
      events: agreeing.events.map((e) => (e.type === "packet" && e.cut ? { ...e, held: true as const } : e)),
    };
    const ping = { ...held.events.find((e) => e.type === "packet"), packet: "PINGREQ", held: true } as const;
    const md = liveReport(model, { ...held, events: [...held.events, ping] as typeof held.events }, [], "md");
    expect(md).toContain("| PUBREC ⏸ held |");
    expect(md).not.toContain("✂ cut");
    expect(md).toContain("| PINGREQ ⏸ behind |");
  });

  it("names the broker and says when nothing differs", () => {
    const md = liveReport(model, agreeing, [], "md");
    expect(md.split("\n")[0]).toBe("# Live run: the real broker agrees with the model");
    expect(md).toContain("Broker: aedes (mqtt://127.0.0.1:40000).");
    expect(md).toContain("None: every packet, delivery and hand-on point is the model's, timing aside.");
  });
});

describe("a shared report", () => {
  it("never carries credentials from the broker's URL", () => {
    const real = {
      ...asReal(model),
      broker: { name: "mosquitto", url: "mqtts://alice:s3cret@broker.example.com:8883" },
    };
    for (const format of ["json", "md"] as const) {
      const text = liveReport(model, real, [], format);
      expect(text).not.toContain("s3cret");
      expect(text).not.toContain("alice");
      expect(text).toContain("mqtts://broker.example.com:8883");
    }
  });
});
