/**
 * The lessons layer's public API, for the runner (src/app/lessons, src/ui/lessons), the builder
 * and the embed. Importing the files directly works as well; this lists what is meant for them.
 */
export { auditLesson } from "./audit.ts";
export { beatStops, eventInstant, eventMatches, findEvent, matchInstant } from "./events.ts";
export { checkGoal, learnerDrops, type GoalCheck, type GoalPart } from "./goal.ts";
export {
  formatLessonProblem,
  parseCourse,
  parseCourseText,
  parseLesson,
  parseLessonText,
  stepScenario,
  type CourseParseResult,
  type LessonParseResult,
} from "./lesson.ts";
export {
  EVENT_MATCH_FIELDS,
  MAY_CHANGE,
  QUESTION_ASKS,
  STEP_KINDS,
  type Beat,
  type Course,
  type EventMatch,
  type ExplainStep,
  type Goal,
  type Lesson,
  type LessonStep,
  type MayChange,
  type PredictStep,
  type Question,
  type QuestionAsk,
  type ShowStep,
  type Solution,
  type SolutionSet,
  type Statistics,
  type StepKind,
  type TaskStep,
  type Text,
} from "./lessonSchema.ts";
export {
  PROGRESS_KEY,
  assessedSteps,
  emptyProgress,
  lessonStatus,
  markDone,
  mergeProgress,
  parseProgress,
  progressText,
  recordAnswer,
  recordStep,
  type AnswerRecord,
  type LessonProgress,
  type LessonStatus,
  type Progress,
  type ProgressParseResult,
} from "./progress.ts";
export { askQuestion, qosOutcomes, type AskedQuestion, type Choice } from "./question.ts";
export { SHIPPED_LESSON_IDS, loadCourse, loadLesson } from "./shipped.ts";
export { changedControls, lockedChange, solutionScenario } from "./solution.ts";
export { SPEC_IDS } from "./specIds.ts";
export { statisticsFigure, type StatisticsFigure } from "./statistics.ts";
export { localesOf, textOf } from "./text.ts";
