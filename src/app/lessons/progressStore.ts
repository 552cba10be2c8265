/**
 * The learner's progress through the lessons, kept in localStorage under src/lessons's
 * PROGRESS_KEY: a reducer over core's pure progress functions, and reading and writing the store.
 * A stored value that cannot be read is set aside under its own key, never overwritten unseen.
 */
import {
  emptyProgress,
  markDone,
  mergeProgress,
  parseProgress,
  PROGRESS_KEY,
  recordAnswer,
  recordStep,
  type Progress,
} from "../../lessons/progress.ts";
import { formatLessonProblem } from "../../lessons/lesson.ts";

export type ProgressAction =
  | { type: "step"; lesson: string; step: number }
  | { type: "answer"; lesson: string; step: number; choice: readonly string[]; correct: boolean }
  | { type: "done"; lesson: string; at: string }
  | { type: "import"; progress: Progress }
  | { type: "reset" };

export function reduceProgress(progress: Progress, action: ProgressAction): Progress {
  switch (action.type) {
    case "step":
      return progress.lessons[action.lesson]?.step === action.step
        ? progress
        : recordStep(progress, action.lesson, action.step);
    case "answer":
      return recordAnswer(progress, action.lesson, action.step, action.choice, action.correct);
    case "done":
      return markDone(progress, action.lesson, action.at);
    case "import":
      // Merged, so an older file never takes away what was done since.
      return mergeProgress(progress, action.progress);
    case "reset":
      return emptyProgress();
  }
}

/** Where a stored value that could not be read is kept. */
export const UNREADABLE_KEY = `${PROGRESS_KEY}:unreadable`;

/** The stored progress, or an empty one with the reason when the stored text cannot be read. */
export function readStoredProgress(storage: Pick<Storage, "getItem" | "setItem"> | null): {
  progress: Progress;
  problem: string | null;
} {
  let text: string | null;
  try {
    text = storage?.getItem(PROGRESS_KEY) ?? null;
  } catch {
    return { progress: emptyProgress(), problem: "This browser does not let the page keep progress." };
  }
  if (text === null) return { progress: emptyProgress(), problem: null };
  const parsed = parseProgress(text);
  if (parsed.ok) return { progress: parsed.progress, problem: null };
  try {
    storage?.setItem(UNREADABLE_KEY, text);
  } catch {
    // Kept where it was: the next write replaces it, as it cannot be read anyway.
  }
  const first = parsed.problems[0];
  return {
    progress: emptyProgress(),
    problem: `The saved progress could not be read (${first ? formatLessonProblem(first) : "unknown"}); it was set aside under ${UNREADABLE_KEY} and a new record started.`,
  };
}

export function writeStoredProgress(storage: Pick<Storage, "setItem"> | null, text: string): boolean {
  try {
    storage?.setItem(PROGRESS_KEY, text);
    return true;
  } catch {
    return false;
  }
}
