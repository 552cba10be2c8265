/**
 * What a statistics run simulates: its input, defaults and limits, and how one chunk of it becomes
 * a simulator scenario. Pure (no DOM, no clock, no Math.random).
 */
import {
  DEFAULT_TIMING,
  MAX_DELAY_MS,
  MAX_MESSAGES,
  MAX_PAYLOAD_BYTES,
  parseScenarioOrThrow,
} from "../sim/scenario.ts";
import type { Protocol, Qos, Qos2Delivery, Retransmit, Scenario, SessionKind } from "../sim/types.ts";

/** One statistics run: `messages` isolated messages at one QoS over a link losing each transmission with `probability`. */
export interface StatisticsInput {
  qos: Qos;
  /** Probability that any one transmission (PUBLISH, ack, CONNECT, CONNACK) is lost: 0 … MAX_PROBABILITY. */
  probability: number;
  /** How many messages to simulate: 1 … 100,000. */
  messages: number;
  /** Seed of the random losses: same input, seed and chunk size, same result. */
  seed: number;
  /** 1: publisher → broker; 2: publisher → broker → subscriber (subscribed at the same QoS). Default 1. */
  hops?: 1 | 2;
  /** Default "persistent" for both clients. */
  session?: SessionKind | { publisher: SessionKind; subscriber: SessionKind };
  /** Default "on-reconnect" (MQTT as written). */
  retransmit?: Retransmit;
  /** Default "5.0", or "3.1.1" with "on-timeout" (MQTT 5.0 forbids timer resends). */
  protocol?: Protocol;
  /** PUBLISH payload size in bytes (ASCII filler): 0 … 65,535. Default 20. */
  payloadBytes?: number;
  /** Default "plant/line1/batch". */
  topic?: string;
  /** One-way link latency. Default 40 ms. */
  latencyMs?: number;
  /** "on-timeout" resend timer. Default 500 ms. */
  timeoutMs?: number;
  /** "on-reconnect" pause before CONNECT. Default 300 ms. */
  reconnectDelayMs?: number;
  /** Where QoS 2 receivers deliver (both the broker and the subscriber). Default "on-pubrel" (Method A). */
  qos2Delivery?: Qos2Delivery;
  /** The final application ignores messages it already processed. Default false. */
  dedupe?: boolean;
}

/**
 * Upper bound of the loss probability. Beyond it reconnects fail so often (CONNECT and CONNACK are
 * lost too) that exchanges grow heavy tails: at p = 0.35 with two hops at QoS 1 one message in 2,000
 * took 333 simulated seconds (every duplicate is a new flow on the second hop, and all flows in flight
 * must survive the same connection), and at 0.4 a chunk can exceed the simulator's step limit.
 */
export const MAX_PROBABILITY = 0.3;
export const DEFAULT_PAYLOAD_BYTES = 20;
export const DEFAULT_TOPIC = "plant/line1/batch";
/** Messages per simulate() call by default: progress every ~0.1–1 s, a trace of a few MB at most. */
export const DEFAULT_CHUNK = 2000;
export const MAX_CHUNK = 10_000;
/**
 * The gap between publishes: one simulated hour, as far apart as the simulator allows. Each message
 * is then an isolated trial: its whole exchange, every resend and reconnect it causes included, is
 * over long before the next message starts (at the default timings one recovery takes < 1 s, so a
 * message would need thousands of failed attempts to reach the next; only latencies of tens of
 * seconds shrink the margin). Cutting the stream into chunks (each starting on a fresh connection,
 * as every message finds it anyway) therefore changes which random numbers are drawn, not the
 * distribution; and simulated time is free (the clock jumps from event to event). Every result
 * reports `isolated`, checked rather than assumed.
 * The price: the statistics leave out what a busy link adds — there a connection break would take
 * other messages in flight with it.
 */
export const PUBLISH_INTERVAL_MS = MAX_DELAY_MS;

/** The input with every default filled in. */
export type ResolvedInput = Required<Omit<StatisticsInput, "session">> & {
  session: { publisher: SessionKind; subscriber: SessionKind };
};

