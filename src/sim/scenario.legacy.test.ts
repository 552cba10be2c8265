/**
 * The schema-based parser against the hand-written one it replaced (scenario.legacy.testing.ts):
 * over many random inputs, valid and invalid, both accept and refuse the same inputs, parse what
 * they accept to the same scenario (hence the same trace), and list the same problems in the same
 * words (but for the changes expectSameVerdict names). The one new input: a root "$schema" string,
 * which only the new parser allows, and which changes nothing else.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraryScenario } from "./arbitrary.ts";
import { parseScenario } from "./scenario.ts";
import { MAX_MESSAGES, parseScenario as parseLegacy, SCENARIO_KEYS } from "./scenario.legacy.testing.ts";
import type { Problem, Scenario } from "./types.ts";

const TIMEOUT = { timeout: 120_000 };

/**
 * Same verdict, same scenario, and the same problems in the same order, but for three documented
 * changes: the resend-timer rule is no longer judged from a default when latencyMs or timeoutMs is
 * itself invalid (and now sits beside timing.timeoutMs); and when `messages` is itself invalid, a
 * fault's message is held to the format's limit, "an integer from 1 to 100000" (was ">= 1").
 */
function expectSameVerdict(input: unknown): void {
  // The hand-written parser predates the issue 14 extensions: it calls them unknown fields.
  if (usesExtensions(input)) return;
  const now = parseScenario(input);
  const before = parseLegacy(input);
  expect(now.ok, JSON.stringify(before.ok ? [] : before.problems)).toBe(before.ok);
  if (now.ok && before.ok) expect(now.scenario).toStrictEqual(before.scenario);
  if (now.ok || before.ok) return;
  const truncated = (p: Problem[]) =>
    p.some((x) => x.path === "" && x.message.endsWith("more problems not shown"));
  if (truncated(now.problems) || truncated(before.problems)) return;
  const messagesInvalid = !hasValidMessageCount(input);
  const comparable = (p: Problem) =>
    !(p.path === "timing.timeoutMs" && p.message.startsWith("expected at least half")) &&
    !(messagesInvalid && /^faults\[\d+\]\.message$/.test(p.path));
  expect(now.problems.filter(comparable).map(withoutKeyList)).toStrictEqual(
    before.problems.filter(comparable).map(withoutKeyList),
  );
}

/**
 * An unknown field's message lists the known keys, which the extensions lengthened, and may now
 * suggest one of them ("Wl": did you mean "will"?).
 */
function withoutKeyList(p: Problem): Problem {
  if (!p.message.startsWith("unknown field")) return p;
  return { path: p.path, message: "unknown field" };
}

const EXTENSION_KEYS: ReadonlyMap<string, readonly string[]> = new Map([
  ["", ["profiles", "receiveMaximum", "refusals", "sessionExpiryS", "broker", "will", "publisherEnd"]],
  ["subscriber", ["offline", "joinAtMs", "retainAsPublished", "retainHandling"]],
  ["messages[]", ["qos", "atMs", "expiryS"]],
]);

/** Whether the input names a field of the issue 14 extensions where the format has it. */
function usesExtensions(input: unknown): boolean {
  const has = (value: unknown, where: string) =>
    typeof value === "object" &&
    value !== null &&
    (EXTENSION_KEYS.get(where) ?? []).some((k) => Object.hasOwn(value, k));
  if (has(input, "")) return true;
  if (typeof input !== "object" || input === null) return false;
  const { subscriber, messages } = input as { subscriber?: unknown; messages?: unknown };
  return (
    has(subscriber, "subscriber") || (Array.isArray(messages) && messages.some((m) => has(m, "messages[]")))
  );
}

/** Whether the input's `messages` is absent or a list of 1 to MAX_MESSAGES entries. */
function hasValidMessageCount(input: unknown): boolean {
  if (typeof input !== "object" || input === null || !Object.hasOwn(input, "messages")) return true;
  const messages = (input as { messages?: unknown }).messages;
  return (
    messages === undefined ||
    (Array.isArray(messages) && messages.length >= 1 && messages.length <= MAX_MESSAGES)
  );
}

/** Values that sit near the edges of what the format accepts, to mutate valid scenarios with. */
const edgeValue = fc.oneof(
  fc.constantFrom(
    "on-timeout",
    "on-reconnect",
    "3.1.1",
    "5.0",
    "persistent",
    "clean",
    "broker-subscriber",
    "publisher-broker",
    "on-publish",
    "CONNECT",
    "CONNACK",
    "PUBREL",
    0,
    -0,
    1,
    2,
    3,
    1.5,
    -1,
    1000,
    1001,
    60_000,
    60_001,
    3_600_000,
    NaN,
    Infinity,
    "",
    "a/#",
    "a\u0000b",
    "\uD800",
    true,
    false,
    null,
    undefined,
    {},
    [],
    [{}],
  ),
  fc.jsonValue({ maxDepth: 2 }),
);

