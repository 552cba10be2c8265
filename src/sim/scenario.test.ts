import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_MESSAGE,
  DEFAULT_TIMING,
  MAX_FAULTS,
  MAX_MESSAGES,
  MAX_PROBLEMS,
  SCENARIO_KEYS,
  ScenarioError,
  formatProblem,
  parseScenario,
  parseScenarioJson,
  parseScenarioOrThrow,
  type ScenarioInput,
} from "./scenario.ts";
import { ScenarioObject } from "./scenarioSchema.ts";
import type { Problem, Scenario } from "./types.ts";

/** The fields every parsed scenario has: the format before the issue 14 extensions. */
const CLASSIC_KEYS = SCENARIO_KEYS.slice(0, 10);

/** The valid scenario, or a failed assertion listing the problems. */
function valid(input: unknown): Scenario {
  const result = parseScenario(input);
  if (!result.ok) expect.fail(result.problems.map(formatProblem).join("\n"));
  return result.scenario;
}

function problems(input: unknown): Problem[] {
  const result = parseScenario(input);
  return result.ok ? [] : result.problems;
}

/** Every problem as the command line prints it. */
function lines(input: unknown): string[] {
  return problems(input).map(formatProblem);
}

function pathsOf(input: unknown): string[] {
  return problems(input).map((p) => p.path);
}

const FULL_DEFAULTS: Scenario = {
  protocol: "5.0",
  retransmit: "on-reconnect",
  session: { publisher: "persistent", subscriber: "persistent" },
  publishQos: 2,
  qos2Delivery: { broker: "on-pubrel", subscriber: "on-pubrel" },
  dedupe: false,
  messages: [{ topic: "plant/line1/batch", payload: "Batch #101 completed", retain: false }],
  faults: [],
  timing: { latencyMs: 40, timeoutMs: 500, reconnectDelayMs: 300, publishIntervalMs: 1000 },
};

describe("parseScenario fills defaults", () => {
  it("fills every default when only publishQos is given", () => {
    expect(valid({ publishQos: 2 })).toStrictEqual(FULL_DEFAULTS);
  });

  it("fills a message entry's missing topic, payload and retain from DEFAULT_MESSAGE", () => {
    const scenario = valid({
      publishQos: 1,
      messages: [{}, { topic: "a/b" }, { payload: "x", retain: true }],
    });
    expect(scenario.messages).toStrictEqual([
      DEFAULT_MESSAGE,
      { ...DEFAULT_MESSAGE, topic: "a/b" },
      { ...DEFAULT_MESSAGE, payload: "x", retain: true },
    ]);
  });

  it("defaults a fault's hop to publisher-broker and its message and attempt to 1", () => {
    expect(valid({ publishQos: 1, faults: [{ packet: "PUBACK" }] }).faults).toStrictEqual([
      { hop: "publisher-broker", packet: "PUBACK", message: 1, attempt: 1 },
    ]);
  });

  it("defaults each timing field on its own", () => {
    expect(valid({ publishQos: 0, timing: { latencyMs: 5 } }).timing).toStrictEqual({
      ...DEFAULT_TIMING,
      latencyMs: 5,
    });
  });

  it("applies a session string to both clients", () => {
    expect(valid({ publishQos: 1, session: "clean" }).session).toStrictEqual({
      publisher: "clean",
      subscriber: "clean",
    });
  });

  it("defaults the other client of a per-client session to persistent", () => {
    expect(valid({ publishQos: 1, session: { subscriber: "clean" } }).session).toStrictEqual({
      publisher: "persistent",
      subscriber: "clean",
    });
  });

  it("defaults each qos2Delivery side to on-pubrel on its own", () => {
    expect(valid({ publishQos: 2, qos2Delivery: { broker: "on-publish" } }).qos2Delivery).toStrictEqual({
      broker: "on-publish",
      subscriber: "on-pubrel",
    });
  });

  it("leaves the subscriber key out entirely for one hop", () => {
    const scenario = valid({ publishQos: 1 });
    expect(Object.hasOwn(scenario, "subscriber")).toBe(false);
    expect(Object.keys(scenario)).toStrictEqual(CLASSIC_KEYS.filter((k) => k !== "subscriber"));
  });

  it("keeps the subscriber for two hops, with keys in the order of types.ts", () => {
    const scenario = valid({ timing: {}, subscriber: { qos: 1 }, publishQos: 2, protocol: "3.1.1" });
    expect(scenario.subscriber).toStrictEqual({ qos: 1 });
    // The extensions have no defaults: a scenario without them parses as before.
    expect(Object.keys(scenario)).toStrictEqual(CLASSIC_KEYS);
    expect(Object.keys(scenario.timing)).toStrictEqual(Object.keys(DEFAULT_TIMING));
  });

  it("treats an explicit undefined like an absent field, as TypeScript spreads produce", () => {
    const input: ScenarioInput = { publishQos: 1, subscriber: undefined, timing: { latencyMs: undefined } };
    expect(valid(input)).toStrictEqual({ ...FULL_DEFAULTS, publishQos: 1 });
  });

  it("accepts a complete scenario and returns an equal one", () => {
    const complete: Scenario = {
      ...FULL_DEFAULTS,
      protocol: "3.1.1",
      retransmit: "on-timeout",
      subscriber: { qos: 1 },
      faults: [{ hop: "broker-subscriber", packet: "PUBREL", message: 1, attempt: 2 }],
    };
    const input: ScenarioInput = complete; // a Scenario is also a ScenarioInput
    expect(valid(input)).toStrictEqual(complete);
  });

  it("turns -0 into 0", () => {
    const scenario = valid({ publishQos: -0, timing: { reconnectDelayMs: -0 } });
    expect(Object.is(scenario.publishQos, 0)).toBe(true);
    expect(Object.is(scenario.timing.reconnectDelayMs, 0)).toBe(true);
  });
});

