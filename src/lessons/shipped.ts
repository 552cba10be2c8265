/**
 * The shipped course: the repository's `lessons/` folder (one `<id>.json` per lesson, plus
 * `course.json`), loaded lazily with Vite's import.meta.glob so that each lesson is a chunk of its
 * own, fetched when opened. Every file is validated as it loads: a broken file gets its problems,
 * and the rest of the course stays usable.
 */
import type { Problem } from "../sim/types.ts";
import { parseCourse, parseLesson, type CourseParseResult, type LessonParseResult } from "./lesson.ts";

const lessonFiles = import.meta.glob<unknown>(["../../lessons/*.json", "!../../lessons/course.json"], {
  import: "default",
});
const courseFiles = import.meta.glob<unknown>("../../lessons/course.json", { import: "default" });

/** `../../lessons/pump-duplicate.json` → `pump-duplicate`. */
function idOf(path: string): string {
  return path.replace(/^.*\//, "").replace(/\.json$/, "");
}

const loaders: ReadonlyMap<string, () => Promise<unknown>> = new Map(
  Object.entries(lessonFiles).map(([path, load]) => [idOf(path), load]),
);

/** The ids of the lesson files shipped, in file-name order (the course gives the teaching order). */
export const SHIPPED_LESSON_IDS: readonly string[] = [...loaders.keys()].sort();

function failed(message: string): { ok: false; problems: Problem[] } {
  return { ok: false, problems: [{ path: "", message }] };
}

/** The course file, validated. */
export async function loadCourse(): Promise<CourseParseResult> {
  const load = Object.values(courseFiles)[0];
  if (load === undefined) return failed("lessons/course.json is missing");
  try {
    return parseCourse(await load());
  } catch (error) {
    return failed(`could not load lessons/course.json: ${String(error)}`);
  }
}

/**
 * A shipped lesson, validated; null when no file has that id. A lesson whose `id` is not its file
 * name is refused (links name lessons by id).
 */
export async function loadLesson(id: string): Promise<LessonParseResult | null> {
  const load = loaders.get(id);
  if (load === undefined) return null;
  let result: LessonParseResult;
  try {
    result = parseLesson(await load());
  } catch (error) {
    return failed(`could not load lessons/${id}.json: ${String(error)}`);
  }
  if (result.ok && result.lesson.id !== id) {
    return {
      ok: false,
      problems: [{ path: "id", message: `expected "${id}" (the file's name); got "${result.lesson.id}"` }],
    };
  }
  return result;
}
