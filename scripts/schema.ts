/** `npm run schema`: writes schema/scenario.schema.json from the valibot schema (scenario-schema.ts). */
import { writeFile } from "node:fs/promises";
import { SCHEMA_PATH, scenarioJsonSchemaText } from "./scenario-schema.ts";

await writeFile(SCHEMA_PATH, await scenarioJsonSchemaText());
console.log(`wrote ${SCHEMA_PATH}`);