function check(ok: boolean, field: string, expected: string, got: unknown): void {
  if (!ok) throw new RangeError(`${field}: expected ${expected}; got ${String(got)}`);
}

/** Fills in defaults and checks the statistics-only fields (the scenario's own are checked by the simulator). */
export function resolveInput(input: StatisticsInput): ResolvedInput {
  const p = input.probability;
  check(Number.isFinite(p) && p >= 0 && p <= MAX_PROBABILITY, "probability", `0 … ${MAX_PROBABILITY}`, p);
  const n = input.messages;
  check(Number.isInteger(n) && n >= 1 && n <= MAX_MESSAGES, "messages", `an integer 1 … ${MAX_MESSAGES}`, n);
  check(Number.isFinite(input.seed), "seed", "a finite number", input.seed);
  const payloadBytes = input.payloadBytes ?? DEFAULT_PAYLOAD_BYTES;
  check(
    Number.isInteger(payloadBytes) && payloadBytes >= 0 && payloadBytes <= MAX_PAYLOAD_BYTES,
    "payloadBytes",
    `an integer 0 … ${MAX_PAYLOAD_BYTES}`,
    payloadBytes,
  );
  const hops = input.hops ?? 1;
  check(hops === 1 || hops === 2, "hops", "1 or 2", hops);
  const retransmit = input.retransmit ?? "on-reconnect";
  const session = input.session ?? "persistent";
  return {
    qos: input.qos,
    probability: p,
    messages: n,
    seed: input.seed,
    hops,
    session: typeof session === "string" ? { publisher: session, subscriber: session } : session,
    retransmit,
    protocol: input.protocol ?? (retransmit === "on-timeout" ? "3.1.1" : "5.0"),
    payloadBytes,
    topic: input.topic ?? DEFAULT_TOPIC,
    latencyMs: input.latencyMs ?? DEFAULT_TIMING.latencyMs,
    timeoutMs: input.timeoutMs ?? DEFAULT_TIMING.timeoutMs,
    reconnectDelayMs: input.reconnectDelayMs ?? DEFAULT_TIMING.reconnectDelayMs,
    qos2Delivery: input.qos2Delivery ?? "on-pubrel",
    dedupe: input.dedupe ?? false,
  };
}

/**
 * The validated scenario for a chunk of `size` messages (slice `messages` for a shorter last chunk).
 * Throws ScenarioError when the simulator refuses the set-up (e.g. "on-timeout" with 5.0).
 */
export function chunkScenario(input: ResolvedInput, size: number): Scenario {
  const message = { topic: input.topic, payload: "x".repeat(input.payloadBytes), retain: false };
  return parseScenarioOrThrow({
    protocol: input.protocol,
    retransmit: input.retransmit,
    session: input.session,
    publishQos: input.qos,
    ...(input.hops === 2 ? { subscriber: { qos: input.qos } } : {}),
    qos2Delivery: { broker: input.qos2Delivery, subscriber: input.qos2Delivery },
    dedupe: input.dedupe,
    // One shared object: the encoder memoises by the strings it is given.
    messages: Array.from({ length: size }, () => message),
    timing: {
      latencyMs: input.latencyMs,
      timeoutMs: input.timeoutMs,
      reconnectDelayMs: input.reconnectDelayMs,
      publishIntervalMs: PUBLISH_INTERVAL_MS,
    },
  });
}

/**
 * The loss seed of chunk `index`: a 32-bit hash (murmur3's finaliser) of the run's seed and the
 * index, so neighbouring chunks get unrelated random streams.
 */
