/**
 * An export of a scenario too large to draw, made from the scenario rather than the page's trace:
 * the worker job "export" runs it, so that the page need not send it a trace of millions of
 * events. The simulator is deterministic, so the file is the one the page's trace would give (and
 * the one `npm run render` writes). Pure.
 */
import { runScenario } from "../sim/runScenario.ts";
import type { Scenario } from "../sim/types.ts";
import { traceToJson } from "./json.ts";
import { traceToMermaid } from "./mermaid.ts";
import type { RunProgress } from "./importRun.ts";

export type TextFormat = "json" | "mermaid";

export function exportText(scenario: Scenario, format: TextFormat, onProgress?: RunProgress): string {
  const trace = runScenario(scenario, onProgress ? { onProgress } : {});
  return format === "json" ? traceToJson(trace) : traceToMermaid(trace);
}
