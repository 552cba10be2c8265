/**
 * TEST-ONLY: the hand-written parser that scenario.ts replaced, kept verbatim (but for this note and
 * its types, which no longer live in types.ts) so that scenario.legacy.test.ts can show the schema
 * accepts and refuses exactly what it did, with the same parsed scenarios. Never imported by the app.
 *
 * Scenario parsing and validation (shared/docs/scenario-format.md): turns whatever a user, a URL,
 * an import or a TypeScript caller hands us into a complete `Scenario`, or into the list of every
 * problem found, each naming its field path. Pure: no DOM, no clock, no randomness, never throws.
 */

import {
  HOPS,
  PACKET_TYPES,
  PROTOCOLS,
  QOS2_DELIVERIES,
  QOS_LEVELS,
  RETRANSMIT_MODES,
  SESSION_KINDS,
  type Fault,
  type Hop,
  type MessageSpec,
  type PacketType,
  type Problem,
  type Protocol,
  type Qos,
  type Qos2Delivery,
  type Retransmit,
  type Scenario,
  type SessionKind,
  type Timing,
} from "./types.ts";

// ---------------------------------------------------------------------------------------------
// Defaults and limits

export const DEFAULT_TIMING: Timing = Object.freeze({
  latencyMs: 40,
  timeoutMs: 500,
  reconnectDelayMs: 300,
  publishIntervalMs: 1000,
});

export const DEFAULT_MESSAGE: MessageSpec = Object.freeze({
  topic: "plant/line1/batch",
  payload: "Batch #101 completed",
  retain: false,
});

export const MAX_MESSAGES = 100_000;
export const MAX_FAULTS = 1000;
/** Highest `attempt` a fault may name: far beyond any retry count a scenario can reach. */
export const MAX_ATTEMPT = 1000;
/** A topic name is a UTF-8 string with a 16-bit length prefix [MQTT-4.7.3-3]. */
export const MAX_TOPIC_BYTES = 65_535;
/** MQTT allows ~256 MB; this tool draws payloads, so it caps them at 64 KiB. */
export const MAX_PAYLOAD_BYTES = 65_535;
export const MAX_LATENCY_MS = 60_000;
/** Upper bound of timeoutMs, reconnectDelayMs and publishIntervalMs: one simulated hour. */
export const MAX_DELAY_MS = 3_600_000;
/** Past this many problems the rest are summed up in one line, so a broken import stays readable. */
export const MAX_PROBLEMS = 200;

/** Longest rendering of an offending value inside a problem message. */
const PREVIEW_CHARS = 40;

// ---------------------------------------------------------------------------------------------
// Input types

/** A message entry as a caller may write it: every field falls back to DEFAULT_MESSAGE's. */
export interface MessageInput {
  topic?: string | undefined;
  payload?: string | undefined;
  retain?: boolean | undefined;
}

/** A fault as a caller may write it: hop defaults to "publisher-broker", message and attempt to 1. */
export interface FaultInput {
  hop?: Hop | undefined;
  packet: PacketType;
  message?: number | undefined;
  attempt?: number | undefined;
}

/** What a TypeScript caller may pass to parseScenario: a `Scenario` is also a `ScenarioInput`. */
export interface ScenarioInput {
  protocol?: Protocol | undefined;
  retransmit?: Retransmit | undefined;
  session?:
    SessionKind | { publisher?: SessionKind | undefined; subscriber?: SessionKind | undefined } | undefined;
  publishQos: Qos;
  subscriber?: { qos: Qos } | undefined;
  qos2Delivery?: { broker?: Qos2Delivery | undefined; subscriber?: Qos2Delivery | undefined } | undefined;
  dedupe?: boolean | undefined;
  messages?: readonly MessageInput[] | undefined;
  faults?: readonly FaultInput[] | undefined;
  timing?: { [K in keyof Timing]?: number | undefined } | undefined;
}

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; problems: Problem[] };

// ---------------------------------------------------------------------------------------------
// Problems

