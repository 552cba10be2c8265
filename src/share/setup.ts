import {
  PROTOCOLS,
  QOS2_DELIVERIES,
  QOS_LEVELS,
  RETRANSMIT_MODES,
  SESSION_KINDS,
  type Protocol,
  type Qos,
  type Qos2Delivery,
  type Retransmit,
  type Scenario,
  type SessionKind,
} from "../sim/types.ts";

/**
 * The set-up: the few scenario fields the set-up form edits and the short descriptions (the
 * collapsed set-up bar, the embed code's iframe title) tell. The form only reads and writes these
 * fields; everything else (faults, messages, timing) is kept as it was.
 */
export interface Setup {
  publishQos: Qos;
  hops: 1 | 2;
  subscriberQos: Qos;
  retransmit: Retransmit;
  /** "mixed" when publisher and subscriber sessions differ (only editable in the JSON). */
  session: SessionKind | "mixed";
  protocol: Protocol;
  brokerDelivery: Qos2Delivery;
  subscriberDelivery: Qos2Delivery;
  dedupe: boolean;
}

/** Reads the form's view of a scenario (with defaults filled in, as echoed by the trace). */
export function setupOf(scenario: Scenario): Setup {
  const { publisher, subscriber } = scenario.session;
  return {
    publishQos: scenario.publishQos,
    hops: scenario.subscriber ? 2 : 1,
    subscriberQos: scenario.subscriber?.qos ?? scenario.publishQos,
    retransmit: scenario.retransmit,
    session: publisher === subscriber ? publisher : "mixed",
    protocol: scenario.protocol,
    brokerDelivery: scenario.qos2Delivery.broker,
    subscriberDelivery: scenario.qos2Delivery.subscriber,
    dedupe: scenario.dedupe,
  };
}

/** The set-up in a few words: "QoS 2, two hops (subscription QoS 1), clean session, …". */
export function describeSetupShort(setup: Setup): string {
  const hops = setup.hops === 2 ? `two hops (subscription QoS ${setup.subscriberQos})` : "one hop";
  const session = setup.session === "mixed" ? "mixed sessions" : `${setup.session} session`;
  const resend = setup.retransmit === "on-reconnect" ? "resend after reconnect" : "resend on timeout";
  return `QoS ${setup.publishQos}, ${hops}, ${session}, ${resend}, MQTT ${setup.protocol}`;
}

type Json = Record<string, unknown>;

/** The JSON text as an object, or null when it is not a JSON object. */
export function parseObject(text: string): Json | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : null;
  } catch {
    return null;
  }
}

function pick<T>(allowed: readonly T[], value: unknown): T | undefined {
  return allowed.find((option) => option === value);
}

/**
 * The form's view of JSON that is not (yet) a valid scenario: every form field the JSON states
 * with a value the form can show wins over `fallback`, so the form never contradicts the text.
 */
export function overlaySetup(raw: Json | null, fallback: Setup): Setup {
  if (!raw) return fallback;
  const setup = { ...fallback };
  setup.protocol = pick(PROTOCOLS, raw.protocol) ?? setup.protocol;
  setup.retransmit = pick(RETRANSMIT_MODES, raw.retransmit) ?? setup.retransmit;
  setup.publishQos = pick(QOS_LEVELS, raw.publishQos) ?? setup.publishQos;
  const subscriber = raw.subscriber as { qos?: unknown } | null | undefined;
  if (subscriber === undefined) setup.hops = 1;
  else if (typeof subscriber === "object" && subscriber !== null) {
    setup.hops = 2;
    setup.subscriberQos = pick(QOS_LEVELS, subscriber.qos) ?? setup.subscriberQos;
  }
  const session = raw.session as { publisher?: unknown; subscriber?: unknown } | string | null | undefined;
  if (typeof session === "string") setup.session = pick(SESSION_KINDS, session) ?? setup.session;
  else if (typeof session === "object" && session !== null) {
    const publisher = pick(SESSION_KINDS, session.publisher);
    const other = pick(SESSION_KINDS, session.subscriber);
    if (publisher && other) setup.session = publisher === other ? publisher : "mixed";
  }
  const delivery = raw.qos2Delivery as { broker?: unknown; subscriber?: unknown } | null | undefined;
  if (typeof delivery === "object" && delivery !== null) {
    setup.brokerDelivery = pick(QOS2_DELIVERIES, delivery.broker) ?? setup.brokerDelivery;
    setup.subscriberDelivery = pick(QOS2_DELIVERIES, delivery.subscriber) ?? setup.subscriberDelivery;
  }
  if (typeof raw.dedupe === "boolean") setup.dedupe = raw.dedupe;
  return setup;
}

const FORM_KEYS = ["protocol", "retransmit", "session", "publishQos", "subscriber", "qos2Delivery", "dedupe"];

/** An object's fields but `qos`; nothing for anything else. */
function otherFields(value: unknown): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== "qos"));
}

/** Writes the set-up into a raw scenario object, form fields first, the rest kept in order. */
export function applySetup(raw: Json, setup: Setup): Json {
  const rest = Object.fromEntries(Object.entries(raw).filter(([key]) => !FORM_KEYS.includes(key)));
  return {
    protocol: setup.protocol,
    retransmit: setup.retransmit,
    session: setup.session === "mixed" ? raw.session : setup.session,
    publishQos: setup.publishQos,
    // The subscriber's other fields (offline periods, a late join, retain options) stay as they were.
    ...(setup.hops === 2 ? { subscriber: { ...otherFields(raw.subscriber), qos: setup.subscriberQos } } : {}),
    qos2Delivery: { broker: setup.brokerDelivery, subscriber: setup.subscriberDelivery },
    dedupe: setup.dedupe,
    ...rest,
  };
}

/** Scenario JSON as the editor shows it. */
export function toJsonText(raw: object): string {
  return JSON.stringify(raw, null, 2);
}
