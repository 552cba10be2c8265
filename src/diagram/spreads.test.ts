import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { around, busyStretches, stretchAt, stretchCuts, stretchesOver } from "./spreads.ts";

describe("stretchCuts", () => {
  it("cuts where flights only touch, never inside one, and at both ends", () => {
    // PUBLISH 0–40, PUBREC 40–80; a second hop 20–60 overlaps both; idle until 300; 300–340.
    const busy: [number, number][] = [
      [0, 40],
      [40, 80],
      [300, 340],
    ];
    expect(stretchCuts(busy, 400)).toEqual([0, 40, 80, 300, 340, 400]);
    expect(stretchCuts([...busy, [20, 60]], 400)).toEqual([0, 80, 300, 340, 400]);
  });

  it("puts every flight inside one stretch, for any flights", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 200 })), {
          minLength: 1,
          maxLength: 30,
        }),
        (spans) => {
          const busy = spans.map(([a, d]) => [a, a + d] as [number, number]);
          const end = Math.max(...busy.map(([, b]) => b));
          const cuts = stretchCuts(busy, end);
          expect(cuts[0]).toBe(0);
          expect(cuts[cuts.length - 1]).toBe(end);
          for (const [a, b] of busy) {
            // No cut strictly inside a flight; a flight with a length lies in exactly one stretch.
            expect(cuts.some((c) => c > a && c < b)).toBe(false);
            if (b > a) expect(stretchesOver(cuts, a, b)).toEqual([stretchAt(cuts, a)]);
          }
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);
});

describe("stretchAt and stretchesOver", () => {
  const cuts = [0, 40, 80, 300];

  it("name the stretch just after an instant, the last one at the end", () => {
    expect([0, 39, 40, 79.5, 80, 300, 999].map((t) => stretchAt(cuts, t))).toEqual([0, 0, 1, 1, 2, 2, 2]);
  });

  it("give both stretches that meet at an instant, and every stretch a span overlaps", () => {
    expect(stretchesOver(cuts, 40, 40)).toEqual([0, 1]);
    expect(stretchesOver(cuts, 20, 20)).toEqual([0]);
    expect(stretchesOver(cuts, 0, 0)).toEqual([0]);
    expect(stretchesOver(cuts, 20, 100)).toEqual([0, 1, 2]);
    expect(stretchesOver(cuts, 40, 80)).toEqual([1]);
    expect(stretchesOver([0], 0, 0)).toEqual([]);
  });

  it("tell stretches with a packet in flight from idle ones", () => {
    const busy: [number, number][] = [
      [0, 40],
      [40, 80],
      [300, 340],
    ];
    expect(busyStretches(stretchCuts(busy, 400), busy)).toEqual([true, true, false, true, false]);
  });

  it("grow around a crowded span: its own stretches and those meeting it at either end", () => {
    expect(around([0, 40, 80, 120, 300], 40, 80)).toEqual([0, 1, 2]);
    expect(around([0, 40, 80, 120, 300], 60, 60)).toEqual([1]);
    expect(around([0, 40, 80, 120, 300], 80, 80)).toEqual([1, 2]);
  });
});