/** A complete scenario written the ways a person would: optional fields left out, session as one string. */
const writtenScenario = fc
  .tuple(arbitraryScenario(), fc.array(fc.constantFrom(...SCENARIO_KEYS), { maxLength: 5 }), fc.boolean())
  .map(([scenario, drop, oneSession]) => {
    const input: Record<string, unknown> = { ...scenario };
    // Leave out what has a default, unless the default would break a rule across fields.
    const keep = new Set<string>(["publishQos"]);
    if (scenario.retransmit === "on-timeout") keep.add("protocol"); // 5.0 would refuse it
    if (scenario.faults.some((f) => f.hop === "broker-subscriber")) keep.add("subscriber");
    for (const key of drop) if (!keep.has(key)) delete input[key];
    // Without its messages the scenario has the default one: faults must name message 1.
    if (!("messages" in input) && "faults" in input) {
      input["faults"] = scenario.faults.map((f) => ({ ...f, message: 1 }));
    }
    if (oneSession && "session" in input) input["session"] = scenario.session.publisher;
    return input;
  });

/** `root` with the node at `steps` replaced by `value` (or deleted); copies along the way. */
function mutate(root: unknown, steps: readonly number[], value: unknown, remove: boolean): unknown {
  const [step = 0, ...rest] = steps;
  if (typeof root !== "object" || root === null) return value;
  const copy = (Array.isArray(root) ? [...(root as unknown[])] : { ...root }) as Record<string, unknown>;
  const keys = Object.keys(copy);
  const key = keys[step % Math.max(keys.length, 1)] ?? "extra";
  if (rest.length === 0 && remove) delete copy[key];
  else copy[key] = rest.length === 0 ? value : mutate(copy[key], rest, value, remove);
  return copy;
}

const mutation = fc.record({
  steps: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
  value: edgeValue,
  remove: fc.boolean(),
});

describe("the schema parser decides as the hand-written one did", () => {
  it("on valid scenarios, written in full or in part", TIMEOUT, () => {
    fc.assert(
      fc.property(writtenScenario, (input) => {
        expectSameVerdict(input);
        expect(parseScenario(input).ok).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("on mutations of valid scenarios", TIMEOUT, () => {
    fc.assert(
      fc.property(writtenScenario, fc.array(mutation, { minLength: 1, maxLength: 3 }), (input, mutations) => {
        let current: unknown = input;
        for (const m of mutations) current = mutate(current, m.steps, m.value, m.remove);
        expectSameVerdict(current);
      }),
      { numRuns: 5000 },
    );
  });

  it("on any JSON value and on anything at all", TIMEOUT, () => {
    const anything = fc.anything({
      withBigInt: true,
      withNullPrototype: true,
      withSparseArray: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      key: fc.oneof(fc.string(), fc.constantFrom("__proto__", "constructor", ...SCENARIO_KEYS)),
    });
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), anything), (input) => expectSameVerdict(input)),
      { numRuns: 3000 },
    );
  });

  it("on the rules across fields: on-timeout, two hops, message numbers, the resend timer", TIMEOUT, () => {
    const crossField = fc.record(
      {
        protocol: fc.constantFrom("3.1.1", "5.0", "4", undefined),
        retransmit: fc.constantFrom("on-timeout", "on-reconnect", "x", undefined),
        publishQos: fc.constantFrom(0, 1, 2),
        subscriber: fc.constantFrom({ qos: 1 }, { qos: 9 }, 1, undefined),
        messages: fc.constantFrom(undefined, [{}], [{}, {}, {}], [], 7),
        faults: fc.array(
          fc.record(
            {
              hop: fc.constantFrom("publisher-broker", "broker-subscriber", "x"),
              packet: fc.constantFrom("PUBLISH", "PUBACK", "CONNECT", "CONNACK", "X"),
              message: fc.constantFrom(1, 2, 3, 4, 0, 1.5, "1", 100_000, 100_001),
              attempt: fc.constantFrom(1, 2, 0),
            },
            { requiredKeys: [] },
          ),
          { maxLength: 3 },
        ),
        timing: fc.record(
          {
            latencyMs: fc.constantFrom(1, 40, 96, 1000, 0, "x"),
            timeoutMs: fc.constantFrom(1, 10, 20, 48, 500, 0, "x"),
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: ["publishQos"] },
    );
    fc.assert(
      fc.property(crossField, (input) => expectSameVerdict(input)),
      { numRuns: 3000 },
    );
  });

  it("except that a root $schema string is allowed and changes nothing else", TIMEOUT, () => {
    fc.assert(
      fc.property(writtenScenario, fc.string(), (input, url) => {
        const withSchema = { $schema: url, ...input };
        const result = parseScenario(withSchema);
        expect(result.ok).toBe(true);
        if (result.ok)
          expect(result.scenario).toStrictEqual((parseLegacy(input) as { scenario: Scenario }).scenario);
        expect(parseLegacy(withSchema).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
