import { ScenarioError, formatProblem, parseScenarioJson } from "../sim/scenario.ts";
import type { simulate as Simulate } from "../sim/simulate.ts";
import type { Trace } from "../sim/types.ts";

export type SimulateFn = typeof Simulate;

/** What the page shows for one version of the scenario JSON. */
export interface RunState {
  /** The JSON text this state was computed from. */
  text: string;
  /** The trace of this text, or the last good one when this text has problems. */
  trace: Trace | null;
  /** One line per problem (formatProblem); empty when `trace` belongs to `text`. */
  problems: string[];
}

/**
 * The simulator (XState, mqtt-packet) is loaded after first paint: the page's controls do not
 * need it, and it is about a quarter of the JavaScript.
 */
export function loadSimulator(): Promise<SimulateFn> {
  return import("../sim/simulate.ts").then((core) => core.simulate);
}

/** Parses and simulates `text`; on problems keeps `previous` so the page never goes blank. */
export function runScenario(text: string, previous: Trace | null, simulate: SimulateFn): RunState {
  const parsed = parseScenarioJson(text);
  if (!parsed.ok) return { text, trace: previous, problems: parsed.problems.map(formatProblem) };
  try {
    return { text, trace: simulate(parsed.scenario, { states: true }), problems: [] };
  } catch (error) {
    const problems =
      error instanceof ScenarioError
        ? error.problems.map(formatProblem)
        : [`The simulator failed: ${error instanceof Error ? error.message : String(error)}`];
    return { text, trace: previous, problems };
  }
}
