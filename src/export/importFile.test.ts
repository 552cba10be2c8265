import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseScenario, SCENARIO_KEYS } from "../sim/scenario.ts";
import { simulate } from "../sim/simulate.ts";
import { EXPORT_EXAMPLES } from "./examples.ts";
import { importBlob, importJson, MAX_IMPORT_BYTES, type ImportResult } from "./importFile.ts";

const SCENARIO = { publishQos: 2, subscriber: { qos: 1 }, faults: [{ packet: "PUBREC" }] };
const TRACE = simulate(SCENARIO);

function problems(result: ImportResult): string[] {
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems;
}

describe("importJson: what it accepts", () => {
  it("reads a scenario, filling in its defaults", () => {
    const result = importJson(JSON.stringify(SCENARIO));
    expect(result).toEqual({ ok: true, kind: "scenario", scenario: TRACE.scenario });
  });

  it("reads a trace, keeping its scenario", () => {
    const result = importJson(JSON.stringify(TRACE, null, 2));
    expect(result).toEqual({ ok: true, kind: "trace", scenario: TRACE.scenario });
  });

  it("reads a trace with states and the app's own extensions", () => {
    const trace = simulate(SCENARIO, { states: true });
    expect(importJson(JSON.stringify(trace))).toMatchObject({ ok: true, kind: "trace" });
  });

  it("ignores a byte order mark", () => {
    expect(importJson(`\uFEFF${JSON.stringify(SCENARIO)}`)).toMatchObject({ ok: true, kind: "scenario" });
  });
});

describe("importJson: clear messages", () => {
  it("places a JSON syntax error by line and column", () => {
    expect(problems(importJson('{\n  "publishQos": 2,\n}'))).toEqual([
      'invalid JSON at line 3, column 1: expected a property name in double quotes; got "}"',
    ]);
  });

  it("names every problem of a scenario by its field", () => {
    expect(problems(importJson('{ "publishQos": 3, "faults": [{ "packet": "PUBAK" }] }'))).toEqual([
      "publishQos: expected one of 0, 1, 2; got 3",
      'faults[0].packet: expected one of PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP, CONNECT, CONNACK; got "PUBAK"',
    ]);
  });

  it("prefixes the problems of a trace's scenario with scenario.", () => {
    const trace = { ...TRACE, scenario: { ...TRACE.scenario, publishQos: 7, faults: [{ packet: "X" }] } };
    const found = problems(importJson(JSON.stringify(trace)));
    expect(found).toContain("scenario.publishQos: expected one of 0, 1, 2; got 7");
    expect(found.some((p) => p.startsWith("scenario.faults[0].packet: "))).toBe(true);
    expect(problems(importJson('{ "scenario": 5, "events": [] }'))).toEqual([
      expect.stringMatching(/^scenario: expected a JSON object; got 5$/),
    ]);
  });

  it("says a trace without its scenario is missing it", () => {
    expect(problems(importJson('{ "events": [], "outcome": {} }'))).toEqual([
      expect.stringMatching(/^scenario: required field is missing/),
    ]);
  });

  it("says an empty file is empty", () => {
    expect(problems(importJson(""))[0]).toMatch(/^the file is empty/);
    expect(problems(importJson(" \n\t"))[0]).toMatch(/^the file is empty/);
  });

  it("refuses a file over the size limit before parsing it, with both sizes", () => {
    const big = `{"publishQos": 1, "messages": [${'{"payload":"x"},'.repeat(MAX_IMPORT_BYTES / 15)}{}]}`;
    expect(problems(importJson(big))).toEqual([
      expect.stringMatching(/^the file is too large: 5\.3 MB; the limit is 5\.0 MB$/),
    ]);
    const multibyte = `"${"é".repeat(MAX_IMPORT_BYTES / 2 + 1)}"`;
    expect(problems(importJson(multibyte))).toEqual(["the file is too large: 5.0 MB; the limit is 5.0 MB"]);
  });

  it("checks a Blob's size before reading it", async () => {
    const huge = { size: MAX_IMPORT_BYTES + 1, text: () => Promise.reject(new Error("must not be read")) };
    expect(problems(await importBlob(huge as unknown as Blob))[0]).toMatch(/too large: 5\.0 MB/);
    expect(await importBlob(new Blob([JSON.stringify(TRACE)]))).toMatchObject({ ok: true, kind: "trace" });
  });
});

// ---------------------------------------------------------------------------------------------
// Fuzzing: whatever the text, a result; a failure always names a field or a position

/** A field path as parseScenario writes it: `publishQos`, `faults[0].packet`, `["odd key"]`. */
const SEGMENT = String.raw`(?:[A-Za-z_$][\w$]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])`;
const PATH = String.raw`${SEGMENT}(?:\.[A-Za-z_$][\w$]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])*`;

/** A problem names a field path (`publishQos: …`, `scenario.faults[0]: …`), a JSON position, or the file. */
const NAMED = new RegExp(
  String.raw`^(invalid JSON at line \d+, column \d+: |the file is (empty|too large)|${PATH}: )`,
  "s",
);

