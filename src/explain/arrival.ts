/**
 * Sentences for the moment a packet arrives: what its receiver makes of it. The decision is read
 * from what the trace shows the receiver doing at that instant (its answer, a delivery, a state
 * change), so the sentence can never disagree with the diagram. Pure.
 */
import type { PacketEvent, Party, Trace } from "../sim/types.ts";
import { answerTo, deliveryBy, finishedFlow, firstConnection, packetAt, receiverHeld } from "./facts.ts";
import { SERVER_SHUTTING_DOWN } from "./restartWords.ts";
import { effectWhere } from "./traceIndex.ts";
import { capitalise, methodOf, ordinal } from "./words.ts";
import { isRefusal, reasonCodeLabel } from "../protocol/reasonCodes.ts";

/** The refusing reason code of an acknowledgement (>= 0x80), if it is one. */
function refusalOf(e: PacketEvent): number | undefined {
  return e.reasonCode !== undefined && isRefusal(e.reasonCode) ? e.reasonCode : undefined;
}

/** MQTT 5.0: the receiver answered this PUBLISH with a refusal (read from its answer). */
function refusedPublish(trace: Trace, index: number, e: PacketEvent): string | null {
  const answer = answerTo(trace, index, (e.qos ?? 0) === 1 ? "PUBACK" : "PUBREC");
  const code = answer >= 0 ? refusalOf(packetAt(trace, answer)) : undefined;
  if (code === undefined) return null;
  const ack = (e.qos ?? 0) === 1 ? "PUBACK" : "PUBREC";
  return `The ${e.to} refuses message ${e.message}: it answers ${ack} ${reasonCodeLabel(code)} and does not take the message.`;
}

/** A refusing PUBACK or PUBREC reaches the sender: the flow ends there [MQTT-4.4.0-2]. */
function refusalArrives(e: PacketEvent, code: number): string {
  const pubrel = e.packet === "PUBREC" ? "no PUBREL, " : "";
  return `${e.packet} ${reasonCodeLabel(code)}: the ${e.from} refused message ${e.message}. The flow ends: ${pubrel}never resent, and id ${e.packetId} is free.`;
}

/** "hands it on" (broker) or "hands it to its application" (subscriber); `what` names the message. */
function handsOn(party: Party, what: string): string {
  return party === "subscriber" ? `hands ${what} to its application` : `hands ${what} on`;
}

function publishArrives(trace: Trace, index: number, e: PacketEvent): string {
  const R = `the ${e.to}`;
  const m = e.message ?? 0;
  const qos = e.qos ?? 0;
  const refused = qos > 0 ? refusedPublish(trace, index, e) : null;
  if (refused !== null) return refused;
  if (qos === 0) {
    const d = deliveryBy(trace, index);
    if (d && d.count > 1) {
      return `${capitalise(R)} ${handsOn(e.to, `message ${m}`)} again, a ${ordinal(d.count)} copy: QoS 0 cannot tell copies apart.`;
    }
    return `${capitalise(R)} ${handsOn(e.to, `message ${m}`)} at once: QoS 0 has no acknowledgement.`;
  }
  if (qos === 1) {
    const d = deliveryBy(trace, index);
    const count = d?.count ?? 1;
    if (count > 1 && e.dup) {
      return `For QoS 1 a PUBLISH after the PUBACK is a new message: ${R} ${handsOn(e.to, `message ${m}`)} again and answers PUBACK.`;
    }
    if (count > 1) {
      return `Id ${e.packetId} is a new flow, a ${ordinal(count)} copy from the broker: ${R} ${handsOn(e.to, `message ${m}`)} again.`;
    }
    if (e.dup) {
      return `DUP is set, yet this is the first copy to arrive: ${R} ${handsOn(e.to, `message ${m}`)} and answers PUBACK.`;
    }
    return `${capitalise(R)} takes ownership of message ${m}, ${handsOn(e.to, "it")} and answers PUBACK id ${e.packetId}.`;
  }
  const answer = answerTo(trace, index, "PUBREC");
  if (answer >= 0 && receiverHeld(trace, e.hop, e.to, e.packetId ?? 0, answer)) {
    return `${capitalise(R)} already has id ${e.packetId}: it answers PUBREC again and does not deliver twice.`;
  }
  const d = deliveryBy(trace, index);
  if (d) {
    const again = d.count > 1 ? " again" : "";
    return `${methodOf(trace.scenario, e.to)}: ${R} ${handsOn(e.to, `message ${m}`)}${again} at once, remembers id ${e.packetId} and answers PUBREC.`;
  }
  const onward = e.to === "subscriber" ? "hand it to its application" : "hand it on";
  return `${capitalise(R)} stores the message and answers PUBREC; it will ${onward} when PUBREL arrives.`;
}

