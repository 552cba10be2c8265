/**
 * Scenario parsing and validation (shared/docs/scenario-format.md): turns whatever a user, a URL,
 * an import or a TypeScript caller hands us into a complete `Scenario`, or into the list of every
 * problem found, each naming its field path. Pure: no DOM, no clock, no randomness, never throws.
 *
 * The pieces: scenarioSchema.ts (the format as a valibot schema: types, defaults, JSON Schema),
 * scenarioRules.ts (MQTT rules across fields), scenarioKeys.ts (unknown keys, "did you mean"),
 * scenarioErrors.ts (problem messages and their order), jsonText.ts (JSON syntax errors).
 */

import * as v from "valibot";
import { parseJsonText } from "./jsonText.ts";
import {
  ScenarioError,
  errorText,
  formatPath,
  sortFindings,
  toProblems,
  type Finding,
  type PathSegments,
} from "./scenarioErrors.ts";
import { unknownFields } from "./scenarioKeys.ts";
import { checkRules } from "./scenarioRules.ts";
import { withProfileDefaults } from "./profileDefaults.ts";
import { OBJECT_KEYS, ScenarioSchema } from "./scenarioSchema.ts";
import type { Problem, Scenario } from "./types.ts";

export {
  DEFAULT_MESSAGE,
  DEFAULT_TIMING,
  MAX_DELAY_MS,
  MAX_FAULTS,
  MAX_MESSAGES,
  MAX_PAYLOAD_BYTES,
  SCENARIO_KEYS,
} from "./scenarioSchema.ts";
export type { ScenarioInput } from "./scenarioSchema.ts";
export { MAX_PROBLEMS, ScenarioError, formatProblem } from "./scenarioErrors.ts";

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; problems: Problem[] };

/** Each check of a field stops at its first failure: one problem per field. */
const CONFIG = { abortPipeEarly: true } as const;

/**
 * Validates `input` and fills in every default. Pure; never throws. The scenario returned is a
 * fresh object that shares nothing with `input`.
 */
export function parseScenario(input: unknown): ParseResult {
  try {
    return validate(input);
  } catch (error) {
    // Only exotic inputs get here (a throwing getter, a revoked Proxy): report, never throw.
    return {
      ok: false,
      problems: [{ path: "", message: `could not read the scenario: ${errorText(error)}` }],
    };
  }
}

/** Like parseScenario, for callers that need a scenario: throws ScenarioError with every problem. */
export function parseScenarioOrThrow(input: unknown): Scenario {
  const result = parseScenario(input);
  if (!result.ok) throw new ScenarioError(result.problems);
  return result.scenario;
}

/** Parses JSON text, then the scenario; a syntax error becomes one problem with line and column. */
export function parseScenarioJson(text: string): ParseResult {
  const json = parseJsonText(text);
  if (!json.ok) return { ok: false, problems: [{ path: "", message: json.message }] };
  return parseScenario(json.value);
}

function validate(input: unknown): ParseResult {
  const result = v.safeParse(ScenarioSchema, input, CONFIG);
  const rules = checkRules(input);
  const unknown = unknownFields(input);
  if (result.success && rules.length === 0 && unknown.length === 0) {
    return { ok: true, scenario: withProfileDefaults(input, result.output) };
  }
  // A rule knows the rest of the scenario: where it speaks of a field, its message replaces the
  // schema's context-free one (a fault's message number: "from 1 to 2", not "to 100000").
  const ruled = new Set(rules.map((r) => formatPath(r.path)));
  const fromSchema = (result.issues ?? [])
    .map(toFinding)
    .filter((f) => ruled.size === 0 || !ruled.has(formatPath(f.path)));
  const findings = sortFindings([...unknown, ...fromSchema, ...rules], (parent) => OBJECT_KEYS.get(parent));
  return { ok: false, problems: toProblems(findings) };
}

function toFinding(issue: v.BaseIssue<unknown>): Finding {
  const path: PathSegments = (issue.path ?? []).map((item) => item.key as string | number);
  return { path, message: issue.message };
}
