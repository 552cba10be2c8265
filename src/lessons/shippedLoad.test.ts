import { existsSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SHIPPED_LESSON_IDS, loadCourse, loadLesson } from "./shipped.ts";

const lessonsDir = new URL("../../lessons/", import.meta.url);
const onDisk = existsSync(lessonsDir)
  ? readdirSync(lessonsDir)
      .filter((name) => name.endsWith(".json") && name !== "course.json")
      .map((name) => name.replace(/\.json$/, ""))
      .sort()
  : [];

describe("the shipped lessons, as the app loads them (import.meta.glob)", () => {
  it("are the lesson files of lessons/, by id, without the course", () => {
    expect(SHIPPED_LESSON_IDS).toStrictEqual(onDisk);
  });

  it("a lesson that is not shipped is null", async () => {
    expect(await loadLesson("no-such-lesson")).toBeNull();
  });

  it.skipIf(onDisk.length === 0)("each loads and parses", async () => {
    for (const id of SHIPPED_LESSON_IDS) {
      const result = await loadLesson(id);
      expect(result?.ok, id).toBe(true);
    }
  });

  it("the course loads when present, else says it is missing", async () => {
    const course = await loadCourse();
    if (existsSync(new URL("course.json", lessonsDir))) expect(course.ok).toBe(true);
    else
      expect(course).toStrictEqual({
        ok: false,
        problems: [{ path: "", message: "lessons/course.json is missing" }],
      });
  });
});
