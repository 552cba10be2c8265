import { describe, expect, it } from "vitest";
import { seededRandom } from "./random.ts";

describe("seededRandom", () => {
  it("repeats the same sequence for the same seed", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    expect(Array.from({ length: 50 }, a)).toEqual(Array.from({ length: 50 }, b));
  });

  it("gives different sequences for different seeds", () => {
    expect(Array.from({ length: 5 }, seededRandom(1))).not.toEqual(
      Array.from({ length: 5 }, seededRandom(2)),
    );
  });

  it("stays in [0, 1) and is roughly uniform", () => {
    const r = seededRandom(7);
    const buckets = new Array(10).fill(0) as number[];
    for (let i = 0; i < 100_000; i++) {
      const x = r();
      expect(x >= 0 && x < 1).toBe(true);
      buckets[Math.floor(x * 10)]!++;
    }
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });
});
