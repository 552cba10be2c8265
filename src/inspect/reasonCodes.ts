/**
 * MQTT 5.0 reason codes (5.0 §2.4, Table 2-6) for the packets that carry one, each with its name,
 * what it means for the flow it answers, and the section of the packet's own table. Pure data.
 *
 * Kept here rather than in src/protocol because only the inspector reads meanings and sections; the
 * engine writes bare numbers (protocol/wire.ts `reasonCode`).
 */

/** The packets whose 5.0 form carries reason codes, as the inspector decodes them. */
export const REASON_PACKETS = [
  "CONNACK",
  "PUBACK",
  "PUBREC",
  "PUBREL",
  "PUBCOMP",
  "SUBACK",
  "DISCONNECT",
] as const;

export type ReasonPacket = (typeof REASON_PACKETS)[number];

/** The section of each packet's reason-code table, and the statement that limits it to that table. */
export const REASON_SECTIONS: Readonly<Record<ReasonPacket, { section: string; statement: string }>> = {
  CONNACK: { section: "3.2.2.2", statement: "[MQTT-3.2.2-8]" },
  PUBACK: { section: "3.4.2.1", statement: "[MQTT-3.4.2-1]" },
  PUBREC: { section: "3.5.2.1", statement: "[MQTT-3.5.2-1]" },
  PUBREL: { section: "3.6.2.1", statement: "[MQTT-3.6.2-1]" },
  PUBCOMP: { section: "3.7.2.1", statement: "[MQTT-3.7.2-1]" },
  SUBACK: { section: "3.9.3", statement: "[MQTT-3.9.3-2]" },
  DISCONNECT: { section: "3.14.2.1", statement: "[MQTT-3.14.2-1]" },
};

interface Entry {
  name: string;
  meaning: string;
  /** The packets whose table lists this code. */
  in: readonly ReasonPacket[];
}

const PUBLISH_ACKS = ["PUBACK", "PUBREC"] as const;
const SERVER_REFUSALS = ["CONNACK", "DISCONNECT"] as const;

/** Table 2-6, restricted to the packets above (UNSUBACK and AUTH are never decoded here). */
const TABLE: Readonly<Record<number, Entry>> = {
  0x00: { name: "Success", meaning: "", in: ["CONNACK", "PUBACK", "PUBREC", "PUBREL", "PUBCOMP"] },
  0x01: {
    name: "Granted QoS 1",
    meaning: "The subscription is accepted at QoS 1: the broker forwards at most QoS 1 on it.",
    in: ["SUBACK"],
  },
  0x02: {
    name: "Granted QoS 2",
    meaning: "The subscription is accepted at QoS 2: the broker forwards at up to QoS 2 on it.",
    in: ["SUBACK"],
  },
  0x04: {
    name: "Disconnect with Will Message",
    meaning:
      "The client ends the connection normally but asks the broker to publish its will anyway (5.0 §3.1.2.5).",
    in: ["DISCONNECT"],
  },
  0x10: {
    name: "No matching subscribers",
    meaning:
      "Accepted, but nobody subscribes to the topic: a success code, so the flow carries on (a broker may send it, it need not).",
    in: PUBLISH_ACKS,
  },
  0x80: {
    name: "Unspecified error",
    meaning: "Refused without saying why.",
    in: ["CONNACK", "PUBACK", "PUBREC", "SUBACK", "DISCONNECT"],
  },
  0x81: { name: "Malformed Packet", meaning: "A packet could not be parsed.", in: SERVER_REFUSALS },
  0x82: {
    name: "Protocol Error",
    meaning: "A packet broke the protocol (for example a repeated QoS 2 PUBLISH a broker would not take).",
    in: SERVER_REFUSALS,
  },
  0x83: {
    name: "Implementation specific error",
    meaning: "Valid, but this implementation will not accept it.",
    in: ["CONNACK", "PUBACK", "PUBREC", "SUBACK", "DISCONNECT"],
  },
  0x84: {
    name: "Unsupported Protocol Version",
    meaning: "The broker does not speak the version the CONNECT asked for.",
    in: ["CONNACK"],
  },
  0x85: { name: "Client Identifier not valid", meaning: "The client id was refused.", in: ["CONNACK"] },
  0x86: { name: "Bad User Name or Password", meaning: "Authentication failed.", in: ["CONNACK"] },
  0x87: {
    name: "Not authorized",
    meaning: "The client may not do this (connect, publish to or subscribe to this topic).",
    in: ["CONNACK", "PUBACK", "PUBREC", "SUBACK", "DISCONNECT"],
  },
  0x88: { name: "Server unavailable", meaning: "The broker cannot take connections now.", in: ["CONNACK"] },
  0x89: { name: "Server busy", meaning: "The broker is busy; try later.", in: SERVER_REFUSALS },
  0x8a: { name: "Banned", meaning: "This client is banned by the administrator.", in: ["CONNACK"] },
  0x8b: {
    name: "Server shutting down",
    meaning: "The broker is going down; the session lives on only if it is kept (persistence).",
    in: ["DISCONNECT"],
  },
  0x8c: {
    name: "Bad authentication method",
    meaning: "The authentication method is not supported.",
    in: SERVER_REFUSALS,
  },
  0x8d: {
    name: "Keep Alive timeout",
    meaning: "Nothing came within 1.5 × the keep alive: the connection is closed and the will is due.",
    in: ["DISCONNECT"],
  },
  0x8e: {
    name: "Session taken over",
    meaning: "Another connection with the same client id took this session.",
    in: ["DISCONNECT"],
  },
  0x8f: {
    name: "Topic Filter invalid",
    meaning: "The topic filter is well formed but not accepted.",
    in: ["SUBACK", "DISCONNECT"],
  },
  0x90: {
    name: "Topic Name invalid",
    meaning: "The topic name is well formed but not accepted.",
    in: ["CONNACK", "PUBACK", "PUBREC", "DISCONNECT"],
  },
  0x91: {
    name: "Packet Identifier in use",
    meaning: "The packet id is already in use for another flow in this session.",
    in: ["PUBACK", "PUBREC", "SUBACK"],
  },
  0x92: {
    name: "Packet Identifier not found",
    meaning:
      "No flow with this id is known: normal during recovery, when the other side already finished with it [MQTT-4.3.3-11].",
    in: ["PUBREL", "PUBCOMP"],
  },
  0x93: {
    name: "Receive Maximum exceeded",
    meaning:
      "More unacknowledged QoS 1/2 PUBLISHes arrived than the receiver's Receive Maximum allows (5.0 §4.9).",
    in: ["DISCONNECT"],
  },
  0x94: { name: "Topic Alias invalid", meaning: "A topic alias out of range was used.", in: ["DISCONNECT"] },
  0x95: {
    name: "Packet too large",
    meaning: "A packet exceeded the Maximum Packet Size.",
    in: SERVER_REFUSALS,
  },
  0x96: { name: "Message rate too high", meaning: "The publish rate is too high.", in: ["DISCONNECT"] },
  0x97: {
    name: "Quota exceeded",
    meaning: "An administrative quota or limit is exceeded (for example too many messages in flight).",
    in: ["CONNACK", "PUBACK", "PUBREC", "SUBACK", "DISCONNECT"],
  },
  0x98: {
    name: "Administrative action",
    meaning: "An administrator closed the connection.",
    in: ["DISCONNECT"],
  },
  0x99: {
    name: "Payload format invalid",
    meaning: "The payload does not match its Payload Format Indicator.",
    in: ["CONNACK", "PUBACK", "PUBREC", "DISCONNECT"],
  },
  0x9a: {
    name: "Retain not supported",
    meaning: "The broker does not keep retained messages (CONNACK Retain Available 0).",
    in: SERVER_REFUSALS,
  },
  0x9b: {
    name: "QoS not supported",
    meaning: "The QoS is above the broker's Maximum QoS (CONNACK Maximum QoS).",
    in: SERVER_REFUSALS,
  },
  0x9c: { name: "Use another server", meaning: "The client should use another broker.", in: SERVER_REFUSALS },
  0x9d: { name: "Server moved", meaning: "The broker has moved for good.", in: SERVER_REFUSALS },
  0x9e: {
    name: "Shared Subscriptions not supported",
    meaning: "The broker does not support shared subscriptions.",
    in: ["SUBACK", "DISCONNECT"],
  },
  0x9f: {
    name: "Connection rate exceeded",
    meaning: "The client connects too often.",
    in: SERVER_REFUSALS,
  },
  0xa0: {
    name: "Maximum connect time",
    meaning: "The connection reached its authorised time limit.",
    in: ["DISCONNECT"],
  },
  0xa1: {
    name: "Subscription Identifiers not supported",
    meaning: "The broker does not support subscription identifiers.",
    in: ["SUBACK", "DISCONNECT"],
  },
  0xa2: {
    name: "Wildcard Subscriptions not supported",
    meaning: "The broker does not support wildcard subscriptions.",
    in: ["SUBACK", "DISCONNECT"],
  },
};

