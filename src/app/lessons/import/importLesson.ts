/**
 * Reading a lesson a user opens: a file's text, or a link's `lessonData`. Core's parser
 * (src/lessons/lesson.ts) validates it; every failure is a list of problems, each naming its
 * field path (`steps[2].scenario.faults[0].packet`) or the line and column of a JSON syntax error,
 * and what was expected. Pure except `importLessonFile`, which reads a File; never throws.
 */
import { MAX_IMPORT_BYTES } from "../../../export/importFile.ts";
import { parseLessonText } from "../../../lessons/lesson.ts";
import type { Lesson } from "../../../lessons/lessonSchema.ts";
import type { Scenario } from "../../../sim/types.ts";
import { decodeLessonData } from "./lessonData.ts";

export interface ImportProblem {
  /** The field's path; empty for the file as a whole. */
  path: string;
  message: string;
}

export type LessonImport =
  | { ok: true; lesson: Lesson; scenarios: (Scenario | null)[]; text: string }
  | { ok: false; problems: ImportProblem[] };

const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;

function failure(message: string): LessonImport {
  return { ok: false, problems: [{ path: "", message }] };
}

/** A lesson file's text, validated. */
export function importLessonText(text: string): LessonImport {
  try {
    if (new TextEncoder().encode(text).length > MAX_IMPORT_BYTES)
      return failure(`the file is too large; the limit is ${mb(MAX_IMPORT_BYTES)}`);
    const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
    if (source.trim() === "") return failure("the file is empty: expected a lesson, as JSON");
    const parsed = parseLessonText(source);
    return parsed.ok
      ? { ok: true, lesson: parsed.lesson, scenarios: parsed.scenarios, text: source }
      : { ok: false, problems: parsed.problems };
  } catch (error) {
    // Nothing above is known to throw; should something, the user still gets a sentence.
    return failure(`the file could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A File (or any Blob), refused before reading when too large. Never rejects. */
export async function importLessonFile(file: Blob): Promise<LessonImport> {
  if (file.size > MAX_IMPORT_BYTES)
    return failure(`the file is too large: ${mb(file.size)}; the limit is ${mb(MAX_IMPORT_BYTES)}`);
  let text: string;
  try {
    text = await file.text();
  } catch (error) {
    return failure(`the file could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  return importLessonText(text);
}

/** A link's `lessonData` value, decoded and validated; problems of the lesson keep their paths. */
export function importLessonData(value: string): LessonImport {
  const decoded = decodeLessonData(value);
  return decoded.ok
    ? importLessonText(decoded.text)
    : { ok: false, problems: [{ path: "lessonData", message: decoded.message }] };
}