describe("the schema", () => {
  it("has SCENARIO_KEYS as its fields, in order, besides $schema", () => {
    expect(Object.keys(ScenarioObject.entries)).toStrictEqual(["$schema", ...SCENARIO_KEYS]);
  });

  it("accepts a $schema string, for editors, and leaves it out of the scenario", () => {
    const scenario = valid({ $schema: "./schema/scenario.schema.json", publishQos: 2 });
    expect(scenario).toStrictEqual(FULL_DEFAULTS);
    expect(Object.hasOwn(scenario, "$schema")).toBe(false);
  });

  it("refuses a $schema that is not a string", () => {
    expect(lines({ $schema: 1, publishQos: 2 })).toStrictEqual([
      "$schema: expected a string (the URL of this JSON Schema); got 1",
    ]);
  });
});

describe("parseScenario returns a fresh object", () => {
  it("shares no object or array with the input", () => {
    const input = {
      publishQos: 2,
      session: { publisher: "clean" },
      subscriber: { qos: 2 },
      qos2Delivery: { broker: "on-publish" },
      messages: [{ topic: "t" }],
      faults: [{ packet: "PUBREC" }],
      timing: { latencyMs: 10 },
    };
    const before = structuredClone(input);
    const scenario = valid(input);
    scenario.session.publisher = "persistent";
    scenario.subscriber!.qos = 0;
    scenario.qos2Delivery.broker = "on-pubrel";
    scenario.messages[0]!.topic = "changed";
    scenario.messages.push({ ...DEFAULT_MESSAGE });
    scenario.faults[0]!.attempt = 9;
    scenario.faults.pop();
    scenario.timing.latencyMs = 99;
    expect(input).toStrictEqual(before);
  });

  it("never hands out the shared defaults", () => {
    const scenario = valid({ publishQos: 0 });
    scenario.timing.latencyMs = 1;
    scenario.messages[0]!.topic = "changed";
    expect(DEFAULT_TIMING.latencyMs).toBe(40);
    expect(DEFAULT_MESSAGE.topic).toBe("plant/line1/batch");
    expect(valid({ publishQos: 0 })).toStrictEqual({ ...FULL_DEFAULTS, publishQos: 0 });
  });
});

