/**
 * One vocabulary for the scenario in links (and the embed's parameters) and on the element. Each
 * reader accepts both forms' names; each writer keeps emitting its own, so links and tags already
 * published stay byte-identical. Most names are the same in both forms; three differ, and a few
 * exist in one form only (now accepted by the other).
 */

/** One scenario part and its name in each form; `null`: the form has no name of its own for it. */
export interface Term {
  /** The name a link (and the embed) writes. */
  link: string | null;
  /** The name the element's code writes. */
  attribute: string | null;
  /** What it sets, for the README's table. */
  meaning: string;
}

export const VOCABULARY: readonly Term[] = [
  { link: "publishQos", attribute: "qos", meaning: "the publish QoS, 0–2" },
  { link: "subscriber.qos", attribute: "subscriber-qos", meaning: "two hops; the subscription's QoS" },
  { link: null, attribute: "hops", meaning: "1 or 2 hops (2 alone: the subscription takes the publish QoS)" },
  { link: "session", attribute: "session", meaning: "persistent or clean, both clients" },
  { link: "session.publisher", attribute: null, meaning: "the publisher's session" },
  { link: "session.subscriber", attribute: null, meaning: "the subscriber's session" },
  { link: "retransmit", attribute: "retransmit", meaning: "on-reconnect or on-timeout" },
  { link: "protocol", attribute: "protocol", meaning: "5.0 or 3.1.1" },
  { link: "faults", attribute: "drop", meaning: "lost transmissions: [hop/]PACKET[/message[/attempt]],…" },
  { link: "messages", attribute: "messages", meaning: "a count, or (links) a JSON array of messages" },
  { link: null, attribute: "qos2-delivery", meaning: "QoS 2 delivery at every receiver" },
  { link: "qos2Delivery.broker", attribute: null, meaning: "QoS 2 delivery at the broker" },
  { link: "qos2Delivery.subscriber", attribute: null, meaning: "QoS 2 delivery at the subscriber" },
  { link: "dedupe", attribute: "dedupe", meaning: "the application ignores copies it processed" },
  { link: "timing.latencyMs", attribute: null, meaning: "one-way latency, ms" },
  { link: "timing.timeoutMs", attribute: null, meaning: "resend timer, ms (on-timeout)" },
  { link: "timing.reconnectDelayMs", attribute: null, meaning: "reconnect delay, ms" },
  { link: "timing.publishIntervalMs", attribute: null, meaning: "time between messages, ms" },
  {
    link: "profiles",
    attribute: "profiles",
    meaning: "which implementation each party behaves like: mosquitto-2.0, emqx-5,mqttjs-5, spec, …",
  },
  { link: "profiles.broker", attribute: null, meaning: "the broker's profile id" },
  { link: "profiles.publisher", attribute: null, meaning: "the publisher's profile id" },
  { link: "profiles.subscriber", attribute: null, meaning: "the subscriber's profile id" },
  { link: "scenario", attribute: "scenario", meaning: "a whole scenario as JSON; the others override" },
];

/** Every name of the term, the form's own first. */
function names(term: Term, own: "link" | "attribute"): string[] {
  const other = own === "link" ? "attribute" : "link";
  return [term[own], term[other]].filter((n): n is string => n !== null);
}

/** The name a link reader files a parameter under: its link name, else its attribute name. */
const LINK_NAME = new Map(
  VOCABULARY.flatMap((term) => names(term, "link").map((n) => [n, names(term, "link")[0]!])),
);
/** The name the element reader files an attribute under: its attribute name, else its link name. */
const ATTRIBUTE_NAME = new Map(
  VOCABULARY.flatMap((term) => names(term, "attribute").map((n) => [n, names(term, "attribute")[0]!])),
);

/** A parameter name as the link reader knows it (`qos` → `publishQos`); unknown names unchanged. */
export function linkNameOf(name: string): string {
  return LINK_NAME.get(name) ?? name;
}

/** An attribute name as the element reader knows it (`publishQos` → `qos`); unknown names unchanged. */
export function attributeNameOf(name: string): string {
  return ATTRIBUTE_NAME.get(name) ?? name;
}

/** Names links accept only because the element has them (no field of a link's own). */
export const LINK_ONLY_NAMES: readonly string[] = VOCABULARY.filter((t) => t.link === null).map(
  (t) => t.attribute as string,
);

/** The element's names that links read as another name (`qos` for `publishQos`). */
export const LINK_ALIASES: readonly string[] = VOCABULARY.filter(
  (t) => t.link !== null && t.attribute !== null && t.link !== t.attribute,
).map((t) => t.attribute as string);

/** Link names the element accepts with no attribute of its own (`timing.latencyMs`, …). */
export const ATTRIBUTE_ONLY_LINK_NAMES: readonly string[] = VOCABULARY.filter(
  (t) => t.attribute === null,
).map((t) => t.link as string);

/** Link names the element reads as one of its own attributes (`publishQos` for `qos`). */
export const ATTRIBUTE_ALIASES: readonly string[] = VOCABULARY.filter(
  (t) => t.link !== null && t.attribute !== null && t.link !== t.attribute,
).map((t) => t.link as string);

/** What `hops` takes, in both forms. */
export const HOPS_PROBLEM = "expected 1 (publisher → broker) or 2 (… → subscriber)";

// The display options (theme, controls, …) and the words a reader sees on the embed's and the
// element's controls are the other half of this vocabulary: displayVocabulary.ts, a module of its
// own so that the first diagram's script, which reads links with this one, does not carry them.
