/**
 * Where each of the validator's problems is shown: beside the builder's field whose path is the
 * longest prefix of the problem's path (`steps[2].narration[0].until.packet` beside beat 1's event
 * of step 3), or, when no field holds it, in the list above the lesson's JSON. Pure.
 */
import type { LessonDraft } from "./lessonDraft.ts";

export interface PathProblem {
  path: string;
  message: string;
}

export interface PlacedProblems {
  /** The messages for each field, keyed by the field's path; a nested problem keeps its sub-path. */
  at: ReadonlyMap<string, string[]>;
  /** Problems no field holds (whole-lesson ones, a JSON text's). */
  rest: PathProblem[];
}

/** The paths of the fields the builder shows for this draft. */
export function fieldPaths(draft: LessonDraft): string[] {
  const paths = ["id", "title", "audience", "minutes", "summary", "steps"];
  draft.steps.forEach((step, i) => {
    const s = `steps[${i}]`;
    paths.push(s, `${s}.title`, `${s}.text`, `${s}.scenario`);
    switch (step.kind) {
      case "show":
        paths.push(`${s}.narration`);
        step.beats.forEach((_, j) => paths.push(`${s}.narration[${j}].text`, `${s}.narration[${j}].until`));
        break;
      case "predict":
        paths.push(`${s}.question`, `${s}.stopAt`, `${s}.reveal`);
        break;
      case "task":
        paths.push(`${s}.goal`, `${s}.may`, `${s}.hint`, `${s}.solution`);
        break;
      case "explain":
        paths.push(`${s}.spec`);
        break;
    }
  });
  return paths;
}

function within(path: string, field: string): boolean {
  if (path === field) return true;
  if (!path.startsWith(field)) return false;
  const next = path[field.length];
  return next === "." || next === "[";
}

export function placeProblems(problems: readonly PathProblem[], draft: LessonDraft): PlacedProblems {
  const fields = fieldPaths(draft);
  const at = new Map<string, string[]>();
  const rest: PathProblem[] = [];
  for (const problem of problems) {
    const field = fields
      .filter((f) => within(problem.path, f))
      .reduce<string | null>((best, f) => (best === null || f.length > best.length ? f : best), null);
    if (field === null) {
      rest.push(problem);
      continue;
    }
    // A problem deeper than the field names the rest of its path (`faults[0].packet: …`).
    const inner = problem.path.slice(field.length).replace(/^\./, "");
    const text = inner === "" ? problem.message : `${inner}: ${problem.message}`;
    at.set(field, [...(at.get(field) ?? []), text]);
  }
  return { at, rest };
}
