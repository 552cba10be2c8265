/**
 * Unknown keys at every level of a lesson or a course, each with a "did you mean" when one is
 * likely (as sim/scenarioKeys.ts does for scenarios). A step's known keys depend on its kind, a
 * question's on what it asks. A step's `scenario` and a solution's faults are left to the
 * scenario parser, which names their unknown keys itself.
 */

import { didYouMean } from "../sim/didYouMean.ts";
import { field, isPlainObject, type Obj } from "../sim/plainData.ts";
import type { Finding, PathSegments } from "../sim/scenarioErrors.ts";
import { LESSON_KEYS, MAX_STEPS } from "./lessonSchema.ts";

/** Where a key misplaced in a step really belongs. */
const STEP_ALIASES: ReadonlyMap<string, string> = new Map([
  ["ask", "question"],
  ["answer", "question"],
  ["faults", "scenario"],
  ["publishqos", "scenario"],
  ["narrate", "narration"],
  ["beats", "narration"],
]);

function unknownField(
  key: string,
  known: readonly string[],
  what: string,
  aliases?: ReadonlyMap<string, string>,
) {
  const guess = didYouMean(key, known) ?? aliases?.get(key.toLowerCase());
  const hint = guess === undefined ? "" : `; did you mean "${guess}"?`;
  return `unknown field${what}; expected one of ${known.filter((k) => k !== "$schema").join(", ")}${hint}`;
}

/** The unknown keys of `value` (when it is an object), reported at `path`. */
function check(
  value: unknown,
  known: readonly string[],
  path: PathSegments,
  found: Finding[],
  what = "",
  aliases?: ReadonlyMap<string, string>,
): value is Obj {
  if (!isPlainObject(value)) return false;
  for (const key of Object.keys(value)) {
    if (!known.includes(key))
      found.push({ path: [...path, key], message: unknownField(key, known, what, aliases) });
  }
  return true;
}

function entries(value: unknown): [number, unknown][] {
  if (!Array.isArray(value)) return [];
  const out: [number, unknown][] = [];
  for (let i = 0; i < value.length; i++) if (Object.hasOwn(value, i)) out.push([i, value[i]]);
  return out;
}

function eventMatch(value: unknown, path: PathSegments, found: Finding[]): void {
  check(value, LESSON_KEYS.eventMatch, path, found, " of a trace event");
}

function step(value: unknown, path: PathSegments, found: Finding[]): void {
  if (!isPlainObject(value)) return;
  const kind = field(value, "kind");
  if (typeof kind !== "string" || !Object.hasOwn(LESSON_KEYS.steps, kind)) return; // the schema names the kind
  const known = LESSON_KEYS.steps[kind as keyof typeof LESSON_KEYS.steps];
  check(value, known, path, found, ` for a ${kind} step`, STEP_ALIASES);
  for (const [i, beat] of entries(field(value, "narration"))) {
    const at = [...path, "narration", i];
    if (check(beat, LESSON_KEYS.beat, at, found)) eventMatch(field(beat, "until"), [...at, "until"], found);
  }
  eventMatch(field(value, "stopAt"), [...path, "stopAt"], found);
  const question = field(value, "question");
  const ask = isPlainObject(question) ? field(question, "ask") : undefined;
  if (typeof ask === "string" && Object.hasOwn(LESSON_KEYS.questions, ask)) {
    const keys = LESSON_KEYS.questions[ask as keyof typeof LESSON_KEYS.questions];
    check(question, keys, [...path, "question"], found, ` for the question "${ask}"`);
  }
  const goal = field(value, "goal");
  if (check(goal, LESSON_KEYS.goal, [...path, "goal"], found)) {
    check(field(goal, "deliveries"), LESSON_KEYS.range, [...path, "goal", "deliveries"], found);
    check(field(goal, "processed"), LESSON_KEYS.range, [...path, "goal", "processed"], found);
    check(field(goal, "drops"), LESSON_KEYS.drops, [...path, "goal", "drops"], found);
  }
  const solution = field(value, "solution");
  if (check(solution, LESSON_KEYS.solution, [...path, "solution"], found)) {
    const set = field(solution, "set");
    if (check(set, LESSON_KEYS.set, [...path, "solution", "set"], found, ` of "set"`)) {
      check(
        field(set, "session"),
        ["publisher", "subscriber"],
        [...path, "solution", "set", "session"],
        found,
      );
      check(
        field(set, "qos2Delivery"),
        ["broker", "subscriber"],
        [...path, "solution", "set", "qos2Delivery"],
        found,
      );
    }
  }
  check(field(value, "statistics"), LESSON_KEYS.statistics, [...path, "statistics"], found);
}

/** Every key the lesson format does not know, as findings naming their paths. */
export function unknownLessonFields(input: unknown): Finding[] {
  const found: Finding[] = [];
  if (!check(input, LESSON_KEYS.lesson, [], found, " of a lesson")) return found;
  const steps = field(input, "steps");
  // A list of the wrong length is refused by the schema without reading its entries.
  if (Array.isArray(steps) && steps.length <= MAX_STEPS) {
    for (const [i, value] of entries(steps)) step(value, ["steps", i], found);
  }
  return found;
}

export function unknownCourseFields(input: unknown): Finding[] {
  const found: Finding[] = [];
  check(input, LESSON_KEYS.course, [], found, " of a course");
  return found;
}