describe("parseScenario validates the root", () => {
  it.each([null, [], "x", 3, true, undefined, new Date(0), new Map()])("refuses %o as the root", (input) => {
    const found = problems(input);
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe("");
    expect(found[0]?.message).toMatch(/^expected a JSON object; got /);
  });

  it("accepts an object without a prototype", () => {
    expect(valid(Object.assign(Object.create(null), { publishQos: 1 })).publishQos).toBe(1);
  });

  it("requires publishQos", () => {
    expect(lines({})).toStrictEqual(["publishQos: required field is missing; expected one of 0, 1, 2"]);
  });

  it("refuses a publishQos given as a string instead of coercing it", () => {
    expect(lines({ publishQos: "2" })).toStrictEqual([
      'publishQos: expected a number, one of 0, 1, 2; got "2"',
    ]);
  });

  it.each([3, 1.5, -1, NaN, null])("refuses publishQos %s", (qos) => {
    expect(pathsOf({ publishQos: qos })).toStrictEqual(["publishQos"]);
  });

  it("refuses an unknown protocol, saying a string was expected", () => {
    expect(lines({ publishQos: 1, protocol: 5 })).toStrictEqual([
      "protocol: expected a string, one of 3.1.1, 5.0; got 5",
    ]);
    expect(lines({ publishQos: 1, protocol: "3.1" })).toStrictEqual([
      'protocol: expected one of 3.1.1, 5.0; got "3.1"',
    ]);
  });

  it("refuses an unknown retransmit mode", () => {
    expect(lines({ publishQos: 1, retransmit: "never" })).toStrictEqual([
      'retransmit: expected one of on-reconnect, on-timeout; got "never"',
    ]);
  });

  it.each([{ protocol: "5.0" }, {}])("refuses on-timeout with MQTT 5.0 (%o) [MQTT-4.4.0-1]", (extra) => {
    const found = problems({ publishQos: 1, retransmit: "on-timeout", ...extra });
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe("retransmit");
    expect(found[0]?.message).toContain("MQTT 5.0 forbids resending at any time other than reconnect");
    expect(found[0]?.message).toContain("[MQTT-4.4.0-1]");
    expect(found[0]?.message).toContain('"3.1.1"');
    expect(found[0]?.message).toContain('"on-reconnect"');
  });

  it("accepts on-timeout with MQTT 3.1.1", () => {
    expect(valid({ publishQos: 1, retransmit: "on-timeout", protocol: "3.1.1" }).retransmit).toBe(
      "on-timeout",
    );
  });

  it.each(["4", null])("does not blame retransmit when the protocol itself is invalid (%o)", (protocol) => {
    expect(pathsOf({ publishQos: 1, retransmit: "on-timeout", protocol })).toStrictEqual(["protocol"]);
  });

  it.each([
    ["Clean", "session"],
    [1, "session"],
    [["clean"], "session"],
    [{ publisher: "dirty" }, "session.publisher"],
    [{ subscriber: true }, "session.subscriber"],
    [{ publsher: "clean" }, "session.publsher"],
  ])("refuses session %o at %s", (session, path) => {
    expect(pathsOf({ publishQos: 1, session })).toStrictEqual([path]);
  });

  it.each([
    [1, "subscriber", /^expected an object \{ "qos": 0 \| 1 \| 2 \}; got 1$/],
    [{}, "subscriber.qos", /^required field is missing/],
    [{ qos: 3 }, "subscriber.qos", /^expected one of 0, 1, 2; got 3$/],
    [{ qos: 1, QoS: 2 }, "subscriber.QoS", /did you mean "qos"\?$/],
  ])("refuses subscriber %o at %s", (subscriber, path, message) => {
    const found = problems({ publishQos: 1, subscriber });
    expect(found.map((p) => p.path)).toStrictEqual([path]);
    expect(found[0]?.message).toMatch(message);
  });

  it.each([
    ["on-pubrel", "qos2Delivery"],
    [{ broker: "A" }, "qos2Delivery.broker"],
    [{ subscriber: "on-puback" }, "qos2Delivery.subscriber"],
    [{ brokr: "on-pubrel" }, "qos2Delivery.brokr"],
  ])("refuses qos2Delivery %o at %s", (qos2Delivery, path) => {
    expect(pathsOf({ publishQos: 2, qos2Delivery })).toStrictEqual([path]);
  });

  it("refuses a non-boolean dedupe", () => {
    expect(lines({ publishQos: 1, dedupe: "yes" })).toStrictEqual([
      'dedupe: expected true or false; got "yes"',
    ]);
  });
});

describe("parseScenario validates messages", () => {
  it.each([{}, "m", null])("refuses messages that are not an array: %o", (messages) => {
    expect(lines({ publishQos: 1, messages })[0]).toMatch(
      /^messages: expected an array of 1 to 100000 entries/,
    );
  });

  it("refuses an empty list of messages", () => {
    expect(lines({ publishQos: 1, messages: [] })).toStrictEqual([
      "messages: expected 1 to 100000 entries; got 0",
    ]);
  });

  it("refuses more than MAX_MESSAGES messages without reading them", () => {
    const messages: unknown[] = new Array(MAX_MESSAGES + 1);
    expect(pathsOf({ publishQos: 1, messages })).toStrictEqual(["messages"]);
  });

  it("reports MAX_MESSAGES invalid messages without overflowing the stack", () => {
    const found = problems({
      publishQos: 0,
      messages: Array.from({ length: MAX_MESSAGES }, () => ({ topic: "#" })),
    });
    expect(found).toHaveLength(MAX_PROBLEMS + 1);
    expect(found[0]?.path).toBe("messages[0].topic");
    expect(found.at(-1)?.message).toBe(`${MAX_MESSAGES - MAX_PROBLEMS} more problems not shown`);
  });

  it("accepts MAX_MESSAGES messages", () => {
    const messages = Array.from({ length: MAX_MESSAGES }, () => ({}));
    expect(valid({ publishQos: 0, messages }).messages).toHaveLength(MAX_MESSAGES);
  });

  it.each([5, null, "m", []])("refuses a message entry %o", (entry) => {
    expect(pathsOf({ publishQos: 1, messages: [{}, entry] })).toStrictEqual(["messages[1]"]);
  });

  it("refuses a hole in the messages array rather than reading Array.prototype", () => {
    // eslint-disable-next-line no-sparse-arrays -- the hole is the point
    expect(pathsOf({ publishQos: 1, messages: [{}, , {}] })).toStrictEqual(["messages[1]"]);
  });

  // MQTT topic names: non-empty [MQTT-4.7.3-1], no wildcards [MQTT-3.3.2-2], no NUL [MQTT-4.7.3-2],
  // at most 65535 bytes [MQTT-4.7.3-3], well-formed UTF-8 [MQTT-1.5.4-1].
  it.each([
    ["", /non-empty/],
    ["plant/+/batch", /wildcards/],
    ["plant/#", /wildcards/],
    ["a\u0000b", /NUL/],
    ["a\uD800b", /lone surrogates/],
    ["x".repeat(65_536), /65535 UTF-8 bytes/],
    ["é".repeat(32_768), /65535 UTF-8 bytes/], // 32768 characters, 65536 bytes
    [42, /^expected a non-empty string; got 42$/],
  ])("refuses the topic %#", (topic, message) => {
    const found = problems({ publishQos: 1, messages: [{ topic }] });
    expect(found.map((p) => p.path)).toStrictEqual(["messages[0].topic"]);
    expect(found[0]?.message).toMatch(message);
  });

  it("accepts a topic of exactly 65535 UTF-8 bytes, astral characters counting four", () => {
    const topic = "😀".repeat(16_383) + "abc"; // 65532 + 3 bytes
    expect(valid({ publishQos: 1, messages: [{ topic }] }).messages[0]?.topic).toBe(topic);
  });

  it("refuses a payload that is not a string or longer than 65535 UTF-8 bytes", () => {
    expect(
      pathsOf({ publishQos: 1, messages: [{ payload: 3 }, { payload: "é".repeat(40_000) }] }),
    ).toStrictEqual(["messages[0].payload", "messages[1].payload"]);
    expect(lines({ publishQos: 1, messages: [{ payload: "x".repeat(70_000) }] })[0]).toContain(
      "a limit of this tool",
    );
  });

  it("refuses a non-boolean retain and unknown message fields", () => {
    expect(lines({ publishQos: 1, messages: [{ retain: 1, colour: 2 }] })).toStrictEqual([
      "messages[0].colour: unknown field; expected one of topic, payload, retain, qos, atMs, expiryS",
      "messages[0].retain: expected true or false; got 1",
    ]);
  });
});

