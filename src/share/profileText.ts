/**
 * The `profiles` text of links, the embed's parameters and the element's attributes: which real
 * implementation each party behaves like, in the scenario format's ids, one short text in all three
 * forms.
 *
 *   profiles=mosquitto-2.0                       the broker behaves like Mosquitto 2.0
 *   profiles=emqx-5,mqttjs-5                      EMQX 5 broker, both clients MQTT.js
 *   profiles=spec                                 every party the specification, named (strict)
 *   profiles=aedes-1,publisher:paho-go-1          a role before a colon names one party
 *
 * Items are separated by commas and apply in order. A bare broker id sets the broker, a bare client
 * id both clients, `spec` every party; `broker:`, `publisher:` or `subscriber:` before an id sets
 * that party only. A party no item names is "spec", as in the scenario format. The reader is
 * profileRead.ts (loaded with a link's scenario fields, not with the first diagram). A profile's
 * name on screen is profileNames.ts's. Pure; no profile record is needed to write a link.
 */
import { BROKER_PROFILE_IDS, CLIENT_PROFILE_IDS } from "../protocol/profileIds.ts";
import { PROFILE_QOS2_METHODS } from "../protocol/profiles/qos2Methods.ts";
import type { Qos2Delivery, Scenario } from "../sim/types.ts";

export type BrokerProfileId = (typeof BROKER_PROFILE_IDS)[number];
export type ClientProfileId = (typeof CLIENT_PROFILE_IDS)[number];

/** A scenario's `profiles`, as the parser gives it back. */
export interface Profiles {
  broker: BrokerProfileId;
  publisher: ClientProfileId;
  subscriber: ClientProfileId;
}

export const PROFILE_ROLES = ["broker", "publisher", "subscriber"] as const;

/** The shortest text for a scenario's profiles: `spec`, `mosquitto-2.0`, `emqx-5,mqttjs-5`, … */
export function formatProfiles(p: Profiles): string {
  const items: string[] = [];
  if (p.broker !== "spec") items.push(p.broker);
  if (p.publisher === p.subscriber) {
    if (p.publisher !== "spec") items.push(p.publisher);
  } else {
    if (p.publisher !== "spec") items.push(`publisher:${p.publisher}`);
    if (p.subscriber !== "spec") items.push(`subscriber:${p.subscriber}`);
  }
  return items.length === 0 ? "spec" : items.join(",");
}

export { BROKER_PROFILE_IDS, CLIENT_PROFILE_IDS };

/**
 * The QoS 2 method a receiver gets when a form names none: its profile's, else Method A. A form
 * writes `qos2Delivery` only where the scenario differs from this, so that it reads back the same.
 */
export function impliedMethod(scenario: Scenario, party: "broker" | "subscriber"): Qos2Delivery {
  const id = scenario.profiles?.[party];
  return (id === undefined ? undefined : PROFILE_QOS2_METHODS[id]) ?? "on-pubrel";
}
