/**
 * An index of a trace, built in one pass and memoised per trace object, so that the questions the
 * explanations ask ("was the client connected?", "did the receiver hold this id?", "what happened
 * to message 7?") are answered without scanning the whole trace again: narration of every step and
 * the verdicts of every message stay linear in the trace. Traces are treated as immutable. Pure.
 */
import { PACKET_TYPES } from "../sim/types.ts";
import type { Fault, Hop, PacketEvent, PacketType, Party, Trace, TraceEvent } from "../sim/types.ts";

export interface TraceIndex {
  /** Whether any `state` event was recorded (`simulate(input, { states: true })`). */
  states: boolean;
  /** Whether any packet was lost. */
  anyDropped: boolean;
  /** Indexes of the events about each message, in trace order (a discarded session counts for each). */
  byMessage: Map<number, number[]>;
  /**
   * Per hop: whether its client was connected just before event j (1), not (0), or not yet: its
   * first connection in the trace (an opening CONNECT, attempt 0) has no CONNACK yet (2).
   */
  connectedBefore: Record<Hop, Uint8Array>;
  /**
   * Per `hop|party|packetId`: indexes of the events that say whether that QoS 2 receiver holds the
   * id (its state events when recorded, otherwise its PUBREC and PUBCOMP packets).
   */
  holds: Map<number, number[]>;
  /** Per `hop|party`: indexes of that party's discarded sessions. */
  discards: Map<number, number[]>;
  /** Per `hop|to|packet|packetId|message`: the earliest arrival of such a packet that was not lost. */
  firstArrival: Map<number, number>;
  /**
   * What each event caused, from `causedBy`: the first effect of event c is `firstEffect[c]`, the
   * next after effect j is `nextEffect[j]` (-1 ends the list), in trace order.
   */
  firstEffect: Int32Array;
  nextEffect: Int32Array;
  /** `trace.unusedFaults` by message, in their order. */
  unusedByMessage: Map<number, Fault[]>;
}

const cache = new WeakMap<Trace, TraceIndex>();

// Numbers, not strings, as map keys: a long trace asks these questions tens of thousands of times.
const HOP_NUMBER: Record<Hop, number> = { "publisher-broker": 0, "broker-subscriber": 1 };
const PARTY_NUMBER: Record<Party, number> = { publisher: 0, broker: 1, subscriber: 2 };
const PACKET_NUMBER = new Map<PacketType, number>(PACKET_TYPES.map((p, i) => [p, i]));
/** Packet ids are 1..65535 [MQTT-2.2.1-3]; 0 stands for none. */
const IDS = 65536;

/** A key for (hop, party). */
export const partyKey = (hop: Hop, party: Party): number => HOP_NUMBER[hop] * 3 + PARTY_NUMBER[party];
/** A key for (hop, party, packet id). */
export const holdsKey = (hop: Hop, party: Party, packetId: number): number =>
  partyKey(hop, party) * IDS + packetId;

/** A key for a flow's packet of one type towards one party: hop, receiver, type, packet id, message. */
export function flowKey(e: PacketEvent): number {
  const packet = PACKET_NUMBER.get(e.packet) ?? 0;
  return (
    ((((e.message ?? 0) * IDS + (e.packetId ?? 0)) * PACKET_TYPES.length + packet) * 3 + PARTY_NUMBER[e.to]) *
      2 +
    HOP_NUMBER[e.hop]
  );
}

function push<K>(map: Map<K, number[]>, key: K, index: number): void {
  const list = map.get(key);
  if (list) list.push(index);
  else map.set(key, [index]);
}

/** Whether the hop's first packet is its opening CONNECT (attempt 0): it is not connected before. */
function opensInTrace(events: readonly TraceEvent[], hop: Hop): boolean {
  for (const e of events)
    if (e.type === "packet" && e.hop === hop) return e.packet === "CONNECT" && e.attempt === 0;
  return false;
}

