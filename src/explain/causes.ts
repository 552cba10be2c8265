/**
 * Why a message's verdict is what it is, as events of the trace the diagram draws: the packets
 * lost, the connections they broke, the timers that fired, the resent copies, the sessions thrown
 * away, the messages not forwarded, and the deliveries to the application that make the verdict
 * (the second one of a duplicate, the one processed). Read from the trace (its `causedBy` links
 * and per-message index), never from the text of the explanation. Pure.
 */
import type {
  DeliverEvent,
  NotForwardedReason,
  Party,
  PacketEvent,
  Trace,
  TraceEvent,
  Verdict,
} from "../sim/types.ts";
import { effectWhere, messageEvents } from "./traceIndex.ts";
import { packetLabel } from "./words.ts";
import { isRefusal } from "../protocol/reasonCodes.ts";

/** One event behind a verdict: its index in `trace.events`, and how a screen reader names it. */
export interface VerdictCause {
  index: number;
  /** "PUBACK id 1 from the broker, lost", "delivery 2 to the subscriber". */
  name: string;
}

/** The party whose application processes messages: the subscriber with two hops, else the broker. */
export function finalParty(trace: Trace): Party {
  return trace.scenario.subscriber ? "subscriber" : "broker";
}

function packetName(e: PacketEvent): string {
  const copy = e.resend ? ", resent" : e.dup ? ", DUP" : "";
  const fate = e.dropped ? (e.lostBy === "connection-lost" ? ", lost with the connection" : ", lost") : "";
  return `${packetLabel(e)} from the ${e.from} to the ${e.to}${copy}${fate}`;
}

const NOT_FORWARDED_NAME: Record<NotForwardedReason, string> = {
  "no-session": "no session",
  "qos0-offline": "QoS 0, offline",
  "queue-full": "queue full",
  expired: "expired while the subscriber was away",
  "session-expired": "session expired",
  "no-subscription": "nobody subscribed yet",
  refused: "refused",
};

/** How a screen reader names event `e` among the causes. */
function nameOf(e: TraceEvent): string {
  switch (e.type) {
    case "packet":
      return packetName(e);
    case "deliver":
      return `delivery ${e.count} to the ${e.at}`;
    case "timeout":
      return `the ${e.at}'s timer, no ${e.waitingFor}`;
    case "connection-lost":
      return `connection lost between the ${e.hop.replace("-", " and the ")}`;
    case "session-discarded":
      return `the ${e.at} discarded its session (clean session)`;
    case "not-forwarded":
      return `the broker did not forward it (${NOT_FORWARDED_NAME[e.reason]})`;
    case "session-expired":
      return `the ${e.hop === "broker-subscriber" ? "subscriber" : "publisher"}'s session expired`;
    case "disconnected":
      return `the ${e.at} went offline`;
    case "quota-wait":
      return `the ${e.at} held it back (Receive Maximum ${e.receiveMaximum})`;
    case "retained":
      return e.action === "stored"
        ? "the broker kept it as retained"
        : "the broker cleared the retained message";
    case "will":
      return `the broker ${e.action === "published" ? "published" : "discarded"} the will`;
    case "broker-down":
      return `the broker ${e.kind === "crash" ? "crashed" : "shut down"}`;
    default:
      return e.type;
  }
}

/**
 * The events behind message `message`'s verdict, in trace order, each once. Every index is one the
 * diagram draws (an arrow, a badge or a mark):
 * - every packet of the message that was lost, and the connection each loss broke;
 * - the timers that fired for it and the copies resent after a loss;
 * - every clean-session discard that dropped its state, every time the broker did not forward it;
 * - every broker restart that lost its state (or restored an older save);
 * - the packet of the message where an implementation profile departed from the specification
 *   (a finding: AWS IoT Core never answering a QoS 2 PUBLISH);
 * - deliveries to the final application: for "duplicated" each one after the first, for "once" the
 *   one processed, with the packet whose arrival made it (`causedBy`); "lost" has none to show.
 * A message processed once with nothing lost gets its delivery and the packet that made it.
 */
export function verdictCauses(trace: Trace, message: number, verdict: Verdict): VerdictCause[] {
  const chosen = new Set<number>();
  const own = messageEvents(trace, message);
  const final = finalParty(trace);
  const deliveries: { index: number; e: DeliverEvent }[] = [];
  const dropped = new Set<number>();
  for (const i of own) {
    const e = trace.events[i] as TraceEvent;
    if (e.type === "packet" && e.dropped) {
      chosen.add(i);
      dropped.add(i);
    } else if (e.type === "packet" && e.resend) chosen.add(i);
    // A refusal (PUBACK/PUBREC >= 0x80) ended the flow.
    else if (e.type === "packet" && e.reasonCode !== undefined && isRefusal(e.reasonCode)) chosen.add(i);
    else if (e.type === "timeout" || e.type === "not-forwarded" || e.type === "will") chosen.add(i);
    // A retained message reaching a late subscriber: the broker keeping it is part of why.
    else if (e.type === "retained" && e.action === "stored") chosen.add(i);
    else if (e.type === "session-discarded" && e.messages.includes(message)) chosen.add(i);
    // A restart that lost the message's state at the broker, or restored an older save of it.
    else if (e.type === "broker-down" && (e.lost.includes(message) || e.savedAtMs !== undefined))
      chosen.add(i);
    else if (e.type === "session-expired" && e.messages.includes(message)) chosen.add(i);
    else if (e.type === "deliver" && e.at === final) deliveries.push({ index: i, e });
  }
  const ownEvents = new Set(own);
  for (const f of trace.findings ?? []) {
    if (f.event !== undefined && ownEvents.has(f.event)) chosen.add(f.event);
  }
  // The connections these losses broke: hop-wide events, found through their `causedBy`.
  for (const i of dropped) {
    const lost = effectWhere(trace, i, (e) => e.type === "connection-lost");
    if (lost >= 0) chosen.add(lost);
  }
  const shown =
    verdict === "duplicated"
      ? deliveries.filter(({ e }) => e.count > 1)
      : verdict === "once"
        ? deliveries.filter(({ index }) => processedAt(trace, index))
        : [];
  for (const { index, e } of shown) {
    chosen.add(index);
    if (e.causedBy !== undefined) chosen.add(e.causedBy);
  }
  return [...chosen]
    .sort((a, b) => a - b)
    .map((index) => ({ index, name: nameOf(trace.events[index] as TraceEvent) }));
}

/** Whether the delivery at `index` was processed by the application (not ignored as a duplicate). */
function processedAt(trace: Trace, index: number): boolean {
  const message = (trace.events[index] as DeliverEvent).message;
  return messageEvents(trace, message).some((j) => {
    const e = trace.events[j] as TraceEvent;
    return e.type === "process" && e.causedBy === index;
  });
}