function check(text: string): void {
  let result: ImportResult;
  try {
    result = importJson(text);
  } catch (error) {
    throw new Error(`importJson threw on ${JSON.stringify(text.slice(0, 200))}: ${String(error)}`, {
      cause: error,
    });
  }
  if (result.ok) {
    expect(parseScenario(result.scenario).ok).toBe(true);
    return;
  }
  expect(result.problems.length).toBeGreaterThan(0);
  for (const problem of result.problems) {
    expect(typeof problem).toBe("string");
    expect(problem, `for ${JSON.stringify(text.slice(0, 120))}`).toMatch(NAMED);
  }
}

const VALID_TEXTS = [
  ...Object.values(EXPORT_EXAMPLES).map((s) => JSON.stringify(s, null, 2)),
  JSON.stringify(TRACE),
  JSON.stringify(simulate(EXPORT_EXAMPLES["on-timeout, MQTT 3.1.1"] ?? SCENARIO), null, 1),
];

const JSONISH = [...'{}[]:,"\\ \n0123456789.-+eEtrufalsn', "\u0000", "\uD800", "\uFEFF", "é", "𝄞"];

type Edit = { at: number; kind: "delete" | "insert" | "replace"; text: string };

function mutate(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const { at, kind, text: piece } of edits) {
    const i = out.length === 0 ? 0 : at % (out.length + 1);
    if (kind === "delete") out = out.slice(0, i) + out.slice(i + 1 + (piece.length % 8));
    else if (kind === "insert") out = out.slice(0, i) + piece + out.slice(i);
    else out = out.slice(0, i) + piece + out.slice(i + piece.length);
  }
  return out;
}

const editArb: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom("delete", "insert", "replace"),
  text: fc.oneof(
    fc.constantFrom(...JSONISH),
    fc.string({ maxLength: 6 }),
    fc.constantFrom('"publishQos"', "1e999", "null", '"scenario":'),
  ),
});

/** The scenario's own fields, a trace's, and names that trip up naive object handling. */
const FIELDS = [...SCENARIO_KEYS, "scenario", "events", "outcome", "__proto__", "constructor", "toString"];

const hugeNumber = fc.constantFrom(
  "1e400",
  "-1e400",
  "1e-400",
  "123456789012345678901234567890",
  "-0",
  "0.0000000000000000000001",
  "9007199254740993",
  "65536",
  "1.5",
);

const RUNS = 1000;

describe("importJson: fuzzed with malformed input", () => {
  it("random text", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: "binary", maxLength: 200 })),
        check,
      ),
      { numRuns: RUNS },
    );
  });

  it("valid scenarios and traces with characters deleted, inserted and replaced", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...VALID_TEXTS),
        fc.array(editArb, { minLength: 1, maxLength: 6 }),
        (text, edits) => check(mutate(text, edits)),
      ),
      { numRuns: RUNS },
    );
  });

  it("truncations of valid scenarios and traces", () => {
    fc.assert(
      fc.property(fc.constantFrom(...VALID_TEXTS), fc.nat(), (text, at) =>
        check(text.slice(0, at % text.length)),
      ),
      { numRuns: RUNS },
    );
  });

  it("deep nesting, as the document, a field or a trace's scenario", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20_000 }),
        fc.constantFrom("[", '{"a":', '{"scenario":', '{"messages":['),
        fc.boolean(),
        fc.constantFrom("", '{"publishQos":', '{"scenario":{"faults":'),
        (depth, open, closed, prefix) => {
          const close = open === "[" ? "]" : open === '{"messages":[' ? "]}" : "}";
          const inner = `${open.repeat(depth)}1${closed ? close.repeat(depth) : ""}`;
          check(prefix === "" ? inner : `${prefix}${inner}${prefix.includes("scenario") ? "}}" : "}"}`);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("huge, tiny and fractional numbers in every numeric field", () => {
    fc.assert(
      fc.property(
        hugeNumber,
        fc.constantFrom(
          '{"publishQos":N}',
          '{"publishQos":1,"subscriber":{"qos":N}}',
          '{"publishQos":1,"faults":[{"packet":"PUBLISH","message":N,"attempt":N}]}',
          '{"publishQos":1,"timing":{"latencyMs":N,"timeoutMs":N,"reconnectDelayMs":N,"publishIntervalMs":N}}',
          '{"scenario":{"publishQos":N},"events":[]}',
          "N",
          "[N]",
        ),
        (n, template) => check(template.replaceAll("N", n)),
      ),
      { numRuns: RUNS },
    );
  });

  it("any JSON value, alone, under a known field or as a trace's scenario", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.dictionary(fc.constantFrom(...FIELDS), fc.jsonValue(), { maxKeys: 6 }),
          fc.record({ scenario: fc.dictionary(fc.constantFrom(...FIELDS), fc.jsonValue(), { maxKeys: 6 }) }),
        ),
        (value) => check(JSON.stringify(value) ?? "null"),
      ),
      { numRuns: RUNS },
    );
  });
});
