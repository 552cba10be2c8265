/**
 * When the page hands a scenario to its worker rather than run it in the click that asked for it.
 * Tiny on purpose, and without the simulator: the page's first bundle imports it. Pure.
 */
import type { Scenario } from "../sim/types.ts";

/**
 * More messages and faults than this and the page simulates in its worker, with progress and
 * cancel (about 0.15 s of simulation and layout on one core of the machines measured).
 */
export const DIRECT_RUN_WEIGHT = 250;

/** Files larger than this are parsed in the worker too (about 1,400 messages of a typical size). */
export const DIRECT_IMPORT_BYTES = 64 * 1024;

/** Whether the page runs this scenario in its worker rather than in the click that asked for it. */
export function runsInWorker(scenario: Scenario): boolean {
  return scenario.messages.length + scenario.faults.length > DIRECT_RUN_WEIGHT;
}
