/**
 * What happened to one application message on one hop, gathered from the trace, and the clause
 * that tells it ("the PUBACK was lost, so the publisher resent the PUBLISH and the broker treated it
 * as new"). The verdicts are built from these clauses. Pure.
 */
import type { Hop, LossCause, PacketEvent, PacketType, Party, Qos, Trace, TraceEvent } from "../sim/types.ts";
import { messageEvents } from "./traceIndex.ts";
import { HOP_RECEIVER, HOP_SENDER, hopQos, methodOf, times } from "./words.ts";

/** The facts of one message on one hop, all counted from trace events. */
export interface HopFacts {
  hop: Hop;
  sender: Party;
  receiver: Party;
  qos: Qos;
  /** Flows of this message on the hop: 1 on the first hop, one per forwarded copy on the second. */
  copies: number;
  /** `deliver` events at the hop's receiver. */
  deliveries: number;
  losses: { packet: PacketType; by: LossCause }[];
  resends: number;
  timeouts: number;
  senderDiscarded: boolean;
  receiverDiscarded: boolean;
  /** The receiver's discarded session held the message itself, never delivered (Method A). */
  storedDiscarded: boolean;
}

/** A broker's PUBLISH sent because a SUBSCRIBE arrived: a retained message for a new subscription. */
export function isRetainedDelivery(trace: Trace, e: PacketEvent): boolean {
  if (e.hop !== "broker-subscriber" || e.packet !== "PUBLISH" || e.causedBy === undefined) return false;
  const cause = trace.events[e.causedBy];
  return cause?.type === "packet" && cause.packet === "SUBSCRIBE";
}

/** Collects the facts of `message` on `hop` in one pass over that message's events. Pure. */
export function hopFacts(trace: Trace, message: number, hop: Hop): HopFacts {
  const sender = HOP_SENDER[hop];
  const receiver = HOP_RECEIVER[hop];
  const f: HopFacts = {
    hop,
    sender,
    receiver,
    qos: hopQos(trace.scenario, hop),
    copies: hop === "publisher-broker" ? 1 : 0,
    deliveries: 0,
    losses: [],
    resends: 0,
    timeouts: 0,
    senderDiscarded: false,
    receiverDiscarded: false,
    storedDiscarded: false,
  };
  let qosSeen = false;
  for (const j of messageEvents(trace, message)) {
    const e = trace.events[j] as TraceEvent;
    if (e.type === "packet" && e.hop === hop && e.message === message) {
      if (e.packet === "PUBLISH" && !qosSeen) {
        f.qos = e.qos ?? 0;
        qosSeen = true;
      }
      // A retained message sent to a new subscription is a copy of its own (caused by the SUBSCRIBE).
      if (e.packet === "PUBLISH" && e.retain && e.resend !== true && isRetainedDelivery(trace, e)) f.copies++;
      if (e.dropped) f.losses.push({ packet: e.packet, by: e.lostBy ?? "fault" });
      if (e.resend === true) f.resends++;
    } else if (e.type === "deliver" && e.message === message) {
      if (e.hop === hop) f.deliveries++;
      // Each onward delivery by the broker starts a copy on the second hop, unless not forwarded.
      if (hop === "broker-subscriber" && e.at === "broker") f.copies++;
    } else if (e.type === "not-forwarded" && e.message === message && hop === "broker-subscriber") {
      f.copies--;
    } else if (e.type === "timeout" && e.hop === hop && e.message === message) {
      f.timeouts++;
    } else if (e.type === "session-discarded" && e.hop === hop && e.messages.includes(message)) {
      if (e.at === sender) f.senderDiscarded = true;
      else {
        f.receiverDiscarded = true;
        if (f.deliveries === 0) f.storedDiscarded = true;
      }
    }
  }
  return f;
}

/** "the PUBACK was lost", "the second hop's PUBLISH was lost twice", "the PUBREC and PUBREL were lost". */
function lossText(f: HopFacts, twoHops: boolean): string {
  if (f.losses.length === 0) return "";
  const kinds = [...new Set(f.losses.map((l) => l.packet))];
  const where = twoHops ? (f.hop === "publisher-broker" ? "the first hop's " : "the second hop's ") : "the ";
  const withConnection = f.losses.every((l) => l.by === "connection-lost")
    ? " with the broken connection"
    : "";
  if (kinds.length === 1) {
    const n = f.losses.length;
    return `${where}${kinds[0]} was lost${n > 1 ? ` ${times(n)}` : ""}${withConnection}`;
  }
  const list = `${kinds.slice(0, -1).join(", ")} and ${kinds[kinds.length - 1]}`;
  return `${where}${list} were lost${withConnection}`;
}

