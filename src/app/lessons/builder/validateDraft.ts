/**
 * The builder's draft through core's lesson parser (src/lessons/lesson.ts): the same validator a
 * lesson file or link meets, so what the builder calls valid imports as valid. Pure.
 */
import { auditLesson } from "../../../lessons/audit.ts";
import { parseLesson } from "../../../lessons/lesson.ts";
import type { Scenario } from "../../../sim/types.ts";
import { ASKS, compactScenario, draftToLesson, type Ask, type LessonDraft } from "./lessonDraft.ts";
import type { PathProblem } from "./problemPlaces.ts";

export interface CheckedDraft {
  ok: boolean;
  /** The lesson's JSON, as downloaded and carried in a link. */
  text: string;
  id: string;
  steps: number;
  problems: PathProblem[];
  /**
   * What a valid lesson gets wrong when run (core's auditLesson, as the headless test runs on the
   * shipped lessons): a beat's event that never happens, a task the start already solves or its
   * solution does not, an unknown spec id, no check at the end. Said, not refused: a trainer may
   * share a draft.
   */
  warnings: PathProblem[];
}

export function checkDraft(draft: LessonDraft): CheckedDraft {
  const lesson = draftToLesson(draft);
  const parsed = parseLesson(lesson);
  return {
    ok: parsed.ok,
    text: JSON.stringify(lesson, null, 2) + "\n",
    id: typeof lesson.id === "string" ? lesson.id : "",
    steps: draft.steps.length,
    problems: parsed.ok ? [] : parsed.problems,
    warnings: parsed.ok ? auditLesson(parsed.lesson, parsed.scenarios) : [],
  };
}

/** The question kinds the validator accepts for a predict step over `scenario` (hand-on needs QoS 2). */
export function validAsks(scenario: Scenario): Ask[] {
  return ASKS.filter((ask) => {
    const question = ask === "qos-needed" ? { ask, need: "once" } : { ask };
    return parseLesson({
      lesson: 1,
      id: "ask",
      title: "ask",
      audience: "ask",
      minutes: 1,
      summary: "ask",
      steps: [{ kind: "predict", scenario: compactScenario(scenario), text: "ask", question }],
    }).ok;
  });
}
