/**
 * The MQTT rules that tie scenario fields together, in plain code: the schema checks each field on
 * its own, these read the raw input so that they are reported together with every other problem.
 */

import * as v from "valibot";
import { field, isPlainObject, ownItems, type Obj } from "./plainData.ts";
import { expected, type Finding } from "./scenarioErrors.ts";
import { LIST_BOUNDS, ScenarioObject, TimingObject } from "./scenarioSchema.ts";
import { queueRules } from "./queueRules.ts";
import { retainRules, willMessageSlot } from "./retainRules.ts";

/** Every cross-field rule the input breaks. A rule only judges fields that are valid on their own. */
export function checkRules(input: unknown): Finding[] {
  if (!isPlainObject(input)) return [];
  const protocol = field(input, "protocol") ?? DEFAULT_PROTOCOL;
  return [
    ...retransmitRule(input),
    ...faultRules(input),
    ...resendTimerRule(input),
    ...retainRules(input),
    ...scheduleRule(input),
    ...receiveMaximumRule(input),
    ...refusalRules(input),
    ...restartRules(input),
    ...queueRules(input, protocol),
    ...lateOfflineRule(input),
  ];
}

/** The defaults these rules need, from the schema. */
const DEFAULT_PROTOCOL = v.getDefault(ScenarioObject.entries.protocol);
const DEFAULT_MESSAGE_COUNT = v.getDefault(ScenarioObject.entries.messages).length;

/** MQTT 5.0: "Clients and Servers MUST NOT resend messages at any other time" [MQTT-4.4.0-1]. */
function retransmitRule(input: Obj): Finding[] {
  const given = field(input, "protocol");
  // An invalid protocol (null included) is the schema's to report: only 5.0, given or default, is judged.
  const protocol = given === undefined ? DEFAULT_PROTOCOL : given;
  if (field(input, "retransmit") !== "on-timeout" || protocol !== "5.0") return [];
  const which = given === undefined ? `protocol "5.0" (the default)` : `protocol "5.0"`;
  return [
    {
      path: ["retransmit"],
      message:
        `"on-timeout" is not allowed with ${which}: MQTT 5.0 forbids resending at any time other than ` +
        `reconnect [MQTT-4.4.0-1]; use "protocol": "3.1.1" or "retransmit": "on-reconnect"`,
    },
  ];
}

/**
 * A fault on "broker-subscriber" needs a second hop; a fault names one of the scenario's messages
 * (its message number is ignored for CONNECT and CONNACK, scenario-format.md). The second message
 * replaces the schema's, whose bound is only the format's limit.
 */
function faultRules(input: Obj): Finding[] {
  const faults = field(input, "faults");
  if (!Array.isArray(faults) || faults.length > LIST_BOUNDS.faults.max) return [];
  const twoHops = field(input, "subscriber") !== undefined;
  const listed = messageCount(field(input, "messages"));
  // A fault may name the will's PUBLISH too: it is message N + 1.
  const count = listed === undefined ? undefined : listed + willMessageSlot(input);
  const found: Finding[] = [];
  ownItems(faults).forEach((fault, i) => {
    if (!isPlainObject(fault)) return;
    if (field(fault, "hop") === "broker-subscriber" && !twoHops) {
      found.push({
        path: ["faults", i, "hop"],
        message:
          `"broker-subscriber" exists only with two hops, which need "subscriber": { "qos": … }; ` +
          `this scenario has one hop (publisher-broker)`,
      });
    }
    const packet = field(fault, "packet");
    const message = field(fault, "message");
    const connection = packet === "CONNECT" || packet === "CONNACK";
    if (connection || count === undefined || message === undefined) return;
    if (Number.isInteger(message) && (message as number) >= 1 && (message as number) <= count) return;
    found.push({
      path: ["faults", i, "message"],
      message: expected(`an integer from 1 to ${count}`, message),
    });
  });
  return found;
}

/** How many messages the scenario has, when `messages` is valid enough to say. */
function messageCount(messages: unknown): number | undefined {
  if (messages === undefined) return DEFAULT_MESSAGE_COUNT;
  const { min, max } = LIST_BOUNDS.messages;
  if (!Array.isArray(messages) || messages.length < min || messages.length > max) return undefined;
  return messages.length;
}

/**
 * A resend timer far below the round trip resends every packet dozens of times before its
 * acknowledgement can arrive, and on two hops every copy is forwarded and resent again: the trace
 * would explode. Half the one-way latency (four copies per round trip) still shows the effect.
 */
