/**
 * What a named profile changes in the parsed scenario: a QoS 2 receiver's `qos2Delivery`, when the
 * input did not set it, becomes that implementation's method (EMQX: "on-publish"), so that the
 * echoed scenario says what runs. A method the input set explicitly stays, and the trace reports
 * the profile overriding it as a finding. Pure.
 */
import { profileById } from "../protocol/profiles/index.ts";
import { field, isPlainObject } from "./plainData.ts";
import type { Scenario } from "./types.ts";

const RECEIVERS = ["broker", "subscriber"] as const;

/** `scenario` with its profiles' defaults; the same object when there is nothing to change. */
export function withProfileDefaults(input: unknown, scenario: Scenario): Scenario {
  const { profiles } = scenario;
  if (profiles === undefined) return scenario;
  const given = isPlainObject(input) ? field(input, "qos2Delivery") : undefined;
  let qos2Delivery = scenario.qos2Delivery;
  for (const party of RECEIVERS) {
    const method = profileById(profiles[party])?.behaviour.qos2Delivery;
    const explicit = isPlainObject(given) && field(given, party) !== undefined;
    if (method !== undefined && !explicit && qos2Delivery[party] !== method) {
      qos2Delivery = { ...qos2Delivery, [party]: method };
    }
  }
  return qos2Delivery === scenario.qos2Delivery ? scenario : { ...scenario, qos2Delivery };
}