/** What 0x00 means on each packet: the one code whose name and meaning depend on the packet. */
const ZERO: Readonly<Record<ReasonPacket, { name: string; meaning: string }>> = {
  CONNACK: { name: "Success", meaning: "The connection is accepted." },
  PUBACK: { name: "Success", meaning: "The QoS 1 message is accepted; the flow is done and the id is free." },
  PUBREC: { name: "Success", meaning: "The QoS 2 message is accepted; the sender answers PUBREL." },
  PUBREL: { name: "Success", meaning: "The message is released; the receiver answers PUBCOMP." },
  PUBCOMP: { name: "Success", meaning: "The QoS 2 flow is complete; both sides forget the id." },
  SUBACK: {
    name: "Granted QoS 0",
    meaning: "The subscription is accepted at QoS 0: the broker forwards everything on it at QoS 0.",
  },
  DISCONNECT: {
    name: "Normal disconnection",
    meaning:
      "The client leaves on purpose: the broker discards the will and does not publish it [MQTT-3.1.2-10].",
  },
};

/** One reason code as one packet uses it. */
export interface ReasonInfo {
  code: number;
  name: string;
  meaning: string;
  /** At or above 0x80: a refusal or an error. */
  failure: boolean;
  /** "5.0 §3.4.2.1 [MQTT-3.4.2-1]". */
  spec: string;
}

/** The code as `packet` uses it; undefined when the packet's table does not list it. Pure. */
export function reasonInfo(packet: ReasonPacket, code: number): ReasonInfo | undefined {
  const entry = TABLE[code];
  const zero = code === 0 ? ZERO[packet] : undefined;
  if (!zero && !entry?.in.includes(packet)) return undefined;
  const { section, statement } = REASON_SECTIONS[packet];
  return {
    code,
    name: zero?.name ?? (entry as Entry).name,
    meaning: zero?.meaning ?? (entry as Entry).meaning,
    failure: code >= 0x80,
    spec: `5.0 §${section} ${statement}`,
  };
}

/** Every code `packet` may carry, ascending. */
export function reasonCodesOf(packet: ReasonPacket): number[] {
  return Object.keys(TABLE)
    .map(Number)
    .filter((code) => code === 0 || (TABLE[code] as Entry).in.includes(packet))
    .sort((a, b) => a - b);
}
