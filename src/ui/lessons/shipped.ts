/**
 * The shipped course: `lessons/course.json` and one `lessons/<id>.json` per lesson, bundled by
 * Vite as separate chunks and loaded on first use (the page's first diagram carries none). Each
 * file is validated by src/lessons's parser; a broken one is listed with a message per field and
 * the rest of the course stays usable.
 */
import { formatLessonProblem, parseCourse, parseLesson } from "../../lessons/lesson.ts";
import type { Lesson, Text } from "../../lessons/lessonSchema.ts";
import type { Scenario } from "../../sim/types.ts";

const LESSON_FILES = import.meta.glob<unknown>(["/lessons/*.json", "!/lessons/course.json"], {
  import: "default",
});
const COURSE_FILES = import.meta.glob<unknown>("/lessons/course.json", { import: "default" });

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

const fileOf = (id: string) => `/lessons/${id}.json`;
const idOf = (file: string) => file.replace(/^.*\//, "").replace(/\.json$/, "");

/** Validates one lesson file's content; its `id` must be its file's name. */
export function readLessonFile(id: string, content: unknown): LoadedLesson | BrokenLesson {
  const file = `lessons/${id}.json`;
  const parsed = parseLesson(content);
  if (!parsed.ok) return { id, file, problems: parsed.problems.map(formatLessonProblem) };
  if (parsed.lesson.id !== id) {
    return { id, file, problems: [`id: expected "${id}" (the file's name); got "${parsed.lesson.id}"`] };
  }
  return { id, lesson: parsed.lesson, scenarios: parsed.scenarios };
}

export function isLoaded(lesson: LoadedLesson | BrokenLesson): lesson is LoadedLesson {
  return "lesson" in lesson;
}

/** One shipped lesson (the embed loads only the one it shows); null when there is no such file. */
export async function loadLesson(id: string): Promise<LoadedLesson | BrokenLesson | null> {
  const load = LESSON_FILES[fileOf(id)];
  return load ? readLessonFile(id, await load()) : null;
}

/** The ids of the shipped lesson files. */
export function shippedIds(): string[] {
  return Object.keys(LESSON_FILES).map(idOf).sort();
}

/**
 * The course in its order (course.json); without a course file, every lesson file by name. A
 * lesson the course names without a file, or a file that fails validation, is listed as broken.
 */
export async function loadCourse(): Promise<LoadedCourse> {
  const broken: BrokenLesson[] = [];
  const courseLoad = COURSE_FILES["/lessons/course.json"];
  let title: Text = "Lessons";
  let summary: Text = "";
  let ids = shippedIds();
  if (courseLoad) {
    const course = parseCourse(await courseLoad());
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
