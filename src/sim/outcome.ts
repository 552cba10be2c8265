/** The verdict of a run, computed from what the final receiver delivered and processed. Pure. */
import type { Outcome, TraceEvent, Verdict } from "./types.ts";

/** 0 processed: lost; 1: once; 2 or more: duplicated (scenario-format.md). */
export function verdictOf(processed: number): Verdict {
  return processed === 0 ? "lost" : processed === 1 ? "once" : "duplicated";
}

/**
 * `deliveries[m]` and `processed[m]` are indexed by 1-based message number (index 0 unused).
 * Packets and bytes count every transmission, lost ones included: they were sent.
 */
export function buildOutcome(
  events: readonly TraceEvent[],
  deliveries: ArrayLike<number>,
  processed: ArrayLike<number>,
): Outcome {
  let packets = 0;
  let bytes = 0;
  let durationMs = 0;
  for (const e of events) {
    let end = e.t;
    if (e.type === "packet") {
      packets++;
      bytes += e.bytes;
      if (!e.dropped) end = e.arrives;
    }
    if (end > durationMs) durationMs = end;
  }
  const messages = [];
  for (let m = 1; m < deliveries.length; m++) {
    const p = processed[m] ?? 0;
    messages.push({ message: m, deliveries: deliveries[m] ?? 0, processed: p, verdict: verdictOf(p) });
  }
  return { messages, packets, bytes, durationMs };
}
