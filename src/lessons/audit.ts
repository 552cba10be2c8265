/**
 * What the validator cannot know without running the simulator: that every moment a lesson names
 * happens in its step's trace, every question has a computable answer among its choices, every
 * task's solution meets its goal while the start does not and changes only what `may` allows,
 * every spec id is one the reference cites, and the lesson ends with a check of understanding.
 * The headless test runs it on every shipped lesson; the builder can run it on a lesson it makes.
 * Pure (it simulates each step's scenario).
 */
import { formatPath, type PathSegments } from "../sim/scenarioErrors.ts";
import { simulate } from "../sim/simulate.ts";
import type { Problem, Scenario, Trace } from "../sim/types.ts";
import { beatStops, findEvent } from "./events.ts";
import { checkGoal } from "./goal.ts";
import type { EventMatch, Lesson, LessonStep, ShowStep, TaskStep } from "./lessonSchema.ts";
import { askQuestion } from "./question.ts";
import { lockedChange, solutionScenario } from "./solution.ts";
import { SPEC_IDS } from "./specIds.ts";

/** Two stops closer than this are one moment (as playback counts instants). */
const INSTANT_MS = 1e-6;

function problem(path: PathSegments, message: string): Problem {
  return { path: formatPath(path), message };
}

function matchProblem(trace: Trace, match: EventMatch | undefined, path: PathSegments): Problem[] {
  if (match === undefined || findEvent(trace, match) !== null) return [];
  const nth = match.nth !== undefined && match.nth > 1 ? ` (or fewer than ${match.nth} do)` : "";
  return [problem(path, `no event of this step's trace matches${nth}`)];
}

/**
 * A beat that stops no later than an earlier beat: playback would not move between them, so the
 * room would read two texts about one moment (or the later one first). Compare steps are left out:
 * their beats wait for Continue, as each column has its own timeline.
 */
function beatOrderProblems(step: ShowStep, trace: Trace, path: PathSegments): Problem[] {
  if (step.compare !== undefined) return [];
  const found: Problem[] = [];
  let previous: { at: number; beat: number } | null = null;
  beatStops(step, trace).forEach((at, j) => {
    if (at === null) return;
    if (previous !== null && at <= previous.at + INSTANT_MS)
      found.push(
        problem(
          [...path, "narration", j, "until"],
          `stops at ${Math.round(at)} ms, not after narration[${previous.beat}]'s stop at ` +
            `${Math.round(previous.at)} ms: expected a later moment`,
        ),
      );
    else previous = { at, beat: j };
  });
  return found;
}

function taskProblems(step: TaskStep, start: Scenario, startTrace: Trace, path: PathSegments): Problem[] {
  const found: Problem[] = [];
  if (checkGoal(step, start, start, startTrace).met) {
    found.push(
      problem([...path, "goal"], "the start scenario already meets the goal: the learner has nothing to do"),
    );
  }
  const solution = solutionScenario(step, start);
  const check = checkGoal(step, start, solution, simulate(solution));
  if (!check.met) {
    const missed = check.parts.filter((p) => !p.met).map((p) => p.text);
    found.push(problem([...path, "solution"], `the solution does not meet the goal: ${missed.join("; ")}`));
  }
  const locked = lockedChange(step, start, solution);
  if (locked !== null)
    found.push(problem([...path, "solution"], `the solution changes what is locked: ${locked}`));
  return found;
}

function stepProblems(step: LessonStep, scenario: Scenario | null, path: PathSegments): Problem[] {
  const found: Problem[] = [];
  if (step.kind === "explain") {
    (step.spec ?? []).forEach((id, j) => {
      if (!SPEC_IDS.has(id))
        found.push(problem([...path, "spec", j], `"${id}" is not a statement mqtt-reference.md cites`));
    });
  }
  if (scenario === null) return found;
  const trace = simulate(scenario);
  if (step.kind === "show") {
    (step.narration ?? []).forEach((beat, j) =>
      found.push(...matchProblem(trace, beat.until, [...path, "narration", j, "until"])),
    );
    found.push(...beatOrderProblems(step, trace, path));
  }
  if (step.kind === "predict") {
    found.push(...matchProblem(trace, step.stopAt, [...path, "stopAt"]));
    const asked = askQuestion(step, scenario, trace);
    const ids = new Set(asked.choices.map((c) => c.id));
    if (asked.answer.length === 0 || !asked.answer.every((a) => ids.has(a))) {
      found.push(
        problem(
          [...path, "question"],
          `the computed answer (${asked.answer.join(", ")}) is not among the choices`,
        ),
      );
    }
  }
  if (step.kind === "task") found.push(...taskProblems(step, scenario, trace, path));
  return found;
}

/** Every way the lesson fails to work as taught; empty when it works. */
export function auditLesson(lesson: Lesson, scenarios: readonly (Scenario | null)[]): Problem[] {
  const found = lesson.steps.flatMap((step, i) => stepProblems(step, scenarios[i] ?? null, ["steps", i]));
  const last = lesson.steps[lesson.steps.length - 1];
  const checks =
    last !== undefined && (last.kind === "predict" || last.kind === "task") && last.assessed !== false;
  if (!checks) {
    found.push(
      problem(
        ["steps", lesson.steps.length - 1],
        "expected the lesson to end with an assessed predict or task step (the check of understanding)",
      ),
    );
  }
  return found;
}
