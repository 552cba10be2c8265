/**
 * `runScenario`: the engine with the real packet encoder (wire.ts, mqtt-packet) bound. What Node,
 * the command line, the worker, the tests and every lazy view run. The page's first diagram runs
 * the engine alone (engine.ts) and gets its bytes when the encoder has loaded (deferredBytes.ts).
 */
import { encode } from "../protocol/wire.ts";
import { runScenarioWith, type RunOptions } from "./engine.ts";
import type { Scenario, Trace } from "./types.ts";

export type { RunOptions } from "./engine.ts";

/** Runs a validated scenario to completion. Pure and deterministic. */
export function runScenario(scenario: Scenario, options: RunOptions = {}): Trace {
  return runScenarioWith(encode, scenario, options);
}
