import { describe, expect, it } from "vitest";
import { emptyProgress, lessonStatus, progressText, PROGRESS_KEY } from "../../lessons/progress.ts";
import { readStoredProgress, reduceProgress, UNREADABLE_KEY, writeStoredProgress } from "./progressStore.ts";

const LESSON = {
  id: "pump-duplicate",
  steps: [{ kind: "show" }, { kind: "predict" }, { kind: "task" }],
} as unknown as Parameters<typeof lessonStatus>[1];

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

describe("progress store", () => {
  it("records steps, answers and done, and the course page's status follows", () => {
    let p = emptyProgress();
    p = reduceProgress(p, { type: "step", lesson: "pump-duplicate", step: 1 });
    expect(lessonStatus(p, LESSON)).toMatchObject({ status: "in-progress", step: 1, correct: 0 });
    p = reduceProgress(p, {
      type: "answer",
      lesson: "pump-duplicate",
      step: 1,
      choice: ["duplicated"],
      correct: true,
    });
    p = reduceProgress(p, { type: "done", lesson: "pump-duplicate", at: "2026-12-05T09:00:00.000Z" });
    expect(lessonStatus(p, LESSON)).toMatchObject({ status: "done", correct: 1, assessed: 2 });
    expect(reduceProgress(p, { type: "reset" })).toEqual(emptyProgress());
  });

  it("keeps the same object when the step does not change (no needless write)", () => {
    const p = reduceProgress(emptyProgress(), { type: "step", lesson: "a", step: 2 });
    expect(reduceProgress(p, { type: "step", lesson: "a", step: 2 })).toBe(p);
  });

  it("merges an imported file, never losing what is here", () => {
    const here = reduceProgress(emptyProgress(), {
      type: "answer",
      lesson: "a",
      step: 0,
      choice: ["x"],
      correct: true,
    });
    const file = reduceProgress(emptyProgress(), { type: "step", lesson: "b", step: 3 });
    const merged = reduceProgress(here, { type: "import", progress: file });
    expect(Object.keys(merged.lessons).sort()).toEqual(["a", "b"]);
    expect(merged.lessons["a"]?.answers["0"]).toEqual({ choice: ["x"], correct: true });
  });

  it("reads back what it wrote", () => {
    const storage = memoryStorage();
    const p = reduceProgress(emptyProgress(), { type: "step", lesson: "a", step: 2 });
    expect(writeStoredProgress(storage, progressText(p))).toBe(true);
    expect(readStoredProgress(storage)).toEqual({ progress: p, problem: null });
    expect(readStoredProgress(memoryStorage())).toEqual({ progress: emptyProgress(), problem: null });
  });

  it("sets an unreadable stored value aside and says so", () => {
    const storage = memoryStorage({ [PROGRESS_KEY]: '{"progress": 7}' });
    const read = readStoredProgress(storage);
    expect(read.progress).toEqual(emptyProgress());
    expect(read.problem).toContain(UNREADABLE_KEY);
    expect(storage.items.get(UNREADABLE_KEY)).toBe('{"progress": 7}');
  });

  it("works on when storage refuses", () => {
    const refusing = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    };
    expect(readStoredProgress(refusing).problem).toMatch(/does not let/);
    expect(writeStoredProgress(refusing, "{}")).toBe(false);
  });
});
