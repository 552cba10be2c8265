/**
 * Lesson and course parsing: whatever a file, a link or the builder hands us becomes a `Lesson`
 * with each step's scenario resolved, or the list of every problem, each naming its field path
 * (`steps[2].question.ask`) and saying what was expected and what was got. Pure; never throws.
 */

import * as v from "valibot";
import { parseJsonText } from "../sim/jsonText.ts";
import {
  errorText,
  sortFindings,
  toProblems,
  type Finding,
  type PathSegments,
} from "../sim/scenarioErrors.ts";
import { OBJECT_KEYS } from "../sim/scenarioSchema.ts";
import type { Problem, Scenario } from "../sim/types.ts";
import { unknownCourseFields, unknownLessonFields } from "./lessonKeys.ts";
import { checkLessonRules } from "./lessonRules.ts";
import {
  CourseSchema,
  LESSON_KEYS,
  LessonSchema,
  type Course,
  type Lesson,
  type LessonStep,
} from "./lessonSchema.ts";
import { parseSolution } from "./solution.ts";

export type { Problem } from "../sim/types.ts";

export type LessonParseResult =
  | {
      ok: true;
      lesson: Lesson;
      /** Per step: the scenario it shows (its own, else the previous step's); null only for an explain step before any scenario. */
      scenarios: (Scenario | null)[];
    }
  | { ok: false; problems: Problem[] };

export type CourseParseResult = { ok: true; course: Course } | { ok: false; problems: Problem[] };

const CONFIG = { abortPipeEarly: true } as const;

/** Every step key, in the order a reader meets them (for the order of problems). */
const STEP_KEYS = [
  ...new Set([
    ...LESSON_KEYS.steps.show,
    ...LESSON_KEYS.steps.predict,
    ...LESSON_KEYS.steps.task,
    ...LESSON_KEYS.steps.explain,
  ]),
];

const KNOWN: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ["", LESSON_KEYS.lesson],
  ["steps[]", STEP_KEYS],
  ["steps[].narration[]", LESSON_KEYS.beat],
  ["steps[].narration[].until", LESSON_KEYS.eventMatch],
  ["steps[].stopAt", LESSON_KEYS.eventMatch],
  ["steps[].question", ["ask", "message", "need"]],
  ["steps[].goal", LESSON_KEYS.goal],
  ["steps[].goal.drops", LESSON_KEYS.drops],
  ["steps[].solution", LESSON_KEYS.solution],
  ["steps[].solution.set", LESSON_KEYS.set],
  ["steps[].statistics", LESSON_KEYS.statistics],
]);

/** The known keys at `parent`; inside a step's scenario or a solution's faults, the scenario's. */
function knownKeys(parent: string): readonly string[] | undefined {
  const scenario = /^steps\[\]\.scenario(?:\.(.*))?$/.exec(parent);
  if (scenario) return OBJECT_KEYS.get(scenario[1] ?? "");
  if (parent === "steps[].solution.faults[]") return OBJECT_KEYS.get("faults[]");
  return KNOWN.get(parent);
}

function toFinding(issue: v.BaseIssue<unknown>): Finding {
  const path: PathSegments = (issue.path ?? []).map((item) => item.key as string | number);
  return { path, message: issue.message };
}

/** Problems on the same path as a rule's are the rule's to say (it knows the scenario). */
function merge(schema: readonly Finding[], rules: readonly Finding[]): Finding[] {
  const key = (f: Finding) => JSON.stringify(f.path);
  const ruled = new Set(rules.map(key));
  return [...schema.filter((f) => !ruled.has(key(f))), ...rules];
}

/**
 * Validates a lesson and resolves each step's scenario. The lesson returned is fresh: its steps'
 * scenarios and solutions' faults carry every default (so it parses to itself).
 */
export function parseLesson(input: unknown): LessonParseResult {
  try {
    return validateLesson(input);
  } catch (error) {
    return { ok: false, problems: [{ path: "", message: `could not read the lesson: ${errorText(error)}` }] };
  }
}

function validateLesson(input: unknown): LessonParseResult {
  const result = v.safeParse(LessonSchema, input, CONFIG);
  const rules = checkLessonRules(input);
  const unknown = unknownLessonFields(input);
  if (result.success && rules.findings.length === 0 && unknown.length === 0) {
    const scenarios = rules.scenarios;
    const steps = result.output.steps.map((step, i) => resolved(step as LessonStep, scenarios[i] ?? null));
    return { ok: true, lesson: { ...result.output, steps } as Lesson, scenarios };
  }
  const fromSchema = (result.issues ?? []).map(toFinding);
  const findings = sortFindings([...unknown, ...merge(fromSchema, rules.findings)], knownKeys);
  return { ok: false, problems: toProblems(findings) };
}

/** A valid step with its own scenario parsed (defaults filled in), and its solution's faults too. */
function resolved(step: LessonStep, scenario: Scenario | null): LessonStep {
  const own = step.scenario === undefined || scenario === null ? {} : { scenario };
  if (step.kind !== "task" || scenario === null) return { ...step, ...own };
  const solution = parseSolution(scenario, step.solution);
  const faults = solution.ok ? solution.scenario.faults : step.solution.faults;
  return { ...step, ...own, solution: { ...step.solution, faults } };
}

/** Parses JSON text, then the lesson; a syntax error becomes one problem with line and column. */
export function parseLessonText(text: string): LessonParseResult {
  const json = parseJsonText(text);
  if (!json.ok) return { ok: false, problems: [{ path: "", message: json.message }] };
  return parseLesson(json.value);
}

export function parseCourse(input: unknown): CourseParseResult {
  try {
    const result = v.safeParse(CourseSchema, input, CONFIG);
    const unknown = unknownCourseFields(input);
    if (result.success && unknown.length === 0) return { ok: true, course: result.output as Course };
    const findings = sortFindings([...unknown, ...(result.issues ?? []).map(toFinding)], (parent) =>
      parent === "" ? LESSON_KEYS.course : undefined,
    );
    return { ok: false, problems: toProblems(findings) };
  } catch (error) {
    return { ok: false, problems: [{ path: "", message: `could not read the course: ${errorText(error)}` }] };
  }
}

export function parseCourseText(text: string): CourseParseResult {
  const json = parseJsonText(text);
  if (!json.ok) return { ok: false, problems: [{ path: "", message: json.message }] };
  return parseCourse(json.value);
}

/** `path: message`, the root printed as "lesson". */
export function formatLessonProblem(problem: Problem): string {
  return `${problem.path === "" ? "lesson" : problem.path}: ${problem.message}`;
}

/** The scenario step `index` shows: its own, else the previous step's; null before any. */
export function stepScenario(lesson: Lesson, index: number): Scenario | null {
  for (let i = Math.min(index, lesson.steps.length - 1); i >= 0; i--) {
    const scenario = lesson.steps[i]?.scenario;
    if (scenario !== undefined) return scenario;
  }
  return null;
}
