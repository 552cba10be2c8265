/**
 * MQTT 5.0 reason codes of the QoS acknowledgements (PUBACK §3.4.2.1, PUBREC §3.5.2.1, PUBREL
 * §3.6.2.1, PUBCOMP §3.7.2.1), each with its meaning in words: what explanations and the packet
 * inspector say about a code. Pure data.
 */
import type { PacketType } from "./types.ts";

export interface ReasonCodeInfo {
  code: number;
  name: string;
  /** One sentence: what the receiver says with it. */
  meaning: string;
  /** The packets that may carry it. */
  packets: readonly PacketType[];
  /** The spec's section of the table that lists it. */
  spec: string;
}

const PUB_ACKS: readonly PacketType[] = ["PUBACK", "PUBREC"];
const PUB_RELEASES: readonly PacketType[] = ["PUBREL", "PUBCOMP"];

/** Every reason code a PUBACK, PUBREC, PUBREL or PUBCOMP may carry, in code order. */
export const ACK_REASON_CODES: readonly ReasonCodeInfo[] = [
  {
    code: 0x00,
    name: "Success",
    meaning: "the message is accepted (PUBREL, PUBCOMP: the packet identifier is released)",
    packets: [...PUB_ACKS, ...PUB_RELEASES],
    spec: "§3.4.2.1, §3.5.2.1, §3.6.2.1, §3.7.2.1",
  },
  {
    code: 0x10,
    name: "No matching subscribers",
    meaning: "the message is accepted, but nobody subscribes to its topic",
    packets: PUB_ACKS,
    spec: "§3.4.2.1, §3.5.2.1",
  },
  {
    code: 0x80,
    name: "Unspecified error",
    meaning: "the receiver does not accept the message and does not say why",
    packets: PUB_ACKS,
    spec: "§3.4.2.1, §3.5.2.1",
  },
  {
    code: 0x83,
    name: "Implementation specific error",
    meaning: "the message is valid, but the receiver's implementation does not accept it",
    packets: PUB_ACKS,
    spec: "§3.4.2.1, §3.5.2.1",
  },
  {
    code: 0x87,
    name: "Not authorized",
    meaning: "the sender is not authorized to publish this message",
    packets: PUB_ACKS,
    spec: "§3.4.2.1, §3.5.2.1",
  },
  {
    code: 0x90,
    name: "Topic Name invalid",
    meaning: "the topic name is well formed but not accepted by the receiver",
    packets: PUB_ACKS,
    spec: "§3.4.2.1, §3.5.2.1",
  },
  {
    code: 0x91,
    name: "Packet Identifier in use",
    meaning: "the packet identifier is already in use for another flow",
    packets: PUB_ACKS,
    spec: "§3.4.2.1, §3.5.2.1",
  },
  {
    code: 0x92,
    name: "Packet Identifier not found",
    meaning: "no flow with this packet identifier is known (not an error during session recovery)",
    packets: PUB_RELEASES,
    spec: "§3.6.2.1, §3.7.2.1",
  },
  {
    code: 0x97,
    name: "Quota exceeded",
    meaning: "an implementation or administrative quota is exceeded",
    packets: PUB_ACKS,
    spec: "§3.4.2.1, §3.5.2.1",
  },
  {
    code: 0x99,
    name: "Payload format invalid",
    meaning: "the payload does not match its Payload Format Indicator",
    packets: PUB_ACKS,
    spec: "§3.4.2.1, §3.5.2.1",
  },
];

const BY_CODE = new Map(ACK_REASON_CODES.map((info) => [info.code, info]));

/** What an acknowledgement's reason code means, or undefined for a code none of them may carry. */
export function ackReasonCode(code: number): ReasonCodeInfo | undefined {
  return BY_CODE.get(code);
}

/** A code of 0x80 or more is a refusal: the flow ends there [MQTT-4.4.0-2]. */
export function isRefusal(code: number): boolean {
  return code >= 0x80;
}

/** The codes a PUBACK or PUBREC may refuse a PUBLISH with (what `refusals[].reasonCode` accepts). */
export const REFUSAL_CODES: readonly number[] = ACK_REASON_CODES.filter(
  (info) => isRefusal(info.code) && info.packets.includes("PUBACK"),
).map((info) => info.code);

/** "0x87 Not authorized", or "0x42" for a code the table does not know. */
export function reasonCodeLabel(code: number): string {
  const hex = `0x${code.toString(16).toUpperCase().padStart(2, "0")}`;
  const info = BY_CODE.get(code);
  return info === undefined ? hex : `${hex} ${info.name}`;
}
