/**
 * A big input's whole way from text (or a parsed scenario) to its trace, as one call: what the
 * page's worker job "trace" runs, so that importing or simulating a big scenario never holds the
 * page. Pure; never throws for bad input (problems are strings, as importJson gives them).
 */
import { drawingTooLarge } from "../diagram/drawLimit.ts";
import { runScenario } from "../sim/runScenario.ts";
import type { Scenario, Trace } from "../sim/types.ts";
import { importJson, type ImportKind } from "./importFile.ts";

/** A file's text (parsed here) or a scenario that is valid already. */
export type RunSource = { text: string } | { scenario: Scenario };

export type RunResult =
  | { ok: true; scenario: Scenario; kind: ImportKind | "scenario"; trace: Trace }
  | { ok: false; problems: string[] };

export interface RunProgress {
  (done: number, total: number): void;
}

/**
 * Parses (for text), then simulates. A trace the page can draw is recorded with the machines'
 * states (for the state panel, as the page's own runs are); one too large to draw is not, which
 * keeps it several times smaller (the page shows its summary and table only). `onProgress`
 * reports the messages published.
 */
export function importAndRun(source: RunSource, onProgress?: RunProgress): RunResult {
  let scenario: Scenario;
  let kind: ImportKind | "scenario" = "scenario";
  if ("text" in source) {
    const imported = importJson(source.text);
    if (!imported.ok) return imported;
    scenario = imported.scenario;
    kind = imported.kind;
  } else scenario = source.scenario;
  const plain = runScenario(scenario, onProgress ? { onProgress } : {});
  if (drawingTooLarge(plain) !== null) return { ok: true, scenario, kind, trace: plain };
  return { ok: true, scenario, kind, trace: runScenario(scenario, { states: true }) };
}
