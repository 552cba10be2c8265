/**
 * The moments of a trace that playback steps through and narration speaks about: every packet
 * leaving, arriving or being lost, and every other event worth a sentence. Pure functions of the
 * trace: they live here, below the diagram and the explanations, because both read them.
 */
import type { PacketEvent, Trace, TraceEvent } from "./types.ts";

export type StepKind = "send" | "arrive" | "lost" | "event";

export interface Step {
  /** Simulated time of the moment. */
  t: number;
  kind: StepKind;
  /** Index into trace.events of the event the step is about. */
  index: number;
}

/** Where a lost packet's flight ends: halfway for a fault, at the break for a connection loss. */
export function lossTime(trace: Trace, index: number): number {
  const e = trace.events[index] as PacketEvent;
  if (e.lostBy === "connection-lost") {
    for (let i = index + 1; i < trace.events.length; i++) {
      const other = trace.events[i] as TraceEvent;
      if (other.type === "connection-lost" && other.hop === e.hop && other.t >= e.t) return other.t;
    }
  }
  return e.t + (e.arrives - e.t) / 2;
}

/** Events that are shown as moments of their own (state changes only feed the state panel). */
function isNarrated(e: TraceEvent): boolean {
  return e.type !== "state";
}

/** The party an event happens at: a packet's sender, a reconnect's client, else its `at`. */
function partyOf(e: TraceEvent): string | undefined {
  if (e.type === "packet") return e.from;
  if (e.type === "reconnected") return e.hop === "publisher-broker" ? "publisher" : "subscriber";
  if (e.type === "connection-lost") return undefined;
  return e.at;
}

/** Events that timers and applications start, never an arriving packet. */
const UNCAUSED = new Set<TraceEvent["type"]>(["timeout", "publish", "connection-lost"]);

/** Whether `e`, at the instant `packet` arrives, is the receiver's reaction to it. */
function causedBy(e: TraceEvent, packet: PacketEvent): boolean {
  // Only a CONNACK reconnects; anything arriving with it is handled once connected.
  if (packet.packet === "CONNACK") return e.type === "reconnected" && e.hop === packet.hop;
  return e.type !== "reconnected" && !UNCAUSED.has(e.type) && partyOf(e) === packet.to;
}

/**
 * Where a packet's arrival (or loss) goes among the trace's events, which are in causal order but
 * list each packet at its sending: just before the first event at that instant that it causes
 * (the receiver's reaction, or the break a fault's loss causes; a packet lost with its connection
 * comes just after the break); after the instant's other events when it causes none there (an ack
 * that only frees a packet id).
 */
function landingOrder(trace: Trace, index: number, t: number, lost: boolean): number {
  const packet = trace.events[index] as PacketEvent;
  for (let j = index + 1; j < trace.events.length; j++) {
    const e = trace.events[j] as TraceEvent;
    if (e.t > t) break;
    if (e.t < t || !isNarrated(e)) continue;
    if (lost) {
      if (e.type !== "connection-lost" || e.hop !== packet.hop) continue;
      // A fault's loss breaks the connection; a packet in flight is lost because it broke.
      return packet.lostBy === "connection-lost" ? j + 0.5 : j - 0.5;
    }
    if (causedBy(e, packet)) return j - 0.5;
  }
  return trace.events.length + index;
}

/**
 * Steps in time order. At one instant, each arrival comes just before what it causes; otherwise
 * the trace's own (causal) order is kept.
 */
export function stepsOf(trace: Trace): Step[] {
  const steps: (Step & { order: number })[] = [];
  trace.events.forEach((e, index) => {
    if (!isNarrated(e)) return;
    if (e.type === "packet") {
      steps.push({ t: e.t, kind: "send", index, order: index });
      const t = e.dropped ? lossTime(trace, index) : e.arrives;
      const kind = e.dropped ? "lost" : "arrive";
      steps.push({ t, kind, index, order: landingOrder(trace, index, t, e.dropped) });
    } else {
      steps.push({ t: e.t, kind: "event", index, order: index });
    }
  });
  steps.sort((a, b) => a.t - b.t || a.order - b.order);
  return steps.map(({ t, kind, index }) => ({ t, kind, index }));
}

/**
 * The steps of the instant playback shows at `time`: every step at the time of the last step at
 * or before `time` (a half-open index range into `steps`), or an empty range before the first.
 * Next and Back move from instant to instant, so all of an instant's steps are told together.
 * O(log n). Pure.
 */
export function instantAt(steps: readonly Step[], time: number): { first: number; end: number } {
  let lo = 0;
  let hi = steps.length;
  // The first step later than `time` (with the same tolerance as playback's step times).
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((steps[mid] as Step).t <= time + 1e-6) lo = mid + 1;
    else hi = mid;
  }
  const end = lo;
  if (end === 0) return { first: 0, end: 0 };
  const t = (steps[end - 1] as Step).t;
  let first = end - 1;
  while (first > 0 && (steps[first - 1] as Step).t === t) first--;
  return { first, end };
}
