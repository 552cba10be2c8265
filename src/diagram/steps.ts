/**
 * The moments of a trace that playback steps through and narration speaks about: every packet
 * leaving, arriving or being lost, and every other event worth a sentence. Pure.
 */
import type { PacketEvent, Trace, TraceEvent } from "../sim/types.ts";

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

const KIND_ORDER: Record<StepKind, number> = { arrive: 0, lost: 0, event: 1, send: 1 };

/**
 * Steps in time order. At the same instant an arrival comes before what it causes; otherwise the
 * trace's own (causal) order is kept.
 */
export function stepsOf(trace: Trace): Step[] {
  const steps: (Step & { order: number })[] = [];
  trace.events.forEach((e, index) => {
    if (!isNarrated(e)) return;
    if (e.type === "packet") {
      steps.push({ t: e.t, kind: "send", index, order: index });
      if (e.dropped) steps.push({ t: lossTime(trace, index), kind: "lost", index, order: index });
      else steps.push({ t: e.arrives, kind: "arrive", index, order: index });
    } else {
      steps.push({ t: e.t, kind: "event", index, order: index });
    }
  });
  steps.sort((a, b) => a.t - b.t || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.order - b.order);
  return steps.map(({ t, kind, index }) => ({ t, kind, index }));
}