/** `${path}: ${message}`, the root printed as "scenario". */
export function formatProblem(problem: Problem): string {
  return `${problem.path === "" ? "scenario" : problem.path}: ${problem.message}`;
}

/** Thrown by callers that need a valid scenario (the simulator); carries every problem. */
export class ScenarioError extends Error {
  readonly problems: Problem[];

  constructor(problems: readonly Problem[]) {
    super(problems.length > 0 ? problems.map(formatProblem).join("\n") : "invalid scenario");
    this.name = "ScenarioError";
    this.problems = problems.map((p) => ({ path: p.path, message: p.message }));
  }
}

/** Collects problems, keeping at most MAX_PROBLEMS and a count of the rest. */
class Problems {
  private readonly list: Problem[] = [];
  private extra = 0;

  get count(): number {
    return this.list.length + this.extra;
  }

  add(path: string, message: string): void {
    if (this.list.length < MAX_PROBLEMS) this.list.push({ path, message });
    else this.extra++;
  }

  /** The usual shape: what the field should be, then the value it has. */
  expected(path: string, expectation: string, got: unknown): void {
    this.add(path, `expected ${expectation}; got ${preview(got)}`);
  }

  missing(path: string, expectation: string): void {
    this.add(path, `required field is missing; expected ${expectation}`);
  }

  failure(): { ok: false; problems: Problem[] } {
    const problems = [...this.list];
    if (this.extra > 0) problems.push({ path: "", message: `${this.extra} more problems not shown` });
    return { ok: false, problems };
  }
}

// ---------------------------------------------------------------------------------------------
// Showing values: JSON, truncated, and safe on anything (cycles, BigInt, symbols, huge arrays)

/** The value as JSON, cut to about PREVIEW_CHARS characters; never walks more than it prints. */
function preview(value: unknown, maxChars = PREVIEW_CHARS): string {
  const parts: string[] = [];
  let length = 0;
  const push = (text: string): boolean => {
    parts.push(text);
    length += text.length;
    return length <= maxChars;
  };
  const walk = (v: unknown): boolean => {
    if (Array.isArray(v)) {
      if (!push("[")) return false;
      for (let i = 0; i < v.length; i++) {
        if (i > 0 && !push(",")) return false;
        if (!walk(Object.hasOwn(v, i) ? v[i] : undefined)) return false;
      }
      return push("]");
    }
    if (isPlainObject(v)) {
      if (!push("{")) return false;
      let first = true;
      for (const key of Object.keys(v)) {
        if (!first && !push(",")) return false;
        first = false;
        if (!push(`${quote(key, maxChars)}:`) || !walk(v[key])) return false;
      }
      return push("}");
    }
    return push(scalar(v, maxChars));
  };
  walk(value);
  const text = parts.join("");
  return text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text;
}

function quote(text: string, maxChars: number): string {
  return JSON.stringify(text.length > maxChars ? `${text.slice(0, maxChars)}…` : text);
}

function scalar(v: unknown, maxChars: number): string {
  switch (typeof v) {
    case "string":
      return quote(v, maxChars);
    case "number":
      // JSON would print NaN and Infinity as null and -0 as 0: show what was really given.
      return Object.is(v, -0) ? "-0" : String(v);
    case "bigint":
      return `${v}n`;
    case "symbol":
      return String(v);
    case "function":
      return "a function";
    case "undefined":
      return "undefined";
    case "boolean":
      return String(v);
    default:
      return v === null ? "null" : article(`${Object.prototype.toString.call(v).slice(8, -1)} object`);
  }
}

function article(noun: string): string {
  return `${/^[AEIOU]/i.test(noun) ? "an" : "a"} ${noun}`;
}

// ---------------------------------------------------------------------------------------------
// Reading loosely typed input without touching inherited properties

type Obj = Record<string, unknown>;

