/**
 * The findings a scenario's profiles make before anything is sent: a QoS 2 delivery method other
 * than the one the scenario set, a subscription the broker grants at a lower QoS or not at all.
 * Pure.
 */
import { deliveryOf, grantedQos, type Behaviours } from "./behaviours.ts";
import { FindingLog } from "./findings.ts";
import type { Scenario } from "./types.ts";

/** A fresh finding log holding what the profiles change from the start. */
export function startingFindings(scenario: Scenario, behaviours: Behaviours): FindingLog {
  const log = new FindingLog(scenario);
  if (scenario.profiles === undefined) return log;
  const granted = grantedQos(scenario, behaviours.broker);
  // Only where a QoS 2 flow reaches that receiver does its method matter.
  if (
    scenario.publishQos === 2 &&
    deliveryOf(scenario, behaviours, "broker") !== scenario.qos2Delivery.broker
  ) {
    log.add("broker", "qos2-delivery");
  }
  if (
    scenario.subscriber !== undefined &&
    scenario.publishQos === 2 &&
    granted === 2 &&
    deliveryOf(scenario, behaviours, "subscriber") !== scenario.qos2Delivery.subscriber
  ) {
    log.add("subscriber", "qos2-delivery");
  }
  if (scenario.subscriber !== undefined && granted !== scenario.subscriber.qos) {
    log.add("broker", granted === undefined ? "subscription-ignored" : "subscription-downgraded");
  }
  return log;
}
