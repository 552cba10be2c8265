/**
 * What the lesson UI uses of src/lessons (the pure engine: format, answers, goals, progress), in
 * one place: the step views import from here.
 */
export type {
  ExplainStep,
  Lesson,
  LessonStep,
  MayChange,
  PredictStep,
  ShowStep,
  Statistics,
  TaskStep,
  Text,
} from "../../lessons/lessonSchema.ts";
export { textOf } from "../../lessons/text.ts";
export { lockedChange, solutionScenario } from "../../lessons/solution.ts";
export { beatStops } from "../../lessons/events.ts";
export { askQuestion } from "../../lessons/question.ts";
export { checkGoal } from "../../lessons/goal.ts";
export { statisticsFigure, type StatisticsFigure } from "../../lessons/statistics.ts";

export type { AnswerRecord as StepAnswer } from "../../lessons/progress.ts";