/** A JSON-like object: its prototype is a realm's Object.prototype, or it has none. */
function isPlainObject(value: unknown): value is Obj {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** An own property; explicit `undefined` counts as absent so TS callers can spread optionals. */
function field(obj: Obj, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** Own array entries; a hole reads as undefined instead of falling through to Array.prototype. */
function entries(array: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < array.length; i++) out.push(Object.hasOwn(array, i) ? array[i] : undefined);
  return out;
}

function childPath(path: string, key: string): string {
  const plain = key.length <= PREVIEW_CHARS && /^[A-Za-z_$][\w$]*$/.test(key);
  const segment = plain ? key : `[${quote(key, PREVIEW_CHARS)}]`;
  if (segment.startsWith("[")) return `${path}${segment}`;
  return path === "" ? segment : `${path}.${segment}`;
}

// ---------------------------------------------------------------------------------------------
// Unknown keys, with a "did you mean" hint

/** Where a key misplaced at the root really belongs (a Map: no inherited "constructor"). */
const ROOT_ALIASES: ReadonlyMap<string, string> = new Map([
  ["qos", "publishQos"],
  ["version", "protocol"],
  ["topic", "messages"],
  ["payload", "messages"],
  ["retain", "messages"],
  ["packet", "faults"],
  ["latencyms", "timing"],
  ["timeoutms", "timing"],
  ["reconnectdelayms", "timing"],
  ["publishintervalms", "timing"],
]);

function checkKeys(problems: Problems, path: string, obj: Obj, known: readonly string[]): void {
  for (const key of Object.keys(obj)) {
    if (known.includes(key)) continue;
    const guess = suggest(key, known) ?? (path === "" ? ROOT_ALIASES.get(key.toLowerCase()) : undefined);
    const hint = guess === undefined ? "" : `; did you mean "${guess}"?`;
    problems.add(childPath(path, key), `unknown field; expected one of ${known.join(", ")}${hint}`);
  }
}

/** A known key equal ignoring case, or within edit distance 2. */
function suggest(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    if (Math.abs(candidate.length - key.length) >= bestDistance) continue;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

/** Levenshtein distance, two rows. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

// ---------------------------------------------------------------------------------------------
// Field readers: each returns a usable value (the default when invalid) and reports problems.
// Whether the whole scenario is valid is decided by the problem count, not by these values.

function readOneOf<T extends string | number>(
  problems: Problems,
  path: string,
  value: unknown,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  // `find` with === also maps -0 to the canonical 0.
  const found = allowed.find((a) => a === value);
  if (found !== undefined) return found;
  problems.expected(path, oneOf(allowed, value), value);
  return fallback;
}

/** "one of A, B", saying the type too when the value has the wrong one ("2" for 2, 5 for "5.0"). */
function oneOf(allowed: readonly (string | number)[], value: unknown): string {
  const list = allowed.join(", ");
  const kind = typeof allowed[0];
  return typeof value === kind ? `one of ${list}` : `a ${kind}, one of ${list}`;
}

function readBoolean(problems: Problems, path: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined || typeof value === "boolean") return value ?? fallback;
  problems.expected(path, "true or false", value);
  return fallback;
}

interface Range {
  min: number;
  /** true: value must be > min; false: >= min. */
  exclusive: boolean;
  max: number;
}

function readNumber(
  problems: Problems,
  path: string,
  value: unknown,
  range: Range,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  if (typeof value === "number" && inRange(value, range)) return value + 0; // -0 becomes 0
  const min = `${range.exclusive ? ">" : ">="} ${range.min}`;
  problems.expected(path, `a number ${min} and <= ${range.max}`, value);
  return fallback;
}

function inRange(value: number, range: Range): boolean {
  return (range.exclusive ? value > range.min : value >= range.min) && value <= range.max;
}

function readInteger(problems: Problems, path: string, value: unknown, max: number | undefined): number {
  if (value === undefined) return 1;
  const inRange = typeof value === "number" && value >= 1 && (max === undefined || value <= max);
  if (Number.isInteger(value) && inRange) return value as number;
  const expectation = max === undefined ? "an integer >= 1" : `an integer from 1 to ${max}`;
  problems.expected(path, expectation, value);
  return 1;
}

/** An object to read fields from, or undefined after reporting what it was instead. */
function readObject(
  problems: Problems,
  path: string,
  value: unknown,
  known: readonly string[],
  shape: string,
): Obj | undefined {
  if (!isPlainObject(value)) {
    problems.expected(path, shape, value);
    return undefined;
  }
  checkKeys(problems, path, value, known);
  return value;
}

// ---------------------------------------------------------------------------------------------
// The scenario's sections

type Session = Scenario["session"];

function readSession(problems: Problems, value: unknown): Session {
  const fallback: SessionKind = "persistent";
  if (value === undefined || typeof value === "string") {
    const kind = readOneOf(problems, "session", value, SESSION_KINDS, fallback);
    return { publisher: kind, subscriber: kind };
  }
  const shape = `one of ${SESSION_KINDS.join(", ")}, or an object { "publisher": …, "subscriber": … }`;
  const obj = readObject(problems, "session", value, ["publisher", "subscriber"], shape);
  if (obj === undefined) return { publisher: fallback, subscriber: fallback };
  return {
    publisher: readOneOf(problems, "session.publisher", field(obj, "publisher"), SESSION_KINDS, fallback),
    subscriber: readOneOf(problems, "session.subscriber", field(obj, "subscriber"), SESSION_KINDS, fallback),
  };
}

function readSubscriber(problems: Problems, value: unknown): { qos: Qos } | undefined {
  if (value === undefined) return undefined;
  const obj = readObject(problems, "subscriber", value, ["qos"], `an object { "qos": 0 | 1 | 2 }`);
  if (obj === undefined) return undefined;
  const qos = field(obj, "qos");
  if (qos === undefined) problems.missing("subscriber.qos", `one of ${QOS_LEVELS.join(", ")}`);
  return { qos: readOneOf(problems, "subscriber.qos", qos, QOS_LEVELS, 0) };
}

function readQos2Delivery(problems: Problems, value: unknown): Scenario["qos2Delivery"] {
  const fallback: Qos2Delivery = "on-pubrel";
  if (value === undefined) return { broker: fallback, subscriber: fallback };
  const shape = `an object { "broker": …, "subscriber": … }`;
  const obj = readObject(problems, "qos2Delivery", value, ["broker", "subscriber"], shape);
  if (obj === undefined) return { broker: fallback, subscriber: fallback };
  return {
    broker: readOneOf(problems, "qos2Delivery.broker", field(obj, "broker"), QOS2_DELIVERIES, fallback),
    subscriber: readOneOf(
      problems,
      "qos2Delivery.subscriber",
      field(obj, "subscriber"),
      QOS2_DELIVERIES,
      fallback,
    ),
  };
}

/** Reads an array section; undefined after reporting a non-array or a bad length. */
function readArray(
  problems: Problems,
  path: string,
  value: unknown,
  min: number,
  max: number,
): unknown[] | undefined {
  if (!Array.isArray(value)) {
    problems.expected(path, `an array of ${min} to ${max} entries`, value);
    return undefined;
  }
  if (value.length < min || value.length > max) {
    problems.add(path, `expected ${min} to ${max} entries; got ${value.length}`);
    return undefined;
  }
  return entries(value);
}

const MESSAGE_KEYS = ["topic", "payload", "retain"];

function readMessages(problems: Problems, value: unknown): MessageSpec[] {
  if (value === undefined) return [{ ...DEFAULT_MESSAGE }];
  const list = readArray(problems, "messages", value, 1, MAX_MESSAGES) ?? [];
  return list.map((entry, i) => readMessage(problems, `messages[${i}]`, entry));
}

function readMessage(problems: Problems, path: string, value: unknown): MessageSpec {
  const shape = `an object { "topic": …, "payload": …, "retain": … }`;
  const obj = readObject(problems, path, value, MESSAGE_KEYS, shape) ?? {};
  return {
    topic: readTopic(problems, `${path}.topic`, field(obj, "topic")),
    payload: readPayload(problems, `${path}.payload`, field(obj, "payload")),
    retain: readBoolean(problems, `${path}.retain`, field(obj, "retain"), DEFAULT_MESSAGE.retain),
  };
}

/** What is wrong with a topic name, if anything: MQTT's rules for the topic of a PUBLISH. */
function topicError(topic: string): string | undefined {
  // At least one character [MQTT-4.7.3-1].
  if (topic === "") return "a non-empty topic name";
  // A PUBLISH names one topic: no wildcards [MQTT-3.3.2-2].
  if (/[+#]/.test(topic)) return "a topic name without the wildcards + and # (they belong in subscriptions)";
  // No U+0000 [MQTT-4.7.3-2]; well-formed UTF-8, so no lone surrogates [MQTT-1.5.4-1].
  if (topic.includes("\u0000")) return "a topic name without the NUL character (U+0000)";
  if (hasLoneSurrogate(topic)) return "a topic name that is valid Unicode (no lone surrogates)";
  // At most 65535 bytes once encoded [MQTT-4.7.3-3].
  const bytes = utf8Length(topic, MAX_TOPIC_BYTES);
  if (bytes > MAX_TOPIC_BYTES) return `a topic name of at most ${MAX_TOPIC_BYTES} UTF-8 bytes`;
  return undefined;
}

function readTopic(problems: Problems, path: string, value: unknown): string {
  if (value === undefined) return DEFAULT_MESSAGE.topic;
  const error = typeof value === "string" ? topicError(value) : "a non-empty string";
  if (error === undefined) return value as string;
  problems.expected(path, error, value);
  return DEFAULT_MESSAGE.topic;
}

function readPayload(problems: Problems, path: string, value: unknown): string {
  if (value === undefined) return DEFAULT_MESSAGE.payload;
  if (typeof value === "string" && utf8Length(value, MAX_PAYLOAD_BYTES) <= MAX_PAYLOAD_BYTES) return value;
  const limit = `at most ${MAX_PAYLOAD_BYTES} UTF-8 bytes (a limit of this tool, not of MQTT)`;
  problems.expected(path, typeof value === "string" ? `a string of ${limit}` : "a string", value);
  return DEFAULT_MESSAGE.payload;
}

function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/** UTF-8 length, counting no further than just past `limit`. */
function utf8Length(text: string, limit: number): number {
  if (text.length > limit) return text.length; // every UTF-16 unit is at least one byte
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit < 0xdc00 && i + 1 < text.length) {
      bytes += 4; // a surrogate pair is one code point of four bytes
      i++;
    } else bytes += 3;
  }
  return bytes;
}

const FAULT_KEYS = ["hop", "packet", "message", "attempt"];

/** What the faults need to know about the rest of the scenario. */
interface FaultContext {
  twoHops: boolean;
  /** undefined when `messages` itself is invalid: then no upper bound is checked. */
  messageCount: number | undefined;
}

function readFaults(problems: Problems, value: unknown, context: FaultContext): Fault[] {
  if (value === undefined) return [];
  const list = readArray(problems, "faults", value, 0, MAX_FAULTS) ?? [];
  return list.map((entry, i) => readFault(problems, `faults[${i}]`, entry, context));
}

function readFault(problems: Problems, path: string, value: unknown, context: FaultContext): Fault {
  const shape = `an object { "hop": …, "packet": …, "message": …, "attempt": … }`;
  const obj = readObject(problems, path, value, FAULT_KEYS, shape) ?? {};
  const hop = readOneOf(problems, `${path}.hop`, field(obj, "hop"), HOPS, "publisher-broker");
  if (hop === "broker-subscriber" && !context.twoHops) {
    problems.add(
      `${path}.hop`,
      `"broker-subscriber" exists only with two hops, which need "subscriber": { "qos": … }; ` +
        `this scenario has one hop (publisher-broker)`,
    );
  }
  const packet = field(obj, "packet");
  if (packet === undefined && isPlainObject(value)) {
    problems.missing(`${path}.packet`, `one of ${PACKET_TYPES.join(", ")}`);
  }
  const packetType = readOneOf(problems, `${path}.packet`, packet, PACKET_TYPES, "PUBLISH");
  // For CONNECT/CONNACK the message is ignored (scenario-format.md), so any message number will do.
  const connection = packetType === "CONNECT" || packetType === "CONNACK";
  return {
    hop,
    packet: packetType,
    message: readInteger(
      problems,
      `${path}.message`,
      field(obj, "message"),
      connection ? MAX_MESSAGES : context.messageCount,
    ),
    attempt: readInteger(problems, `${path}.attempt`, field(obj, "attempt"), MAX_ATTEMPT),
  };
}

const TIMING_RANGES: Readonly<Record<keyof Timing, Range>> = {
  latencyMs: { min: 0, exclusive: true, max: MAX_LATENCY_MS },
  timeoutMs: { min: 0, exclusive: true, max: MAX_DELAY_MS },
  reconnectDelayMs: { min: 0, exclusive: false, max: MAX_DELAY_MS },
  publishIntervalMs: { min: 0, exclusive: false, max: MAX_DELAY_MS },
};
const TIMING_KEYS = Object.keys(DEFAULT_TIMING) as (keyof Timing)[];

function readTiming(problems: Problems, value: unknown): Timing {
  if (value === undefined) return { ...DEFAULT_TIMING };
  const shape = `an object { ${TIMING_KEYS.map((k) => `"${k}": …`).join(", ")} }`;
  const obj = readObject(problems, "timing", value, TIMING_KEYS, shape) ?? {};
  const read = (key: keyof Timing): number =>
    readNumber(problems, `timing.${key}`, field(obj, key), TIMING_RANGES[key], DEFAULT_TIMING[key]);
  return {
    latencyMs: read("latencyMs"),
    timeoutMs: read("timeoutMs"),
    reconnectDelayMs: read("reconnectDelayMs"),
    publishIntervalMs: read("publishIntervalMs"),
  };
}

// ---------------------------------------------------------------------------------------------
// The whole scenario

/** Top-level field names, in the order of `Scenario` (also the order of the output's keys). */
export const SCENARIO_KEYS = [
  "protocol",
  "retransmit",
  "session",
  "publishQos",
  "subscriber",
  "qos2Delivery",
  "dedupe",
  "messages",
  "faults",
  "timing",
] as const satisfies readonly (keyof Scenario)[];

/**
 * Validates `input` and fills in every default. Pure; never throws. The scenario returned is a
 * fresh object that shares nothing with `input`.
 */
export function parseScenario(input: unknown): ParseResult {
  try {
    return parseRoot(input);
  } catch (error) {
    // Only exotic inputs get here (a throwing getter, a revoked Proxy): report, never throw.
    return {
      ok: false,
      problems: [{ path: "", message: `could not read the scenario: ${errorText(error)}` }],
    };
  }
}

/** Like parseScenario, for callers that need a scenario: throws ScenarioError with every problem. */
export function parseScenarioOrThrow(input: unknown): Scenario {
  const result = parseScenario(input);
  if (!result.ok) throw new ScenarioError(result.problems);
  return result.scenario;
}

function parseRoot(input: unknown): ParseResult {
  const problems = new Problems();
  if (!isPlainObject(input)) {
    problems.expected("", "a JSON object", input);
    return problems.failure();
  }
  checkKeys(problems, "", input, SCENARIO_KEYS);
  const raw = (key: (typeof SCENARIO_KEYS)[number]): unknown => field(input, key);

  const protocol = readOneOf(problems, "protocol", raw("protocol"), PROTOCOLS, "5.0");
  const retransmit = readOneOf(problems, "retransmit", raw("retransmit"), RETRANSMIT_MODES, "on-reconnect");
  checkRetransmit(problems, raw("protocol"), raw("retransmit"));
  const session = readSession(problems, raw("session"));
  const qos = raw("publishQos");
  if (qos === undefined) problems.missing("publishQos", `one of ${QOS_LEVELS.join(", ")}`);
  const publishQos = readOneOf(problems, "publishQos", qos, QOS_LEVELS, 0);
  const subscriber = readSubscriber(problems, raw("subscriber"));
  const qos2Delivery = readQos2Delivery(problems, raw("qos2Delivery"));
  const dedupe = readBoolean(problems, "dedupe", raw("dedupe"), false);
  const messages = readMessages(problems, raw("messages"));
  const faults = readFaults(problems, raw("faults"), {
    twoHops: raw("subscriber") !== undefined,
    messageCount: messageCount(raw("messages")),
  });
  const timing = readTiming(problems, raw("timing"));
  if (retransmit === "on-timeout") checkResendTimer(problems, timing);

  if (problems.count > 0) return problems.failure();
  return {
    ok: true,
    scenario: {
      protocol,
      retransmit,
      session,
      publishQos,
      ...(subscriber === undefined ? {} : { subscriber }),
      qos2Delivery,
      dedupe,
      messages,
      faults,
      timing,
    },
  };
}

/** MQTT 5.0: "Clients and Servers MUST NOT resend messages at any other time" [MQTT-4.4.0-1]. */
function checkRetransmit(problems: Problems, protocol: unknown, retransmit: unknown): void {
  if (retransmit !== "on-timeout" || (protocol !== undefined && protocol !== "5.0")) return;
  const which = protocol === undefined ? `protocol "5.0" (the default)` : `protocol "5.0"`;
  problems.add(
    "retransmit",
    `"on-timeout" is not allowed with ${which}: MQTT 5.0 forbids resending at any time other than ` +
      `reconnect [MQTT-4.4.0-1]; use "protocol": "3.1.1" or "retransmit": "on-reconnect"`,
  );
}

/**
 * A resend timer far below the round trip resends every packet dozens of times before its
 * acknowledgement can arrive, and on two hops every copy is forwarded and resent again: the trace
 * would explode. Half the one-way latency (four copies per round trip) still shows the effect.
 */
function checkResendTimer(problems: Problems, timing: Timing): void {
  const minimum = timing.latencyMs / 2;
  if (timing.timeoutMs >= minimum) return;
  problems.add(
    "timing.timeoutMs",
    `expected at least half of timing.latencyMs (${minimum}) in "on-timeout" mode; got ${timing.timeoutMs}: ` +
      `a shorter timer resends every packet many times before its acknowledgement can arrive`,
  );
}

/** How many messages the scenario has, when `messages` is valid enough to say. */
function messageCount(messages: unknown): number | undefined {
  if (messages === undefined) return 1;
  if (!Array.isArray(messages) || messages.length < 1 || messages.length > MAX_MESSAGES) return undefined;
  return messages.length;
}

function errorText(error: unknown): string {
  try {
    return error instanceof Error ? String(error.message) : String(error);
  } catch {
    return "unknown error";
  }
}

// ---------------------------------------------------------------------------------------------
// JSON text

/** Parses JSON text, then the scenario; a syntax error becomes one problem with line and column. */
export function parseScenarioJson(text: string): ParseResult {
  // Editors on Windows may save a byte order mark, which JSON.parse refuses.
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    return { ok: false, problems: [{ path: "", message: jsonErrorMessage(source, error) }] };
  }
  return parseScenario(value);
}

