import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { instantAt, stepsOf, type StepKind } from "../sim/steps.ts";
import { arbitraryScenario } from "../sim/arbitrary.ts";
import { runScenario } from "../sim/runScenario.ts";
import { holdingsAt } from "./holdings.ts";
import { narrateAll, narrateAt } from "./narrate.ts";
import { wordCount } from "./testing.ts";
import { explainOutcome } from "./verdict.ts";

const RUNS = 300;
/** Generous: a verdict must not depend on how busy the machine is (a few seconds when idle). */
const TIMEOUT_MS = 120_000;
/**
 * Timers longer than the round trip: with a timer far shorter than the round trip on two hops every
 * copy is resent hundreds of times and the simulator stops with "did not settle". Spurious timer
 * resends are covered separately, on one hop.
 */
const scenarios = arbitraryScenario({ timeout: "above-round-trip" });
const spurious = arbitraryScenario({
  retransmit: ["on-timeout"],
  timeout: "up-to-round-trip",
  subscriber: "never",
});
const broken = /undefined|NaN|null|\[object/;

function expectedHeadline(processed: number): RegExp {
  if (processed === 0) return /^not processed at all$/;
  if (processed === 1) return /processed (exactly )?once$/;
  return new RegExp(`processed ${processed === 2 ? "twice" : `${processed} times`}$`);
}

describe("explanations of random scenarios", { timeout: TIMEOUT_MS }, () => {
  it("stay complete when short timers resend before any answer can arrive", () => {
    fc.assert(
      fc.property(spurious, (scenario) => {
        const trace = runScenario(scenario, { states: true });
        expect(narrateAll(trace).every((s) => s.length > 0 && !broken.test(s))).toBe(true);
        expect(explainOutcome(trace)).toHaveLength(scenario.messages.length);
      }),
      { numRuns: 40 },
    );
  });

  it("narrate every step with one short, complete sentence", () => {
    fc.assert(
      fc.property(scenarios, (scenario) => {
        const trace = runScenario(scenario, { states: true });
        const sentences = narrateAll(trace);
        expect(sentences).toHaveLength(stepsOf(trace).length);
        for (const s of sentences) {
          expect(s).toMatch(/^[A-Z].*[.]$/);
          expect(s).not.toMatch(broken);
          expect(wordCount(s)).toBeLessThanOrEqual(30);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("tell every event of the trace at the instants playback stops at", () => {
    fc.assert(
      fc.property(scenarios, (scenario) => {
        const trace = runScenario(scenario, { states: true });
        const steps = stepsOf(trace);
        const told = new Map<number, StepKind[]>();
        // Next and Back stop at each step time once; the narration line shows narrateAt there.
        for (const t of new Set(steps.map((s) => s.t))) {
          const { first, end } = instantAt(steps, t);
          expect(narrateAt(trace, steps, t)).toHaveLength(end - first);
          for (const s of steps.slice(first, end)) told.set(s.index, [...(told.get(s.index) ?? []), s.kind]);
        }
        trace.events.forEach((e, i) => {
          if (e.type === "state") return;
          const kinds = told.get(i);
          if (e.type === "packet") expect(kinds).toEqual(["send", e.dropped ? "lost" : "arrive"]);
          else expect(kinds).toEqual(["event"]);
        });
      }),
      { numRuns: RUNS },
    );
  });

  it("tell the same story with or without recorded state events", () => {
    fc.assert(
      fc.property(scenarios, (scenario) => {
        expect(narrateAll(runScenario(scenario))).toEqual(
          narrateAll(runScenario(scenario, { states: true })),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it("explain every message with a headline that matches what was processed", () => {
    fc.assert(
      fc.property(scenarios, (scenario) => {
        const trace = runScenario(scenario);
        const explained = explainOutcome(trace);
        expect(explained.map((x) => x.message)).toEqual(scenario.messages.map((_, i) => i + 1));
        explained.forEach((x, i) => {
          const o = trace.outcome.messages[i];
          expect(x.verdict).toBe(o?.verdict);
          expect(x.headline).toMatch(expectedHeadline(o?.processed ?? -1));
          expect(x.why).toMatch(/^[A-Z].*[.]$/);
          expect(x.why).not.toMatch(broken);
        });
      }),
      { numRuns: RUNS },
    );
  });

  it("show every party holding nothing once the run has settled", () => {
    fc.assert(
      fc.property(scenarios, (scenario) => {
        const trace = runScenario(scenario, { states: true });
        for (const step of stepsOf(trace)) holdingsAt(trace, step.t);
        for (const party of holdingsAt(trace, Number.POSITIVE_INFINITY)) {
          expect(party.lines).toEqual(["nothing in flight"]);
          expect(party.link.state).toBe("up");
        }
      }),
      { numRuns: RUNS },
    );
  });
});
