import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { textWidth } from "./textWidth.ts";

/** The table's widths by character, read one code point at a time: what textWidth must equal. */
function reference(text: string, fontPx: number): number {
  let em = 0;
  for (const ch of text) em += textWidth(ch, 1) / 1.04;
  return em * fontPx * 1.04;
}

describe("textWidth", () => {
  it("counts a pair of surrogates as one unknown character, 1 em, and a lone one as one too", () => {
    expect(textWidth("😀", 10)).toBeCloseTo(10 * 1.04, 9);
    expect(textWidth("\ud83d", 10)).toBeCloseTo(10 * 1.04, 9);
    expect(textWidth("a😀b", 10)).toBeCloseTo(
      textWidth("a", 10) + textWidth("😀", 10) + textWidth("b", 10),
      9,
    );
  });

  it("reads digits, table characters beyond ASCII and unknown ones as the table says", () => {
    expect(textWidth("0123456789", 100)).toBeCloseTo(10 * 0.7 * 100 * 1.04, 9);
    expect(textWidth("⚡✕→", 100)).toBeCloseTo((0.71 + 0.84 + 0.84) * 100 * 1.04, 9);
    expect(textWidth("\u0007", 100)).toBeCloseTo(100 * 1.04, 9);
  });

  it("is the sum of its characters' widths, whatever the text", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 40 }),
        fc.double({ min: 1, max: 40, noNaN: true }),
        (text, px) => {
          expect(textWidth(text, px)).toBeCloseTo(reference(text, px), 6);
        },
      ),
      { numRuns: 300 },
    );
  }, 20_000);
});
