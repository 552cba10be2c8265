/**
 * The JSON editor's parser (editText → parseScenarioJson), fed any text, hostile ones included:
 * a new valid scenario, or problems each naming the field (or the line and column), the last
 * good scenario kept; never a throw, never NaN or Infinity (issue #10).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraryScenario } from "../sim/arbitrary.ts";
import * as validator from "../sim/scenario.ts";
import { parseScenario } from "../sim/scenario.ts";
import { hostileText, nonFinite, withRawNumber } from "../share/adversarial.testing.ts";
import { editorText, editText, initialState } from "./scenarioState.ts";

const typed = fc.oneof(
  hostileText,
  arbitraryScenario().map((s) => JSON.stringify(s, null, 2)),
  withRawNumber(arbitraryScenario()),
  // A valid scenario with one field replaced by a hostile value.
  fc
    .tuple(
      arbitraryScenario(),
      fc.constantFrom("publishQos", "timing", "faults", "messages", "session"),
      hostileText,
    )
    .map(([s, key, junk]) => JSON.stringify({ ...s, [key]: junk })),
);

describe("the JSON editor's parser, fed random and hostile text", () => {
  it("gives a valid scenario or names each problem, keeping the last good scenario", () => {
    fc.assert(
      fc.property(arbitraryScenario(), typed, (before, text) => {
        const start = initialState(before, null);
        const next = editText(start, text, null, validator);
        expect(nonFinite(next.scenario)).toBeNull();
        expect(parseScenario(next.scenario).ok).toBe(true);
        expect(editorText(next)).toBe(text);
        if (next.problems.length === 0) return;
        expect(next.scenario).toBe(before);
        for (const problem of next.problems) expect(problem).toMatch(/^.+?: \S/);
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});
