import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { timeWarp } from "./timeWarp.ts";

const options = { pxPerMs: 1, idlePx: 50, top: 10 };

describe("timeWarp", () => {
  it("draws flights to scale and squeezes idle stretches to a fixed height", () => {
    const warp = timeWarp(
      [
        [0, 40],
        [340, 380],
      ],
      380,
      options,
    );
    expect(warp.yOf(0)).toBe(10);
    expect(warp.yOf(40)).toBe(50);
    expect(warp.yOf(340)).toBe(100);
    expect(warp.yOf(380)).toBe(140);
    expect(warp.gaps).toEqual([{ t0: 40, t1: 340, y0: 50, y1: 100 }]);
  });

  it("keeps a short idle stretch to scale", () => {
    const warp = timeWarp(
      [
        [0, 40],
        [60, 100],
      ],
      100,
      options,
    );
    expect(warp.yOf(60)).toBe(70);
    expect(warp.gaps).toEqual([]);
  });

  it("draws a stretch taller by its spread, idle ones squeezed to at most the cap", () => {
    const busy: [number, number][] = [
      [0, 40],
      [40, 80],
      [380, 420],
    ];
    // The stretch from 40 is spread 2 (80 px instead of 40), the idle one 3 (capped at 1.5).
    const spreadAt = (t: number) => (t === 40 ? 2 : t === 80 ? 3 : 1);
    const warp = timeWarp(busy, 420, { ...options, spreadAt, idleSpreadCap: 1.5 });
    expect(warp.yOf(40)).toBe(50);
    expect(warp.yOf(80)).toBe(130);
    expect(warp.gaps).toEqual([{ t0: 80, t1: 380, y0: 130, y1: 205 }]);
    expect(warp.yOf(420)).toBe(245);
    // Within a stretch, still linear: half the stretch is half its height.
    expect(warp.yOf(60)).toBe(90);
  });

  it("is monotonic and tOf inverts yOf", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 200 })), {
          minLength: 1,
          maxLength: 20,
        }),
        (spans) => {
          const busy = spans.map(([a, d]) => [a, a + d] as [number, number]);
          const end = Math.max(...busy.map(([, b]) => b));
          const warp = timeWarp(busy, end, options);
          let last = -Infinity;
          for (let t = 0; t <= end; t += end / 50) {
            const y = warp.yOf(t);
            expect(y).toBeGreaterThanOrEqual(last);
            last = y;
            // Inside a squeezed stretch several times share no y, so the round trip is exact.
            expect(warp.tOf(y)).toBeCloseTo(t, 6);
          }
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);
});