describe("parseScenario validates faults", () => {
  it("reports a misspelt packet exactly as the format documents", () => {
    expect(lines({ publishQos: 2, faults: [{ packet: "PUBAK" }] })).toStrictEqual([
      'faults[0].packet: expected one of PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP, CONNECT, CONNACK; got "PUBAK"',
    ]);
  });

  it("requires packet", () => {
    expect(lines({ publishQos: 2, faults: [{ hop: "publisher-broker" }] })).toStrictEqual([
      "faults[0].packet: required field is missing; expected one of PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP, CONNECT, CONNACK",
    ]);
  });

  it("refuses faults that are not an array, or more than MAX_FAULTS", () => {
    expect(pathsOf({ publishQos: 1, faults: { packet: "PUBACK" } })).toStrictEqual(["faults"]);
    const many = Array.from({ length: MAX_FAULTS + 1 }, () => ({ packet: "PUBACK" }));
    expect(lines({ publishQos: 1, faults: many })).toStrictEqual([
      "faults: expected 0 to 1000 entries; got 1001",
    ]);
    expect(valid({ publishQos: 1, faults: many.slice(1) }).faults).toHaveLength(MAX_FAULTS);
  });

  it("refuses a fault entry that is not an object, once", () => {
    expect(pathsOf({ publishQos: 1, faults: ["PUBACK"] })).toStrictEqual(["faults[0]"]);
  });

  it("refuses an unknown hop", () => {
    expect(pathsOf({ publishQos: 1, faults: [{ hop: "broker", packet: "PUBACK" }] })).toStrictEqual([
      "faults[0].hop",
    ]);
  });

  it("refuses the broker-subscriber hop without a subscriber, saying how to get two hops", () => {
    const found = problems({ publishQos: 1, faults: [{ hop: "broker-subscriber", packet: "PUBACK" }] });
    expect(found.map((p) => p.path)).toStrictEqual(["faults[0].hop"]);
    expect(found[0]?.message).toContain('two hops, which need "subscriber": { "qos": … }');
  });

  it("accepts the broker-subscriber hop with a subscriber", () => {
    const scenario = valid({
      publishQos: 1,
      subscriber: { qos: 1 },
      faults: [{ hop: "broker-subscriber", packet: "PUBACK" }],
    });
    expect(scenario.faults[0]?.hop).toBe("broker-subscriber");
  });

  it.each([
    [0, "expected an integer from 1 to 2; got 0"],
    [3, "expected an integer from 1 to 2; got 3"],
    [1.5, "expected an integer from 1 to 2; got 1.5"],
    ["1", 'expected an integer from 1 to 2; got "1"'],
  ])("refuses message %o when there are two messages", (message, text) => {
    expect(
      lines({ publishQos: 1, messages: [{}, {}], faults: [{ packet: "PUBACK", message }] }),
    ).toStrictEqual([`faults[0].message: ${text}`]);
  });

  it("checks only the lower bound of message when messages itself is invalid", () => {
    expect(pathsOf({ publishQos: 1, messages: 7, faults: [{ packet: "PUBACK", message: 5 }] })).toStrictEqual(
      ["messages"],
    );
  });

  it.each([0, 1001, 2.5, -1, Infinity])("refuses attempt %s", (attempt) => {
    expect(pathsOf({ publishQos: 1, faults: [{ packet: "PUBACK", attempt }] })).toStrictEqual([
      "faults[0].attempt",
    ]);
  });

  it("accepts attempt 1000", () => {
    expect(valid({ publishQos: 1, faults: [{ packet: "PUBACK", attempt: 1000 }] }).faults[0]?.attempt).toBe(
      1000,
    );
  });
});

