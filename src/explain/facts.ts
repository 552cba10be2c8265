/**
 * Questions the explanations ask of a trace: what an arrival caused, whether a receiver already held
 * a packet id, whether a sender was still waiting. Every answer is read from the trace's events,
 * never recomputed from the protocol rules. Pure (results depend only on the trace).
 *
 * The trace records a packet once, when it is sent; its arrival is not an event of its own. What an
 * arrival caused is read from the `causedBy` of the events it caused (the answer, the delivery),
 * never guessed from what happens at the same instant.
 */
import type {
  DeliverEvent,
  Hop,
  PacketEvent,
  PacketType,
  Party,
  TimeoutEvent,
  Trace,
  TraceEvent,
} from "../sim/types.ts";
import {
  causeOf,
  effectWhere,
  firstAtOrAfter,
  flowKey,
  holdsKey,
  lastBelow,
  partyKey,
  traceIndex,
} from "./traceIndex.ts";

/** True when the trace was made with `{ states: true }`. Memoised per trace object; pure. */
export function hasStates(trace: Trace): boolean {
  return traceIndex(trace).states;
}

/** The packet event at `index`; throws if there is none, which would be a caller's bug. */
export function packetAt(trace: Trace, index: number): PacketEvent {
  const e = trace.events[index];
  if (e?.type !== "packet") throw new Error(`trace.events[${index}] is not a packet`);
  return e;
}

function samePacket(a: PacketEvent, b: PacketEvent): boolean {
  return (
    a.hop === b.hop &&
    a.from === b.from &&
    a.packet === b.packet &&
    a.packetId === b.packetId &&
    a.message === b.message &&
    a.arrives === b.arrives &&
    !a.dropped &&
    !b.dropped
  );
}

/**
 * How many identical copies of packet `index` arrive at the same instant before it (0 usually).
 * Two identical PUBRELs can be in flight together in on-timeout mode (a timer resend and the answer
 * to a late PUBREC); their answers are then paired with them in order.
 */
function arrivalRank(trace: Trace, index: number): number {
  const e = packetAt(trace, index);
  let rank = 0;
  for (let j = index - 1; j >= 0; j--) {
    const other = trace.events[j] as TraceEvent;
    if (other.t !== e.t) break;
    if (other.type === "packet" && samePacket(other, e)) rank++;
  }
  return rank;
}

/** The timeout that made packet `index` go out, when it is a timer resend (its `causedBy`). */
export function timeoutBefore(trace: Trace, index: number): TimeoutEvent | undefined {
  const cause = causeOf(trace, index);
  return cause?.type === "timeout" ? cause : undefined;
}

/**
 * The index of the packet that the arrival of packet `index` made its receiver send (`answer`: the
 * expected packet type), or -1 when it sent none: read from `causedBy`.
 */
export function answerTo(trace: Trace, index: number, answer: PacketType): number {
  const e = packetAt(trace, index);
  return effectWhere(
    trace,
    index,
    (o) => o.type === "packet" && o.packet === answer && o.hop === e.hop && o.from === e.to,
  );
}

/**
 * Whether a CONNECT or CONNACK belongs to its hop's first connection in the trace (attempt 0: the
 * opening at 0 or a late subscriber's join), not to a reconnect. A trace without attempts reads as
 * a reconnect, as it always did.
 */
export function firstConnection(e: PacketEvent): boolean {
  return (e.packet === "CONNECT" || e.packet === "CONNACK") && e.attempt === 0;
}

/** The delivery that the arrival of packet `index` caused, if any: read from `causedBy`. */
export function deliveryBy(trace: Trace, index: number): DeliverEvent | undefined {
  const j = effectWhere(trace, index, (o) => o.type === "deliver");
  const d = trace.events[j];
  return d?.type === "deliver" ? d : undefined;
}

/**
 * Whether the QoS 2 receiver `party` on `hop` held packet id `packetId` just before event `before`.
 * From the state events when recorded; otherwise from its own packets: a PUBREC sent means it stored
 * the id, a PUBCOMP sent means it let it go, a discarded session means it holds nothing.
 */
export function receiverHeld(
  trace: Trace,
  hop: Hop,
  party: Party,
  packetId: number,
  before: number,
): boolean {
  const index = traceIndex(trace);
  const said = lastBelow(index.holds.get(holdsKey(hop, party, packetId)), before);
  if (said < 0 || lastBelow(index.discards.get(partyKey(hop, party)), before) > said) return false;
  const e = trace.events[said] as TraceEvent;
  if (e.type === "state") return e.state === "stored";
  return e.type === "packet" && e.packet === "PUBREC";
}

/**
 * Whether the arrival of PUBACK or PUBCOMP `index` finished a flow its sender was still running
 * (false for a second answer to the same flow, or one for a discarded flow). From the state events
 * when recorded; otherwise no earlier answer of that flow may have arrived.
 */
export function finishedFlow(trace: Trace, index: number): boolean {
  const e = packetAt(trace, index);
  if (arrivalRank(trace, index) > 0) return false;
  if (hasStates(trace)) {
    for (let j = index + 1; j < trace.events.length; j++) {
      const s = trace.events[j] as TraceEvent;
      if (s.t > e.arrives) break;
      if (s.type === "state" && s.t === e.arrives && s.hop === e.hop && s.role === "sender") {
        if (s.packetId === e.packetId && (s.state === "acknowledged" || s.state === "complete")) return true;
      }
    }
    return false;
  }
  const ix = traceIndex(trace);
  // Only a discard while this packet was on the wire can have ended its flow; an earlier one
  // belonged to another copy of the same message.
  const discards = ix.discards.get(partyKey(e.hop, e.to)) ?? [];
  for (let k = firstAtOrAfter(trace, discards, e.t); k < discards.length; k++) {
    const o = trace.events[discards[k] as number] as TraceEvent;
    if (o.t > e.arrives) break;
    if (o.type === "session-discarded" && o.messages.includes(e.message ?? 0)) return false;
  }
  // An earlier answer of the same flow finished it already.
  return !((ix.firstArrival.get(flowKey(e)) ?? Number.POSITIVE_INFINITY) < e.arrives);
}

/** Whether the client of `hop` was connected just before event `before` (unless it opens in the trace, it was at the start). */
export function clientConnected(trace: Trace, hop: Hop, before: number): boolean {
  return traceIndex(trace).connectedBefore[hop][before] === 1;
}

/** Whether the hop's client is making its first connection in the trace just before event `before`. */
export function clientConnecting(trace: Trace, hop: Hop, before: number): boolean {
  return traceIndex(trace).connectedBefore[hop][before] === 2;
}
