import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Lesson } from "./lessonSchema.ts";
import {
  emptyProgress,
  lessonStatus,
  markDone,
  mergeProgress,
  parseProgress,
  parseProgressValue,
  progressText,
  recordAnswer,
  recordStep,
  type Progress,
} from "./progress.ts";

const lesson = {
  id: "pump-duplicate",
  steps: [
    { kind: "show", text: "a" },
    { kind: "predict", text: "b", question: { ask: "processed" }, assessed: true },
    { kind: "predict", text: "c", question: { ask: "processed" }, assessed: false },
    { kind: "task", text: "d", assessed: true },
  ],
} as unknown as Pick<Lesson, "id" | "steps">;

describe("progress", () => {
  it("starts new, then in progress, then done, counting assessed answers", () => {
    let p = emptyProgress();
    expect(lessonStatus(p, lesson)).toStrictEqual({ status: "new", step: 0, correct: 0, assessed: 2 });
    p = recordStep(p, lesson.id, 2);
    p = recordAnswer(p, lesson.id, 1, ["duplicated"], true);
    p = recordAnswer(p, lesson.id, 2, ["once"], true); // not assessed: does not count
    expect(lessonStatus(p, lesson)).toStrictEqual({
      status: "in-progress",
      step: 2,
      correct: 1,
      assessed: 2,
    });
    p = recordAnswer(p, lesson.id, 1, ["once"], false); // a new answer replaces the old
    p = markDone(p, lesson.id, new Date("2026-12-05T09:00:00Z"));
    p = markDone(p, lesson.id, "2026-12-06T09:00:00.000Z"); // the first completion is kept
    expect(lessonStatus(p, lesson)).toStrictEqual({ status: "done", step: 2, correct: 0, assessed: 2 });
    expect(p.lessons[lesson.id]?.completedAt).toBe("2026-12-05T09:00:00.000Z");
  });

  it("never changes the progress it is given", () => {
    const p = emptyProgress();
    const copy = structuredClone(p);
    recordAnswer(recordStep(p, "a", 1), "a", 0, ["x"], true);
    markDone(p, "a", "2026-12-05T09:00:00.000Z");
    expect(p).toStrictEqual(copy);
  });

  it("clamps a stored step to the lesson (a lesson may have lost steps since)", () => {
    const p = recordStep(emptyProgress(), lesson.id, 30);
    expect(lessonStatus(p, lesson).step).toBe(3);
  });

  it("merges an imported file: done wins, else the one further along; answers of both", () => {
    const ours = recordAnswer(recordStep(emptyProgress(), "a", 3), "a", 1, ["x"], true);
    const theirs = recordAnswer(recordStep(emptyProgress(), "a", 1), "a", 2, ["y"], false);
    const merged = mergeProgress(ours, markDone(recordStep(theirs, "b", 2), "b", "2026-12-05T09:00:00.000Z"));
    expect(merged.lessons["a"]).toStrictEqual({
      step: 3,
      done: false,
      answers: { "1": { choice: ["x"], correct: true }, "2": { choice: ["y"], correct: false } },
    });
    expect(merged.lessons["b"]?.done).toBe(true);
    const done = markDone(theirs, "a", "2026-12-05T09:00:00.000Z");
    expect(mergeProgress(ours, done).lessons["a"]).toMatchObject({ done: true, step: 1 });
  });
});

describe("parseProgress", () => {
  const progress = (lessons: Progress["lessons"]): Progress => ({ progress: 1, lessons });

  it("a property: parseProgress(progressText(p)) is p", { timeout: 60_000 }, () => {
    const id = fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}$/);
    const answer = fc.record(
      { choice: fc.array(fc.string({ maxLength: 12 }), { maxLength: 4 }), correct: fc.boolean() },
      { noNullPrototype: true },
    );
    const entry = fc.record(
      {
        step: fc.integer({ min: 0, max: 39 }),
        done: fc.boolean(),
        answers: fc.dictionary(fc.integer({ min: 0, max: 39 }).map(String), answer, {
          maxKeys: 5,
          noNullPrototype: true,
        }),
        completedAt: fc
          .date({
            min: new Date("2000-01-01T00:00:00Z"),
            max: new Date("2100-01-01T00:00:00Z"),
            noInvalidDate: true,
          })
          .map((d) => d.toISOString()),
      },
      { requiredKeys: ["step", "done", "answers"], noNullPrototype: true },
    );
    fc.assert(
      fc.property(fc.dictionary(id, entry, { maxKeys: 6, noNullPrototype: true }), (lessons) => {
        const p = progress(lessons);
        expect(parseProgress(progressText(p))).toStrictEqual({ ok: true, progress: p });
      }),
      { numRuns: 300 },
    );
  });

  it("names each problem by its path", () => {
    const text = JSON.stringify({
      progress: 1,
      lesons: {},
      lessons: {
        "Bad Id": { step: 0, done: false, answers: {} },
        ok: {
          step: -1,
          done: "no",
          answers: { "1": { choice: "x", correct: true }, x: { choice: [], correct: true } },
        },
      },
    });
    const result = parseProgress(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toStrictEqual([
      {
        path: "lesons",
        message: 'unknown field; expected one of progress, lessons; did you mean "lessons"?',
      },
      { path: 'lessons["Bad Id"]', message: 'expected a lesson id as the key; got "Bad Id"' },
      { path: "lessons.ok.step", message: "expected an integer from 0 to 39; got -1" },
      { path: "lessons.ok.done", message: 'expected true or false; got "no"' },
      { path: "lessons.ok.answers.x", message: 'expected a step index from 0 to 39 as the key; got "x"' },
      { path: 'lessons.ok.answers["1"].choice', message: 'expected an array of choice ids; got "x"' },
    ]);
  });

  it("refuses another format, a bad time, and broken JSON with its position", () => {
    expect(parseProgressValue({ progress: 2, lessons: {} })).toMatchObject({
      ok: false,
      problems: [{ path: "progress", message: "expected the number 1; got 2" }],
    });
    const late = {
      progress: 1,
      lessons: { a: { step: 0, done: true, answers: {}, completedAt: "yesterday" } },
    };
    expect(parseProgressValue(late)).toMatchObject({
      ok: false,
      problems: [{ path: "lessons.a.completedAt" }],
    });
    const far = {
      progress: 1,
      lessons: { a: { step: 0, done: true, answers: { "40": { choice: [], correct: true } } } },
    };
    expect(parseProgressValue(far)).toMatchObject({
      ok: false,
      problems: [{ path: 'lessons.a.answers["40"]' }],
    });
    expect(parseProgress('{"progress": 1,')).toMatchObject({
      ok: false,
      problems: [
        { path: "", message: expect.stringMatching(/^invalid JSON at line 1, column 16/) as unknown },
      ],
    });
  });
});
