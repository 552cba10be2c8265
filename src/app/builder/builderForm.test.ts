import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkForm, DEFAULT_FORM, formFromStored, type BuilderForm } from "./builderForm.ts";

const form = (part: Partial<BuilderForm>): BuilderForm => ({ ...DEFAULT_FORM, ...part });

describe("the embed builder's form", () => {
  it("gives the chosen display; empty steps is the whole trace, empty width the column's", () => {
    expect(checkForm(form({ controls: "full", theme: "dark", from: "2", to: "7" }), 12)).toEqual({
      ok: true,
      display: {
        controls: "full",
        theme: "dark",
        autoplay: false,
        loop: false,
        steps: { from: 2, to: 7 },
        width: 640,
      },
    });
    const whole = checkForm(form({ width: "" }), 12);
    expect(whole.ok && whole.display.steps).toBeUndefined();
    expect(whole.ok && whole.display.width).toBeUndefined();
  });

  it("checks the step range against the trace's steps, naming the field", () => {
    expect(checkForm(form({ from: "3", to: "13" }), 12)).toEqual({
      ok: false,
      problems: [
        { field: "to", message: "To step: expected a whole number from 3 to 12 (this trace has 12 steps)" },
      ],
    });
    expect(checkForm(form({ from: "0", to: "4" }), 12)).toEqual({
      ok: false,
      problems: [
        {
          field: "from",
          message: "From step: expected a whole number from 1 to 12 (this trace has 12 steps)",
        },
      ],
    });
    // Last before first: the last end is the one named.
    const backwards = checkForm(form({ from: "8", to: "5" }), 12);
    expect(!backwards.ok && backwards.problems.map((p) => p.field)).toEqual(["to"]);
    // One end alone: the other is named.
    const half = checkForm(form({ from: "2" }), 12);
    expect(!half.ok && half.problems.map((p) => p.field)).toEqual(["to"]);
    const fraction = checkForm(form({ from: "1.5", to: "3" }), 12);
    expect(!fraction.ok && fraction.problems.map((p) => p.field)).toEqual(["from"]);
  });

  it("checks the width, naming the field", () => {
    for (const width of ["199", "4001", "wide", "-5", "640px"]) {
      const checked = checkForm(form({ width }), 12);
      expect(!checked.ok && checked.problems).toEqual([
        {
          field: "width",
          message: "Width (px): expected a whole number from 200 to 4000, or nothing to fill the column",
        },
      ]);
    }
  });

  it("accepts every range inside the trace and refuses every one outside it", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: -5, max: 210 }),
        fc.integer({ min: -5, max: 210 }),
        (count, from, to) => {
          const checked = checkForm(form({ from: String(from), to: String(to) }), count);
          const inside = from >= 1 && to >= from && to <= count;
          expect(checked.ok).toBe(inside);
          if (checked.ok) expect(checked.display.steps).toEqual({ from, to });
        },
      ),
      { numRuns: 500 },
    );
  }, 60_000);

  it("reads back what it stored, and never throws on what storage holds", () => {
    const chosen = form({ controls: "none", theme: "light", autoplay: true, loop: true, from: "2", to: "4" });
    expect(formFromStored(JSON.stringify(chosen))).toEqual(chosen);
    expect(formFromStored(null)).toEqual(DEFAULT_FORM);
    expect(formFromStored("{not json")).toEqual(DEFAULT_FORM);
    expect(formFromStored(JSON.stringify({ controls: "most", theme: 7, width: "x".repeat(50) }))).toEqual(
      DEFAULT_FORM,
    );
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const read = formFromStored(text);
        expect(Object.keys(read).sort()).toEqual(Object.keys(DEFAULT_FORM).sort());
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