function jsonErrorMessage(source: string, error: unknown): string {
  const found = locateJsonError(source);
  if (found === undefined) return `invalid JSON: ${errorText(error)}`;
  const { line, column } = lineAndColumn(source, found.offset);
  return `invalid JSON at line ${line}, column ${column}: ${found.reason}`;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 0x0a) [line, lineStart] = [line + 1, i + 1];
  }
  return { line, column: offset - lineStart + 1 };
}

interface JsonError {
  offset: number;
  reason: string;
}

/**
 * Finds the first syntax error in JSON text. Engines word (and place) JSON.parse errors
 * differently and V8 often omits the position, so we find it ourselves. Iterative, so deep
 * nesting cannot overflow the stack; only called after JSON.parse has failed.
 */
function locateJsonError(text: string): JsonError | undefined {
  try {
    new JsonScanner(text).document();
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { offset: error.offset, reason: error.reason };
  }
  return undefined; // JSON.parse failed for another reason (too large?): its own message will do
}

class JsonSyntaxError extends Error {
  readonly offset: number;
  readonly reason: string;

  constructor(offset: number, reason: string) {
    super(reason);
    this.offset = offset;
    this.reason = reason;
  }
}

const JSON_NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const JSON_LITERALS = ["true", "false", "null"];

class JsonScanner {
  private pos = 0;
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  document(): void {
    const stack: ("{" | "[")[] = [];
    this.value(stack);
    for (;;) {
      this.skipSpace();
      const open = stack.at(-1);
      if (open === undefined) break;
      const close = open === "{" ? "}" : "]";
      const c = this.text[this.pos];
      if (c === close) {
        this.pos++;
        stack.pop();
      } else if (c === ",") {
        this.pos++;
        if (open === "{") this.member();
        this.value(stack);
      } else {
        this.fail(`expected "," or "${close}"`);
      }
    }
    if (this.pos < this.text.length) this.fail("expected the end of the text after the JSON value");
  }

