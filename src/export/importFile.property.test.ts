/**
 * Importing any text, hostile ones included (deep nesting, prototype keys, NaN-like and huge
 * numbers, traces with a bad scenario), gives a valid scenario or messages, never a throw, never
 * NaN or Infinity (issue #10).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraryScenario } from "../sim/arbitrary.ts";
import { parseScenario } from "../sim/scenario.ts";
import { hostileText, nonFinite, withRawNumber } from "../share/adversarial.testing.ts";
import { importJson } from "./importFile.ts";

/** Whether the text is JSON at all (else the problems give the line and column instead). */
function isJson(text: string): boolean {
  try {
    JSON.parse(text.startsWith("\uFEFF") ? text.slice(1) : text);
    return true;
  } catch {
    return false;
  }
}

const fileText = fc.oneof(
  hostileText,
  arbitraryScenario().map((s) => JSON.stringify(s)),
  fc
    .tuple(arbitraryScenario(), hostileText)
    .map(([s, junk]) => JSON.stringify({ scenario: s, events: junk })),
  hostileText.map((junk) => `{"scenario":${junk},"events":[]}`),
  withRawNumber(arbitraryScenario()),
);

describe("importJson, fed random and hostile files", () => {
  it("returns a valid scenario or messages, never throws, never NaN", () => {
    fc.assert(
      fc.property(fileText, (text) => {
        const result = importJson(text);
        expect(nonFinite(result)).toBeNull();
        if (result.ok) {
          expect(parseScenario(result.scenario).ok).toBe(true);
          return;
        }
        expect(result.problems.length).toBeGreaterThan(0);
        for (const problem of result.problems) {
          expect(problem.trim()).not.toBe("");
          // A field's problem names the field ("faults[0].packet: …"); a syntax error its place.
          if (isJson(text) && text.trim() !== "") expect(problem).toMatch(/: \S/);
        }
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it("reads back every valid scenario, alone or inside a trace", () => {
    fc.assert(
      fc.property(arbitraryScenario(), fc.boolean(), (scenario, asTrace) => {
        const text = JSON.stringify(asTrace ? { scenario, events: [], outcome: {} } : scenario);
        expect(importJson(text)).toEqual({ ok: true, scenario, kind: asTrace ? "trace" : "scenario" });
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});
