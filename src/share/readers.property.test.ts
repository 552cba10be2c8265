/**
 * The readers of outside input never throw, never hand back NaN or Infinity, and name the
 * parameter or attribute each problem is about, whatever they are fed (issue #10).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraryScenario } from "../sim/arbitrary.ts";
import { parseScenario } from "../sim/scenario.ts";
import { hostilePairs, nonFinite, searchOf, withRawNumber } from "./adversarial.testing.ts";
import { OBSERVED_ATTRIBUTES, readAttributes } from "./attributes.ts";
import { readEmbedParams } from "./embedParams.ts";
import { NAMELESS, readUrl } from "./url.ts";
import { writeUrl } from "./urlWriter.ts";
import { VOCABULARY } from "./vocabulary.ts";

/** The name a notice starts with. */
const nameOf = (notice: string) => notice.slice(0, notice.indexOf(": "));

/** The names as URLSearchParams reads them back (what the reader saw). */
const written = (pairs: readonly (readonly [string, string])[]) => [
  ...new Set([...new URLSearchParams(searchOf(pairs)).keys()].map((n) => (n === "" ? NAMELESS : n))),
];

/** Whether a notice starts with one of these names (a name may hold ": " itself). */
const namesOne = (notice: string, names: readonly string[]) => names.some((n) => notice.startsWith(`${n}: `));

describe("readers of outside input, fed random and hostile values", () => {
  it("readUrl: a valid scenario with every good parameter, each bad one named", () => {
    fc.assert(
      fc.property(hostilePairs, (pairs) => {
        const state = readUrl(searchOf(pairs));
        expect(nonFinite(state)).toBeNull();
        if (state.scenario) expect(parseScenario(state.scenario).ok).toBe(true);
        const names = written(pairs);
        for (const notice of state.notices) expect(namesOne(notice, names), notice).toBe(true);
      }),
      { numRuns: 400 },
    );
  }, 120_000);

  it("readEmbedParams: the same, and the embed's own options in range", () => {
    fc.assert(
      fc.property(hostilePairs, (pairs) => {
        const params = readEmbedParams(searchOf(pairs));
        expect(nonFinite(params)).toBeNull();
        expect(parseScenario(params.scenario).ok).toBe(true);
        if (params.steps) {
          expect(Number.isSafeInteger(params.steps.to)).toBe(true);
          expect(params.steps.from).toBeGreaterThanOrEqual(1);
        }
        const names = written(pairs);
        for (const notice of params.notices) expect(namesOne(notice, names), notice).toBe(true);
      }),
      { numRuns: 400 },
    );
  }, 120_000);

  it("readAttributes: options always, each problem named by an attribute that is there", () => {
    fc.assert(
      fc.property(hostilePairs, (pairs) => {
        // An element has one value per attribute, its name lowercased by HTML.
        const attributes = new Map(pairs.map(([name, value]) => [name.toLowerCase(), value]));
        const result = readAttributes((name) => attributes.get(name) ?? null);
        expect(nonFinite(result)).toBeNull();
        expect(parseScenario(result.options.scenario).ok).toBe(true);
        expect(Number.isInteger(result.options.width)).toBe(true);
        if (result.options.step !== undefined) expect(Number.isSafeInteger(result.options.step)).toBe(true);
        if (result.ok) return;
        expect(result.problems.length).toBeGreaterThan(0);
        for (const problem of result.problems) {
          expect(OBSERVED_ATTRIBUTES, problem).toContain(nameOf(problem));
          expect(attributes.has(nameOf(problem)), problem).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  }, 120_000);

  it("readUrl: bad parameters added to any valid link leave its scenario as it was, each one named", () => {
    const names = [...VOCABULARY.flatMap((t) => [t.link, t.attribute]), "t", "view"].filter(
      (n): n is string => n !== null,
    );
    // Values no field, position or view can use.
    const bad = fc.constantFrom("NaN", "\u0000bad", "-1", "Infinity", "9".repeat(400), "__proto__", '{"a"');
    fc.assert(
      fc.property(
        arbitraryScenario(),
        fc.array(fc.tuple(fc.constantFrom(...names), bad), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        (scenario, junk, first) => {
          const link = new URLSearchParams(writeUrl(scenario));
          const extra = junk.filter(([name]) => !link.has(name));
          const pairs = [...link.entries()];
          const all = first ? [...extra, ...pairs] : [...pairs, ...extra];
          const state = readUrl(searchOf(all));
          expect(state.scenario).toEqual(scenario);
          for (const [name] of extra) {
            expect(
              state.notices.some((n) => n.startsWith(`${name}: `)),
              name,
            ).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  }, 120_000);

  it("readUrl and readAttributes: a scenario JSON with 1e400, -0 or a fraction in a field", () => {
    fc.assert(
      fc.property(withRawNumber(arbitraryScenario()), (json) => {
        const state = readUrl(searchOf([["scenario", json]]));
        expect(nonFinite(state)).toBeNull();
        expect(state.scenario && parseScenario(state.scenario).ok).toBe(true);
        const element = readAttributes((name) => (name === "scenario" ? json : null));
        expect(nonFinite(element)).toBeNull();
        expect(parseScenario(element.options.scenario).ok).toBe(true);
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});
