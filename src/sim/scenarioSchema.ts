/**
 * The scenario format (shared/docs/scenario-format.md) as one valibot schema: the single source of
 * the scenario's TypeScript types, of its defaults and of the published JSON Schema
 * (schema/scenario.schema.json, `npm run schema`). Field names are a published contract: extend
 * with optional fields, never rename.
 *
 * The schema checks each field on its own and says in its own words what it expected. What it
 * leaves to plain code: the MQTT rules that tie fields together (scenarioRules.ts) and unknown
 * keys with a "did you mean" (scenarioKeys.ts).
 */

import * as v from "valibot";
import { expected, missing, oneOf } from "./scenarioErrors.ts";
import { isPlainObject, ownFields, ownItems } from "./plainData.ts";
import { PACKET_TYPES, PROTOCOLS, QOS2_DELIVERIES, QOS_LEVELS } from "../protocol/types.ts";
import { HOPS, RETRANSMIT_MODES, SESSION_KINDS } from "./enums.ts";
import {
  DEFAULT_MESSAGE,
  DEFAULT_TIMING,
  LIST_BOUNDS,
  MAX_ATTEMPT,
  MAX_DELAY_MS,
  MAX_FAULTS,
  MAX_LATENCY_MS,
  MAX_MESSAGES,
  MAX_PAYLOAD_BYTES,
  MAX_TOPIC_BYTES,
  MAX_INTERVAL_S,
  MAX_RECEIVE_MAXIMUM,
} from "./scenarioDefaults.ts";
import { BROKER_PROFILE_IDS, CLIENT_PROFILE_IDS } from "../protocol/profileIds.ts";
import { profileIdProblem, type ProfiledParty } from "./profileProblems.ts";

// ---------------------------------------------------------------------------------------------
// Limits and defaults (scenarioDefaults.ts: they are needed where the validator is not)

export {
  DEFAULT_MESSAGE,
  DEFAULT_TIMING,
  LIST_BOUNDS,
  MAX_ATTEMPT,
  MAX_DELAY_MS,
  MAX_FAULTS,
  MAX_LATENCY_MS,
  MAX_MESSAGES,
  MAX_PAYLOAD_BYTES,
  MAX_TOPIC_BYTES,
};

// ---------------------------------------------------------------------------------------------
// Building blocks: each says what it expected, and what it got, in one message

/** -0 becomes 0, so that a parsed scenario prints and compares as written. */
const plusZero = <T extends number>(n: T): T => (n + 0) as T;

/** One of a few strings. */
function oneOfStrings<const T extends string>(options: readonly T[], description: string) {
  return v.pipe(
    v.picklist(options, (issue) => expected(oneOf(options, issue.input), issue.input)),
    v.description(description),
  );
}

/** One of a few numbers; -0 counts as 0. */
function oneOfNumbers<const T extends number>(options: readonly T[], description: string) {
  return v.pipe(
    v.picklist(options, (issue) => expected(oneOf(options, issue.input), issue.input)),
    v.transform(plusZero),
    v.description(description),
  );
}

function flag(description: string) {
  return v.pipe(
    v.boolean((issue) => expected("true or false", issue.input)),
    v.description(description),
  );
}

/** A number in (0, max]: every check of the pipe says the whole range. */
function positive(max: number, description: string) {
  const message = (issue: { input: unknown }) => expected(`a number > 0 and <= ${max}`, issue.input);
  return v.pipe(
    v.number(message),
    v.gtValue(0, message),
    v.maxValue(max, message),
    v.transform(plusZero),
    v.description(description),
  );
}

/** A number in [0, max]. */
function nonNegative(max: number, description: string) {
  const message = (issue: { input: unknown }) => expected(`a number >= 0 and <= ${max}`, issue.input);
  return v.pipe(
    v.number(message),
    v.minValue(0, message),
    v.maxValue(max, message),
    v.transform(plusZero),
    v.description(description),
  );
}

/** An integer in [1, max]. */
function countFromOne(max: number, description: string) {
  const message = (issue: { input: unknown }) => expected(`an integer from 1 to ${max}`, issue.input);
  return v.pipe(
    v.number(message),
    v.integer(message),
    v.minValue(1, message),
    v.maxValue(max, message),
    v.description(description),
  );
}

