/**
 * "Your lessons": lessons a user opened from a file or a link, kept in localStorage (key
 * STORAGE_KEY) as their JSON text, so they can be opened again. A lesson with an id already in the
 * list replaces it. Each is validated again when opened (importLessonText): a stored text edited by
 * hand is refused then, with its problems, and never breaks the list. Pure but load and save.
 */

export const STORAGE_KEY = "mqtt-qos-lab:your-lessons";
/** The list is short by nature; this keeps one runaway import from filling storage. */
export const MAX_YOUR_LESSONS = 50;

export interface YourLesson {
  id: string;
  /** The English title, for the list. */
  title: string;
  text: string;
  /** ISO date and time it was added. */
  added: string;
}

function isYourLesson(v: unknown): v is YourLesson {
  if (typeof v !== "object" || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o.id === "string" &&
    typeof o.title === "string" &&
    typeof o.text === "string" &&
    typeof o.added === "string"
  );
}

/** The stored list; entries that are not lessons' records are left out. */
export function readYourLessons(text: string | null): YourLesson[] {
  if (text === null) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter(isYourLesson) : [];
  } catch {
    return [];
  }
}

/** The list with `lesson` first, replacing one with its id; at most MAX_YOUR_LESSONS, newest kept. */
export function withLesson(list: readonly YourLesson[], lesson: YourLesson): YourLesson[] {
  return [lesson, ...list.filter((l) => l.id !== lesson.id)].slice(0, MAX_YOUR_LESSONS);
}

export function withoutLesson(list: readonly YourLesson[], id: string): YourLesson[] {
  return list.filter((l) => l.id !== id);
}

export function loadYourLessons(): YourLesson[] {
  try {
    return readYourLessons(window.localStorage.getItem(STORAGE_KEY));
  } catch {
    return [];
  }
}

/** Whether the list was stored (storage may be refused or full). */
export function saveYourLessons(list: readonly YourLesson[]): boolean {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(list));
    return true;
  } catch {
    return false;
  }
}
