/**
 * What the packet decoders share: the facts they collect, their context, and the reader of
 * length-prefixed strings. Pure.
 */
import type { Protocol } from "../protocol/types.ts";
import type { PropertyValues } from "./properties.ts";
import { count, hexOf, quote, type Reader, utf8OrNull } from "./reader.ts";
import { pick, ref } from "./spec.ts";

/** What the fields say, as values rather than text (the inspector's summary and tests use them). */
export interface PacketFacts {
  qos?: number;
  dup?: boolean;
  retain?: boolean;
  packetId?: number;
  topic?: string;
  /** The payload as text, when it is valid UTF-8. */
  payload?: string;
  payloadHex?: string;
  /** CONNECT: Clean Session (3.1.1) or Clean Start (5.0). */
  clean?: boolean;
  /** CONNECT: the Protocol Level byte, without the bridge bit. */
  protocolLevel?: number;
  clientId?: string;
  keepAlive?: number;
  /** CONNECT 5.0: seconds, 0 when absent. */
  sessionExpiry?: number;
  sessionPresent?: boolean;
  /** CONNACK 3.1.1. */
  returnCode?: number;
  /** 5.0 CONNACK and acknowledgements; 0 when an acknowledgement omits it. */
  reasonCode?: number;
  properties?: PropertyValues;
  /** SUBSCRIBE 5.0: the subscription options. */
  retainAsPublished?: boolean;
  retainHandling?: number;
  /** CONNECT: the will's QoS and RETAIN flag, when it has one. */
  willQos?: number;
  willRetain?: boolean;
  /** CONNECT 5.0: the will's properties (Will Delay Interval, Message Expiry Interval). */
  willProperties?: PropertyValues;
}

export interface Ctx {
  r: Reader;
  protocol: Protocol;
  facts: PacketFacts;
}

export function bin(value: number, width: number): string {
  return value.toString(2).padStart(width, "0");
}

/**
 * A length-prefixed string or binary field: records "<name> length" and "<name>" and returns the
 * text (null if binary or not UTF-8). The content field is recorded even when empty, so an empty
 * client id or topic is visible.
 */
export function lengthPrefixed(
  { r, protocol }: Ctx,
  name: string,
  explanation: string,
  spec: string,
  binary = false,
): string | null {
  const n = r.u16(`${name} length`);
  r.field(2, {
    name: `${name} length`,
    value: n === 0 ? "0 (empty)" : count(n),
    explanation: `Two-byte big-endian length of the ${name.toLowerCase()} that follows.`,
    // 3.1.1 has no section on binary data; its fields describe their own length prefix.
    spec: binary
      ? protocol === "5.0"
        ? ref(protocol, "1.5.6")
        : spec
      : ref(protocol, pick(protocol, "1.5.3", "1.5.4")),
  });
  r.need(n, name, r.pos);
  const bytes = r.bytes.subarray(r.pos, r.pos + n);
  const text = binary ? null : utf8OrNull(bytes);
  if (!binary && text === null) {
    r.problem(
      `Malformed: ${name} is not valid UTF-8 ${ref(protocol, pick(protocol, "1.5.3", "1.5.4"), pick(protocol, "[MQTT-1.5.3-1]", "[MQTT-1.5.4-1]"))}.`,
    );
  }
  if (text?.includes("\u0000")) {
    r.problem(`Malformed: ${name} contains U+0000 ${pick(protocol, "[MQTT-1.5.3-2]", "[MQTT-1.5.4-2]")}.`);
  }
  const value = n === 0 ? '"" (empty)' : text === null ? hexOf(bytes) : quote(text);
  r.field(n, { name, value, explanation, spec });
  return text;
}