/** An integer in [min, max]. */
function integerIn(min: number, max: number, description: string) {
  const message = (issue: { input: unknown }) => expected(`an integer from ${min} to ${max}`, issue.input);
  return v.pipe(
    v.number(message),
    v.integer(message),
    v.minValue(min, message),
    v.maxValue(max, message),
    v.transform(plusZero),
    v.description(description),
  );
}

/** An MQTT interval in whole seconds (four bytes on the wire). */
function seconds(description: string) {
  return integerIn(0, MAX_INTERVAL_S, description);
}

/** What a missing required field should have been: its options, when it has a fixed set. */
function expectation(schema: unknown): string {
  const options = (schema as { options?: unknown }).options;
  return Array.isArray(options) ? `one of ${options.join(", ")}` : "a value";
}

/** An object with these fields; a missing required one is named with what it expects. */
function objectOf<const TEntries extends v.ObjectEntries>(entries: TEntries) {
  return v.object(entries, (issue) => {
    const key = issue.path?.[0]?.key;
    return missing(expectation(typeof key === "string" ? entries[key] : undefined));
  });
}

/**
 * A JSON-like object (see plainData.ts) checked by `object`. Only own fields are read; unknown
 * keys are left out of the result here and reported by scenarioKeys.ts.
 */
function plainObject<const TObject extends v.GenericSchema<object, object>>(object: TObject, shape: string) {
  type Input = v.InferInput<TObject>;
  return v.pipe(
    v.custom<Input>(isPlainObject, (issue) => expected(shape, issue.input)),
    v.transform<Input, Input>(ownFields),
    object,
  );
}

/**
 * A list of `min` to `max` entries; a hole in the array reads as undefined. The length is checked
 * before any entry is read (a list far too long is refused at once), and stated again after the
 * array schema, where the JSON Schema generator (typeMode "output") reads it as minItems/maxItems.
 */
function list<const TItem extends v.GenericSchema>(item: TItem, bounds: { min: number; max: number }) {
  const entries = `${bounds.min} to ${bounds.max} entries`;
  const count = (issue: { input: readonly unknown[] }) => `expected ${entries}; got ${issue.input.length}`;
  type Input = readonly v.InferInput<TItem>[];
  return v.pipe(
    v.custom<Input>(Array.isArray, (issue) => expected(`an array of ${entries}`, issue.input)),
    v.minLength(bounds.min, count),
    v.maxLength(bounds.max, count),
    v.transform<Input, v.InferInput<TItem>[]>(ownItems),
    v.array(item),
    v.minLength(bounds.min, count),
    v.maxLength(bounds.max, count),
  );
}

/**
 * Whether `text` takes at most `max` bytes in UTF-8; counting stops as soon as it can tell.
 * (valibot's maxBytes encodes the whole string on every call: several times slower on a long
 * scenario.) Each use follows a maxLength of the same bound: the length in UTF-16 units never
 * exceeds the byte count, is cheap, and is what the JSON Schema can say.
 */
function fitsUtf8(text: string, max: number): boolean {
  if (text.length * 3 <= max) return true; // no UTF-16 unit takes more than 3 bytes
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit < 0xdc00 && i + 1 < text.length) {
      bytes += 4; // a surrogate pair is one code point of four bytes
      i++;
    } else bytes += 3;
    if (bytes > max) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Messages

