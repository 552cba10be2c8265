/**
 * The scenario fields of issue 14 that links and the element carry in their `scenario` JSON (every
 * one but `profiles`, which has its own short text, profileText.ts), and what counts as a default
 * message now that a message may name its own QoS, time and expiry. Shared by the link's writer
 * (url.ts) and the element code's (elementCode.ts), so both write the same JSON. Pure.
 */
import type { Scenario } from "../sim/types.ts";
import { DEFAULT_MESSAGE } from "../sim/scenarioDefaults.ts";

/** Top-level extension fields written whole into the `scenario` JSON, in the format's order. */
const WHOLE = ["receiveMaximum", "refusals", "sessionExpiryS", "broker", "will", "publisherEnd"] as const;

/** The subscriber's extension fields (its `qos` has a short form of its own in both forms). */
const SUBSCRIBER = ["offline", "joinAtMs", "retainAsPublished", "retainHandling"] as const;

/**
 * The extension fields the scenario has, as a scenario JSON fragment (`subscriber` holds only its
 * extension fields: the QoS is written apart); empty when it has none.
 */
export function extensionJson(scenario: Scenario): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  const { subscriber } = scenario;
  if (subscriber) {
    const own: Record<string, unknown> = {};
    for (const key of SUBSCRIBER) if (subscriber[key] !== undefined) own[key] = subscriber[key];
    if (Object.keys(own).length > 0) json.subscriber = own;
  }
  for (const key of WHOLE) if (scenario[key] !== undefined) json[key] = scenario[key];
  return json;
}

/** A message the short forms can count (`messages=3`): the default message, with nothing of its own. */
export function isDefaultMessage(m: Scenario["messages"][number]): boolean {
  return (
    m.topic === DEFAULT_MESSAGE.topic &&
    m.payload === DEFAULT_MESSAGE.payload &&
    m.retain === DEFAULT_MESSAGE.retain &&
    m.qos === undefined &&
    m.atMs === undefined &&
    m.expiryS === undefined
  );
}
