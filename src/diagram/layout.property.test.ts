import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PRESETS, presetScenario } from "../app/presets.ts";
import { arbitraryScenario } from "../sim/arbitrary.ts";
import { runScenario } from "../sim/runScenario.ts";
import { layout } from "./layout.ts";
import { layoutProblems } from "./layoutCheck.testing.ts";

const widths = fc.integer({ min: 320, max: 1920 });
const scales = fc.constantFrom(1, 1, 1.4, 1.8);

describe("the layout never collides", () => {
  it("at any width from 320 px, every preset: no overlap, labels off their lines, all inside", () => {
    const traces = PRESETS.map((p) => runScenario(presetScenario(p)));
    fc.assert(
      fc.property(fc.nat({ max: traces.length - 1 }), widths, scales, (i, width, fontScale) => {
        const d = layout(traces[i]!, { width, fontScale });
        expect(layoutProblems(d)).toEqual([]);
        expect(d.width).toBeGreaterThanOrEqual(width);
      }),
      { numRuns: 1000 },
    );
  }, 120_000);

  it("for random scenarios (1–5 messages, one or two hops, random faults) at random widths", () => {
    fc.assert(
      fc.property(arbitraryScenario(), widths, scales, (scenario, width, fontScale) => {
        const d = layout(runScenario(scenario), { width, fontScale });
        expect(layoutProblems(d)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  }, 240_000);
});
