/**
 * A task's set-up form: which of the form's fields the task's `may` leaves to the learner (every
 * other one is shown locked), and the scenario a form change makes. Pure.
 */
import { parseScenario } from "../../sim/scenario.ts";
import type { Scenario } from "../../sim/types.ts";
import { applySetup, type Setup } from "../../share/setup.ts";
import type { MayChange } from "./core.ts";

/** The form's fields each control of `may` unlocks; the hops are never the learner's. */
const FIELDS_OF: Record<Exclude<MayChange, "drop">, readonly (keyof Setup)[]> = {
  publishQos: ["publishQos"],
  subscriberQos: ["subscriberQos"],
  session: ["session"],
  protocol: ["protocol"],
  retransmit: ["retransmit"],
  qos2Delivery: ["brokerDelivery", "subscriberDelivery"],
  dedupe: ["dedupe"],
};

const ALL_FIELDS: readonly (keyof Setup)[] = [
  "publishQos",
  "hops",
  "subscriberQos",
  "retransmit",
  "session",
  "protocol",
  "brokerDelivery",
  "subscriberDelivery",
  "dedupe",
];

/** The form fields a task locks: all but those its `may` names. */
export function lockedFields(may: readonly MayChange[]): ReadonlySet<keyof Setup> {
  const open = new Set(may.flatMap((control) => (control === "drop" ? [] : FIELDS_OF[control])));
  return new Set(ALL_FIELDS.filter((field) => !open.has(field)));
}

/** Whether the task lets the learner change any of the form's fields (else the form is not shown). */
export function formUnlocked(may: readonly MayChange[]): boolean {
  return may.some((control) => control !== "drop");
}

/** The scenario with the form's set-up applied (faults, messages and timing kept), or null if refused. */
export function withSetup(scenario: Scenario, setup: Setup): Scenario | null {
  const result = parseScenario(applySetup({ ...scenario }, setup));
  return result.ok ? result.scenario : null;
}
