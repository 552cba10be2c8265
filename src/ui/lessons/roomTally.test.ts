import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countHands, emptyTally, MAX_HANDS, roomChoice, setHands, tallyRows } from "./roomTally.ts";

const CHOICES = ["once", "duplicated", "lost"];

describe("room tally", () => {
  it("counts hands per choice, never below 0 or above the cap, ignoring unknown choices", () => {
    let tally = emptyTally(CHOICES);
    tally = countHands(tally, "once", 1);
    tally = countHands(tally, "once", 1);
    tally = countHands(tally, "lost", -1);
    expect(tally).toEqual({ once: 2, duplicated: 0, lost: 0 });
    expect(countHands(tally, "nobody", 1)).toBe(tally);
    expect(countHands(tally, "once", 5000).once).toBe(MAX_HANDS);
  });

  it("takes a typed count only when it is a whole number", () => {
    const tally = emptyTally(CHOICES);
    expect(setHands(tally, "duplicated", " 12 ").duplicated).toBe(12);
    expect(setHands(tally, "duplicated", "-3")).toBe(tally);
    expect(setHands(tally, "duplicated", "1e3")).toBe(tally);
    expect(setHands(tally, "duplicated", "")).toBe(tally);
  });

  it("shows shares that add up to 100, largest remainder first", () => {
    expect(tallyRows({ once: 1, duplicated: 1, lost: 1 }, CHOICES).map((r) => r.percent)).toEqual([
      34, 33, 33,
    ]);
    expect(tallyRows({ once: 3, duplicated: 1, lost: 0 }, CHOICES).map((r) => r.percent)).toEqual([
      75, 25, 0,
    ]);
    expect(tallyRows(emptyTally(CHOICES), CHOICES).map((r) => r.percent)).toEqual([0, 0, 0]);
  });

  it("names the room's choice, with ties", () => {
    expect(roomChoice({ once: 3, duplicated: 3, lost: 1 }, CHOICES)).toEqual(["once", "duplicated"]);
    expect(roomChoice(emptyTally(CHOICES), CHOICES)).toEqual([]);
  });

  it("any tally's shares add up to 100 and follow the counts", { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: MAX_HANDS }), { minLength: 1, maxLength: 5 }),
        (counts) => {
          const order = counts.map((_, i) => `c${i}`);
          const tally = Object.fromEntries(order.map((id, i) => [id, counts[i] ?? 0]));
          const rows = tallyRows(tally, order);
          const total = counts.reduce((a, b) => a + b, 0);
          const sum = rows.reduce((a, r) => a + r.percent, 0);
          expect(sum).toBe(total === 0 ? 0 : 100);
          for (const [i, row] of rows.entries()) {
            expect(Math.abs(row.percent - (total === 0 ? 0 : ((counts[i] ?? 0) * 100) / total))).toBeLessThan(
              1,
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
