import fc from "fast-check";
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { arbitraryScenario } from "../sim/arbitrary.ts";
import { seededRandom } from "../sim/random.ts";
import { simulate } from "../sim/simulate.ts";
import type { Fault, Trace } from "../sim/types.ts";
import { drawables } from "./drawables.ts";
import { layout, type LayoutOptions } from "./layout.ts";
import { lastLayoutFrom, layoutFrom } from "./layoutFrom.ts";
import { picture, toggled } from "./layoutFrom.testing.ts";

const GOLDEN = new URL("../sim/golden/", import.meta.url);
const PACKETS = ["PUBLISH", "PUBACK", "PUBREC", "PUBREL", "PUBCOMP"] as const;

/** Checks that taking over `before`'s layout of `trace` for `next` draws what a full layout does. */
function expectSameAsFull(trace: Trace, next: Trace, options: LayoutOptions): "all" | "part" | "none" {
  const before = layout(trace, options);
  const taken = layoutFrom(before, trace, next, options);
  const { full, kept } = lastLayoutFrom();
  if (process.env.WHY)
    console.log(
      "WHY",
      full,
      kept.arrows,
      before.arrows.length,
      trace.events.length,
      JSON.stringify(trace.scenario.faults.length),
    );
  // A fresh copy: `next` may hold what layoutFrom worked out for it (its texts, taken over).
  expect(picture(taken)).toEqual(picture(layout({ ...next }, options)));
  expect(drawables(next)).toEqual(drawables({ ...next }));
  if (full !== null || kept.arrows === 0) return "none";
  return kept.arrows === taken.arrows.length ? "all" : "part";
}

describe("layoutFrom", () => {
  it("draws what a full layout draws, after a random toggle in a random long scenario", () => {
    let reused = 0;
    let part = 0;
    let runs = 0;
    fc.assert(
      fc.property(
        // Up to five kinds of message repeated into a long trace (with its state events, as the page runs it).
        arbitraryScenario({ maxFaults: 6 }),
        fc.integer({ min: 50, max: 100 }),
        // A PUBLISH is sent for every message: most toggles then change what is drawn.
        fc.record({
          hop: fc.constantFrom("publisher-broker", "broker-subscriber"),
          packet: fc.oneof({ arbitrary: fc.constant("PUBLISH"), weight: 3 }, fc.constantFrom(...PACKETS)),
        }),
        // Which message (fast-check favours the ends of a range: a large one, taken modulo the count).
        fc.integer({ min: 0, max: 1_000_003 }),
        fc.constantFrom(320, 640, 960, 1280),
        fc.constantFrom(1, 1, 1.8),
        // Messages far apart (one after the other, as a long run on the page) or as generated
        // (often overlapping: then a change early in time moves nearly everything).
        fc.boolean(),
        (base, count, which, where, width, fontScale, apart) => {
          const messages = Array.from({ length: count }, (_, i) => base.messages[i % base.messages.length]!);
          const timing = apart ? { ...base.timing, publishIntervalMs: 1000 } : base.timing;
          const scenario = { ...base, messages, timing };
          const hop = scenario.subscriber ? which.hop : "publisher-broker";
          const message = 1 + (where % count);
          const trace = simulate(scenario, { states: true });
          const next = simulate(toggled(scenario, { ...which, hop, message, attempt: 1 } as Fault), {
            states: true,
          });
          runs++;
          const taken = expectSameAsFull(trace, next, { width, fontScale });
          if (taken !== "none") reused++;
          if (taken === "part") part++;
        },
      ),
      { numRuns: 40, seed: 10 },
    );
    // Not vacuous: many toggles take over some of the drawing, and some take over a part before
    // a change that moved what follows (the others changed nothing drawn: a fault that matched nothing).
    expect(reused).toBeGreaterThan(runs / 3);
    expect(part).toBeGreaterThanOrEqual(5);
  }, 240_000);

  it("draws what a full layout draws after a toggle in every golden trace's scenario", () => {
    const random = seededRandom(10);
    for (const f of readdirSync(GOLDEN).filter((name) => name.endsWith(".json"))) {
      const golden = JSON.parse(readFileSync(new URL(f, GOLDEN), "utf8")) as Trace;
      const { scenario } = golden;
      const trace = simulate(scenario, { states: true });
      const hop = scenario.subscriber && random() < 0.5 ? "broker-subscriber" : "publisher-broker";
      const packet = PACKETS[Math.floor(random() * PACKETS.length)]!;
      const message = 1 + Math.floor(random() * scenario.messages.length);
      const next = simulate(toggled(scenario, { hop, packet, message, attempt: 1 } as Fault), {
        states: true,
      });
      expectSameAsFull(trace, next, { width: 960 });
    }
  }, 120_000);

  it("takes over what comes before a toggle late in a 200-message trace, and lays out anew what follows", () => {
    const scenario = {
      publishQos: 2,
      subscriber: { qos: 2 },
      messages: Array.from({ length: 200 }, (_, i) => ({ payload: `reading ${i}` })),
      faults: [{ hop: "broker-subscriber", packet: "PUBREC", message: 40 }],
    };
    const trace = simulate(scenario, { states: true });
    const next = simulate(
      {
        ...scenario,
        faults: [...scenario.faults, { hop: "publisher-broker", packet: "PUBLISH", message: 180 }],
      },
      { states: true },
    );
    const before = layout(trace, { width: 960 });
    const taken = layoutFrom(before, trace, next, { width: 960 });
    expect(picture(taken)).toEqual(picture(layout({ ...next }, { width: 960 })));
    const { kept, full } = lastLayoutFrom();
    expect(full).toBeNull();
    // Everything of the first 170 messages or so is the previous layout's own objects.
    expect(kept.arrows).toBeGreaterThan(0.85 * 4 * 2 * 180 * 0.9);
    expect(taken.arrows.slice(0, kept.arrows).every((a, i) => a === before.arrows[i])).toBe(true);
    expect(taken.arrows[kept.arrows]).not.toBe(before.arrows[kept.arrows]);
    // Taken over again from the layout it made: a chain of clicks keeps taking over.
    const back = layoutFrom(taken, next, trace, { width: 960 });
    expect(lastLayoutFrom().full).toBeNull();
    expect(picture(back)).toEqual(picture(before));
  }, 60_000);

  it("lays out in full when the previous layout is not of the trace given", () => {
    const scenario = { publishQos: 1, messages: Array.from({ length: 30 }, () => ({ payload: "x" })) };
    const trace = simulate(scenario, { states: true });
    const other = simulate({ ...scenario, publishQos: 2 }, { states: true });
    const d = layoutFrom(layout(trace, { width: 640 }), other, trace, { width: 640 });
    expect(lastLayoutFrom().full).toBe("previous layout not taken over");
    expect(picture(d)).toEqual(picture(layout(trace, { width: 640 })));
  });
});
