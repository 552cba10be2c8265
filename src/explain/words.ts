/**
 * Small vocabulary shared by the narration, the verdicts and the state panel: party names, counts,
 * packet labels. Pure string helpers; nothing here reads protocol state.
 */
import type { Hop, PacketEvent, Party, Protocol, Qos, Scenario } from "../sim/types.ts";

/** The first letter in upper case: sentences are built from lower-case clauses. Pure. */
export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "once", "twice", "3 times". Pure. */
export function times(n: number): string {
  return n === 1 ? "once" : n === 2 ? "twice" : `${n} times`;
}

const ORDINALS = ["first", "second", "third"];

/** "first", "second", "third", "4th", "21st". Pure. */
export function ordinal(n: number): string {
  const word = ORDINALS[n - 1];
  if (word !== undefined) return word;
  const teen = n % 100 >= 11 && n % 100 <= 13;
  return `${n}${teen ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th")}`;
}

/** Who sends PUBLISH on a hop, who receives it, and who is the MQTT client there. */
export const HOP_SENDER: Record<Hop, Party> = {
  "publisher-broker": "publisher",
  "broker-subscriber": "broker",
};
export const HOP_RECEIVER: Record<Hop, Party> = {
  "publisher-broker": "broker",
  "broker-subscriber": "subscriber",
};
export const HOP_CLIENT: Record<Hop, Party> = {
  "publisher-broker": "publisher",
  "broker-subscriber": "subscriber",
};

/** "the publisher and the broker": the two ends of a hop, for connection sentences. Pure. */
export function hopEnds(hop: Hop): string {
  return `the ${HOP_SENDER[hop]} and the ${HOP_RECEIVER[hop]}`;
}

/** "PUBLISH id 1", "PUBACK id 3", "CONNECT": how a packet is named in a sentence. Pure. */
export function packetLabel(e: Pick<PacketEvent, "packet" | "packetId">): string {
  return e.packetId === undefined ? e.packet : `${e.packet} id ${e.packetId}`;
}

/** The session of a hop's client: the publisher's on the first hop, the subscriber's on the second. */
export function sessionOf(scenario: Scenario, hop: Hop): "persistent" | "clean" {
  return hop === "publisher-broker" ? scenario.session.publisher : scenario.session.subscriber;
}

/** The QoS 2 delivery method of a receiving party, as the spec's Figure 4.3 names it. Pure. */
export function methodOf(scenario: Scenario, party: Party): "Method A" | "Method B" {
  const delivery = party === "subscriber" ? scenario.qos2Delivery.subscriber : scenario.qos2Delivery.broker;
  return delivery === "on-publish" ? "Method B" : "Method A";
}

/**
 * The QoS of a hop's flows: the published QoS on the first hop, min(published, granted) on the
 * second [MQTT-3.8.4-8]. Used only where the trace has no PUBLISH on that hop to read it from.
 */
export function hopQos(scenario: Scenario, hop: Hop): Qos {
  if (hop === "publisher-broker") return scenario.publishQos;
  return Math.min(scenario.publishQos, scenario.subscriber?.qos ?? 0) as Qos;
}

/** The CONNECT flag that asks for a clean or a resumed session, named as each version names it. */
export function cleanFlag(protocol: Protocol, clean: boolean): string {
  return `${protocol === "5.0" ? "Clean Start" : "CleanSession"} ${clean ? 1 : 0}`;
}

/** What a sender is waiting for after sending `packet` at `qos`. Pure. */
export function awaitedAck(packet: "PUBLISH" | "PUBREL", qos: Qos | undefined): string {
  if (packet === "PUBREL") return "PUBCOMP";
  return qos === 1 ? "PUBACK" : "PUBREC";
}
