/**
 * Questions the explanations ask of a trace: what an arrival caused, whether a receiver already held
 * a packet id, whether a sender was still waiting. Every answer is read from the trace's events,
 * never recomputed from the protocol rules. Pure (results depend only on the trace).
 *
 * The trace records a packet once, when it is sent; its arrival is not an event of its own. What an
 * arrival caused is therefore found among the events at its arrival time: the answer it sent (same
 * hop, same packet id) and the delivery just before that answer.
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
  firstAtOrAfter,
  flowKey,
  holdsKey,
  lastBelow,
  messageEvents,
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
export function arrivalRank(trace: Trace, index: number): number {
  const e = packetAt(trace, index);
  let rank = 0;
  for (let j = index - 1; j >= 0; j--) {
    const other = trace.events[j] as TraceEvent;
    if (other.t !== e.t) break;
    if (other.type === "packet" && samePacket(other, e)) rank++;
  }
  return rank;
}

/** The non-state event just before `index`, if any: state changes are bookkeeping, not causes. */
function previousEvent(trace: Trace, index: number): TraceEvent | undefined {
  for (let j = index - 1; j >= 0; j--) {
    const e = trace.events[j] as TraceEvent;
    if (e.type !== "state") return e;
  }
  return undefined;
}

/** The timeout that made packet `index` go out, when a resend timer fired just before it. */
export function timeoutBefore(trace: Trace, index: number): TimeoutEvent | undefined {
  const e = packetAt(trace, index);
  const prev = previousEvent(trace, index);
  if (prev?.type === "timeout" && prev.t === e.t && prev.at === e.from && prev.hop === e.hop) return prev;
  return undefined;
}

/**
 * The index of the packet that the arrival of packet `index` made its receiver send (`answer`: the
 * expected packet type), or -1 when it sent none. Timer resends at the same instant are skipped.
 */
export function answerTo(trace: Trace, index: number, answer: PacketType): number {
  const e = packetAt(trace, index);
  let skip = arrivalRank(trace, index);
  for (let j = index + 1; j < trace.events.length; j++) {
    const other = trace.events[j] as TraceEvent;
    if (other.t > e.arrives) break;
    if (other.t !== e.arrives || other.type !== "packet") continue;
    if (other.hop !== e.hop || other.from !== e.to || other.packet !== answer) continue;
    if (other.packetId !== e.packetId || timeoutBefore(trace, j)) continue;
    if (skip === 0) return j;
    skip--;
  }
  return -1;
}

/**
 * The delivery that the arrival of packet `index` caused, if any. With an answer it is the delivery
 * just before that answer (receivers deliver, then acknowledge); for QoS 0 (no answer) the n-th
 * delivery of that message at that instant for the n-th copy.
 */
export function deliveryBy(trace: Trace, index: number, answer: number): DeliverEvent | undefined {
  const e = packetAt(trace, index);
  const matches = (d: TraceEvent): d is DeliverEvent =>
    d.type === "deliver" && d.t === e.arrives && d.at === e.to && d.hop === e.hop && d.message === e.message;
  if (answer >= 0) {
    for (let j = answer - 1; j > index; j--) {
      const d = trace.events[j] as TraceEvent;
      if (d.t !== e.arrives) break;
      if (matches(d)) return d;
      // The answer to an earlier arrival at the same instant closes that arrival's deliveries.
      if (d.type === "packet" && d.hop === e.hop && d.from === e.to) break;
    }
    return undefined;
  }
  let skip = arrivalRank(trace, index);
  for (let j = index + 1; j < trace.events.length; j++) {
    const d = trace.events[j] as TraceEvent;
    if (d.t > e.arrives) break;
    if (!matches(d)) continue;
    if (skip === 0) return d;
    skip--;
  }
  return undefined;
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

/** Whether the client of `hop` was connected just before event `before` (the trace starts connected). */
export function clientConnected(trace: Trace, hop: Hop, before: number): boolean {
  return traceIndex(trace).connectedBefore[hop][before] !== 0;
}

/** The time the publisher's application published `message` (0 if the trace does not say). */
export function publishedAt(trace: Trace, message: number): number {
  for (const j of messageEvents(trace, message)) {
    const e = trace.events[j] as TraceEvent;
    if (e.type === "publish") return e.t;
  }
  return 0;
}

/** Whether the broker delivered `message` on the first hop at time `t` (then forwards at once). */
export function brokerDeliveredAt(trace: Trace, message: number, t: number): boolean {
  return messageEvents(trace, message).some((j) => {
    const e = trace.events[j] as TraceEvent;
    return e.type === "deliver" && e.at === "broker" && e.t === t;
  });
}