function pubrelArrives(trace: Trace, index: number, e: PacketEvent): string {
  const R = `the ${e.to}`;
  const answer = answerTo(trace, index, "PUBCOMP");
  const d = deliveryBy(trace, index);
  if (d) {
    return `${capitalise(R)} ${handsOn(e.to, `message ${d.message}`)} now, forgets id ${e.packetId} and answers PUBCOMP.`;
  }
  if (answer >= 0 && receiverHeld(trace, e.hop, e.to, e.packetId ?? 0, answer)) {
    return `${capitalise(R)} delivered message ${e.message} on PUBLISH already, so it just forgets id ${e.packetId} and answers PUBCOMP.`;
  }
  return `${capitalise(R)} no longer knows id ${e.packetId} but still answers PUBCOMP, so the ${e.from} can finish.`;
}

function pubrecArrives(trace: Trace, index: number, e: PacketEvent): string {
  const S = `the ${e.to}`;
  const answer = answerTo(trace, index, "PUBREL");
  if (answer < 0)
    return `${capitalise(S)} has finished with id ${e.packetId} already and ignores this PUBREC.`;
  if (packetAt(trace, answer).resend === true) {
    return `A late PUBREC id ${e.packetId}, answering a resent PUBLISH: ${S} sends PUBREL again.`;
  }
  return `PUBREC id ${e.packetId}: the ${e.from} has message ${e.message}, so ${S} answers PUBREL and never resends that PUBLISH.`;
}

function finalAckArrives(trace: Trace, index: number, e: PacketEvent): string {
  const S = `the ${e.to}`;
  if (!finishedFlow(trace, index)) {
    return `${capitalise(S)} has finished with id ${e.packetId} already and ignores this extra ${e.packet}.`;
  }
  const what = e.to === "broker" ? `forwarding message ${e.message}` : `message ${e.message}`;
  const handshake = e.packet === "PUBCOMP" ? "the QoS 2 handshake is complete" : "QoS 1 is satisfied";
  return `${e.packet} id ${e.packetId} reaches ${S}: ${handshake}, ${what} is done and id ${e.packetId} is free.`;
}

function connectArrives(trace: Trace, index: number, e: PacketEvent): string {
  const discarded = effectWhere(trace, index, (o) => o.type === "session-discarded") >= 0;
  // A persistent client whose session is discarded: a broker restart had lost it.
  if (
    discarded &&
    trace.scenario.session[e.from === "subscriber" ? "subscriber" : "publisher"] === "persistent"
  )
    return `The broker accepts the ${e.from}'s CONNECT but lost its session in the restart: it starts a new one.`;
  if (firstConnection(e) && !discarded) {
    // Read from the broker's answer: the session that predates the trace, or none (a late subscriber).
    const answer = answerTo(trace, index, "CONNACK");
    return answer >= 0 && packetAt(trace, answer).sessionPresent === true
      ? `The broker accepts the ${e.from}'s CONNECT and finds the session it kept for it from before.`
      : `The broker accepts the ${e.from}'s CONNECT and starts a new session for it.`;
  }
  return discarded
    ? `The broker accepts the ${e.from}'s CONNECT and starts a clean session, discarding the old one.`
    : `The broker accepts the ${e.from}'s CONNECT and finds its session still there.`;
}

/** The sentence for the arrival of packet `index` (which must not be dropped). Pure. */
export function narrateArrival(trace: Trace, index: number): string {
  const e = packetAt(trace, index);
  const refusal = e.packet === "PUBACK" || e.packet === "PUBREC" ? refusalOf(e) : undefined;
  if (refusal !== undefined) return refusalArrives(e, refusal);
  switch (e.packet) {
    case "PUBLISH":
      return publishArrives(trace, index, e);
    case "PUBREL":
      return pubrelArrives(trace, index, e);
    case "PUBREC":
      return pubrecArrives(trace, index, e);
    case "PUBACK":
    case "PUBCOMP":
      return finalAckArrives(trace, index, e);
    case "CONNECT":
      return connectArrives(trace, index, e);
    case "CONNACK": {
      const rm = e.properties?.receiveMaximum;
      const quota =
        rm === undefined
          ? ""
          : ` The broker's Receive Maximum is ${rm}: ${e.to === "publisher" ? "the publisher may have" : "the broker accepts"} at most ${rm} QoS 1/2 PUBLISHes unacknowledged.`;
      const again = firstConnection(e) ? "" : " again";
      return `CONNACK reaches the ${e.to}: it is connected to the broker${again}.${quota}`;
    }
    case "SUBSCRIBE":
      return `SUBSCRIBE reaches the broker: from now on the ${e.from} gets what is published to the topic.`;
    case "SUBACK":
      return `SUBACK reaches the ${e.to}: its subscription is in place.`;
    case "DISCONNECT":
      if (e.from === "broker" && e.reasonCode === SERVER_SHUTTING_DOWN)
        return `DISCONNECT 0x8B reaches the ${e.to}: the broker is shutting down, so it will reconnect once the broker is back.`;
      return `DISCONNECT reaches the ${e.to}: the ${e.from} ended the connection on purpose.`;
  }
}
