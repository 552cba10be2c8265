import { describe, expect, it } from "vitest";
import { encodeLessonData } from "./lessonData.ts";
import { importLessonData, importLessonFile, importLessonText } from "./importLesson.ts";
import {
  MAX_YOUR_LESSONS,
  readYourLessons,
  withLesson,
  withoutLesson,
  type YourLesson,
} from "./yourLessons.ts";

const lesson = {
  lesson: 1,
  id: "pump-duplicate",
  title: { en: "Start Pump P-101", de: "Pumpe P-101 starten" },
  audience: "Plant engineers",
  minutes: 10,
  summary: "A lost PUBACK.",
  steps: [
    {
      kind: "show",
      scenario: { publishQos: 1, faults: [{ hop: "publisher-broker", packet: "PUBACK" }] },
      text: "Watch.",
    },
    { kind: "explain", text: "QoS 1 is at least once.", spec: ["MQTT-4.3.2-5"] },
  ],
};
const text = JSON.stringify(lesson, null, 2);

describe("importing a lesson", () => {
  it("opens a good file with each step's scenario", () => {
    const result = importLessonText("\uFEFF" + text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.lesson.id).toBe("pump-duplicate");
    expect(result.scenarios.map((s) => s?.faults.length)).toEqual([1, 1]);
    expect(result.text).toBe(text);
  });

  it("names every problem of a broken file by its field path and what was expected", () => {
    const broken = {
      ...lesson,
      steps: [
        { kind: "shwo", text: "x" },
        {
          kind: "show",
          scenario: { publishQos: 1, faults: [{ hop: "publisher-broker", packet: "PUBAK" }] },
          text: "ok",
        },
        { kind: "explain", text: "Press <b>Start</b>" },
      ],
    };
    const result = importLessonText(JSON.stringify(broken));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const at = (path: string) => result.problems.find((p) => p.path === path)?.message;
    expect(at("steps[0].kind")).toMatch(/expected one of show, predict, task, explain; got "shwo"/);
    expect(at("steps[1].scenario.faults[0].packet")).toMatch(/expected one of PUBLISH, PUBACK/);
    expect(at("steps[2].text")).toMatch(/no HTML/);
  });

  it("gives the line and column of a JSON syntax error", () => {
    const result = importLessonText('{\n  "lesson": 1,\n  "id": "x"\n  "title": "t"\n}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.message).join(" ")).toMatch(/line 4/);
  });

  it("says an empty or too large file is one", async () => {
    expect(importLessonText("  \n")).toEqual({
      ok: false,
      problems: [{ path: "", message: "the file is empty: expected a lesson, as JSON" }],
    });
    const big = {
      size: 6 * 1024 * 1024,
      text: () => Promise.reject(new Error("not read")),
    } as unknown as Blob;
    const result = await importLessonFile(big);
    expect(!result.ok && result.problems[0]?.message).toMatch(/too large: 6\.0 MB; the limit is 5\.0 MB/);
    const good = await importLessonFile(new Blob([text]));
    expect(good.ok).toBe(true);
  });

  it("opens a link's lesson, and names a cut link's value", () => {
    expect(importLessonData(encodeLessonData(text)).ok).toBe(true);
    const cut = importLessonData(encodeLessonData(text).slice(0, 41));
    expect(cut.ok).toBe(false);
    expect(!cut.ok && cut.problems[0]?.path).toBe("lessonData");
    const json = importLessonData(encodeLessonData(text.slice(0, 60)));
    expect(!json.ok && json.problems[0]?.message).toMatch(/line|JSON/);
  });
});

describe("your lessons", () => {
  const entry = (id: string): YourLesson => ({
    id,
    title: id,
    text: "{}",
    added: "2026-12-05T08:00:00.000Z",
  });

  it("puts the newest first, replaces one with the same id, keeps at most the limit", () => {
    const list = withLesson(withLesson([entry("a")], entry("b")), { ...entry("a"), title: "A again" });
    expect(list.map((l) => l.title)).toEqual(["A again", "b"]);
    expect(withoutLesson(list, "a").map((l) => l.id)).toEqual(["b"]);
    let many: YourLesson[] = [];
    for (let i = 0; i < MAX_YOUR_LESSONS + 5; i++) many = withLesson(many, entry(`l${i}`));
    expect(many).toHaveLength(MAX_YOUR_LESSONS);
    expect(many[0]?.id).toBe(`l${MAX_YOUR_LESSONS + 4}`);
  });

  it("reads a stored list, leaving out what is not a lesson's record", () => {
    expect(readYourLessons(JSON.stringify([entry("a"), { id: 3 }, null]))).toEqual([entry("a")]);
    expect(readYourLessons("{broken")).toEqual([]);
    expect(readYourLessons(null)).toEqual([]);
  });
});