describe("parseScenario validates timing", () => {
  it("refuses timing that is not an object", () => {
    expect(pathsOf({ publishQos: 1, timing: 40 })).toStrictEqual(["timing"]);
  });

  it.each([
    ["latencyMs", 0, "expected a number > 0 and <= 60000; got 0"],
    ["latencyMs", 60_001, "expected a number > 0 and <= 60000; got 60001"],
    ["latencyMs", "40", 'expected a number > 0 and <= 60000; got "40"'],
    ["timeoutMs", 0, "expected a number > 0 and <= 3600000; got 0"],
    ["timeoutMs", NaN, "expected a number > 0 and <= 3600000; got NaN"],
    ["reconnectDelayMs", -1, "expected a number >= 0 and <= 3600000; got -1"],
    ["reconnectDelayMs", 3_600_001, "expected a number >= 0 and <= 3600000; got 3600001"],
    ["publishIntervalMs", Infinity, "expected a number >= 0 and <= 3600000; got Infinity"],
    ["publishIntervalMs", 10n, "expected a number >= 0 and <= 3600000; got 10n"],
  ])("refuses timing.%s = %s", (key, value, message) => {
    expect(lines({ publishQos: 1, timing: { [key]: value } })).toStrictEqual([`timing.${key}: ${message}`]);
  });

  it.each([
    ["latencyMs", 60_000],
    ["latencyMs", 0.5],
    ["timeoutMs", 3_600_000],
    ["reconnectDelayMs", 0],
    ["publishIntervalMs", 0],
  ])("accepts timing.%s = %s", (key, value) => {
    expect(valid({ publishQos: 1, timing: { [key]: value } }).timing).toMatchObject({ [key]: value });
  });
});

describe("parseScenario reports unknown fields", () => {
  it("names every unknown field by its path, at every level", () => {
    const input = {
      publishQos: 1,
      extra: 1,
      session: { publisher: "clean", other: 1 },
      subscriber: { qos: 1, other: 1 },
      qos2Delivery: { other: 1 },
      messages: [{ other: 1 }],
      faults: [{ packet: "PUBACK", other: 1 }],
      timing: { other: 1 },
    };
    expect(pathsOf(input)).toStrictEqual([
      "extra",
      "session.other",
      "subscriber.other",
      "qos2Delivery.other",
      "messages[0].other",
      "faults[0].other",
      "timing.other",
    ]);
  });

  it("suggests the field that matches ignoring case", () => {
    expect(lines({ publishQOS: 1 })).toContain(
      "publishQOS: unknown field; expected one of protocol, retransmit, session, publishQos, subscriber, " +
        "qos2Delivery, dedupe, messages, faults, timing, profiles, receiveMaximum, refusals, sessionExpiryS, " +
        'broker, will, publisherEnd; did you mean "publishQos"?',
    );
  });

  it("suggests a field within edit distance 2, and none further away", () => {
    expect(lines({ publishQos: 1, timing: { latncyMs: 1 } })[0]).toMatch(/did you mean "latencyMs"\?$/);
    expect(lines({ publishQos: 1, faults: [{ packet: "PUBACK", atempt: 2 }] })[0]).toMatch(
      /did you mean "attempt"\?$/,
    );
    expect(lines({ publishQos: 1, colour: "red" })[0]).not.toContain("did you mean");
  });

  it("points a misplaced root field to the section it belongs in", () => {
    expect(lines({ publishQos: 1, latencyMs: 5 })[0]).toMatch(/did you mean "timing"\?$/);
    expect(lines({ qos: 1 })).toContain(
      "qos: unknown field; expected one of protocol, retransmit, session, publishQos, subscriber, " +
        "qos2Delivery, dedupe, messages, faults, timing, profiles, receiveMaximum, refusals, sessionExpiryS, " +
        'broker, will, publisherEnd; did you mean "publishQos"?',
    );
  });

  it("quotes a field name that is not an identifier", () => {
    expect(pathsOf({ publishQos: 1, "a b": 1, timing: { "": 1 } })).toStrictEqual(['["a b"]', 'timing[""]']);
  });

  it("reports __proto__ and constructor as unknown fields, without suggesting inherited names", () => {
    const input: unknown = JSON.parse('{"publishQos":1,"__proto__":{"dedupe":true},"constructor":1}');
    expect(lines(input)).toStrictEqual([
      "__proto__: unknown field; expected one of protocol, retransmit, session, publishQos, subscriber, " +
        "qos2Delivery, dedupe, messages, faults, timing, profiles, receiveMaximum, refusals, sessionExpiryS, " +
        "broker, will, publisherEnd",
      "constructor: unknown field; expected one of protocol, retransmit, session, publishQos, subscriber, " +
        "qos2Delivery, dedupe, messages, faults, timing, profiles, receiveMaximum, refusals, sessionExpiryS, " +
        "broker, will, publisherEnd",
    ]);
  });

  it("never reads inherited properties, even from a polluted prototype", () => {
    const pollute = (target: object, key: string, value: unknown) =>
      Object.defineProperty(target, key, { value, configurable: true, writable: true });
    pollute(Object.prototype, "publishQos", 1);
    pollute(Array.prototype, "1", { topic: "#" });
    try {
      expect(pathsOf({})).toStrictEqual(["publishQos"]);
      // eslint-disable-next-line no-sparse-arrays -- the hole is the point
      expect(lines({ publishQos: 1, messages: [{}, , {}] })).toStrictEqual([
        'messages[1]: expected an object { "topic": …, "payload": …, "retain": … }; got undefined',
      ]);
    } finally {
      delete (Object.prototype as Record<string, unknown>)["publishQos"];
      delete (Array.prototype as unknown as Record<string, unknown>)["1"];
    }
  });

  it("refuses an object with a prototype other than Object.prototype", () => {
    expect(pathsOf(Object.create({ publishQos: 1 }))).toStrictEqual([""]);
  });
});

