/**
 * The scenario format as JSON Schema (draft-07, what editors understand best), generated from the
 * valibot schema in src/sim/scenarioSchema.ts. `npm run schema` writes it to
 * schema/scenario.schema.json; scenario-schema.test.ts fails when the committed file is stale.
 *
 * The JSON Schema says less than the parser: it cannot express the rules across fields
 * (scenarioRules.ts), lone surrogates in a topic, or UTF-8 byte counts (it bounds the length in
 * UTF-16 units instead, which never exceeds the byte count). Everything it refuses, the parser refuses too.
 */
import { toJsonSchema, type ConversionConfig, type JsonSchema } from "@valibot/to-json-schema";
import { format, resolveConfig } from "prettier";
import { ScenarioSchema, SessionForms } from "../src/sim/scenarioSchema.ts";

export const SCHEMA_PATH = "schema/scenario.schema.json";

const CONFIG: ConversionConfig = {
  target: "draft-07",
  // Pipes start with checks that only the parser needs (a plain object, own fields only): the
  // JSON Schema describes the last schema of each pipe and what follows it.
  typeMode: "output",
  // What JSON Schema cannot say: -0 made 0, "$schema" left out, lone surrogates.
  ignoreActions: ["transform", "check"],
  definitions: { session: SessionForms },
  overrideSchema: ({ valibotSchema, jsonSchema }) => {
    if (valibotSchema.type !== "object") return undefined;
    // Unknown keys are errors (the parser says "did you mean"), so editors flag them too.
    const { required, ...rest } = jsonSchema;
    return { ...rest, ...(required?.length ? { required } : {}), additionalProperties: false };
  },
};

export function scenarioJsonSchema(): JsonSchema {
  const { $schema, title, description, $defs = {}, ...rest } = toJsonSchema(ScenarioSchema, CONFIG);
  // Definitions inlined: in draft-07 a "$ref" hides its siblings, such as the session's default.
  return inlineRefs({ $schema, title, description, ...rest }, $defs) as JsonSchema;
}

/** `node` with every `{ "$ref": "#/$defs/name", ...siblings }` replaced by the definition plus its siblings. */
export function inlineRefs(node: unknown, defs: Record<string, unknown>): unknown {
  if (Array.isArray(node)) return node.map((n) => inlineRefs(n, defs));
  if (typeof node !== "object" || node === null) return node;
  const { $ref, ...siblings } = node as Record<string, unknown>;
  const name = typeof $ref === "string" ? $ref.replace(/^#\/\$defs\//, "") : undefined;
  const target = name === undefined ? {} : (defs[name] as object);
  const entries = Object.entries({ ...target, ...siblings }).map(([k, v]) => [k, inlineRefs(v, defs)]);
  return Object.fromEntries(entries);
}

/** The file's text, formatted as Prettier formats the repository. */
export async function scenarioJsonSchemaText(): Promise<string> {
  const options = (await resolveConfig(SCHEMA_PATH)) ?? {};
  return format(JSON.stringify(scenarioJsonSchema()), { ...options, parser: "json" });
}
