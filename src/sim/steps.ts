/**
 * The moments of a trace that playback steps through and narration speaks about: every packet
 * leaving, arriving or being lost, and every other event worth a sentence. Pure functions of the
 * trace: they live here, below the diagram and the explanations, because both read them.
 */
import type { PacketEvent, Trace, TraceEvent } from "./types.ts";

/** A packet leaving, arriving or being lost, or another event (publish, deliver, timeout, ...). */
export type StepKind = "send" | "arrive" | "lost" | "event";

/** One moment of playback: what happens, when, and which trace event it is about. */
export interface Step {
  /** Simulated time of the moment. */
  t: number;
  kind: StepKind;
  /** Index into trace.events of the event the step is about. */
  index: number;
}

/** The index of the `connection-lost` event that took packet `index` down with it, or -1. */
function breakOf(trace: Trace, index: number): number {
  const e = trace.events[index] as PacketEvent;
  if (e.lostBy !== "connection-lost") return -1;
  // The break comes while the packet is on the wire: a short walk forward.
  for (let i = index + 1; i < trace.events.length; i++) {
    const other = trace.events[i] as TraceEvent;
    if (other.type === "connection-lost" && other.hop === e.hop && other.t >= e.t) return i;
  }
  return -1;
}

/** Where a lost packet's flight ends: halfway for a fault, at the break for a connection loss. */
export function lossTime(trace: Trace, index: number): number {
  const e = trace.events[index] as PacketEvent;
  const broke = breakOf(trace, index);
  if (broke >= 0) return (trace.events[broke] as TraceEvent).t;
  return e.t + (e.arrives - e.t) / 2;
}

/** Events that are shown as moments of their own (state changes only feed the state panel). */
function isNarrated(e: TraceEvent): boolean {
  return e.type !== "state";
}

/**
 * For each packet, the index of the first event its arrival (or its loss) caused at that instant,
 * or -1, read from `causedBy` in one pass. A timer guarding a packet names it too, but only fires
 * later: it is not an effect of the arrival.
 */
function firstEffects(trace: Trace, landing: Float64Array): Int32Array {
  const first = new Int32Array(trace.events.length).fill(-1);
  trace.events.forEach((e, j) => {
    const c = "causedBy" in e ? e.causedBy : undefined;
    if (c === undefined || e.type === "timeout" || !isNarrated(e) || (first[c] as number) >= 0) return;
    if (trace.events[c]?.type === "packet" && e.t === landing[c]) first[c] = j;
  });
  return first;
}

/**
 * Where a packet's arrival (or loss) goes among the trace's events, which are in causal order but
 * list each packet at its sending: just before the first event it causes at that instant (the
 * receiver's reaction, or the break a fault's loss causes); a packet lost with its connection just
 * after the break; after the instant's other events when it causes none there (an ack that only
 * frees a packet id).
 */
function landingOrder(trace: Trace, index: number, firstEffect: number): number {
  const broke = breakOf(trace, index);
  if (broke >= 0) return broke + 0.5;
  if (firstEffect >= 0) return firstEffect - 0.5;
  return trace.events.length + index;
}

/**
 * Steps in time order. At one instant, each arrival comes just before what it causes; otherwise
 * the trace's own (causal) order is kept.
 */
export function stepsOf(trace: Trace): Step[] {
  const landing = new Float64Array(trace.events.length);
  trace.events.forEach((e, index) => {
    if (e.type === "packet") landing[index] = e.dropped ? lossTime(trace, index) : e.arrives;
  });
  const effects = firstEffects(trace, landing);
  const steps: (Step & { order: number })[] = [];
  trace.events.forEach((e, index) => {
    if (!isNarrated(e)) return;
    if (e.type === "packet") {
      steps.push({ t: e.t, kind: "send", index, order: index });
      const kind = e.dropped ? "lost" : "arrive";
      const order = landingOrder(trace, index, effects[index] as number);
      steps.push({ t: landing[index] as number, kind, index, order });
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
