import { existsSync, readFileSync } from "node:fs";
import Ajv from "ajv";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraryScenario } from "../src/sim/arbitrary.ts";
import { parseScenario } from "../src/sim/scenario.ts";
import { SCHEMA_PATH, scenarioJsonSchema, scenarioJsonSchemaText } from "./scenario-schema.ts";

/**
 * schema/scenario.schema.json: up to date, a valid JSON Schema, and in step with the parser (it
 * accepts every scenario the parser accepts, documented examples and random ones; it refuses what
 * it can see is wrong). Also: every scenario example in the README and in scenario-format.md
 * parses, and its parsed form parses to itself.
 */

const root = new URL("../", import.meta.url);
const committed = readFileSync(new URL(SCHEMA_PATH, root), "utf8");
const validate = new Ajv({ strict: true, allErrors: true }).compile(JSON.parse(committed) as object);
const TIMEOUT = { timeout: 120_000 };

const schemaAccepts = (value: unknown): boolean => validate(value);

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

/** JSONC to JSON: `//` comments outside strings removed. */
function stripComments(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"|\/\/[^\n]*/g, (match) => (match.startsWith('"') ? match : ""));
}

/** The JSON and JSONC code blocks of a Markdown text that hold a scenario (they name publishQos). */
function scenarioExamples(markdown: string): unknown[] {
  return [...markdown.matchAll(/```jsonc?\n([\s\S]*?)```/g)]
    .map((m) => stripComments(m[1] ?? ""))
    .filter((code) => code.includes('"publishQos"'))
    .map((code) => JSON.parse(code) as unknown);
}

const readme = readFileSync(new URL("README.md", root), "utf8");
/** The published format, beside the repository (shared/docs); absent from a lone clone. */
const formatDoc = new URL("../shared/docs/scenario-format.md", root);
const formatExamples = existsSync(formatDoc) ? scenarioExamples(readFileSync(formatDoc, "utf8")) : [];
const examples = [
  ...scenarioExamples(readme).map((value, i) => [`README.md #${i + 1}`, value] as const),
  ...formatExamples.map((value, i) => [`scenario-format.md #${i + 1}`, value] as const),
];

describe("schema/scenario.schema.json", () => {
  it("is what `npm run schema` generates (run it after changing src/sim/scenarioSchema.ts)", async () => {
    expect(committed).toBe(await scenarioJsonSchemaText());
  });

  it("is a draft-07 JSON Schema that editors can use: titled, described, closed objects", () => {
    const schema = scenarioJsonSchema() as Record<string, unknown>;
    expect(schema["$schema"]).toBe("http://json-schema.org/draft-07/schema#");
    expect(schema["title"]).toBeTypeOf("string");
    expect(schema["additionalProperties"]).toBe(false);
    expect(schema["required"]).toStrictEqual(["publishQos"]);
    expect(committed).not.toContain('"$ref"');
    // Every field says what it is for.
    const properties = schema["properties"] as Record<string, { description?: string }>;
    for (const [key, field] of Object.entries(properties)) expect(field.description, key).toBeTruthy();
  });
});

describe.skipIf(formatExamples.length === 0)("the published format's example", () => {
  it("is found in scenario-format.md", () => {
    expect(formatExamples.length).toBeGreaterThan(0);
  });
});

describe.each(examples)("the scenario example in %s", (_, example) => {
  it("parses, and its parsed form parses to itself", () => {
    const first = parseScenario(example);
    expect(first.ok, JSON.stringify(first)).toBe(true);
    if (!first.ok) return;
    expect(parseScenario(first.scenario)).toStrictEqual(first);
    expect(parseScenario(JSON.parse(JSON.stringify(first.scenario)))).toStrictEqual(first);
  });

  it("and its parsed form are accepted by the JSON Schema", () => {
    expect(schemaAccepts(example), JSON.stringify(validate.errors)).toBe(true);
    const parsed = parseScenario(example);
    if (parsed.ok) expect(schemaAccepts(parsed.scenario)).toBe(true);
  });
});

describe("the JSON Schema and the parser agree", () => {
  it("on random valid scenarios: the schema accepts each, and a file naming the schema", TIMEOUT, () => {
    fc.assert(
      fc.property(arbitraryScenario({ maxFaults: 6 }), (scenario) => {
        expect(parseScenario(scenario).ok).toBe(true);
        expect(schemaAccepts(scenario), JSON.stringify(validate.errors)).toBe(true);
        const file = { $schema: "./schema/scenario.schema.json", ...scenario };
        expect(parseScenario(file).ok).toBe(true);
        expect(schemaAccepts(file)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ["no publishQos", {}],
    ["a publishQos of 3", { publishQos: 3 }],
    ["a publishQos given as text", { publishQos: "2" }],
    ["an unknown field", { publishQos: 1, publishQOS: 1 }],
    ["an unknown field in a fault", { publishQos: 1, faults: [{ packet: "PUBACK", atempt: 2 }] }],
    ["a misspelt packet", { publishQos: 2, faults: [{ packet: "PUBAK" }] }],
    ["a fault without its packet", { publishQos: 2, faults: [{ hop: "publisher-broker" }] }],
    ["attempt 0", { publishQos: 1, faults: [{ packet: "PUBACK", attempt: 0 }] }],
    ["message 1.5", { publishQos: 1, faults: [{ packet: "PUBACK", message: 1.5 }] }],
    ["no messages", { publishQos: 1, messages: [] }],
    ["a wildcard topic", { publishQos: 1, messages: [{ topic: "plant/#" }] }],
    ["an empty topic", { publishQos: 1, messages: [{ topic: "" }] }],
    ["a NUL in a topic", { publishQos: 1, messages: [{ topic: "a\u0000b" }] }],
    ["a topic too long", { publishQos: 1, messages: [{ topic: "x".repeat(65_536) }] }],
    ["a retain flag as a number", { publishQos: 1, messages: [{ retain: 1 }] }],
    ["a latency of 0", { publishQos: 1, timing: { latencyMs: 0 } }],
    ["a latency over a minute", { publishQos: 1, timing: { latencyMs: 60_001 } }],
    ["a negative reconnect delay", { publishQos: 1, timing: { reconnectDelayMs: -1 } }],
    ["an unknown session kind", { publishQos: 1, session: "Clean" }],
    ["an unknown per-client session kind", { publishQos: 1, session: { publisher: "dirty" } }],
    ["a subscriber without qos", { publishQos: 1, subscriber: {} }],
    ["an unknown QoS 2 delivery", { publishQos: 2, qos2Delivery: { broker: "A" } }],
    ["a protocol as a number", { publishQos: 1, protocol: 5 }],
    ["a $schema that is not text", { publishQos: 1, $schema: 1 }],
    ["a list, not an object", [{ publishQos: 1 }]],
  ])("on an invalid scenario: both refuse %s", (_, input) => {
    expect(parseScenario(input).ok).toBe(false);
    expect(schemaAccepts(input)).toBe(false);
  });

  it("on mutations of JSON scenarios: whatever the parser accepts, the schema accepts", TIMEOUT, () => {
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom("3.1.1", "on-timeout", "clean", "broker-subscriber", "CONNACK", 0, 2, 1000, 1e-3, true),
    );
    const mutation = fc.record({ steps: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), value });
    fc.assert(
      fc.property(arbitraryScenario(), fc.array(mutation, { maxLength: 3 }), (scenario, mutations) => {
        let input: unknown = JSON.parse(JSON.stringify(scenario));
        for (const { steps, value } of mutations) input = replaceAt(input, steps, value);
        if (parseScenario(input).ok) expect(schemaAccepts(input), JSON.stringify(validate.errors)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
