/**
 * The events of a trace a trainer can pick as a narration beat's `until` (or a predict step's
 * `stopAt`): each with a readable label and the EventMatch that finds exactly that event again
 * (its identifying fields, plus `nth` when an earlier event has the same ones). Pure.
 */
import type { Trace, TraceEvent } from "../../../sim/types.ts";

/** An EventMatch as the lesson format writes it: a subset of a trace event's fields. */
export type Match = Record<string, string | number | boolean>;

export interface EventChoice {
  /** The event's index in `trace.events`. */
  index: number;
  label: string;
  match: Match;
}

/** The fields that say which event it is, per type (state events are not offered). */
function identifying(event: TraceEvent): Match | null {
  switch (event.type) {
    case "packet": {
      // `type` defaults to "packet" when `packet` is given.
      const match: Match = { packet: event.packet, hop: event.hop };
      if (event.message !== undefined) match.message = event.message;
      match.attempt = event.attempt;
      if (event.dropped) match.dropped = true;
      return match;
    }
    case "deliver":
      return { type: "deliver", at: event.at, message: event.message, count: event.count };
    case "process":
    case "ignore":
    case "timeout":
    case "not-forwarded":
      return { type: event.type, at: event.at, message: event.message };
    case "connection-lost":
    case "reconnected":
      return { type: event.type, hop: event.hop };
    case "publish":
      return { type: "publish", message: event.message };
    case "session-discarded":
      return { type: event.type, hop: event.hop, at: event.at };
    case "broker-down":
    case "broker-up":
      // The lesson format matches neither kind nor time: `nth` tells restarts apart.
      return { type: event.type };
    case "retained":
      return { type: event.type, message: event.message, action: event.action };
    case "will":
      return { type: event.type, action: event.action, reason: event.reason };
    case "publisher-end":
      return { type: event.type, kind: event.kind };
    case "state":
      return null;
  }
}

/** Whether every field of `match` (but `nth`) equals the event's; `type` defaults as the format says. */
export function sameFields(match: Match, event: TraceEvent): boolean {
  const type = match.type ?? (match.packet !== undefined ? "packet" : undefined);
  if (type !== undefined && event.type !== type) return false;
  const fields = event as unknown as Record<string, unknown>;
  return Object.entries(match).every(
    ([key, value]) => key === "type" || key === "nth" || fields[key] === value,
  );
}

/** The match that finds event `index` first, counting `nth` among the events it also fits. */
export function matchFor(trace: Trace, index: number): Match | null {
  const event = trace.events[index];
  const match = event ? identifying(event) : null;
  if (!match) return null;
  let nth = 1;
  for (let i = 0; i < index; i++) {
    if (sameFields(match, trace.events[i] as TraceEvent)) nth++;
  }
  if (nth > 1) match.nth = nth;
  return match;
}

/** The index of the event a match finds (its `nth` fit, 1 by default), or null. */
export function findMatch(trace: Trace, match: Match): number | null {
  const nth = typeof match.nth === "number" ? match.nth : 1;
  let seen = 0;
  for (let i = 0; i < trace.events.length; i++) {
    if (sameFields(match, trace.events[i] as TraceEvent) && ++seen === nth) return i;
  }
  return null;
}

function describe(event: TraceEvent): string {
  switch (event.type) {
    case "packet": {
      const of = event.message === undefined ? "" : `, message ${event.message}`;
      const again = event.attempt > 1 ? `, attempt ${event.attempt}` : "";
      const dup = event.dup ? " (DUP)" : "";
      return `${event.packet}${dup} ${event.from} → ${event.to}${of}${again}${event.dropped ? ": lost" : ""}`;
    }
    case "deliver":
      return `${event.at} hands message ${event.message} on (${ordinalCount(event.count)})`;
    case "process":
      return `${event.at}'s application processes message ${event.message}`;
    case "ignore":
      return `${event.at}'s application ignores message ${event.message} (already processed)`;
    case "timeout":
      return `${event.at} times out waiting for ${event.waitingFor} (message ${event.message})`;
    case "connection-lost":
      return `connection lost (${event.hop})`;
    case "reconnected":
      return `reconnected (${event.hop}), session present ${event.sessionPresent ? 1 : 0}`;
    case "publish":
      return `publisher's application publishes message ${event.message}`;
    case "session-discarded":
      return `${event.at} discards its session (${event.hop})`;
    case "not-forwarded":
      return `broker cannot forward message ${event.message} (${event.reason})`;
    case "broker-down":
      return `broker goes down (${event.kind})`;
    case "broker-up":
      return "broker runs again";
    case "retained":
      return event.action === "stored"
        ? `broker keeps message ${event.message} as retained (${event.topic})`
        : `broker clears the retained message of ${event.topic}`;
    case "will":
      return `broker ${event.action === "published" ? "publishes" : "discards"} the will (${event.reason})`;
    case "publisher-end":
      return `publisher ends (${event.kind})`;
    case "state":
      return `${event.at}: ${event.state}`;
  }
}

function ordinalCount(n: number): string {
  return n === 1 ? "first time" : n === 2 ? "second time" : `${n}th time`;
}

/** Every event worth naming, in trace order, labelled with its time. */
export function eventChoices(trace: Trace): EventChoice[] {
  const choices: EventChoice[] = [];
  trace.events.forEach((event, index) => {
    const match = matchFor(trace, index);
    if (match) choices.push({ index, label: `${Math.round(event.t)} ms · ${describe(event)}`, match });
  });
  return choices;
}

/** The label of the event a match finds in this trace, or null when it finds none. */
export function matchLabel(trace: Trace, match: Match): string | null {
  const index = findMatch(trace, match);
  const event = index === null ? undefined : trace.events[index];
  return event ? `${Math.round(event.t)} ms · ${describe(event)}` : null;
}
