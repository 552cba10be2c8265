/**
 * Reading a file a user imports: a scenario, or a trace (its `scenario` is used and replayed; its
 * events are not read, since the simulator recomputes them). Every failure is a list of messages,
 * each naming the field (`faults[0].packet: …`, `scenario.publishQos: …` inside a trace) or the
 * position of a JSON syntax error. Pure, and never throws, whatever the text.
 */
import { formatProblem, parseScenario, parseScenarioJson } from "../sim/scenario.ts";
import type { Problem, Scenario } from "../sim/types.ts";

/** Larger files are refused before they are parsed: a scenario of the largest kind is far smaller. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export type ImportKind = "scenario" | "trace";

export type ImportResult =
  { ok: true; scenario: Scenario; kind: ImportKind } | { ok: false; problems: string[] };

/** The fields of a trace besides `scenario`: a file with these is a trace. */
const TRACE_FIELDS = ["events", "outcome", "unusedFaults"];

/** Reads JSON text as a scenario or a trace. Never throws. */
export function importJson(text: string): ImportResult {
  try {
    return read(text);
  } catch (error) {
    // Nothing above is known to throw; should something, the user still gets a sentence.
    return failure(`the file could not be read: ${errorText(error)}`);
  }
}

/** Reads a File (or any Blob), refusing one that is too large before reading it. Never rejects. */
export async function importBlob(file: Blob): Promise<ImportResult> {
  if (file.size > MAX_IMPORT_BYTES) return tooLarge(file.size);
  let text: string;
  try {
    text = await file.text();
  } catch (error) {
    return failure(`the file could not be read: ${errorText(error)}`);
  }
  return importJson(text);
}

function read(text: string): ImportResult {
  if (typeof text !== "string") return failure(`expected the file's text; got ${typeof text}`);
  const size = utf8Bytes(text);
  if (size > MAX_IMPORT_BYTES) return tooLarge(size);
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  if (source.trim() === "") return failure("the file is empty: expected a scenario or a trace, as JSON");

  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch {
    // parseScenarioJson finds the line and column of the syntax error.
    const parsed = parseScenarioJson(source);
    return parsed.ok
      ? failure("invalid JSON")
      : { ok: false, problems: parsed.problems.map((p) => p.message) };
  }

  if (isObject(value) && Object.hasOwn(value, "scenario")) {
    const parsed = parseScenario(value.scenario);
    if (!parsed.ok) return { ok: false, problems: parsed.problems.map((p) => formatProblem(inTrace(p))) };
    return { ok: true, scenario: parsed.scenario, kind: "trace" };
  }
  if (isObject(value) && TRACE_FIELDS.some((key) => Object.hasOwn(value, key))) {
    return failure(
      "scenario: required field is missing; a trace needs the scenario it was computed from " +
        '(a file with "events" or "outcome" is read as a trace)',
    );
  }
  const parsed = parseScenario(value);
  if (!parsed.ok) return { ok: false, problems: parsed.problems.map(formatProblem) };
  return { ok: true, scenario: parsed.scenario, kind: "scenario" };
}

/** A problem of the scenario inside a trace, with its path from the trace's root. */
function inTrace(problem: Problem): Problem {
  const { path } = problem;
  const inside = path === "" ? "scenario" : path.startsWith("[") ? `scenario${path}` : `scenario.${path}`;
  return { path: inside, message: problem.message };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function failure(message: string): ImportResult {
  return { ok: false, problems: [message] };
}

function tooLarge(bytes: number): ImportResult {
  const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return failure(`the file is too large: ${mb(bytes)}; the limit is ${mb(MAX_IMPORT_BYTES)}`);
}

/** UTF-8 length of `text`, without encoding it. */
function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit < 0xdc00 && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function errorText(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return "unknown error";
  }
}
