/** `npm run schema`: writes the JSON Schemas from the valibot schemas (scenario-schema.ts, lesson-schema.ts). */
import { writeFile } from "node:fs/promises";
import {
  COURSE_SCHEMA_PATH,
  LESSON_SCHEMA_PATH,
  courseJsonSchemaText,
  lessonJsonSchemaText,
} from "./lesson-schema.ts";
import { SCHEMA_PATH, scenarioJsonSchemaText } from "./scenario-schema.ts";

for (const [path, text] of [
  [SCHEMA_PATH, scenarioJsonSchemaText],
  [LESSON_SCHEMA_PATH, lessonJsonSchemaText],
  [COURSE_SCHEMA_PATH, courseJsonSchemaText],
] as const) {
  await writeFile(path, await text());
  console.log(`wrote ${path}`);
}
