/**
 * The lessons view's address: `?view=lessons` (the course page), `&lesson=<id>&step=<n>` (a step,
 * n 1-based) and `&present=1` (presentation). Reading checks the lesson against the course and the
 * step against the lesson; a bad value is named with what was expected (as share/url.ts's notices)
 * and the course page is shown instead. Pure.
 */
import { preview } from "../../share/url.ts";

export interface LessonPlace {
  /** The lesson open, or null for the course page. */
  lesson: string | null;
  /** The step shown, 0-based (0 on the course page). */
  step: number;
  present: boolean;
}

export interface LessonLink extends LessonPlace {
  /** One line per bad parameter. */
  notices: string[];
  /** Whether the link named no step: the learner's last step (progress) opens instead. */
  stepGiven: boolean;
}

/** A lesson as the link checks it: its id and how many steps it has. */
export interface LessonShape {
  id: string;
  steps: number;
}

export const COURSE_PAGE: LessonPlace = { lesson: null, step: 0, present: false };

export function readLessonLink(search: string, lessons: readonly LessonShape[]): LessonLink {
  const params = new URLSearchParams(search);
  const notices: string[] = [];
  const presentText = params.get("present");
  const present = presentText === "1";
  const course = (): LessonLink => ({ lesson: null, step: 0, present, notices, stepGiven: false });
  const id = params.get("lesson");
  const stepText = params.get("step");
  if (id === null) {
    if (stepText !== null) notices.push(`step: a step needs a lesson (lesson=<id>); got step without one`);
    return course();
  }
  const lesson = lessons.find((l) => l.id === id);
  if (!lesson) {
    const ids = lessons.map((l) => l.id);
    notices.push(
      ids.length > 0
        ? `lesson: expected one of ${ids.join(", ")}; got ${preview(id)}`
        : `lesson: expected a lesson of the course, which has none; got ${preview(id)}`,
    );
    return course();
  }
  if (stepText === null) return { lesson: id, step: 0, present, notices, stepGiven: false };
  const step = /^\d+$/.test(stepText) ? Number(stepText) : NaN;
  if (!(step >= 1 && step <= lesson.steps)) {
    notices.push(`step: expected a step from 1 to ${lesson.steps} of lesson ${id}; got ${preview(stepText)}`);
    return course();
  }
  return { lesson: id, step: step - 1, present, notices, stepGiven: true };
}

/** The search part of a place: the course page, or a lesson's step (1-based in the address). */
export function lessonSearch(place: LessonPlace): string {
  const p = new URLSearchParams({ view: "lessons" });
  if (place.lesson !== null) {
    p.set("lesson", place.lesson);
    p.set("step", String(place.step + 1));
  }
  if (place.present) p.set("present", "1");
  return `?${p.toString()}`;
}

export function samePlace(a: LessonPlace, b: LessonPlace): boolean {
  return a.lesson === b.lesson && a.step === b.step && a.present === b.present;
}
