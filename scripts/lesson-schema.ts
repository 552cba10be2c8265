/**
 * The lesson and course formats as JSON Schema (draft-07), generated from the valibot schemas in
 * src/lessons/lessonSchema.ts. `npm run schema` writes schema/lesson.schema.json and
 * schema/course.schema.json; lesson-schema.test.ts fails when a committed file is stale.
 *
 * The JSON Schema says less than the parser: a step's scenario is the scenario schema inlined (the
 * parser also applies its cross-field rules), and it cannot express the lesson's own rules across
 * fields (lessonRules.ts), "no HTML outside code spans", or links to http(s) only. Everything it
 * refuses, the parser refuses too.
 */
import { toJsonSchema, type ConversionConfig, type JsonSchema } from "@valibot/to-json-schema";
import { format, resolveConfig } from "prettier";
import {
  CourseSchema,
  FaultValue,
  LOCALE_PATTERN,
  LessonSchema,
  QuestionForms,
  ScenarioValue,
  StepForms,
  TextForms,
} from "../src/lessons/lessonSchema.ts";
import { inlineRefs, scenarioJsonSchema } from "./scenario-schema.ts";

export const LESSON_SCHEMA_PATH = "schema/lesson.schema.json";
export const COURSE_SCHEMA_PATH = "schema/course.schema.json";

/** The scenario's JSON Schema as a field's schema: without the file-level keys. */
function scenarioField(): JsonSchema {
  const field = { ...(scenarioJsonSchema() as Record<string, unknown>) };
  delete field["$schema"];
  delete field["title"];
  return field as JsonSchema;
}

function faultItem(): JsonSchema {
  const properties = (scenarioJsonSchema() as { properties: Record<string, { items: JsonSchema }> })
    .properties;
  return properties["faults"]?.items as JsonSchema;
}

const CONFIG: ConversionConfig = {
  target: "draft-07",
  typeMode: "output",
  ignoreActions: ["transform", "check", "raw_check"],
  definitions: { text: TextForms, step: StepForms, question: QuestionForms },
  overrideSchema: ({ valibotSchema, jsonSchema }) => {
    if (valibotSchema === ScenarioValue) return scenarioField();
    if (valibotSchema === FaultValue) return faultItem();
    const names = jsonSchema.propertyNames;
    const locale = typeof names === "object" && names.pattern === LOCALE_PATTERN.source;
    if (valibotSchema.type === "record" && locale && jsonSchema.additionalProperties !== undefined) {
      // English comes first: "en" is required, and like every locale it is Markdown.
      return { ...jsonSchema, properties: { en: jsonSchema.additionalProperties }, required: ["en"] };
    }
    if (valibotSchema.type !== "object") return undefined;
    const { required, ...rest } = jsonSchema;
    return { ...rest, ...(required?.length ? { required } : {}), additionalProperties: false };
  },
};

function jsonSchemaOf(schema: typeof LessonSchema | typeof CourseSchema): JsonSchema {
  const { $schema, title, description, $defs = {}, ...rest } = toJsonSchema(schema, CONFIG);
  return inlineRefs({ $schema, title, description, ...rest }, $defs) as JsonSchema;
}

export function lessonJsonSchema(): JsonSchema {
  return jsonSchemaOf(LessonSchema);
}

export function courseJsonSchema(): JsonSchema {
  return jsonSchemaOf(CourseSchema);
}

async function formatted(path: string, schema: JsonSchema): Promise<string> {
  const options = (await resolveConfig(path)) ?? {};
  return format(JSON.stringify(schema), { ...options, parser: "json" });
}

export async function lessonJsonSchemaText(): Promise<string> {
  return formatted(LESSON_SCHEMA_PATH, lessonJsonSchema());
}

export async function courseJsonSchemaText(): Promise<string> {
  return formatted(COURSE_SCHEMA_PATH, courseJsonSchema());
}