describe("parseScenario reports problems together", () => {
  it("reports every problem, unknown fields first, then in field order", () => {
    const input = {
      protocol: "6",
      publishQos: "1",
      dedupe: 0,
      messages: [{ topic: "#" }],
      faults: [{ packet: "PUBAK", attempt: 0 }],
      timing: { latencyMs: -5 },
      extra: true,
    };
    expect(pathsOf(input)).toStrictEqual([
      "extra",
      "protocol",
      "publishQos",
      "dedupe",
      "messages[0].topic",
      "faults[0].packet",
      "faults[0].attempt",
      "timing.latencyMs",
    ]);
  });

  it("shows an offending value as JSON cut to about 40 characters", () => {
    const message = problems({ publishQos: { a: "x".repeat(100) } })[0]?.message ?? "";
    const got = message.slice(message.indexOf("got ") + 4);
    expect(got.startsWith('{"a":"xxxx')).toBe(true);
    expect(got.length).toBeLessThanOrEqual(40);
    expect(got.endsWith("…")).toBe(true);
  });

  it(`keeps ${MAX_PROBLEMS} problems and sums up the rest`, () => {
    const found = problems({ publishQos: 1, messages: Array.from({ length: 1000 }, () => 0) });
    expect(found).toHaveLength(MAX_PROBLEMS + 1);
    expect(found.at(-1)).toStrictEqual({
      path: "",
      message: `${1000 - MAX_PROBLEMS} more problems not shown`,
    });
  });
});

describe("formatProblem and ScenarioError", () => {
  it("prints the path, or 'scenario' for the root", () => {
    expect(formatProblem({ path: "timing.latencyMs", message: "m" })).toBe("timing.latencyMs: m");
    expect(formatProblem({ path: "", message: "m" })).toBe("scenario: m");
  });

  it("carries the problems and lists them one per line", () => {
    const list: Problem[] = [
      { path: "a", message: "one" },
      { path: "", message: "two" },
    ];
    const error = new ScenarioError(list);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("ScenarioError");
    expect(error.message).toBe("a: one\nscenario: two");
    expect(error.problems).toStrictEqual(list);
    expect(error.problems).not.toBe(list);
  });

  it("is what parseScenarioOrThrow throws for an invalid scenario", () => {
    expect(() => parseScenarioOrThrow({})).toThrow(ScenarioError);
    expect(() => parseScenarioOrThrow({})).toThrow("publishQos: required field is missing");
    expect(parseScenarioOrThrow({ publishQos: 2 })).toStrictEqual(FULL_DEFAULTS);
  });
});