  /** Reads one value; an opened container is pushed, and its first entry is read in its place. */
  private value(stack: ("{" | "[")[]): void {
    for (;;) {
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === "{" || c === "[") {
        this.pos++;
        this.skipSpace();
        if (this.text[this.pos] === (c === "{" ? "}" : "]")) {
          this.pos++;
          return;
        }
        stack.push(c);
        if (c === "{") this.member();
        continue;
      }
      if (c === '"') return this.string();
      return this.scalar();
    }
  }

  private member(): void {
    this.skipSpace();
    if (this.text[this.pos] !== '"') this.fail("expected a property name in double quotes");
    this.string();
    this.skipSpace();
    if (this.text[this.pos] !== ":") this.fail('expected ":" after the property name');
    this.pos++;
  }

  private string(): void {
    const start = this.pos;
    this.pos++;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos] ?? "";
      if (c === '"') {
        this.pos++;
        return;
      }
      if (c < " ") this.fail("control characters must be escaped inside a string");
      if (c === "\\") {
        const escape = this.text.slice(this.pos + 1, this.pos + 6);
        if (/^u[0-9a-fA-F]{4}/.test(escape)) this.pos += 6;
        else if (/^["\\/bfnrt]/.test(escape)) this.pos += 2;
        else this.fail("invalid escape sequence in a string");
      } else this.pos++;
    }
    this.pos = start;
    this.fail("this string is never closed", false);
  }

  private scalar(): void {
    for (const literal of JSON_LITERALS) {
      if (this.text.startsWith(literal, this.pos)) {
        this.pos += literal.length;
        return;
      }
    }
    JSON_NUMBER.lastIndex = this.pos;
    if (JSON_NUMBER.test(this.text)) {
      this.pos = JSON_NUMBER.lastIndex;
      return;
    }
    this.fail("expected a value");
  }

  private skipSpace(): void {
    while (/[ \t\n\r]/.test(this.text[this.pos] ?? "")) this.pos++;
  }

  private fail(expectation: string, showGot = true): never {
    const code = this.text.codePointAt(this.pos);
    const got = code === undefined ? "the end of the text" : JSON.stringify(String.fromCodePoint(code));
    throw new JsonSyntaxError(this.pos, showGot ? `${expectation}; got ${got}` : expectation);
  }
}
