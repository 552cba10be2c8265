/**
 * A learner's progress through the course: per lesson the step last shown, the answers given and
 * whether it is done. Kept by the runner in localStorage under PROGRESS_KEY and exported or imported
 * as a file; read back with per-field problems. Pure: every update returns a new object, and the
 * clock is the caller's (markDone takes the time).
 */
import * as v from "valibot";
import { parseJsonText } from "../sim/jsonText.ts";
import { didYouMean } from "../sim/didYouMean.ts";
import { isPlainObject, ownFields } from "../sim/plainData.ts";
import {
  errorText,
  expected,
  missing,
  sortFindings,
  toProblems,
  type Finding,
} from "../sim/scenarioErrors.ts";
import type { Problem } from "../sim/types.ts";
import { ID_PATTERN, MAX_STEPS, type Lesson } from "./lessonSchema.ts";

export const PROGRESS_KEY = "mqtt-qos-lab:lessons";
export const PROGRESS_FORMAT = 1;

export interface AnswerRecord {
  choice: string[];
  correct: boolean;
}

export interface LessonProgress {
  /** 0-based index of the step last shown. */
  step: number;
  done: boolean;
  /** By the step's 0-based index, as a string. */
  answers: Record<string, AnswerRecord>;
  /** ISO 8601 time the lesson was first finished. */
  completedAt?: string;
}

export interface Progress {
  progress: 1;
  lessons: Record<string, LessonProgress>;
}

export function emptyProgress(): Progress {
  return { progress: 1, lessons: {} };
}

function lessonOf(progress: Progress, id: string): LessonProgress {
  return Object.hasOwn(progress.lessons, id)
    ? (progress.lessons[id] as LessonProgress)
    : { step: 0, done: false, answers: {} };
}

function withLesson(progress: Progress, id: string, lesson: LessonProgress): Progress {
  return { progress: 1, lessons: { ...progress.lessons, [id]: lesson } };
}

/** The answer given at step `index` (a new answer replaces an earlier one). */
export function recordAnswer(
  progress: Progress,
  lessonId: string,
  index: number,
  choice: readonly string[],
  correct: boolean,
): Progress {
  const lesson = lessonOf(progress, lessonId);
  const answers = { ...lesson.answers, [String(index)]: { choice: [...choice], correct } };
  return withLesson(progress, lessonId, { ...lesson, answers });
}

/** The step now shown. */
export function recordStep(progress: Progress, lessonId: string, index: number): Progress {
  return withLesson(progress, lessonId, { ...lessonOf(progress, lessonId), step: index });
}

/** The lesson finished at `at` (kept from the first time). */
export function markDone(progress: Progress, lessonId: string, at: Date | string): Progress {
  const lesson = lessonOf(progress, lessonId);
  const completedAt = lesson.completedAt ?? (typeof at === "string" ? at : at.toISOString());
  return withLesson(progress, lessonId, { ...lesson, done: true, completedAt });
}

export interface LessonStatus {
  status: "new" | "in-progress" | "done";
  /** 0-based step to resume at (within the lesson). */
  step: number;
  /** Assessed steps answered correctly. */
  correct: number;
  /** Assessed steps in the lesson: predict and task steps whose `assessed` is not false. */
  assessed: number;
}

/** Which steps of a lesson count in its check of understanding. */
export function assessedSteps(lesson: Pick<Lesson, "steps">): number[] {
  return lesson.steps.flatMap((step, i) =>
    (step.kind === "predict" || step.kind === "task") && step.assessed !== false ? [i] : [],
  );
}

export function lessonStatus(progress: Progress, lesson: Pick<Lesson, "id" | "steps">): LessonStatus {
  const assessed = assessedSteps(lesson);
  if (!Object.hasOwn(progress.lessons, lesson.id))
    return { status: "new", step: 0, correct: 0, assessed: assessed.length };
  const p = progress.lessons[lesson.id] as LessonProgress;
  const correct = assessed.filter((i) => p.answers[String(i)]?.correct === true).length;
  const step = Math.max(0, Math.min(p.step, lesson.steps.length - 1));
  const status = p.done ? "done" : "in-progress";
  return { status, step, correct, assessed: assessed.length };
}

/**
 * Two progress records as one (importing a file into a browser that has some): per lesson, a done
 * one wins over one not done, else the one further along; answers of both, the imported one's first.
 */
export function mergeProgress(local: Progress, imported: Progress): Progress {
  const lessons: Record<string, LessonProgress> = { ...local.lessons };
  for (const [id, theirs] of Object.entries(imported.lessons)) {
    const ours = Object.hasOwn(lessons, id) ? lessons[id] : undefined;
    if (ours === undefined) {
      lessons[id] = theirs;
      continue;
    }
    const lead =
      theirs.done !== ours.done ? (theirs.done ? theirs : ours) : theirs.step >= ours.step ? theirs : ours;
    const completedAt = [ours.completedAt, theirs.completedAt].filter((t) => t !== undefined).sort()[0];
    lessons[id] = {
      ...lead,
      done: ours.done || theirs.done,
      answers: { ...ours.answers, ...theirs.answers },
      ...(completedAt !== undefined ? { completedAt } : {}),
    };
  }
  return { progress: 1, lessons };
}

