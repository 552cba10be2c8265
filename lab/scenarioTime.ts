/**
 * What a live run reads from a scenario's issue-14 fields: when each message is published, its
 * QoS, the messages a packet may belong to (the will is message N + 1), the subscription's topics,
 * and when the scenario's last planned thing happens. Scenario times are simulated ms; a live run
 * takes them as real ms from the publisher's start. Pure.
 */
import type { MessageSpec, Qos, Scenario } from "../src/sim/types.ts";

/** Each message's publish time: `atMs`, else the previous one's + publishIntervalMs (first: 0). */
export function publishTimes(scenario: Scenario): number[] {
  const out: number[] = [];
  let previous: number | undefined;
  for (const m of scenario.messages) {
    const at = m.atMs ?? (previous === undefined ? 0 : previous + scenario.timing.publishIntervalMs);
    out.push(at);
    previous = at;
  }
  return out;
}

/** A message's PUBLISH QoS: its own, else the scenario's publishQos. */
export function qosOf(scenario: Scenario, message: number): Qos {
  return scenario.messages[message - 1]?.qos ?? scenario.publishQos;
}

/** The messages a PUBLISH may carry: the scenario's, then the will (message N + 1) when it has one. */
export function knownMessages(scenario: Scenario): MessageSpec[] {
  const { will } = scenario;
  return will === undefined
    ? scenario.messages
    : [...scenario.messages, { topic: will.topic, payload: will.payload, retain: will.retain }];
}

/** The topics the subscriber subscribes to: every message's and the will's, each once. */
export function subscriptionTopics(scenario: Scenario): string[] {
  return [...new Set(knownMessages(scenario).map((m) => m.topic))];
}

/** Whether the scenario uses a field of issue 14 that a live run plays out in time. */
export function isTimed(scenario: Scenario): boolean {
  const s = scenario.subscriber;
  return (
    scenario.messages.some((m) => m.atMs !== undefined || m.qos !== undefined || m.expiryS !== undefined) ||
    scenario.receiveMaximum !== undefined ||
    scenario.sessionExpiryS !== undefined ||
    scenario.broker !== undefined ||
    scenario.will !== undefined ||
    scenario.publisherEnd !== undefined ||
    scenario.profiles !== undefined ||
    s?.offline !== undefined ||
    s?.joinAtMs !== undefined ||
    s?.retainAsPublished !== undefined ||
    s?.retainHandling !== undefined
  );
}

/**
 * When the last planned thing happens, ms from the publisher's start: a publish, the end of an
 * offline period, a late subscription, the publisher's end (and its will's delay), a broker's return.
 */
export function horizonMs(scenario: Scenario): number {
  const times = [...publishTimes(scenario)];
  for (const o of scenario.subscriber?.offline ?? []) times.push(o.atMs + o.forMs);
  if (scenario.subscriber?.joinAtMs !== undefined) times.push(scenario.subscriber.joinAtMs);
  if (scenario.publisherEnd !== undefined)
    times.push(scenario.publisherEnd.atMs + (scenario.will?.delayS ?? 0) * 1000);
  for (const r of scenario.broker?.restarts ?? []) times.push(r.atMs + r.downMs);
  return Math.max(0, ...times);
}
