/**
 * EventMatch: a lesson names a moment of a trace by some of its event's fields ("the first PUBREC
 * lost"). Where such a moment is on the playback timeline, and where each narration beat stops.
 * Pure.
 */
import { lossTime } from "../sim/steps.ts";
import type { Trace, TraceEvent } from "../sim/types.ts";
import type { EventMatch, ShowStep } from "./lessonSchema.ts";

type MatchField = Exclude<keyof EventMatch, "nth">;
const FLAGS: ReadonlySet<MatchField> = new Set(["dropped", "resend", "dup"]);

/**
 * Whether `event` has every field `match` gives (`nth` aside). `type` defaults to "packet" when
 * `packet` is given; a packet's `resend` and `dup` read false when absent. State events never
 * match: they are recorded only on request, so a lesson's moment must not depend on them.
 */
export function eventMatches(match: EventMatch, event: TraceEvent): boolean {
  if (event.type === "state") return false;
  const type = match.type ?? (match.packet !== undefined ? "packet" : undefined);
  if (type !== undefined && event.type !== type) return false;
  const fields = event as unknown as Record<string, unknown>;
  for (const key of Object.keys(match) as (keyof EventMatch)[]) {
    if (key === "nth" || key === "type") continue;
    const want = match[key];
    if (want === undefined) continue;
    const has = Object.hasOwn(fields, key)
      ? fields[key]
      : FLAGS.has(key) && event.type === "packet"
        ? false
        : undefined;
    if (has !== want) return false;
  }
  return true;
}

/** The index in `trace.events` of the `nth` (default first) event matching, or null. */
export function findEvent(trace: Trace, match: EventMatch): number | null {
  let left = match.nth ?? 1;
  for (let i = 0; i < trace.events.length; i++) {
    if (eventMatches(match, trace.events[i] as TraceEvent) && --left === 0) return i;
  }
  return null;
}

/**
 * The playback instant at which the event `index` has happened on screen: a packet's arrival, or
 * for a lost packet the moment it is lost (as the diagram draws it); any other event's time.
 */
export function eventInstant(trace: Trace, index: number): number {
  const event = trace.events[index] as TraceEvent;
  if (event.type !== "packet") return event.t;
  return event.dropped ? lossTime(trace, index) : event.arrives;
}

/** The instant of the event `match` names, or null when the trace has none. */
export function matchInstant(trace: Trace, match: EventMatch): number | null {
  const index = findEvent(trace, match);
  return index === null ? null : eventInstant(trace, index);
}

/**
 * Per narration beat, the instant its `until` stops playback at; null for a beat without `until`
 * (it waits for Continue) and for one whose event the trace lacks (the headless test rules that
 * out for shipped lessons).
 */
export function beatStops(step: Pick<ShowStep, "narration">, trace: Trace): (number | null)[] {
  return (step.narration ?? []).map((beat) =>
    beat.until === undefined ? null : matchInstant(trace, beat.until),
  );
}
