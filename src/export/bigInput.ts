/**
 * When the page hands a scenario to its worker rather than run it in the click that asked for it.
 * Tiny on purpose, and without the simulator: the page's first bundle imports it. Pure.
 */
import type { Scenario, Trace } from "../sim/types.ts";
import type { RunResult } from "./importRun.ts";

type RunKind = (RunResult & { ok: true })["kind"];

/**
 * More messages and faults than this and the page simulates in its worker, with progress and
 * cancel. Measured in Chromium (QoS 2, two hops, with the machines' states, as the page runs it;
 * 2 cores shared, load average 6 to 12): 1,000 messages take 60 to 90 ms once the engine has run
 * before (a click), about 0.2 s on its first run (the first diagram), so a link's 1,000 messages
 * run on the page. That is less than the worker's round trip: spawning it, loading its chunk and
 * the trace's JSON both ways (about 30 ms). It was 250 when 1,000 messages blocked 0.8 s.
 * It is a link's most messages (share/url.ts: 1,000) and 100 faults more: a click that drops a
 * packet of such a link must not send it to the worker (at exactly 1,000, every drop on it did,
 * and every restore came back: the round trip and the trace's JSON in one click of two).
 */
export const DIRECT_RUN_WEIGHT = 1100;

/** Files larger than this are parsed in the worker too (about 1,400 messages of a typical size). */
export const DIRECT_IMPORT_BYTES = 64 * 1024;

/** Whether the page runs this scenario in its worker rather than in the click that asked for it. */
export function runsInWorker(scenario: Scenario): boolean {
  return scenario.messages.length + scenario.faults.length > DIRECT_RUN_WEIGHT;
}

/**
 * A RunResult as the worker posts it: the trace as JSON text. A structured clone of a trace of
 * hundreds of thousands of small objects holds the page for seconds as it is unpacked; JSON.parse
 * of the same trace is several times faster (measured: 706,000 events, 1.0 s against 5 to 9 s).
 */
export type PostedRunResult =
  { ok: true; kind: RunKind; traceJson: string } | { ok: false; problems: string[] };

export function postedRunResult(result: RunResult): PostedRunResult {
  if (!result.ok) return result;
  return { ok: true, kind: result.kind, traceJson: JSON.stringify(result.trace) };
}

/** The RunResult back from its posted form (the trace holds its scenario). */
export function receivedRunResult(posted: PostedRunResult): RunResult {
  if (!posted.ok) return posted;
  const trace = JSON.parse(posted.traceJson) as Trace;
  return { ok: true, kind: posted.kind, scenario: trace.scenario, trace };
}
