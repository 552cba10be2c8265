/**
 * Problems with a scenario: how each names its field path and says what was expected and what was
 * got, in which order they are listed, and how many are kept.
 */

import type { Problem } from "./types.ts";
import { isPlainObject } from "./plainData.ts";

/** Past this many problems the rest are summed up in one line, so a broken import stays readable. */
export const MAX_PROBLEMS = 200;

/** Longest rendering of an offending value inside a problem message. */
const PREVIEW_CHARS = 40;

/** A field path as keys and array indexes, before it is printed. */
export type PathSegments = readonly (string | number)[];

/** A problem whose path is still a list of segments: sortable by the order of the format. */
export interface Finding {
  path: PathSegments;
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Messages

/** The usual shape: what the field should be, then the value it has. */
export function expected(expectation: string, got: unknown): string {
  return `expected ${expectation}; got ${preview(got)}`;
}

export function missing(expectation: string): string {
  return `required field is missing; expected ${expectation}`;
}

/** "one of A, B", saying the type too when the value has the wrong one ("2" for 2, 5 for "5.0"). */
export function oneOf(allowed: readonly (string | number)[], value: unknown): string {
  const list = allowed.join(", ");
  const kind = typeof allowed[0];
  return typeof value === kind ? `one of ${list}` : `a ${kind}, one of ${list}`;
}

// ---------------------------------------------------------------------------------------------
// Showing values: JSON, truncated, and safe on anything (cycles, BigInt, symbols, huge arrays)

/** The value as JSON, cut to about PREVIEW_CHARS characters; never walks more than it prints. */
function preview(value: unknown, maxChars = PREVIEW_CHARS): string {
  const parts: string[] = [];
  let length = 0;
  const push = (text: string): boolean => {
    parts.push(text);
    length += text.length;
    return length <= maxChars;
  };
  const walk = (v: unknown): boolean => {
    if (Array.isArray(v)) {
      if (!push("[")) return false;
      for (let i = 0; i < v.length; i++) {
        if (i > 0 && !push(",")) return false;
        if (!walk(Object.hasOwn(v, i) ? v[i] : undefined)) return false;
      }
      return push("]");
    }
    if (isPlainObject(v)) {
      if (!push("{")) return false;
      let first = true;
      for (const key of Object.keys(v)) {
        if (!first && !push(",")) return false;
        first = false;
        if (!push(`${quote(key, maxChars)}:`) || !walk(v[key])) return false;
      }
      return push("}");
    }
    return push(scalar(v, maxChars));
  };
  walk(value);
  const text = parts.join("");
  return text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text;
}

function quote(text: string, maxChars: number): string {
  return JSON.stringify(text.length > maxChars ? `${text.slice(0, maxChars)}…` : text);
}

function scalar(v: unknown, maxChars: number): string {
  switch (typeof v) {
    case "string":
      return quote(v, maxChars);
    case "number":
      // JSON would print NaN and Infinity as null and -0 as 0: show what was really given.
      return Object.is(v, -0) ? "-0" : String(v);
    case "bigint":
      return `${v}n`;
    case "symbol":
      return String(v);
    case "function":
      return "a function";
    case "undefined":
      return "undefined";
    case "boolean":
      return String(v);
    default:
      return v === null ? "null" : article(`${Object.prototype.toString.call(v).slice(8, -1)} object`);
  }
}

function article(noun: string): string {
  return `${/^[AEIOU]/i.test(noun) ? "an" : "a"} ${noun}`;
}

// ---------------------------------------------------------------------------------------------
// Paths, order and count

/** `faults[0].packet`; a key that is not an identifier is quoted: `timing[""]`, `["a b"]`. */
export function formatPath(path: PathSegments): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (segment.length <= PREVIEW_CHARS && /^[A-Za-z_$][\w$]*$/.test(segment)) {
      text += text === "" ? segment : `.${segment}`;
    } else text += `[${quote(segment, PREVIEW_CHARS)}]`;
  }
  return text;
}

/** The known keys of the object at `parent` (indexes written "[]"), in the format's order. */
type KnownKeys = (parent: string) => readonly string[] | undefined;

/**
 * Findings in the order a reader meets the fields: at each level the unknown keys first (in the
 * input's order), then the known fields in the format's order, array entries by index, a field
 * before what is inside it. Sorting is stable: findings on one path keep the order they came in.
 */
export function sortFindings(findings: readonly Finding[], known: KnownKeys): Finding[] {
  const rank = (path: PathSegments): number[] => {
    let parent = "";
    return path.map((segment) => {
      const keys = known(parent);
      parent += typeof segment === "number" ? "[]" : parent === "" ? segment : `.${segment}`;
      if (typeof segment === "number") return segment;
      return (keys?.indexOf(segment) ?? -1) + 1; // unknown keys rank 0, before every known one
    });
  };
  const ranked = findings.map((finding) => ({ finding, rank: rank(finding.path) }));
  ranked.sort((a, b) => {
    const length = Math.min(a.rank.length, b.rank.length);
    for (let i = 0; i < length; i++) {
      const diff = (a.rank[i] ?? 0) - (b.rank[i] ?? 0);
      if (diff !== 0) return diff;
    }
    return a.rank.length - b.rank.length;
  });
  return ranked.map((r) => r.finding);
}

/** At most MAX_PROBLEMS problems, then one line counting the rest. */
export function toProblems(findings: readonly Finding[]): Problem[] {
  const problems = findings
    .slice(0, MAX_PROBLEMS)
    .map((f) => ({ path: formatPath(f.path), message: f.message }));
  const extra = findings.length - problems.length;
  if (extra > 0) problems.push({ path: "", message: `${extra} more problems not shown` });
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Printing and throwing

/** `${path}: ${message}`, the root printed as "scenario". */
export function formatProblem(problem: Problem): string {
  return `${problem.path === "" ? "scenario" : problem.path}: ${problem.message}`;
}

/** Thrown by callers that need a valid scenario (the simulator); carries every problem. */
export class ScenarioError extends Error {
  readonly problems: Problem[];

  constructor(problems: readonly Problem[]) {
    super(problems.length > 0 ? problems.map(formatProblem).join("\n") : "invalid scenario");
    this.name = "ScenarioError";
    this.problems = problems.map((p) => ({ path: p.path, message: p.message }));
  }
}

export function errorText(error: unknown): string {
  try {
    return error instanceof Error ? String(error.message) : String(error);
  } catch {
    return "unknown error";
  }
}