function resendTimerRule(input: Obj): Finding[] {
  if (field(input, "retransmit") !== "on-timeout") return [];
  const timing = field(input, "timing") ?? {};
  if (!isPlainObject(timing)) return [];
  const latencyMs = validOrDefault(timing, "latencyMs");
  const timeoutMs = validOrDefault(timing, "timeoutMs");
  if (latencyMs === undefined || timeoutMs === undefined) return [];
  const minimum = latencyMs / 2;
  if (timeoutMs >= minimum) return [];
  return [
    {
      path: ["timing", "timeoutMs"],
      message:
        `expected at least half of timing.latencyMs (${minimum}) in "on-timeout" mode; got ${timeoutMs}: ` +
        `a shorter timer resends every packet many times before its acknowledgement can arrive`,
    },
  ];
}

/** A timing field's value as the schema reads it; undefined when invalid (the schema says why). */
function validOrDefault(timing: Obj, key: "latencyMs" | "timeoutMs"): number | undefined {
  const result = v.safeParse(TimingObject.entries[key], field(timing, key));
  return result.success ? result.output : undefined;
}

/** Messages are published in order: a message's `atMs` is never earlier than the one before's. */
function scheduleRule(input: Obj): Finding[] {
  const messages = field(input, "messages");
  if (!Array.isArray(messages) || messageCount(messages) === undefined) return [];
  const timing = field(input, "timing") ?? {};
  const interval = isPlainObject(timing) ? validTiming(timing, "publishIntervalMs") : undefined;
  if (interval === undefined) return [];
  const found: Finding[] = [];
  // Each message's publish time: its own atMs, else the previous one's plus the interval (first: 0).
  let previous: number | undefined;
  ownItems(messages).forEach((message, i) => {
    const raw = isPlainObject(message) ? field(message, "atMs") : undefined;
    const at = typeof raw === "number" && Number.isFinite(raw) && raw >= 0 ? raw : undefined;
    if (at !== undefined && previous !== undefined && at < previous) {
      found.push({
        path: ["messages", i, "atMs"],
        message: expected(
          `a time >= ${previous} (message ${i}'s publish time): messages are published in order`,
          at,
        ),
      });
    }
    previous = at ?? (previous === undefined ? 0 : previous + interval);
  });
  return found;
}

/** The subscriber's Receive Maximum needs a subscriber. */
function receiveMaximumRule(input: Obj): Finding[] {
  const rm = field(input, "receiveMaximum");
  if (!isPlainObject(rm) || field(rm, "subscriber") === undefined) return [];
  if (field(input, "subscriber") !== undefined) return [];
  return [
    {
      path: ["receiveMaximum", "subscriber"],
      message: `the subscriber's Receive Maximum needs a subscriber: add "subscriber": { "qos": … }`,
    },
  ];
}

/**
 * A refusal is a reason code on a PUBACK or PUBREC: MQTT 5.0 only (3.1.1 acknowledgements carry
 * none), on a hop that exists, for one of the scenario's messages, at QoS 1 or 2 on that hop (a
 * QoS 0 PUBLISH has no acknowledgement), once per message and hop.
 */
function refusalRules(input: Obj): Finding[] {
  const refusals = field(input, "refusals");
  if (!Array.isArray(refusals) || refusals.length === 0 || refusals.length > LIST_BOUNDS.refusals.max)
    return [];
  const protocol = field(input, "protocol") ?? DEFAULT_PROTOCOL;
  if (protocol === "3.1.1") {
    return [
      {
        path: ["refusals"],
        message:
          `refusals need "protocol": "5.0": a 3.1.1 PUBACK or PUBREC carries no reason code, ` +
          `so a 3.1.1 receiver cannot refuse a PUBLISH (remove "refusals" or use 5.0)`,
      },
    ];
  }
  const messages = field(input, "messages");
  const count = messageCount(messages);
  const subscriber = field(input, "subscriber");
  const found: Finding[] = [];
  const seen = new Set<string>();
  ownItems(refusals).forEach((refusal, i) => {
    if (!isPlainObject(refusal)) return;
    const hop = field(refusal, "hop") ?? "publisher-broker";
    const message = field(refusal, "message");
    if (hop === "broker-subscriber" && subscriber === undefined) {
      found.push({
        path: ["refusals", i, "hop"],
        message: `"broker-subscriber" exists only with two hops, which need "subscriber": { "qos": … }`,
      });
      return;
    }
    if (typeof message !== "number" || !Number.isInteger(message) || count === undefined) return;
    if (message < 1 || message > count) {
      found.push({
        path: ["refusals", i, "message"],
        message: expected(`an integer from 1 to ${count}`, message),
      });
      return;
    }
    const key = `${String(hop)}:${message}`;
    if (seen.has(key)) {
      found.push({
        path: ["refusals", i],
        message: `message ${message} is already refused on ${String(hop)}`,
      });
      return;
    }
    seen.add(key);
    const qos = hopQos(input, messages, message, hop);
    if (qos === 0) {
      found.push({
        path: ["refusals", i, "message"],
        message: `message ${message} goes at QoS 0 on ${String(hop)}: a QoS 0 PUBLISH has no PUBACK or PUBREC to refuse it with`,
      });
    }
  });
  return found;
}

