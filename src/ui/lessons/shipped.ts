/**
 * The shipped course for the page: src/lessons/shipped.ts loads and validates the files (each a
 * chunk of its own, fetched on first use); this puts them in the course's order, with each file
 * that fails validation listed with a message per field, so the rest of the course stays usable.
 */
import { formatLessonProblem } from "../../lessons/lesson.ts";
import type { Lesson, Text } from "../../lessons/lessonSchema.ts";
import {
  loadCourse as loadCourseFile,
  loadLesson as loadLessonFile,
  SHIPPED_LESSON_IDS,
} from "../../lessons/shipped.ts";
import type { Scenario } from "../../sim/types.ts";

export interface LoadedLesson {
  id: string;
  lesson: Lesson;
  /** Per step, the scenario it shows (null for an explain step before any). */
  scenarios: (Scenario | null)[];
}

export interface BrokenLesson {
  id: string;
  file: string;
  /** One line per problem: the field's path and what was wrong. */
  problems: string[];
}

export interface LoadedCourse {
  title: Text;
  summary: Text;
  lessons: LoadedLesson[];
  broken: BrokenLesson[];
}

export function isLoaded(lesson: LoadedLesson | BrokenLesson): lesson is LoadedLesson {
  return "lesson" in lesson;
}

/** One shipped lesson (the embed loads only the one it shows); null when there is no such file. */
export async function loadLesson(id: string): Promise<LoadedLesson | BrokenLesson | null> {
  const result = await loadLessonFile(id);
  if (result === null) return null;
  return result.ok
    ? { id, lesson: result.lesson, scenarios: result.scenarios }
    : { id, file: `lessons/${id}.json`, problems: result.problems.map(formatLessonProblem) };
}

/** The ids of the shipped lesson files. */
export function shippedIds(): readonly string[] {
  return SHIPPED_LESSON_IDS;
}

/**
 * The course in its order (course.json); without a usable course file, every lesson file by name.
 * A lesson the course names without a file, or a file that fails validation, is listed as broken.
 */
export async function loadCourse(): Promise<LoadedCourse> {
  const broken: BrokenLesson[] = [];
  const course = await loadCourseFile();
  let title: Text = "Lessons";
  let summary: Text = "";
  let ids = SHIPPED_LESSON_IDS;
  if (course.ok) {
    ({ title, summary } = course.course);
    ids = course.course.lessons;
  } else {
    broken.push({
      id: "course",
      file: "lessons/course.json",
      problems: course.problems.map(formatLessonProblem),
    });
  }
  const read = await Promise.all(
    ids.map(
      async (id) => (await loadLesson(id)) ?? { id, file: `lessons/${id}.json`, problems: ["no such file"] },
    ),
  );
  const lessons: LoadedLesson[] = [];
  for (const lesson of read) {
    if (isLoaded(lesson)) lessons.push(lesson);
    else broken.push(lesson);
  }
  return { title, summary, lessons, broken };
}
