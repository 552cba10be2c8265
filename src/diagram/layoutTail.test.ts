import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraryScenario } from "../sim/arbitrary.ts";
import { toggleDrop } from "../sim/interventions.ts";
import { simulate } from "../sim/simulate.ts";
import type { Fault, PacketEvent } from "../sim/types.ts";
import { drawables } from "./drawables.ts";
import { layout } from "./layout.ts";
import { lastLayoutFrom, layoutFrom } from "./layoutFrom.ts";
import { picture, toggled } from "./layoutFrom.testing.ts";

const PACKETS = ["PUBLISH", "PUBACK", "PUBREC", "PUBREL", "PUBCOMP"] as const;

describe("layoutFrom taking over the tail", () => {
  it("draws what a full layout draws after a toggle early, in the middle or late of a long random scenario", () => {
    const seen = { runs: 0, tail: 0, anew: 0, noTail: 0 };
    fc.assert(
      fc.property(
        arbitraryScenario({ maxFaults: 4 }),
        fc.integer({ min: 60, max: 110 }),
        fc.record({
          hop: fc.constantFrom("publisher-broker", "broker-subscriber"),
          packet: fc.oneof({ arbitrary: fc.constant("PUBLISH"), weight: 3 }, fc.constantFrom(...PACKETS)),
        }),
        fc.constantFrom("early", "middle", "late"),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom(640, 960, 1280),
        fc.constantFrom(1, 1, 1.8),
        // Mostly far apart (as a long run on the page: the tail goes on shifted), sometimes as
        // generated (overlapping: a change moves what follows in other ways, the tail must not hold).
        fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, fc.constant(false)),
        // The page's default latency (a flight of 56 px is 1.4 px/ms), or as generated.
        fc.constantFrom(40, undefined),
        (base, count, which, where, offset, width, fontScale, apart, latencyMs) => {
          const messages = Array.from({ length: count }, (_, i) => base.messages[i % base.messages.length]!);
          const timing = {
            ...base.timing,
            ...(apart ? { publishIntervalMs: 1000 } : {}),
            // (An "on-timeout" timer at least half the latency, as the scenario's rules ask.)
            ...(latencyMs ? { latencyMs, timeoutMs: Math.max(base.timing.timeoutMs, latencyMs) } : {}),
          };
          const scenario = { ...base, messages, timing };
          const hop = scenario.subscriber ? which.hop : "publisher-broker";
          const at = { early: 1, middle: count >> 1, late: count - 8 }[where];
          const fault = { ...which, hop, message: at + offset, attempt: 1 } as Fault;
          const trace = simulate(scenario, { states: true });
          const next = simulate(toggled(scenario, fault), { states: true });
          const options = { width, fontScale };
          const before = layout(trace, options);
          const taken = layoutFrom(before, trace, next, options);
          const reuse = lastLayoutFrom();
          // Against a fresh copy: `next` holds the texts layoutFrom took over for it, checked too.
          expect(picture(taken)).toEqual(picture(layout({ ...next }, options)));
          expect(drawables(next)).toEqual(drawables({ ...next }));
          seen.runs++;
          if (reuse.noTail === null) seen.tail++;
          else seen.noTail++;
          if (reuse.anew > 0) seen.anew++;
        },
      ),
      { numRuns: 60, seed: 11 },
    );
    // Not vacuous: many toggles take over a tail (the others: short traces, a toggle that changed
    // nothing drawn, a drawing moved by a fraction of a pixel at text scale 1.8), some with items
    // placed anew near a power of two, and some must not take one over (yet draw as a full layout).
    expect(seen.tail).toBeGreaterThan(seen.runs / 4);
    expect(seen.anew).toBeGreaterThanOrEqual(3);
    expect(seen.noTail).toBeGreaterThanOrEqual(3);
  }, 300_000);

  it("lays out without the tail when what the change placed anew reaches down into it", () => {
    // A PUBREC lost under a 40 ms timer: the resends' texts hang down to the next message's.
    const scenario = {
      protocol: "3.1.1",
      retransmit: "on-timeout",
      session: { publisher: "persistent", subscriber: "clean" },
      publishQos: 2,
      qos2Delivery: { broker: "on-publish", subscriber: "on-pubrel" },
      dedupe: true,
      messages: Array.from({ length: 60 }, () => ({ topic: "y918r", payload: "@", retain: false })),
      timing: { latencyMs: 40, timeoutMs: 40, reconnectDelayMs: 330, publishIntervalMs: 1000 },
    } as const;
    const trace = simulate(scenario, { states: true });
    const fault = { hop: "publisher-broker", packet: "PUBREC", message: 40, attempt: 1 } as const;
    const next = simulate({ ...scenario, faults: [fault] }, { states: true });
    const options = { width: 960 };
    const taken = layoutFrom(layout(trace, options), trace, next, options);
    const reuse = lastLayoutFrom();
    // The tail passed the checks made before the placing, not the one after: tried again without it.
    expect(reuse.noTail).toBe("what changed reaches the tail");
    expect(reuse.full).toBeNull();
    expect(reuse.kept.arrows).toBeGreaterThan(0);
    expect(reuse.moved.arrows).toBe(0);
    expect(picture(taken)).toEqual(picture(layout({ ...next }, options)));
  }, 60_000);

  it("takes over nearly all of the click benchmark's 1,000-message trace after a drop at message 3, and back", () => {
    const scenario = {
      publishQos: 2,
      subscriber: { qos: 2 },
      messages: Array.from({ length: 1000 }, () => ({})),
    } as const;
    const trace = simulate(scenario, { states: true });
    const target = trace.events.find(
      (e): e is PacketEvent =>
        e.type === "packet" && e.packet === "PUBLISH" && e.hop === "publisher-broker" && e.message === 3,
    );
    if (!target) throw new Error("no PUBLISH of message 3");
    const next = simulate(
      { ...scenario, faults: toggleDrop(trace.scenario, target).faults },
      { states: true },
    );
    const options = { width: 960 };
    const before = layout(trace, options);
    const taken = layoutFrom(before, trace, next, options);
    const reuse = lastLayoutFrom();
    expect(reuse.full).toBeNull();
    expect(reuse.noTail).toBeNull();
    // Everything from message 4 or 5 on is the previous drawing moved down; a few items whose
    // positions cross a power of two when moved are placed anew, and land where they were, moved.
    expect(reuse.moved.arrows).toBeGreaterThan(0.99 * taken.arrows.length);
    expect(reuse.moved.badges).toBeGreaterThan(0.99 * taken.badges.length);
    expect(reuse.anew).toBeGreaterThan(0);
    expect(picture(taken)).toEqual(picture(layout({ ...next }, options)));
    // The head is the previous layout's own objects; the tail new ones (moved), keyed alike.
    expect(taken.arrows[0]).toBe(before.arrows[0]);
    const last = taken.arrows.length - 1;
    expect(taken.arrows[last]).not.toBe(before.arrows[before.arrows.length - 1]);
    expect(taken.arrows[last]?.key).toBe(before.arrows[before.arrows.length - 1]?.key);
    // The packet restored: the tail moves back up, from the layout just made.
    const back = layoutFrom(taken, next, trace, options);
    expect(lastLayoutFrom().noTail).toBeNull();
    expect(lastLayoutFrom().moved.arrows).toBeGreaterThan(0.99 * back.arrows.length);
    expect(picture(back)).toEqual(picture(before));
  }, 120_000);
});
