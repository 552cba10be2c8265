/**
 * The headless test of issue 12: every shipped lesson (the repository's lessons/ folder, written
 * on its own branch) and every fixture lesson is run through the simulator: it parses and its id
 * is its file name; every moment it names happens; every question has a computable answer among
 * its choices; every task's solution meets its goal, the start does not, and the solution changes
 * only what `may` allows; every spec id is one mqtt-reference.md cites; it ends with a check of
 * understanding; its statistics run. The course lists every lesson once.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { auditLesson } from "./audit.ts";
import { parseCourseText, parseLessonText } from "./lesson.ts";
import { statisticsFigure } from "./statistics.ts";

const SLOW = { timeout: 120_000 };
const lessonsDir = new URL("../../lessons/", import.meta.url);
const fixturesDir = new URL("./fixtures/", import.meta.url);

function jsonFiles(dir: URL, label: string): [string, URL][] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json") && name !== "course.json")
    .sort()
    .map((name) => [`${label}${name}`, new URL(name, dir)]);
}

const shipped = jsonFiles(lessonsDir, "lessons/");
const files = [...jsonFiles(fixturesDir, "fixtures/"), ...shipped];

describe.each(files)("%s", (label, url) => {
  const parsed = parseLessonText(readFileSync(url, "utf8"));

  it("parses, and its id is its file name", () => {
    expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
    if (parsed.ok) expect(`${parsed.lesson.id}.json`).toBe(label.replace(/^.*\//, ""));
  });

  it(
    "works as taught: moments happen, answers compute, goals are reachable and not met at the start",
    SLOW,
    () => {
      if (!parsed.ok) return;
      expect(auditLesson(parsed.lesson, parsed.scenarios)).toStrictEqual([]);
    },
  );

  it("runs its statistics", SLOW, () => {
    if (!parsed.ok) return;
    parsed.lesson.steps.forEach((step, i) => {
      if (step.kind !== "explain" || step.statistics === undefined) return;
      const scenario = parsed.scenarios[i];
      expect(scenario).toBeTruthy();
      if (!scenario) return;
      const figure = statisticsFigure(scenario, step.statistics);
      expect(figure.rows.map((row) => row.messages)).toStrictEqual(
        [0, 1, 2].map(() => step.statistics?.messages),
      );
    });
  });
});

const courseFile = new URL("course.json", lessonsDir);

describe.skipIf(!existsSync(courseFile))("lessons/course.json", () => {
  it("parses and lists every lesson file exactly once", () => {
    const course = parseCourseText(readFileSync(courseFile, "utf8"));
    expect(course.ok, JSON.stringify(course)).toBe(true);
    if (!course.ok) return;
    const ids = shipped.map(([label]) => label.replace(/^lessons\//, "").replace(/\.json$/, ""));
    expect([...course.course.lessons].sort()).toStrictEqual(ids);
  });
});

describe("the fixtures", () => {
  it("are found, so the headless test always runs", () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
  });
});