describe("parseScenarioJson", () => {
  it("parses JSON text like the equivalent value", () => {
    expect(parseScenarioJson('{ "publishQos": 2 }')).toStrictEqual({ ok: true, scenario: FULL_DEFAULTS });
  });

  it("accepts a leading byte order mark", () => {
    expect(parseScenarioJson('\uFEFF{ "publishQos": 2 }').ok).toBe(true);
  });

  it.each([
    ['{\n  "publishQos": 2\n  "dedupe": true\n}', 'line 3, column 3: expected "," or "}"; got "\\""'],
    ['{ "publishQos": 2, }', 'line 1, column 20: expected a property name in double quotes; got "}"'],
    ["", "line 1, column 1: expected a value; got the end of the text"],
    ['{ "publishQos": 2', 'line 1, column 18: expected "," or "}"; got the end of the text'],
    ["{ publishQos: 2 }", 'line 1, column 3: expected a property name in double quotes; got "p"'],
    ['{ "a": "b\n" }', 'line 1, column 10: control characters must be escaped inside a string; got "\\n"'],
    ['{ "a": "b', "line 1, column 8: this string is never closed"],
    ['{ "a": [1, 2,] }', 'line 1, column 14: expected a value; got "]"'],
    ['{ "a": 01 }', 'line 1, column 9: expected "," or "}"; got "1"'],
    ['{ "a": "\\x" }', 'line 1, column 9: invalid escape sequence in a string; got "\\\\"'],
    ["{} {}", 'line 1, column 4: expected the end of the text after the JSON value; got "{"'],
  ])("reports the position of a syntax error in %j", (text, where) => {
    expect(parseScenarioJson(text)).toStrictEqual({
      ok: false,
      problems: [{ path: "", message: `invalid JSON at ${where}` }],
    });
  });

  it("reports deeply nested JSON without overflowing the stack", () => {
    expect(parseScenarioJson("[".repeat(200_000)).ok).toBe(false);
    const deep = `{"publishQos":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    expect(pathsOf(JSON.parse(deep))).toStrictEqual(["publishQos"]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

/** What every problem must look like, whatever the input. */
function expectWellFormed(input: unknown): void {
  const result = parseScenario(input);
  if (result.ok) return;
  expect(result.problems.length).toBeGreaterThan(0);
  for (const { path, message } of result.problems) {
    expect(message.length).toBeGreaterThan(0);
    // The safety net in parseScenario must never be needed for plain data.
    expect(message).not.toMatch(/^could not read the scenario/);
    if (path === "") continue;
    const top = /^[A-Za-z_$][\w$]*/.exec(path)?.[0];
    const knownField = top !== undefined && (SCENARIO_KEYS as readonly string[]).includes(top);
    // Otherwise the path is an unknown root field, named as the input spells it.
    const unknownRootField =
      message.startsWith("unknown field") &&
      (path.startsWith("[") || (top !== undefined && Object.hasOwn(input as object, top)));
    expect(knownField || unknownRootField, `path ${JSON.stringify(path)}`).toBe(true);
  }
}

const topic = fc
  .string({ unit: "grapheme", minLength: 1, maxLength: 20 })
  .filter((t) => !/[+#]/.test(t) && !t.includes("\u0000"));

const messageArb = fc.record(
  { topic, payload: fc.string({ maxLength: 30 }), retain: fc.boolean() },
  { requiredKeys: [] },
);

/** Valid scenarios with any subset of optional fields; cross-field rules are fixed up afterwards. */
const validScenario = fc
  .record(
    {
      protocol: fc.constantFrom("3.1.1", "5.0"),
      retransmit: fc.constantFrom("on-reconnect", "on-timeout"),
      session: fc.oneof(
        fc.constantFrom("persistent", "clean"),
        fc.record(
          {
            publisher: fc.constantFrom("persistent", "clean"),
            subscriber: fc.constantFrom("persistent", "clean"),
          },
          { requiredKeys: [] },
        ),
      ),
      publishQos: fc.constantFrom(0, 1, 2),
      subscriber: fc.record({ qos: fc.constantFrom(0, 1, 2) }),
      qos2Delivery: fc.record(
        {
          broker: fc.constantFrom("on-pubrel", "on-publish"),
          subscriber: fc.constantFrom("on-pubrel", "on-publish"),
        },
        { requiredKeys: [] },
      ),
      dedupe: fc.boolean(),
      messages: fc.array(messageArb, { minLength: 1, maxLength: 4 }),
      faults: fc.array(
        fc.record(
          {
            hop: fc.constantFrom("publisher-broker", "broker-subscriber"),
            packet: fc.constantFrom("PUBLISH", "PUBACK", "PUBREC", "PUBREL", "PUBCOMP", "CONNECT", "CONNACK"),
            message: fc.integer({ min: 1, max: 100 }),
            attempt: fc.integer({ min: 1, max: 1000 }),
          },
          { requiredKeys: ["packet"] },
        ),
        { maxLength: 4 },
      ),
      timing: fc.record(
        {
          latencyMs: fc.double({ min: 0.001, max: 60_000, noNaN: true }),
          timeoutMs: fc.integer({ min: 1, max: 3_600_000 }),
          reconnectDelayMs: fc.integer({ min: 0, max: 3_600_000 }),
          publishIntervalMs: fc.double({ min: 0, max: 3_600_000, noNaN: true }),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: ["publishQos"] },
  )
  .map((s) => {
    const count = s.messages?.length ?? 1;
    const faults = s.faults?.map((f) => ({
      ...f,
      ...(f.message === undefined ? {} : { message: 1 + ((f.message - 1) % count) }),
      ...(s.subscriber === undefined ? { hop: "publisher-broker" } : {}),
    }));
    // on-timeout needs 3.1.1 and a timer of at least half the latency (defaults: 500 ms and 40 ms).
    const latency = s.timing?.latencyMs ?? 40;
    const timer = s.timing?.timeoutMs ?? 500;
    const timing =
      s.retransmit === "on-timeout" && timer < latency / 2
        ? { timing: { ...s.timing, timeoutMs: Math.ceil(latency / 2) } }
        : {};
    const timeout = s.retransmit === "on-timeout" ? { protocol: "3.1.1" } : {};
    return { ...s, ...timeout, ...timing, ...(faults === undefined ? {} : { faults }) };
  });

/**
 * `root` with one node changed: `steps` pick a key at each level (modulo the number of keys); the
 * last one is replaced by `value`, or deleted. Copies along the way: fast-check reuses its values.
 */
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

// Thousands of runs each: an explicit limit that holds on a loaded 2-core machine, not Vitest's 5 s.
describe("parseScenario properties", { timeout: 60_000 }, () => {
  it("never throws on any JSON value, and every problem names a field", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => expectWellFormed(value)),
      { numRuns: 3000 },
    );
  });

  it("never throws on anything at all (BigInt, symbols, functions, sparse arrays, null prototypes, boxed values)", () => {
    const leaf = fc.oneof(
      fc.boolean(),
      fc.double(), // NaN, -0 and the infinities included
      fc.integer({ min: -3, max: 3 }),
      fc.string(),
      fc.constantFrom(null, undefined, Symbol("s"), () => 1),
      fc.bigInt(),
    );
    const anything = fc.anything({
      values: [leaf],
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
      key: fc.oneof(fc.string(), fc.constantFrom("__proto__", "constructor", "toString", ...SCENARIO_KEYS)),
    });
    fc.assert(
      fc.property(anything, (value) => expectWellFormed(value)),
      { numRuns: 3000 },
    );
  });

  it("reports what it cannot read (a throwing getter, a revoked proxy) instead of throwing", () => {
    const getter = Object.defineProperty({}, "publishQos", {
      enumerable: true,
      get: () => {
        throw new Error("boom");
      },
    });
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    for (const input of [getter, proxy]) {
      expect(pathsOf(input)).toStrictEqual([""]);
      expect(problems(input)[0]?.message).toMatch(/^could not read the scenario: /);
    }
  });

  it("shows symbols, functions, BigInt and cycles without throwing", () => {
    const cycle: Record<string, unknown> = {};
    cycle["self"] = cycle;
    expect(
      lines({ publishQos: Symbol("q"), dedupe: () => true, timing: { latencyMs: 2n }, subscriber: cycle }),
    ).toStrictEqual([
      "publishQos: expected a number, one of 0, 1, 2; got Symbol(q)",
      "subscriber.self: unknown field; expected one of qos, offline, joinAtMs, retainAsPublished, retainHandling",
      "subscriber.qos: required field is missing; expected one of 0, 1, 2",
      "dedupe: expected true or false; got a function",
      "timing.latencyMs: expected a number > 0 and <= 60000; got 2n",
    ]);
  });

  it("accepts every valid scenario and is idempotent on its own output", () => {
    fc.assert(
      fc.property(validScenario, (input) => {
        const scenario = valid(input);
        expect(valid(scenario)).toStrictEqual(scenario);
        expect(parseScenarioJson(JSON.stringify(input))).toStrictEqual({ ok: true, scenario });
      }),
      { numRuns: 2000 },
    );
  });

  it("never throws on mutations of valid scenarios, and every problem names a field", () => {
    const mutation = fc.record({
      steps: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
      value: fc.oneof(
        fc.jsonValue(),
        fc.anything({ withBigInt: true, withNullPrototype: true, withSparseArray: true }),
      ),
      remove: fc.boolean(),
    });
    fc.assert(
      fc.property(validScenario, fc.array(mutation, { minLength: 1, maxLength: 3 }), (input, mutations) => {
        let current: unknown = input;
        for (const m of mutations) current = mutate(current, m.steps, m.value, m.remove);
        expectWellFormed(current);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("CONNECT and CONNACK faults", () => {
  it("accept any message number, since the message is ignored for them", () => {
    const result = parseScenario({ publishQos: 1, faults: [{ packet: "CONNECT", message: 7 }] });
    expect(result.ok).toBe(true);
  });

  it("still refuse a message number beyond the messages for other packets", () => {
    const result = parseScenario({ publishQos: 1, faults: [{ packet: "PUBACK", message: 7 }] });
    expect(result.ok).toBe(false);
  });
});

describe("the on-timeout resend timer", () => {
  it("is refused when far below the latency, naming timing.timeoutMs", () => {
    const result = parseScenario({
      protocol: "3.1.1",
      retransmit: "on-timeout",
      publishQos: 1,
      timing: { latencyMs: 96, timeoutMs: 1 },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.path)).toEqual(["timing.timeoutMs"]);
  });

  it("is accepted below the round trip, where spurious resends are worth showing", () => {
    const result = parseScenario({
      protocol: "3.1.1",
      retransmit: "on-timeout",
      publishQos: 1,
      timing: { latencyMs: 40, timeoutMs: 30 },
    });
    expect(result.ok).toBe(true);
  });
});
