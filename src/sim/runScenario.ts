/**
 * `runScenario`: the engine with the real packet encoder (wire.ts, mqtt-packet) and the profile
 * records (profileSupport.ts) bound. What Node, the command line, the worker, the tests and every
 * lazy view run. The page's first diagram runs the engine alone (engine.ts) and gets its bytes
 * when the encoder has loaded (deferredBytes.ts); it loads the records first only for a scenario
 * that names profiles.
 */
import { encode } from "../protocol/wire.ts";
import { runScenarioWith, type EngineParts, type RunOptions } from "./engine.ts";
import { PROFILE_SUPPORT } from "./profileSupport.ts";
import type { Scenario, Trace } from "./types.ts";

export type { RunOptions } from "./engine.ts";

const PARTS: EngineParts = { encode, profiles: PROFILE_SUPPORT };

/** Runs a validated scenario to completion. Pure and deterministic. */
export function runScenario(scenario: Scenario, options: RunOptions = {}): Trace {
  return runScenarioWith(PARTS, scenario, options);
}