function lostStory(trace: Trace, f: HopFacts, loss: string): string {
  const d = f.deliveries;
  const lead = d > 0 ? `only ${d} of the ${f.copies} copies reached the ${f.receiver}: ` : "";
  const downgrade =
    f.hop === "broker-subscriber" && f.qos < trace.scenario.publishQos
      ? `the broker forwarded it at QoS ${f.qos} (the subscription's QoS), and `
      : "";
  const client = f.hop === "broker-subscriber" ? "subscriber" : "publisher";
  // A persistent session is discarded only when the broker lost it (a restart without persistence).
  const clean =
    trace.scenario.session[client] === "persistent"
      ? "Session Present 0 after the broker restart"
      : f.hop === "broker-subscriber"
        ? "the subscriber's clean session"
        : "the clean session";
  if (f.qos === 0) {
    const lostPublish = `${loss || "the PUBLISH was lost"} and QoS 0 never resends`;
    return downgrade ? `${lead}${downgrade.replace(", and ", "; ")}${lostPublish}` : `${lead}${lostPublish}`;
  }
  if (f.losses.length === 0 && f.senderDiscarded) {
    return f.hop === "publisher-broker"
      ? `${lead}it was published while the connection was down, and the clean reconnect discarded it before it was sent`
      : `${lead}it was queued for the offline subscriber, and the subscriber's clean reconnect discarded it`;
  }
  if (f.storedDiscarded) {
    const method = methodOf(trace.scenario, f.receiver);
    return `${lead}${loss} and ${clean} discarded the stored message (${method}), so it was never delivered`;
  }
  if (f.senderDiscarded || f.receiverDiscarded) {
    return `${lead}${loss || "it was in flight"} and ${clean} discarded it on reconnect, so it was never resent`;
  }
  return `${lead}${loss || "it never got through"}, and it was never delivered`;
}

function duplicatedStory(f: HopFacts, loss: string, downgraded: boolean): string {
  const S = `the ${f.sender}`;
  const R = `the ${f.receiver}`;
  if (f.losses.some((l) => l.packet === "PUBACK")) {
    if (f.hop === "publisher-broker") return `${loss}, so ${S} resent the PUBLISH and ${R} treated it as new`;
    if (downgraded) {
      return `the broker forwarded it at QoS ${f.qos} (the subscription's QoS), and ${loss}, so ${R} got it ${times(f.deliveries)}`;
    }
    return `${loss}, so the broker resent it and ${R} got it ${times(f.deliveries)}`;
  }
  if (f.timeouts > 0) {
    return `${S}'s timer fired before the PUBACK came back, so it resent the PUBLISH and ${R} treated it as new`;
  }
  return `${loss || "it was resent"}, and ${R} got it ${times(f.deliveries)}`;
}

function heldStory(trace: Trace, f: HopFacts, lostText: string): string {
  let loss = lostText;
  const S = `the ${f.sender}`;
  const R = `the ${f.receiver}`;
  const when = f.timeouts > 0 ? "after a timeout" : "after the reconnect";
  const once = f.copies > 1 ? "each copy arrived once" : "it arrived once";
  const kinds = [...new Set(f.losses.map((l) => l.packet))];
  const methodB = methodOf(trace.scenario, f.receiver) === "Method B";
  if (f.senderDiscarded || f.receiverDiscarded) {
    loss ||= "its connection broke mid-flow";
    if (f.qos === 1)
      return `${loss}, but the clean session discarded the message instead of resending it, so ${once}`;
    const early =
      methodB && (kinds.includes("PUBREC") || kinds.includes("PUBREL"))
        ? " (Method B delivers on PUBLISH)"
        : "";
    return `${loss} and the clean session discarded the flow, but ${R} had already delivered it${early}`;
  }
  if (f.qos === 1) {
    if (kinds.length === 1 && kinds[0] === "PUBLISH") return `${loss} and ${S} resent it ${when}, so ${once}`;
    return `${loss || `${S} resent it`}, yet ${once}`;
  }
  if (kinds.length === 0)
    return `QoS 2 held: ${S}'s timer resent before the answer came back, and ${R} recognised the packet id`;
  if (kinds.length > 1)
    return `QoS 2 held: ${loss}, but resends with the same packet id kept it to one delivery`;
  switch (kinds[0]) {
    case "PUBLISH":
      return `QoS 2 held: ${loss} and resent ${when}, so ${once}`;
    case "PUBREC":
      return `QoS 2 held: ${loss}, the resent PUBLISH was recognised by its id and answered with PUBREC only`;
    case "PUBREL":
      return methodB
        ? `QoS 2 held: ${loss} and resent ${when}; ${R} had delivered it on PUBLISH (Method B) and only released the id`
        : `QoS 2 held: ${loss} and resent ${when}, and ${R} delivered the stored message when it arrived`;
    case "PUBCOMP":
      return `QoS 2 held: ${loss}, so ${S} resent the PUBREL and ${R} answered PUBCOMP without delivering again`;
    default:
      return `QoS 2 held: ${loss}, yet ${once}`;
  }
}

/**
 * The clause telling what happened on this hop, or null when nothing worth telling did (no loss,
 * no resend, every copy delivered once). Compares deliveries with copies: fewer means lost, more
 * means duplicated, equal after losses means the protocol held. Pure.
 */
export function hopStory(trace: Trace, f: HopFacts): string | null {
  if (f.copies <= 0) return null;
  const twoHops = trace.scenario.subscriber !== undefined;
  const loss = lossText(f, twoHops);
  if (f.deliveries < f.copies) return lostStory(trace, f, loss);
  if (f.deliveries > f.copies) {
    return duplicatedStory(f, loss, f.hop === "broker-subscriber" && f.qos < trace.scenario.publishQos);
  }
  if (f.losses.length === 0 && f.resends === 0) return null;
  return heldStory(trace, f, loss);
}
