import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraryScenario } from "../sim/arbitrary.ts";
import { runScenario } from "../sim/runScenario.ts";
import { toggleDrop } from "../sim/interventions.ts";
import { simulate } from "../sim/simulate.ts";
import type { PacketEvent } from "../sim/types.ts";
import { layout } from "./layout.ts";

describe("keys that survive a replay", () => {
  it("are unique among arrows, among badges and among marks, over random scenarios", () => {
    fc.assert(
      fc.property(arbitraryScenario(), (scenario) => {
        const d = layout(runScenario(scenario), { width: 900 });
        for (const items of [d.arrows, d.badges, d.marks]) {
          expect(new Set(items.map((x) => x.key)).size).toBe(items.length);
        }
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it("keep naming the same packets after a later packet is dropped, though their indexes move", () => {
    const input = { publishQos: 2, subscriber: { qos: 2 }, messages: [{}, {}, {}] };
    const before = simulate(input);
    const target = before.events.find(
      (e): e is PacketEvent => e.type === "packet" && e.packet === "PUBREC" && e.message === 2,
    );
    if (!target) throw new Error("no PUBREC of message 2");
    const after = simulate({ ...input, faults: toggleDrop(before.scenario, target).faults });
    const a = layout(before, { width: 900 });
    const b = layout(after, { width: 900 });
    const byKey = new Map(b.arrows.map((x) => [x.key, x]));
    // Every packet of message 1 is drawn under the same key, at the same place.
    for (const arrow of a.arrows.filter((x) => x.event.message === 1)) {
      expect(byKey.get(arrow.key)?.y1).toBe(arrow.y1);
    }
    // The dropped PUBREC keeps its key; what happens after it moves, and its indexes with it.
    const targetKey = a.arrows.find((x) => x.index === before.events.indexOf(target))?.key;
    expect(byKey.get(targetKey ?? "")?.event.dropped).toBe(true);
    const m3 = (d: typeof a) => d.arrows.find((x) => x.event.message === 3 && x.event.packet === "PUBLISH");
    expect(m3(a)?.key).toBe(m3(b)?.key);
    expect(m3(a)?.index).not.toBe(m3(b)?.index);
  });
});