export function chunkSeed(seed: number, index: number): number {
  let h = (seed >>> 0) ^ Math.imul(index + 1, 0x9e3779b9);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Every number field of the statistics view, with what it accepts: one table, so the page, its
 * messages and the calculations agree. `divides`: a calculation divides by the value, so 0 is
 * refused even where `min` is 0. Values are in the field's own unit (the loss field is in %).
 */
export const NUMBER_FIELDS = {
  lossPercent: { label: "Loss p (%)", integer: false, min: 0, max: MAX_PROBABILITY * 100, divides: false },
  messages: { label: "Messages", integer: true, min: 1, max: MAX_MESSAGES, divides: false },
  seed: { label: "Seed", integer: true, min: 0, max: 2 ** 31, divides: false },
  devices: { label: "Devices", integer: true, min: 1, max: 10_000_000, divides: false },
  // The number of messages per hour and day divides by the interval.
  intervalS: { label: "Publish every (s)", integer: false, min: 0.001, max: 86_400, divides: true },
  payloadBytes: { label: "Payload (bytes)", integer: true, min: 0, max: MAX_PAYLOAD_BYTES, divides: false },
  // Transmit time is bits / bit rate.
  bitRate: { label: "Bit rate (bit/s)", integer: false, min: 1, max: 1e9, divides: true },
  // The "× QoS 0" ratios divide by QoS 0's charge, which is transmit time × this current.
  // A floor above 0 keeps those ratios finite (a denormal current would make them Infinity).
  txCurrentMa: { label: "Transmit current (mA)", integer: false, min: 0.001, max: 10_000, divides: true },
  ackWaitMs: { label: "Ack wait per phase (ms)", integer: false, min: 0, max: 60_000, divides: false },
  ackWaitCurrentMa: {
    label: "Current while waiting (mA)",
    integer: false,
    min: 0,
    max: 10_000,
    divides: false,
  },
} as const satisfies Record<string, NumberRule>;

/** What one number field accepts. */
export interface NumberRule {
  /** Names the field in every message. */
  label: string;
  integer: boolean;
  min: number;
  max: number;
  /** A calculation divides by it: 0 is refused. */
  divides: boolean;
}

export type NumberFieldName = keyof typeof NUMBER_FIELDS;

/** A field's text read: the number, or a message that starts with the field's label. */
export type FieldReading = { ok: true; value: number } | { ok: false; message: string };

/** Plain decimal notation only: no hex, no "Infinity", no blanks inside (what `Number()` would take). */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

const shown = (v: number) => v.toLocaleString("en-US", { maximumFractionDigits: 3 });

/** The text as typed, short enough for one sentence. */
function clipped(text: string): string {
  const t = text.trim();
  return t.length > 24 ? `${t.slice(0, 23)}…` : t;
}

/**
 * Reads a number field's text against its rule. Never throws; a value returned is finite and
 * within the rule; a message says which field and what it expects. It quotes the text only once
 * it is known to be digits: nothing typed, such as "NaN", is echoed.
 */
export function readNumber(rule: NumberRule, text: string): FieldReading {
  const kind = rule.integer ? "a whole number" : "a number";
  const lowest = rule.divides && rule.min <= 0 ? "above 0" : `from ${shown(rule.min)}`;
  const expected = `${kind} ${lowest} to ${shown(rule.max)}`;
  const refuse = (why: string): FieldReading => ({ ok: false, message: `${rule.label}: ${why}.` });
  const trimmed = text.trim();
  if (trimmed === "") return refuse(`enter ${expected}`);
  if (!DECIMAL.test(trimmed)) return refuse(`not a number; expected ${expected}`);
  const value = Number(trimmed);
  // Digits alone can still overflow ("1e999") or fall below the smallest double ("1e-999" → 0).
  if (!Number.isFinite(value)) return refuse(`too large; expected ${expected}`);
  if (rule.integer && !Number.isInteger(value))
    return refuse(`expected a whole number; got ${clipped(text)}`);
  if (value === 0 && rule.divides) return refuse(`cannot be 0, as the calculation divides by it`);
  if (value < 0 && rule.min >= 0) return refuse(`cannot be negative; expected ${expected}`);
  if (value < rule.min || value > rule.max) return refuse(`expected ${expected}; got ${clipped(text)}`);
  return { ok: true, value: Object.is(value, -0) ? 0 : value };
}

/** `readNumber` for a field of the statistics view, by name. */
export function readField(name: NumberFieldName, text: string): FieldReading {
  return readNumber(NUMBER_FIELDS[name], text);
}
