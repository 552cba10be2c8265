/**
 * What "Show in diagram" loads: the set-up on screen with the plan's faults, under the profiles
 * the plan was explored with, so the diagram shows what the explorer showed (a plan found under
 * Mosquitto 2.0 is loaded with Mosquitto 2.0 as the broker). Pure.
 */
import type { Fault, Scenario } from "../../sim/types.ts";

/** The profiles a plan was explored under; undefined: the set-up's own (none named). */
export type PlanProfiles = Scenario["profiles"];

export function planScenario(onScreen: Scenario, faults: Fault[], profiles: PlanProfiles): Scenario {
  return { ...onScreen, faults, ...(profiles ? { profiles } : {}) };
}
