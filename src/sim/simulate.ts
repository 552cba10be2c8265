/**
 * The simulator's front door: validate a scenario (any JSON value), then run it. Pure and
 * deterministic: same input, same trace. Throws ScenarioError, naming each bad field, on bad input.
 */
import { runScenario, type RunOptions } from "./runScenario.ts";
import { parseScenario, ScenarioError } from "./scenario.ts";
import type { Trace } from "./types.ts";

export type { RunOptions } from "./engine.ts";

export function simulate(input: unknown, options: RunOptions = {}): Trace {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new ScenarioError(parsed.problems);
  return runScenario(parsed.scenario, options);
}