/** The QoS of a message's PUBLISH on a hop, when the fields are valid enough to say. */
function hopQos(input: Obj, messages: unknown, message: number, hop: unknown): number | undefined {
  const entry = Array.isArray(messages) ? ownItems(messages)[message - 1] : undefined;
  const own = isPlainObject(entry) ? field(entry, "qos") : undefined;
  const published = own ?? field(input, "publishQos");
  if (published !== 0 && published !== 1 && published !== 2) return undefined;
  if (hop !== "broker-subscriber") return published;
  const subscriber = field(input, "subscriber");
  const granted = isPlainObject(subscriber) ? field(subscriber, "qos") : undefined;
  if (granted !== 0 && granted !== 1 && granted !== 2) return undefined;
  return Math.min(published, granted);
}

/** A timing field's value as the schema reads it (default included); undefined when invalid. */
function validTiming(timing: Obj, key: "publishIntervalMs"): number | undefined {
  const result = v.safeParse(TimingObject.entries[key], field(timing, key));
  return result.success ? result.output : undefined;
}

/**
 * Broker restarts: each begins after the previous one has ended (a broker that is down cannot stop
 * again), and they need the "on-reconnect" model: "on-timeout" draws a connection that never
 * breaks, and a restart ends every connection.
 */
function restartRules(input: Obj): Finding[] {
  const broker = field(input, "broker");
  if (!isPlainObject(broker)) return [];
  const restarts = field(broker, "restarts");
  if (
    !Array.isArray(restarts) ||
    restarts.length === 0 ||
    restarts.length > LIST_BOUNDS["broker.restarts"].max
  )
    return [];
  const found: Finding[] = [];
  if (field(input, "retransmit") === "on-timeout") {
    found.push({
      path: ["broker", "restarts"],
      message:
        'broker restarts need "retransmit": "on-reconnect": a restart ends every connection, and ' +
        '"on-timeout" models a connection that never breaks',
    });
  }
  let endsAt: number | undefined;
  ownItems(restarts).forEach((restart, i) => {
    if (!isPlainObject(restart)) return;
    const atMs = field(restart, "atMs");
    const downMs = field(restart, "downMs");
    if (typeof atMs !== "number" || typeof downMs !== "number") return;
    if (endsAt !== undefined && atMs < endsAt) {
      found.push({
        path: ["broker", "restarts", i, "atMs"],
        message: expected(`a time at or after ${endsAt}, when the previous restart ends`, atMs),
      });
    }
    endsAt = atMs + downMs;
  });
  return found;
}

/**
 * A late subscriber connects first at `joinAtMs`: before that it has no connection to lose, so an
 * offline period cannot start earlier (the engine would otherwise CONNECT twice at the join).
 */
function lateOfflineRule(input: Obj): Finding[] {
  const subscriber = field(input, "subscriber");
  if (!isPlainObject(subscriber)) return [];
  const joinAtMs = field(subscriber, "joinAtMs");
  const offline = field(subscriber, "offline");
  if (typeof joinAtMs !== "number" || !Number.isFinite(joinAtMs) || !Array.isArray(offline)) return [];
  const found: Finding[] = [];
  ownItems(offline).forEach((period, i) => {
    const atMs = isPlainObject(period) ? field(period, "atMs") : undefined;
    if (typeof atMs !== "number" || !Number.isFinite(atMs) || atMs >= joinAtMs) return;
    found.push({
      path: ["subscriber", "offline", i, "atMs"],
      message: expected(
        `a time >= subscriber.joinAtMs (${joinAtMs}): a subscriber that has not joined yet cannot go offline`,
        atMs,
      ),
    });
  });
  return found;
}