/** The text of a progress file (and of the localStorage entry). */
export function progressText(progress: Progress): string {
  return `${JSON.stringify(progress, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// Reading it back

const MAX_LESSON_ENTRIES = 1000;

function plain<T extends v.GenericSchema<object, object>>(object: T, shape: string) {
  type Input = v.InferInput<T>;
  return v.pipe(
    v.custom<Input>(isPlainObject, (issue) => expected(shape, issue.input)),
    v.transform<Input, Input>(ownFields),
    object,
  );
}

const AnswerObject = v.object(
  {
    choice: v.pipe(
      v.array(
        v.string((issue) => expected("a string", issue.input)),
        (issue) => expected("an array of choice ids", issue.input),
      ),
      v.maxLength(10, (issue) => expected("at most 10 choices", issue.input)),
    ),
    correct: v.boolean((issue) => expected("true or false", issue.input)),
  },
  () => missing("a value"),
);

const STEP_INDEX = /^(0|[1-9]|[1-3]\d)$/; // 0 … 39: MAX_STEPS - 1

const LessonProgressObject = v.object(
  {
    step: v.pipe(
      v.number((issue) => expected(`an integer from 0 to ${MAX_STEPS - 1}`, issue.input)),
      v.integer((issue) => expected(`an integer from 0 to ${MAX_STEPS - 1}`, issue.input)),
      v.minValue(0, (issue) => expected(`an integer from 0 to ${MAX_STEPS - 1}`, issue.input)),
      v.maxValue(MAX_STEPS - 1, (issue) => expected(`an integer from 0 to ${MAX_STEPS - 1}`, issue.input)),
    ),
    done: v.boolean((issue) => expected("true or false", issue.input)),
    answers: v.pipe(
      v.custom<Record<string, unknown>>(isPlainObject, (issue) =>
        expected("an object of answers by step", issue.input),
      ),
      v.transform<Record<string, unknown>, Record<string, unknown>>(ownFields),
      v.record(
        v.pipe(
          v.string(),
          v.regex(STEP_INDEX, (issue) =>
            expected(`a step index from 0 to ${MAX_STEPS - 1} as the key`, issue.input),
          ),
        ),
        plain(AnswerObject, `an object { "choice": […], "correct": … }`),
      ),
    ),
    completedAt: v.optional(
      v.pipe(
        v.string((issue) => expected("an ISO 8601 time", issue.input)),
        v.isoTimestamp((issue) => expected("an ISO 8601 time such as 2026-12-05T09:00:00.000Z", issue.input)),
      ),
    ),
  },
  () => missing("a value"),
);

const ProgressSchema = plain(
  v.object(
    {
      progress: v.literal(PROGRESS_FORMAT, (issue) => expected(`the number ${PROGRESS_FORMAT}`, issue.input)),
      lessons: v.pipe(
        v.custom<Record<string, unknown>>(isPlainObject, (issue) =>
          expected("an object of lessons by id", issue.input),
        ),
        v.check(
          (lessons) => Object.keys(lessons).length <= MAX_LESSON_ENTRIES,
          `expected at most ${MAX_LESSON_ENTRIES} lessons`,
        ),
        v.transform<Record<string, unknown>, Record<string, unknown>>(ownFields),
        v.record(
          v.pipe(
            v.string(),
            v.regex(ID_PATTERN, (issue) => expected("a lesson id as the key", issue.input)),
          ),
          plain(LessonProgressObject, `an object { "step": …, "done": …, "answers": {…} }`),
        ),
      ),
    },
    () => missing("a value"),
  ),
  `a JSON object { "progress": 1, "lessons": {…} }`,
);

const KEYS = {
  root: ["progress", "lessons"],
  lesson: ["step", "done", "answers", "completedAt"],
  answer: ["choice", "correct"],
};

function unknownKey(path: (string | number)[], key: string, known: readonly string[]): Finding {
  const guess = didYouMean(key, known);
  const hint = guess === undefined ? "" : `; did you mean "${guess}"?`;
  return { path: [...path, key], message: `unknown field; expected one of ${known.join(", ")}${hint}` };
}

function unknownProgressFields(input: unknown): Finding[] {
  const found: Finding[] = [];
  const walk = (value: unknown, known: readonly string[], path: (string | number)[]) => {
    if (!isPlainObject(value)) return undefined;
    for (const key of Object.keys(value)) if (!known.includes(key)) found.push(unknownKey(path, key, known));
    return value;
  };
  const root = walk(input, KEYS.root, []);
  const lessons = root && Object.hasOwn(root, "lessons") ? root["lessons"] : undefined;
  if (!isPlainObject(lessons) || Object.keys(lessons).length > MAX_LESSON_ENTRIES) return found;
  for (const [id, lesson] of Object.entries(lessons)) {
    const l = walk(lesson, KEYS.lesson, ["lessons", id]);
    const answers = l && Object.hasOwn(l, "answers") ? l["answers"] : undefined;
    if (!isPlainObject(answers)) continue;
    for (const [i, answer] of Object.entries(answers))
      walk(answer, KEYS.answer, ["lessons", id, "answers", i]);
  }
  return found;
}

export type ProgressParseResult = { ok: true; progress: Progress } | { ok: false; problems: Problem[] };

/** A progress value (already parsed JSON) checked field by field. */
export function parseProgressValue(input: unknown): ProgressParseResult {
  try {
    const result = v.safeParse(ProgressSchema, input, { abortPipeEarly: true });
    const unknown = unknownProgressFields(input);
    if (result.success && unknown.length === 0) return { ok: true, progress: result.output as Progress };
    const issues = (result.issues ?? []).map((issue) => ({
      path: (issue.path ?? []).map((item) => item.key as string | number),
      message: issue.message,
    }));
    return { ok: false, problems: toProblems(sortFindings([...unknown, ...issues], () => undefined)) };
  } catch (error) {
    return {
      ok: false,
      problems: [{ path: "", message: `could not read the progress: ${errorText(error)}` }],
    };
  }
}

/** The text of a progress file or of the localStorage entry, checked field by field. */
export function parseProgress(text: string): ProgressParseResult {
  const json = parseJsonText(text);
  if (!json.ok) return { ok: false, problems: [{ path: "", message: json.message }] };
  return parseProgressValue(json.value);
}
