/**
 * TEST-ONLY: fast-check arbitraries of hostile input for the readers of outside input (links,
 * embed parameters, element attributes, imported files, the JSON editor), and a check that a
 * result holds no NaN or Infinity. Never imported by the app.
 */
import fc from "fast-check";
import { VOCABULARY } from "./vocabulary.ts";

/** Texts that look like numbers but are not what a field can use, and other traps. */
const TRAPS = [
  "NaN",
  "Infinity",
  "-Infinity",
  "1e309",
  "1e-400",
  "9".repeat(400),
  "0.5",
  "1.5",
  "2.0",
  "-1",
  "-0",
  "0",
  "+2",
  " 2 ",
  "0x2",
  "1_000",
  "",
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "%",
  "%ZZ",
  "\u0000",
  "\u202e2",
  "😀",
  "２",
  "PUBREC/1/2/3/4",
  "broker-subscriber/PUBACK/0/-1",
  "PUBREC,,,PUBACK/9999999999999999999",
  "on-timeout",
  "3.1.1",
  "clean",
];

/** JSON nested `depth` deep, as arrays or objects. */
const deepJson = fc
  .tuple(fc.integer({ min: 1, max: 20_000 }), fc.boolean())
  .map(([depth, arrays]) =>
    arrays ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth),
  );

/** JSON objects shaped like a scenario with hostile values, prototype keys included. */
const scenarioLikeJson = fc
  .dictionary(
    fc.constantFrom(
      "publishQos",
      "subscriber",
      "session",
      "faults",
      "messages",
      "timing",
      "dedupe",
      "retransmit",
      "protocol",
      "qos2Delivery",
      "__proto__",
      "constructor",
      "x",
    ),
    fc.oneof(fc.jsonValue(), fc.constantFrom(1e308, -1, 0.5, 2 ** 53, "NaN")),
    { maxKeys: 8 },
  )
  .map((o) => JSON.stringify(o).replace('"x":', '"__proto__":'));

/** Any text a user could put in one value. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...TRAPS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.integer().map(String),
  fc.double().map(String),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
  fc.integer({ min: 1_000, max: 200_000 }).map((n) => "7".repeat(n)),
  fc.json({ maxDepth: 6 }),
  deepJson,
  scenarioLikeJson,
);

/** Every name a link or an element reads, a few it does not, and prototype keys. */
export const hostileName: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(...VOCABULARY.flatMap((t) => [t.link, t.attribute].filter((n) => n !== null))),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "t",
      "view",
      "theme",
      "controls",
      "autoplay",
      "loop",
      "steps",
      "width",
      "step",
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom("__proto__", "constructor", "prototype", "hasOwnProperty") },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

/** Name–value pairs, names repeated at times. */
export const hostilePairs: fc.Arbitrary<[string, string][]> = fc.array(fc.tuple(hostileName, hostileText), {
  maxLength: 8,
});

/** The search part of a link with these pairs, encoded as a browser would. */
export function searchOf(pairs: readonly (readonly [string, string])[]): string {
  const params = new URLSearchParams();
  for (const [name, value] of pairs) params.append(name, value);
  return `?${params.toString()}`;
}

/** The first number in `value` that is NaN or infinite, by its path; null when there is none. */
export function nonFinite(value: unknown): string | null {
  const stack: [string, unknown][] = [["", value]];
  while (stack.length > 0) {
    const [path, item] = stack.pop() as [string, unknown];
    if (typeof item === "number" && !Number.isFinite(item)) return `${path}: ${item}`;
    if (typeof item === "object" && item !== null) {
      for (const [key, child] of Object.entries(item)) stack.push([`${path}.${key}`, child]);
    }
  }
  return null;
}

/** JSON number literals that read as Infinity, 0, -0, a fraction or past the safe integers. */
const RAW_NUMBERS = ["1e400", "-1e400", "1e-400", "0.5", "-0", "9007199254740993", "1.7976931348623157e308"];
const FIELDS = ["publishQos", "subscriber", "timing", "faults", "messages", "session", "dedupe"] as const;

/**
 * A scenario's JSON text with one field (or one timing, fault or message field) holding a raw
 * number literal, such as `1e400`, which JSON.parse turns into Infinity.
 */
export function withRawNumber<T extends object>(scenario: fc.Arbitrary<T>): fc.Arbitrary<string> {
  const where = fc.constantFrom(
    ...FIELDS.map((f) => [f] as const),
    ["timing", "latencyMs"] as const,
    ["timing", "timeoutMs"] as const,
    ["subscriber", "qos"] as const,
  );
  return fc.tuple(scenario, where, fc.constantFrom(...RAW_NUMBERS)).map(([s, path, raw]) => {
    const copy = JSON.parse(JSON.stringify(s)) as Record<string, unknown>;
    const [head, tail] = path;
    if (tail === undefined) copy[head] = "\u0001raw";
    else copy[head] = { ...(copy[head] as object), [tail]: "\u0001raw" };
    return JSON.stringify(copy).replace('"\\u0001raw"', raw);
  });
}