/** No wildcards in a PUBLISH's topic [MQTT-3.3.2-2], no U+0000 [MQTT-4.7.3-2]. */
// eslint-disable-next-line no-control-regex -- U+0000 is the character MQTT forbids
const TOPIC_CHARACTERS = /^[^+#\u0000]*$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const topicTooLong = (issue: { input: unknown }) =>
  expected(`a topic name of at most ${MAX_TOPIC_BYTES} UTF-8 bytes`, issue.input);
const payloadTooLong = (issue: { input: unknown }) =>
  expected(
    `a string of at most ${MAX_PAYLOAD_BYTES} UTF-8 bytes (a limit of this tool, not of MQTT)`,
    issue.input,
  );

const Topic = v.pipe(
  v.string((issue) => expected("a non-empty string", issue.input)),
  // At least one character [MQTT-4.7.3-1].
  v.nonEmpty((issue) => expected("a non-empty topic name", issue.input)),
  v.regex(TOPIC_CHARACTERS, (issue) =>
    expected(
      /[+#]/.test(issue.input)
        ? "a topic name without the wildcards + and # (they belong in subscriptions)"
        : "a topic name without the NUL character (U+0000)",
      issue.input,
    ),
  ),
  // Well-formed UTF-8 [MQTT-1.5.4-1]: a lone surrogate has no UTF-8 encoding.
  v.check(
    (topic) => !LONE_SURROGATE.test(topic),
    (issue) => expected("a topic name that is valid Unicode (no lone surrogates)", issue.input),
  ),
  // At most 65535 bytes once encoded [MQTT-4.7.3-3]. The length in UTF-16 units bounds the
  // byte count from below (and is what the JSON Schema can say); the exact count follows.
  v.maxLength(MAX_TOPIC_BYTES, topicTooLong),
  v.check((topic) => fitsUtf8(topic, MAX_TOPIC_BYTES), topicTooLong),
  v.description(
    "The PUBLISH topic name: not empty, no wildcards (+ #), no U+0000, at most 65535 UTF-8 bytes.",
  ),
);

const Payload = v.pipe(
  v.string((issue) => expected("a string", issue.input)),
  v.maxLength(MAX_PAYLOAD_BYTES, payloadTooLong),
  v.check((payload) => fitsUtf8(payload, MAX_PAYLOAD_BYTES), payloadTooLong),
  v.description("The application payload, as text (at most 65535 UTF-8 bytes: a limit of this tool)."),
);

const MessageObject = objectOf({
  topic: v.optional(Topic, DEFAULT_MESSAGE.topic),
  payload: v.optional(Payload, DEFAULT_MESSAGE.payload),
  retain: v.optional(flag("The RETAIN flag of the PUBLISH."), DEFAULT_MESSAGE.retain),
  // Extensions (issue 14): no defaults, so a scenario without them parses as before.
  qos: v.optional(oneOfNumbers(QOS_LEVELS, "This message's PUBLISH QoS; default publishQos.")),
  atMs: v.optional(
    nonNegative(
      MAX_DELAY_MS * 24,
      "When the publisher's application publishes it, simulated ms; default the previous message's time + publishIntervalMs.",
    ),
  ),
  expiryS: v.optional(seconds("MQTT 5.0 Message Expiry Interval, seconds.")),
});

const MessageSchema = v.pipe(
  plainObject(MessageObject, `an object { "topic": …, "payload": …, "retain": … }`),
  v.description("One application message, published in order; every field has a default."),
);

// ---------------------------------------------------------------------------------------------
// Faults

const FaultObject = objectOf({
  hop: v.optional(
    oneOfStrings(HOPS, 'The hop the packet is lost on. "broker-subscriber" needs a "subscriber".'),
    "publisher-broker",
  ),
  packet: oneOfStrings(PACKET_TYPES, "The packet type that is lost."),
  message: v.optional(
    countFromOne(
      MAX_MESSAGES,
      "1-based number of the application message (at most the number of messages); ignored for CONNECT and CONNACK.",
    ),
    1,
  ),
  attempt: v.optional(
    countFromOne(
      MAX_ATTEMPT,
      "1-based: the attempt-th time this packet is sent for this message on this hop (for CONNECT/CONNACK: connection attempts after the first loss).",
    ),
    1,
  ),
});

const FaultSchema = v.pipe(
  plainObject(FaultObject, `an object { "hop": …, "packet": …, "message": …, "attempt": … }`),
  v.description("One lost transmission. A fault that matches no transmission is reported as unused."),
);

// ---------------------------------------------------------------------------------------------
// Refusals (MQTT 5.0 reason codes >= 0x80 on PUBACK / PUBREC)

const RefusalObject = objectOf({
  hop: v.optional(oneOfStrings(HOPS, "The hop whose receiver refuses the PUBLISH."), "publisher-broker"),
  message: v.optional(countFromOne(MAX_MESSAGES, "1-based number of the refused application message."), 1),
  reasonCode: integerIn(
    0x80,
    0xff,
    "The reason code of the PUBACK (QoS 1) or PUBREC (QoS 2) that refuses it: 0x80 or above (e.g. 135 = 0x87 Not authorized).",
  ),
});

const RefusalSchema = v.pipe(
  plainObject(RefusalObject, `an object { "hop": …, "message": …, "reasonCode": … }`),
  v.description("MQTT 5.0: a receiver refuses one message's PUBLISH with a reason code; the flow ends."),
);

// ---------------------------------------------------------------------------------------------
// Timing

export const TimingObject = objectOf({
  latencyMs: v.optional(
    positive(MAX_LATENCY_MS, "One-way link latency, simulated ms."),
    DEFAULT_TIMING.latencyMs,
  ),
  timeoutMs: v.optional(
    positive(
      MAX_DELAY_MS,
      '"on-timeout" mode: resend when no acknowledgement came back within this many ms (at least latencyMs / 2).',
    ),
    DEFAULT_TIMING.timeoutMs,
  ),
  reconnectDelayMs: v.optional(
    nonNegative(MAX_DELAY_MS, '"on-reconnect" mode: pause before the client reconnects, ms.'),
    DEFAULT_TIMING.reconnectDelayMs,
  ),
  publishIntervalMs: v.optional(
    nonNegative(MAX_DELAY_MS, "Gap between successive messages, ms."),
    DEFAULT_TIMING.publishIntervalMs,
  ),
});

const TIMING_SHAPE = `an object { ${Object.keys(TimingObject.entries)
  .map((k) => `"${k}": …`)
  .join(", ")} }`;

// ---------------------------------------------------------------------------------------------
// Sessions: one kind for both clients, or one per client

const SessionKind = oneOfStrings(SESSION_KINDS, "Session kind of both clients.");

const SessionKindForBoth = v.pipe(
  SessionKind,
  v.transform((kind) => ({ publisher: kind, subscriber: kind })),
);

const SessionObject = objectOf({
  publisher: v.optional(oneOfStrings(SESSION_KINDS, "Session kind of the publisher."), "persistent"),
  subscriber: v.optional(oneOfStrings(SESSION_KINDS, "Session kind of the subscriber."), "persistent"),
});

const SessionPerClient = plainObject(
  SessionObject,
  `one of ${SESSION_KINDS.join(", ")}, or an object { "publisher": …, "subscriber": … }`,
);

/** Both forms, as the JSON Schema documents them. */
export const SessionForms = v.pipe(
  v.union([SessionKindForBoth, SessionPerClient]),
  v.description(
    '"persistent" or "clean" for both clients, or per client: { "publisher": …, "subscriber": … }.',
  ),
);

/**
 * A string is read as one kind and anything else as the per-client object, so that a problem is
 * named where it is ("session.publisher"), not as a failed union. The JSON Schema generator asks
 * with `undefined` (parsing never does: the field has a default) and gets both forms.
 */
const Session = v.lazy((input) =>
  typeof input === "string" ? SessionKindForBoth : input === undefined ? SessionForms : SessionPerClient,
);

// ---------------------------------------------------------------------------------------------
// The other sections

const OfflineObject = objectOf({
  atMs: nonNegative(MAX_DELAY_MS * 24, "When the subscriber goes away, simulated ms."),
  forMs: positive(MAX_DELAY_MS * 24, "How long it stays away before it reconnects, ms."),
  end: v.optional(
    oneOfStrings(
      ["disconnect", "cut"] as const,
      '"disconnect": it sends DISCONNECT; "cut": the connection breaks.',
    ),
    "disconnect",
  ),
});

const OfflineSchema = v.pipe(
  plainObject(OfflineObject, `an object { "atMs": …, "forMs": …, "end": … }`),
  v.description("A period during which the subscriber is offline."),
);

const SubscriberObject = objectOf({
  qos: oneOfNumbers(QOS_LEVELS, "QoS granted to the subscription."),
  // Extensions (issue 14)
  offline: v.optional(
    v.pipe(
      list(OfflineSchema, LIST_BOUNDS["subscriber.offline"]),
      v.description("Periods the subscriber is away (it reconnects with its session kind)."),
    ),
  ),
  joinAtMs: v.optional(
    nonNegative(
      MAX_DELAY_MS * 24,
      "A late subscriber: it subscribes (SUBSCRIBE, SUBACK) only at this time, simulated ms.",
    ),
  ),
  retainAsPublished: v.optional(flag("MQTT 5.0 subscription option Retain As Published.")),
  retainHandling: v.optional(
    oneOfNumbers(
      [0, 1, 2] as const,
      "MQTT 5.0 Retain Handling: 0 send retained messages at subscribe, 1 only for a new subscription, 2 never.",
    ),
  ),
});

const Qos2DeliveryObject = objectOf({
  broker: v.optional(
    oneOfStrings(QOS2_DELIVERIES, "When the broker, as a QoS 2 receiver, hands the message on."),
    "on-pubrel",
  ),
  subscriber: v.optional(
    oneOfStrings(QOS2_DELIVERIES, "When the subscriber, as a QoS 2 receiver, hands the message on."),
    "on-pubrel",
  ),
});

// ---------------------------------------------------------------------------------------------
// Extensions (issue 14): implementation profiles, flow control, the broker, the will

/** A profile id that can play the party's role; a problem says why not ("did you mean", wrong role). */
function profileId<const T extends string>(party: ProfiledParty, ids: readonly T[], description: string) {
  return v.pipe(
    v.picklist(ids, (issue) => profileIdProblem(issue.input, party)),
    v.description(description),
  );
}

const ProfilesObject = objectOf({
  broker: v.optional(
    profileId("broker", BROKER_PROFILE_IDS, "Which broker or cloud service the broker behaves like."),
    "spec",
  ),
  publisher: v.optional(
    profileId("publisher", CLIENT_PROFILE_IDS, "Which client library the publisher behaves like."),
    "spec",
  ),
  subscriber: v.optional(
    profileId("subscriber", CLIENT_PROFILE_IDS, "Which client library the subscriber behaves like."),
    "spec",
  ),
});

const ReceiveMaximumObject = objectOf({
  broker: v.optional(
    integerIn(
      1,
      MAX_RECEIVE_MAXIMUM,
      "The broker's Receive Maximum (CONNACK): bounds the publisher's unacknowledged QoS 1/2 PUBLISHes.",
    ),
  ),
  subscriber: v.optional(
    integerIn(
      1,
      MAX_RECEIVE_MAXIMUM,
      "The subscriber's Receive Maximum (CONNECT): bounds the broker's unacknowledged QoS 1/2 PUBLISHes to it.",
    ),
  ),
});

const SessionExpiryObject = objectOf({
  publisher: v.optional(seconds("The publisher's MQTT 5.0 Session Expiry Interval, seconds.")),
  subscriber: v.optional(seconds("The subscriber's MQTT 5.0 Session Expiry Interval, seconds.")),
});

const RestartObject = objectOf({
  atMs: nonNegative(MAX_DELAY_MS * 24, "When the broker goes down, simulated ms."),
  kind: oneOfStrings(
    ["crash", "graceful"] as const,
    '"crash": killed, connections break; "graceful": shut down cleanly.',
  ),
  downMs: v.optional(nonNegative(MAX_DELAY_MS, "How long it stays down, ms."), 0),
});

const RestartSchema = v.pipe(
  plainObject(RestartObject, `an object { "atMs": …, "kind": …, "downMs": … }`),
  v.description("One broker restart."),
);

const AutosaveObject = objectOf({
  autosaveMs: positive(MAX_DELAY_MS * 24, "The broker saves its state this often, simulated ms."),
});

const Persistence = v.union(
  [
    oneOfStrings(["off", "on"] as const, '"off": nothing survives a restart; "on": saved on every change.'),
    plainObject(AutosaveObject, `an object { "autosaveMs": … }`),
  ],
  (issue) => expected(`"off", "on" or an object { "autosaveMs": … }`, issue.input),
);

const BrokerObject = objectOf({
  queueQos0: v.optional(flag("Queue QoS 0 messages for an offline persistent subscriber.")),
  maxQueued: v.optional(
    integerIn(0, MAX_MESSAGES, "Most messages queued for an offline client; more are dropped."),
  ),
  persistence: v.optional(v.pipe(Persistence, v.description("What the broker keeps across a restart."))),
  restarts: v.optional(
    v.pipe(list(RestartSchema, LIST_BOUNDS["broker.restarts"]), v.description("Broker restarts.")),
  ),
});

const WillObject = objectOf({
  topic: v.optional(Topic, "plant/line1/status"),
  payload: v.optional(Payload, "offline"),
  qos: v.optional(oneOfNumbers(QOS_LEVELS, "QoS of the will message."), 1),
  retain: v.optional(flag("RETAIN flag of the will message."), false),
  delayS: v.optional(seconds("MQTT 5.0 Will Delay Interval, seconds.")),
});

const PublisherEndObject = objectOf({
  atMs: nonNegative(MAX_DELAY_MS * 24, "When the publisher's connection ends for good, simulated ms."),
  kind: oneOfStrings(
    ["disconnect", "disconnect-with-will", "crash"] as const,
    '"disconnect": DISCONNECT (no will); "disconnect-with-will": 5.0 DISCONNECT 0x04; "crash": the connection breaks.',
  ),
});

export const ScenarioObject = objectOf({
  /** Lets a scenario file name its JSON Schema for editors; not part of the parsed scenario. */
  $schema: v.optional(
    v.pipe(
      v.string((issue) => expected("a string (the URL of this JSON Schema)", issue.input)),
      v.description("The JSON Schema of this file, for editors; ignored by the simulator."),
    ),
  ),
  protocol: v.optional(oneOfStrings(PROTOCOLS, "MQTT protocol version."), "5.0"),
  retransmit: v.optional(
    oneOfStrings(
      RETRANSMIT_MODES,
      'When a sender resends: after a reconnect (MQTT 3.1.1 and 5.0), or after timeoutMs ("on-timeout", MQTT 3.1.1 only).',
    ),
    "on-reconnect",
  ),
  session: v.optional(Session, "persistent"),
  publishQos: oneOfNumbers(QOS_LEVELS, "QoS of the publisher's PUBLISH."),
  subscriber: v.optional(
    v.pipe(
      plainObject(SubscriberObject, `an object { "qos": 0 | 1 | 2 }`),
      v.description("Present: two hops, publisher -> broker -> subscriber. Absent: one hop."),
    ),
  ),
  qos2Delivery: v.optional(
    v.pipe(
      plainObject(Qos2DeliveryObject, `an object { "broker": …, "subscriber": … }`),
      v.description(
        'Where a QoS 2 receiver hands the message on (spec Figure 4.3): "on-pubrel" (Method A) or "on-publish" (Method B).',
      ),
    ),
    () => v.getDefaults(Qos2DeliveryObject),
  ),
  dedupe: v.optional(
    flag("true: the subscribing application ignores a message it already processed."),
    false,
  ),
  messages: v.optional(
    v.pipe(list(MessageSchema, LIST_BOUNDS.messages), v.description("Application messages, in order.")),
    () => [v.getDefaults(MessageObject)],
  ),
  faults: v.optional(
    v.pipe(list(FaultSchema, LIST_BOUNDS.faults), v.description("Which transmissions are lost.")),
    () => [],
  ),
  timing: v.optional(
    v.pipe(plainObject(TimingObject, TIMING_SHAPE), v.description("Simulated milliseconds.")),
    () => v.getDefaults(TimingObject),
  ),
  // Extensions (issue 14): optional, no defaults; absent means what it meant before.
  profiles: v.optional(
    v.pipe(
      plainObject(ProfilesObject, `an object { "broker": …, "publisher": …, "subscriber": … }`),
      v.description('Which real implementation each party behaves like; each "spec" when left out.'),
    ),
  ),
  receiveMaximum: v.optional(
    v.pipe(
      plainObject(ReceiveMaximumObject, `an object { "broker": …, "subscriber": … }`),
      v.description(
        "MQTT 5.0 Receive Maximum of each receiver (3.1.1: the implementation's in-flight window).",
      ),
    ),
  ),
  refusals: v.optional(
    v.pipe(
      list(RefusalSchema, LIST_BOUNDS.refusals),
      v.description("MQTT 5.0: PUBLISHes refused with a reason code."),
    ),
  ),
  sessionExpiryS: v.optional(
    v.pipe(
      plainObject(SessionExpiryObject, `an object { "publisher": …, "subscriber": … }`),
      v.description("MQTT 5.0 Session Expiry Interval of each client's persistent session, seconds."),
    ),
  ),
  broker: v.optional(
    v.pipe(
      plainObject(
        BrokerObject,
        `an object { "queueQos0": …, "maxQueued": …, "persistence": …, "restarts": … }`,
      ),
      v.description("The broker's queueing, persistence and restarts."),
    ),
  ),
  will: v.optional(
    v.pipe(
      plainObject(WillObject, `an object { "topic": …, "payload": …, "qos": …, "retain": …, "delayS": … }`),
      v.description("The publisher's will message, sent in its CONNECT."),
    ),
  ),
  publisherEnd: v.optional(
    v.pipe(
      plainObject(PublisherEndObject, `an object { "atMs": …, "kind": … }`),
      v.description("The publisher's connection ends for good at this time."),
    ),
  ),
});

/** The parsed scenario leaves `$schema` out: it names a file's schema, not part of the scenario. */
export function withoutSchemaKey<T extends { $schema?: string | undefined }>(
  scenario: T,
): Omit<T, "$schema"> {
  const copy = { ...scenario };
  delete copy.$schema;
  return copy;
}

export const ScenarioSchema = v.pipe(
  plainObject(ScenarioObject, "a JSON object"),
  v.transform(withoutSchemaKey),
  v.title("MQTT QoS Lab scenario"),
  v.description(
    "What happens in one run of the simulator: QoS, hops, sessions, messages and which packets are lost. See scenario-format.md.",
  ),
);

// ---------------------------------------------------------------------------------------------
// Types and defaults, from the schema

/** A scenario with every default filled in: what the simulator runs and what the trace echoes. */
export type Scenario = v.InferOutput<typeof ScenarioSchema>;
export type MessageSpec = v.InferOutput<typeof MessageObject>;
/** One lost transmission: the `attempt`-th time `packet` is sent for `message` on `hop`. */
export type Fault = v.InferOutput<typeof FaultObject>;
export type Timing = v.InferOutput<typeof TimingObject>;

/** What a TypeScript caller may pass to parseScenario: a `Scenario` is also a `ScenarioInput`. */
export type ScenarioInput = v.InferInput<typeof ScenarioSchema>;

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
  "profiles",
  "receiveMaximum",
  "refusals",
  "sessionExpiryS",
  "broker",
  "will",
  "publisherEnd",
] as const satisfies readonly (keyof Scenario)[];

/** The known keys of each object of the format, by where it sits ("[]": any entry of a list). */
export const OBJECT_KEYS: ReadonlyMap<string, readonly string[]> = new Map([
  ["", Object.keys(ScenarioObject.entries)],
  ["session", Object.keys(SessionObject.entries)],
  ["subscriber", Object.keys(SubscriberObject.entries)],
  ["qos2Delivery", Object.keys(Qos2DeliveryObject.entries)],
  ["messages[]", Object.keys(MessageObject.entries)],
  ["faults[]", Object.keys(FaultObject.entries)],
  ["timing", Object.keys(TimingObject.entries)],
  ["profiles", Object.keys(ProfilesObject.entries)],
  ["receiveMaximum", Object.keys(ReceiveMaximumObject.entries)],
  ["refusals[]", Object.keys(RefusalObject.entries)],
  ["subscriber.offline[]", Object.keys(OfflineObject.entries)],
  ["sessionExpiryS", Object.keys(SessionExpiryObject.entries)],
  ["broker", Object.keys(BrokerObject.entries)],
  ["broker.persistence", Object.keys(AutosaveObject.entries)],
  ["broker.restarts[]", Object.keys(RestartObject.entries)],
  ["will", Object.keys(WillObject.entries)],
  ["publisherEnd", Object.keys(PublisherEndObject.entries)],
]);
