import { existsSync, readFileSync, readdirSync } from "node:fs";
import Ajv from "ajv";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCourse, parseLesson } from "../src/lessons/lesson.ts";
import {
  COURSE_SCHEMA_PATH,
  LESSON_SCHEMA_PATH,
  courseJsonSchemaText,
  lessonJsonSchema,
  lessonJsonSchemaText,
} from "./lesson-schema.ts";

/**
 * schema/lesson.schema.json and schema/course.schema.json: up to date, valid JSON Schemas, and in
 * step with the parser: they accept every shipped and fixture lesson, and refuse what they can see
 * is wrong.
 */

const root = new URL("../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), "utf8");
const ajv = new Ajv({ strict: true, allErrors: true });
const validateLesson = ajv.compile(JSON.parse(read(LESSON_SCHEMA_PATH)) as object);
const validateCourse = ajv.compile(JSON.parse(read(COURSE_SCHEMA_PATH)) as object);

function jsonIn(dir: string): [string, unknown][] {
  const url = new URL(dir, root);
  if (!existsSync(url)) return [];
  return readdirSync(url)
    .filter((name) => name.endsWith(".json"))
    .map((name) => [`${dir}${name}`, JSON.parse(readFileSync(new URL(name, url), "utf8")) as unknown]);
}

const lessons = [...jsonIn("src/lessons/fixtures/"), ...jsonIn("lessons/")].filter(
  ([name]) => !name.endsWith("course.json"),
);
const courses = jsonIn("lessons/").filter(([name]) => name.endsWith("course.json"));

describe("the lesson JSON Schemas", () => {
  it("are what `npm run schema` generates (run it after changing src/lessons/lessonSchema.ts)", async () => {
    expect(read(LESSON_SCHEMA_PATH)).toBe(await lessonJsonSchemaText());
    expect(read(COURSE_SCHEMA_PATH)).toBe(await courseJsonSchemaText());
  });

  it("are draft-07, titled, with closed objects and every top-level field described", () => {
    const schema = lessonJsonSchema() as Record<string, unknown>;
    expect(schema["$schema"]).toBe("http://json-schema.org/draft-07/schema#");
    expect(schema["title"]).toBe("MQTT QoS Lab lesson");
    expect(schema["additionalProperties"]).toBe(false);
    expect(schema["required"]).toStrictEqual([
      "lesson",
      "id",
      "title",
      "audience",
      "minutes",
      "summary",
      "steps",
    ]);
    expect(read(LESSON_SCHEMA_PATH)).not.toContain('"$ref"');
    const properties = schema["properties"] as Record<string, { description?: string }>;
    for (const [key, field] of Object.entries(properties)) expect(field.description, key).toBeTruthy();
  });
});

describe.each(lessons)("the lesson %s", (_, lesson) => {
  it("is accepted by the parser and by the JSON Schema, as is its parsed form", () => {
    expect(validateLesson(lesson), JSON.stringify(validateLesson.errors)).toBe(true);
    const parsed = parseLesson(lesson);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(validateLesson(parsed.lesson), JSON.stringify(validateLesson.errors)).toBe(true);
  });
});

describe.each(courses)("the course %s", (_, course) => {
  it("is accepted by the parser and by the JSON Schema", () => {
    expect(parseCourse(course).ok).toBe(true);
    expect(validateCourse(course), JSON.stringify(validateCourse.errors)).toBe(true);
  });
});

/** A copy of JSON `root` with the node that `steps` pick (a key index per level) replaced by `value`. */
function replaceAt(root: unknown, steps: readonly number[], value: unknown): unknown {
  const [step = 0, ...rest] = steps;
  if (typeof root !== "object" || root === null) return value;
  const copy = (Array.isArray(root) ? [...(root as unknown[])] : { ...root }) as Record<string, unknown>;
  const keys = Object.keys(copy);
  const key = keys[step % Math.max(keys.length, 1)] ?? "extra";
  copy[key] = rest.length === 0 ? value : replaceAt(copy[key], rest, value);
  return copy;
}

describe("the JSON Schema and the parser agree on mutated lessons", () => {
  it("whatever the parser accepts, the schema accepts", { timeout: 120_000 }, () => {
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom(
        "predict",
        "hand-on",
        "PUBREC",
        "broker-subscriber",
        "en",
        "MQTT-4.3.3-10",
        0,
        1,
        2,
        40,
        true,
      ),
    );
    const mutation = fc.record({ steps: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), value });
    fc.assert(
      fc.property(
        fc.constantFrom(...lessons.map(([, lesson]) => lesson)),
        fc.array(mutation, { maxLength: 3 }),
        (lesson, mutations) => {
          let input: unknown = lesson;
          for (const { steps, value } of mutations) input = replaceAt(input, steps, value);
          if (parseLesson(input).ok)
            expect(validateLesson(input), JSON.stringify(validateLesson.errors)).toBe(true);
        },
      ),
      { numRuns: 1500 },
    );
  });
});

describe("the JSON Schema and the parser agree on invalid lessons", () => {
  const valid = {
    lesson: 1,
    id: "x",
    title: "T",
    audience: "A",
    minutes: 5,
    summary: "S",
    steps: [{ kind: "show", text: "x", scenario: { publishQos: 1 } }],
  };
  const step = (s: Record<string, unknown>) => ({ ...valid, steps: [s] });
  it.each([
    ["format 2", { ...valid, lesson: 2 }],
    ["an unknown field", { ...valid, titel: "x" }],
    ["an id with capitals", { ...valid, id: "Pump" }],
    ["no steps", { ...valid, steps: [] }],
    ["a title without English", { ...valid, title: { de: "x" } }],
    ["a bad locale", { ...valid, title: { en: "x", DE: "y" } }],
    ["an unknown step kind", step({ kind: "quiz", text: "x" })],
    ["a bad scenario", step({ kind: "show", text: "x", scenario: { publishQos: 3 } })],
    [
      "an unknown question",
      step({ kind: "predict", text: "x", scenario: { publishQos: 1 }, question: { ask: "who" } }),
    ],
    [
      "an EventMatch with an unknown field",
      step({
        kind: "predict",
        text: "x",
        scenario: { publishQos: 1 },
        question: { ask: "processed" },
        stopAt: { paket: "PUBACK" },
      }),
    ],
    [
      "a task without a hint",
      step({
        kind: "task",
        text: "x",
        scenario: { publishQos: 1 },
        goal: { verdict: "once" },
        solution: { faults: [] },
      }),
    ],
    ["a bad spec id", step({ kind: "explain", text: "x", spec: ["4.3.3-2"] })],
  ])("both refuse %s", (_, input) => {
    expect(parseLesson(input).ok).toBe(false);
    expect(validateLesson(input)).toBe(false);
  });
});
