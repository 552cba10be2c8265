/** The 5.0 property table (5.0 §2.2.2.2) and each property's own section per packet type. Data only. */

export type Kind = "byte" | "u16" | "u32" | "vbi" | "utf8" | "binary" | "pair";

export interface PropertyDef {
  name: string;
  kind: Kind;
  /** Why it matters; the QoS-relevant ones say how. */
  explanation: string;
}

export const DEFS: Readonly<Record<number, PropertyDef>> = {
  0x01: {
    name: "Payload Format Indicator",
    kind: "byte",
    explanation: "Says whether the payload is UTF-8 text (1) or unspecified bytes (0).",
  },
  0x02: {
    name: "Message Expiry Interval",
    kind: "u32",
    explanation:
      "Seconds after which an undelivered message is dropped, even if it is queued for a QoS 1/2 delivery.",
  },
  0x03: {
    name: "Content Type",
    kind: "utf8",
    explanation: "A MIME-like description of the payload, for the application.",
  },
  0x08: {
    name: "Response Topic",
    kind: "utf8",
    explanation: "The topic a request/response peer should answer on.",
  },
  0x09: {
    name: "Correlation Data",
    kind: "binary",
    explanation: "Opaque bytes that tie a response to its request.",
  },
  0x0b: {
    name: "Subscription Identifier",
    kind: "vbi",
    explanation: "Identifies the subscription that made the broker forward this message.",
  },
  0x11: {
    name: "Session Expiry Interval",
    kind: "u32",
    explanation:
      "How long the session outlives the connection; 0 (or absent) ends it with the connection, so nothing in flight is resent after a reconnect.",
  },
  0x12: {
    name: "Assigned Client Identifier",
    kind: "utf8",
    explanation: "The client id the broker chose because the client sent an empty one.",
  },
  0x13: {
    name: "Server Keep Alive",
    kind: "u16",
    explanation: "The keep alive the broker imposes instead of the client's.",
  },
  0x15: {
    name: "Authentication Method",
    kind: "utf8",
    explanation: "Names the extended authentication method.",
  },
  0x16: {
    name: "Authentication Data",
    kind: "binary",
    explanation: "Data for the extended authentication method.",
  },
  0x17: {
    name: "Request Problem Information",
    kind: "byte",
    explanation: "Whether the broker may add reason strings and user properties on failures.",
  },
  0x18: {
    name: "Will Delay Interval",
    kind: "u32",
    explanation: "Seconds the broker waits before publishing the will message.",
  },
  0x19: {
    name: "Request Response Information",
    kind: "byte",
    explanation: "Asks the broker for response information in CONNACK.",
  },
  0x1a: {
    name: "Response Information",
    kind: "utf8",
    explanation: "A basis the broker suggests for response topics.",
  },
  0x1c: { name: "Server Reference", kind: "utf8", explanation: "Another broker the client should use." },
  0x1f: {
    name: "Reason String",
    kind: "utf8",
    explanation: "A human-readable reason for diagnostics; clients must not act on it.",
  },
  0x21: {
    name: "Receive Maximum",
    kind: "u16",
    explanation:
      "How many QoS 1/2 PUBLISH packets the sender of this property accepts unacknowledged at once (flow control, 5.0 §4.9).",
  },
  0x22: {
    name: "Topic Alias Maximum",
    kind: "u16",
    explanation: "The highest topic alias the sender of this property accepts.",
  },
  0x23: {
    name: "Topic Alias",
    kind: "u16",
    explanation: "A number standing for the topic name, so later PUBLISH packets can send an empty topic.",
  },
  0x24: {
    name: "Maximum QoS",
    kind: "byte",
    explanation: "The highest QoS the broker supports; a client must not publish above it.",
  },
  0x25: {
    name: "Retain Available",
    kind: "byte",
    explanation: "Whether the broker supports retained messages.",
  },
  0x26: { name: "User Property", kind: "pair", explanation: "An application-defined name/value pair." },
  0x27: {
    name: "Maximum Packet Size",
    kind: "u32",
    explanation: "The largest packet the sender of this property accepts.",
  },
  0x28: {
    name: "Wildcard Subscription Available",
    kind: "byte",
    explanation: "Whether the broker supports wildcard subscriptions.",
  },
  0x29: {
    name: "Subscription Identifier Available",
    kind: "byte",
    explanation: "Whether the broker supports subscription identifiers.",
  },
  0x2a: {
    name: "Shared Subscription Available",
    kind: "byte",
    explanation: "Whether the broker supports shared subscriptions.",
  },
};

/** Sections of the properties that have their own, per packet type (5.0 TOC). */
export const SECTIONS: Readonly<Record<string, Readonly<Record<number, string>>>> = {
  CONNECT: {
    0x11: "3.1.2.11.2",
    0x21: "3.1.2.11.3",
    0x27: "3.1.2.11.4",
    0x22: "3.1.2.11.5",
    0x19: "3.1.2.11.6",
    0x17: "3.1.2.11.7",
    0x26: "3.1.2.11.8",
    0x15: "3.1.2.11.9",
    0x16: "3.1.2.11.10",
  },
  WILL: {
    0x18: "3.1.3.2.2",
    0x01: "3.1.3.2.3",
    0x02: "3.1.3.2.4",
    0x03: "3.1.3.2.5",
    0x08: "3.1.3.2.6",
    0x09: "3.1.3.2.7",
    0x26: "3.1.3.2.8",
  },
  CONNACK: {
    0x11: "3.2.2.3.2",
    0x21: "3.2.2.3.3",
    0x24: "3.2.2.3.4",
    0x25: "3.2.2.3.5",
    0x27: "3.2.2.3.6",
    0x12: "3.2.2.3.7",
    0x22: "3.2.2.3.8",
    0x1f: "3.2.2.3.9",
    0x26: "3.2.2.3.10",
    0x28: "3.2.2.3.11",
    0x29: "3.2.2.3.12",
    0x2a: "3.2.2.3.13",
    0x13: "3.2.2.3.14",
    0x1a: "3.2.2.3.15",
    0x1c: "3.2.2.3.16",
    0x15: "3.2.2.3.17",
    0x16: "3.2.2.3.18",
  },
  PUBLISH: {
    0x01: "3.3.2.3.2",
    0x02: "3.3.2.3.3",
    0x23: "3.3.2.3.4",
    0x08: "3.3.2.3.5",
    0x09: "3.3.2.3.6",
    0x26: "3.3.2.3.7",
    0x0b: "3.3.2.3.8",
    0x03: "3.3.2.3.9",
  },
  PUBACK: { 0x1f: "3.4.2.2.2", 0x26: "3.4.2.2.3" },
  PUBREC: { 0x1f: "3.5.2.2.2", 0x26: "3.5.2.2.3" },
  PUBREL: { 0x1f: "3.6.2.2.2", 0x26: "3.6.2.2.3" },
  PUBCOMP: { 0x1f: "3.7.2.2.2", 0x26: "3.7.2.2.3" },
  SUBSCRIBE: { 0x0b: "3.8.2.1.2", 0x26: "3.8.2.1.3" },
  SUBACK: { 0x1f: "3.9.2.1.2", 0x26: "3.9.2.1.3" },
  DISCONNECT: { 0x11: "3.14.2.2.2", 0x1f: "3.14.2.2.3", 0x26: "3.14.2.2.4", 0x1c: "3.14.2.2.5" },
};