function build(trace: Trace): TraceIndex {
  const { events } = trace;
  const states = events.some((e) => e.type === "state");
  const index: TraceIndex = {
    states,
    anyDropped: false,
    byMessage: new Map(),
    connectedBefore: {
      "publisher-broker": new Uint8Array(events.length),
      "broker-subscriber": new Uint8Array(events.length),
    },
    holds: new Map(),
    discards: new Map(),
    firstArrival: new Map(),
    firstEffect: new Int32Array(events.length).fill(-1),
    nextEffect: new Int32Array(events.length).fill(-1),
    unusedByMessage: new Map(),
  };
  const lastEffect = new Int32Array(events.length).fill(-1);
  for (const fault of trace.unusedFaults) {
    const list = index.unusedByMessage.get(fault.message);
    if (list) list.push(fault);
    else index.unusedByMessage.set(fault.message, [fault]);
  }
  const connected: Record<Hop, number> = {
    "publisher-broker": opensInTrace(events, "publisher-broker") ? 2 : 1,
    "broker-subscriber": opensInTrace(events, "broker-subscriber") ? 2 : 1,
  };
  events.forEach((e, j) => {
    const c = "causedBy" in e ? e.causedBy : undefined;
    if (c !== undefined) {
      const last = lastEffect[c] as number;
      if (last < 0) index.firstEffect[c] = j;
      else index.nextEffect[last] = j;
      lastEffect[c] = j;
    }
    index.connectedBefore["publisher-broker"][j] = connected["publisher-broker"];
    index.connectedBefore["broker-subscriber"][j] = connected["broker-subscriber"];
    switch (e.type) {
      case "connection-lost":
      case "disconnected":
        connected[e.hop] = 0;
        break;
      case "session-expired":
        for (const m of e.messages) push(index.byMessage, m, j);
        break;
      case "reconnected":
        connected[e.hop] = 1;
        break;
      case "publisher-end":
        // The publisher is gone for good, whichever way it went.
        connected["publisher-broker"] = 0;
        break;
      case "session-discarded":
        push(index.discards, partyKey(e.hop, e.at), j);
        for (const m of e.messages) push(index.byMessage, m, j);
        break;
      case "broker-down":
        // A restart concerns every message the broker held, kept or lost.
        for (const m of [...e.kept, ...e.lost].sort((a, b) => a - b)) push(index.byMessage, m, j);
        break;
      case "broker-up":
        break;
      case "state":
        if (e.role === "receiver" && e.packetId !== undefined)
          push(index.holds, holdsKey(e.hop, e.at, e.packetId), j);
        push(index.byMessage, e.message, j);
        break;
      case "packet": {
        // The broker's side of a first connection is up once it answers CONNACK.
        if (e.packet === "CONNACK" && e.attempt === 0 && !e.dropped) connected[e.hop] = 1;
        if (e.dropped) index.anyDropped = true;
        else {
          const key = flowKey(e);
          const known = index.firstArrival.get(key);
          if (known === undefined || e.arrives < known) index.firstArrival.set(key, e.arrives);
        }
        if (!states && (e.packet === "PUBREC" || e.packet === "PUBCOMP") && e.packetId !== undefined)
          push(index.holds, holdsKey(e.hop, e.from, e.packetId), j);
        if (e.message !== undefined) push(index.byMessage, e.message, j);
        break;
      }
      default:
        push(index.byMessage, e.message, j);
    }
  });
  return index;
}

/** The index of `trace`, built on first use. Pure (memoised per trace object). */
export function traceIndex(trace: Trace): TraceIndex {
  let index = cache.get(trace);
  if (!index) {
    index = build(trace);
    cache.set(trace, index);
  }
  return index;
}

/** The events about `message`, as indexes into `trace.events`, in trace order. */
export function messageEvents(trace: Trace, message: number): readonly number[] {
  return traceIndex(trace).byMessage.get(message) ?? [];
}

/** The last entry of the ascending `list` that is below `before`, or -1. O(log n). */
export function lastBelow(list: readonly number[] | undefined, before: number): number {
  if (!list) return -1;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as number) < before) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? (list[lo - 1] as number) : -1;
}

/** The position in `list` (event indexes, ascending) of the first event at or after time `t`. O(log n). */
export function firstAtOrAfter(trace: Trace, list: readonly number[], t: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((trace.events[list[mid] as number] as TraceEvent).t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first event that event `cause` caused and that satisfies `match`, as an index, or -1. */
export function effectWhere(trace: Trace, cause: number, match: (e: TraceEvent) => boolean): number {
  const { firstEffect, nextEffect } = traceIndex(trace);
  for (let j = firstEffect[cause] ?? -1; j >= 0; j = nextEffect[j] as number) {
    if (match(trace.events[j] as TraceEvent)) return j;
  }
  return -1;
}

/** The event that caused event `index` (`causedBy`), if any. */
export function causeOf(trace: Trace, index: number): TraceEvent | undefined {
  const e = trace.events[index];
  const c = e && "causedBy" in e ? e.causedBy : undefined;
  return c === undefined ? undefined : trace.events[c];
}
