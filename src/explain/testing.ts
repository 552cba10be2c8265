/**
 * TEST-ONLY helpers for the explain tests: run a scenario and pick the sentences of chosen steps.
 * Never imported by the app.
 */
import { stepsOf, type StepKind } from "../sim/steps.ts";
import { simulate } from "../sim/simulate.ts";
import type { PacketEvent, Trace, TraceEvent } from "../sim/types.ts";
import { narrate } from "./narrate.ts";

/** A trace with state events, as the app builds it. */
export function run(scenario: Record<string, unknown>, states = true): Trace {
  return simulate(scenario, { states });
}

/** The sentences of the steps of `kind` whose event satisfies `match`, in playback order. */
export function sentences(
  trace: Trace,
  kind: StepKind,
  match: (e: TraceEvent) => boolean = () => true,
): string[] {
  return stepsOf(trace)
    .filter((s) => s.kind === kind && match(trace.events[s.index] as TraceEvent))
    .map((s) => narrate(trace, s));
}

/** The one sentence of the step of `kind` whose event satisfies `match`; throws unless exactly one. */
export function sentence(trace: Trace, kind: StepKind, match: (e: TraceEvent) => boolean): string {
  const found = sentences(trace, kind, match);
  if (found.length !== 1)
    throw new Error(`expected one ${kind} step, found ${found.length}: ${found.join(" | ")}`);
  return found[0] as string;
}

/** Matches a packet event by type and, optionally, by more of its fields. */
export function packet(type: PacketEvent["packet"], more: Partial<PacketEvent> = {}) {
  return (e: TraceEvent): boolean =>
    e.type === "packet" &&
    e.packet === type &&
    Object.entries(more).every(([k, v]) => (e as unknown as Record<string, unknown>)[k] === v);
}

/** Matches a non-packet event by type. */
export function event(type: TraceEvent["type"]) {
  return (e: TraceEvent): boolean => e.type === type;
}

/** The number of words of a sentence. */
export function wordCount(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}
