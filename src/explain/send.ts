/**
 * Sentences for a packet leaving its sender and for a packet being lost. Why a packet goes out
 * (first send, timer resend, resend after a reconnect, queued while offline, answer to a repeated
 * PUBREC) is read from its `causedBy`. Pure.
 */
import type { PacketEvent, Trace, TraceEvent } from "../sim/types.ts";
import { firstConnection, packetAt, receiverHeld, timeoutBefore } from "./facts.ts";
import { SERVER_SHUTTING_DOWN } from "./restartWords.ts";
import { causeOf } from "./traceIndex.ts";
import { awaitedAck, cleanFlag, HOP_CLIENT, packetLabel, sessionOf } from "./words.ts";

/** "After reconnecting, the publisher resends" / "Its timer expired, so the publisher resends". */
function resendLead(trace: Trace, index: number, e: PacketEvent): string {
  if (timeoutBefore(trace, index)) return `Its timer expired, so the ${e.from} resends`;
  if (e.from === "broker") return `The ${HOP_CLIENT[e.hop]} is back, so the broker resends`;
  return `After reconnecting, the ${e.from} resends`;
}

function isConnack(e: TraceEvent | undefined): boolean {
  return e?.type === "packet" && e.packet === "CONNACK";
}

function publishSent(trace: Trace, index: number, e: PacketEvent): string {
  const m = e.message ?? 0;
  const qos = e.qos ?? 0;
  const as = e.packetId === undefined ? `PUBLISH at QoS ${qos}` : `PUBLISH id ${e.packetId} at QoS ${qos}`;
  if (e.resend === true || e.dup) {
    return `${resendLead(trace, index, e)} PUBLISH id ${e.packetId} with DUP set: it never got a ${awaitedAck("PUBLISH", qos)}.`;
  }
  // A first send after a reconnect names the hop's CONNACK as its cause, not the publish.
  const connack = causeOf(trace, index);
  const afterReconnect = isConnack(connack);
  // The hop's first connection (opening, or a late subscriber's join) is no reconnect.
  const first = afterReconnect && firstConnection(connack as PacketEvent);
  if (e.from === "publisher") {
    if (first) {
      return `Now connected, the publisher sends message ${m}, published while it was connecting, as ${as}.`;
    }
    if (afterReconnect) {
      return `Connected again, the publisher sends queued message ${m} as ${as}, DUP 0: it was never sent before.`;
    }
    if (qos === 0)
      return `The publisher sends message ${m} as PUBLISH at QoS 0: no packet id, no acknowledgement.`;
    return `The publisher sends message ${m} as ${as}.`;
  }
  if (first) {
    return `The ${e.to} is connected now: the broker sends message ${m}, kept in its session meanwhile, as ${as}.`;
  }
  if (afterReconnect) {
    return `The ${e.to} is back: the broker sends message ${m}, kept in its session, as ${as}.`;
  }
  const { publishQos } = trace.scenario;
  const granted = trace.scenario.subscriber?.qos ?? qos;
  const own = e.packetId === undefined ? "without a packet id" : `with its own packet id ${e.packetId}`;
  if (granted === publishQos)
    return `The broker forwards message ${m} to the subscriber at QoS ${qos}, ${own}.`;
  return `The broker forwards message ${m} at QoS ${qos}, the lower of published ${publishQos} and granted ${granted}, ${own}.`;
}

function pubrelSent(trace: Trace, index: number, e: PacketEvent): string {
  if (e.resend !== true) {
    return `The ${e.from} sends PUBREL id ${e.packetId}: the ${e.to} may now release message ${e.message}.`;
  }
  const cause = causeOf(trace, index);
  if (cause?.type === "packet" && cause.packet === "PUBREC") {
    return `The ${e.from} answers the repeated PUBREC with PUBREL id ${e.packetId} again.`;
  }
  return `${resendLead(trace, index, e)} PUBREL id ${e.packetId}, never the PUBLISH: it never got a PUBCOMP.`;
}

function ackSent(trace: Trace, index: number, e: PacketEvent): string {
  const label = packetLabel(e);
  if (e.packet === "PUBACK") return `The ${e.from} sends ${label}: it has message ${e.message} now.`;
  const held = receiverHeld(trace, e.hop, e.from, e.packetId ?? 0, index);
  if (e.packet === "PUBREC") {
    return held
      ? `The ${e.from} sends ${label} again; it still holds the id and waits for PUBREL.`
      : `The ${e.from} sends ${label}: message ${e.message} received, now it waits for PUBREL.`;
  }
  return held
    ? `The ${e.from} sends ${label}: on its side the exchange for message ${e.message} is complete.`
    : `The ${e.from} sends ${label} although it holds nothing for that id: PUBREL is always answered.`;
}

/** The sentence for packet `index` leaving its sender. Pure. */
export function narrateSend(trace: Trace, index: number): string {
  const e = packetAt(trace, index);
  switch (e.packet) {
    case "PUBLISH":
      return publishSent(trace, index, e);
    case "PUBREL":
      return pubrelSent(trace, index, e);
    case "PUBACK":
    case "PUBREC":
    case "PUBCOMP":
      return ackSent(trace, index, e);
    case "CONNECT": {
      const clean = sessionOf(trace.scenario, e.hop) === "clean";
      const flag = cleanFlag(trace.scenario.protocol, clean);
      if (firstConnection(e)) {
        const asks = clean
          ? "asking for a new, empty session"
          : "asking to resume its session if the broker has one";
        return `The ${e.from} connects: CONNECT with ${flag}, ${asks}.`;
      }
      const asks = clean ? "asking for a new, empty session" : "asking to resume its session";
      return `The ${e.from} reconnects: CONNECT with ${flag}, ${asks}.`;
    }
    case "CONNACK":
      if (firstConnection(e) && e.sessionPresent !== true)
        return `The broker answers CONNACK with Session Present 0: it holds no session for the ${e.to}, so a new one starts.`;
      return e.sessionPresent === true
        ? "The broker answers CONNACK with Session Present 1: it kept the session."
        : "The broker answers CONNACK with Session Present 0: no old session carries over.";
    case "SUBSCRIBE":
      return `The ${e.from} sends SUBSCRIBE to ask for the topic's messages.`;
    case "SUBACK":
      return `The broker answers SUBACK: the subscription is granted.`;
    case "DISCONNECT":
      if (e.from === "broker" && e.reasonCode === SERVER_SHUTTING_DOWN)
        return `The broker is shutting down: it sends DISCONNECT with reason 0x8B (Server shutting down) and closes the connection.`;
      return `The ${e.from} sends DISCONNECT: it ends the connection on purpose.`;
  }
}

/** The sentence for packet `index` being lost, by a fault or with its broken connection. Pure. */
export function narrateLoss(trace: Trace, index: number): string {
  const e = packetAt(trace, index);
  const what = `The ${e.from}'s ${packetLabel(e)}`;
  if (e.lostBy === "connection-lost") return `${what} is lost with the connection.`;
  if (trace.scenario.retransmit === "on-timeout") {
    return `${what} is lost; in this timer model the connection stays up.`;
  }
  return `${what} is lost: in MQTT that means the connection breaks.`;
}
