/**
 * On-the-wire sizes of one QoS exchange on one hop, from the real encoder (mqtt-packet via
 * encode()). MQTT bytes only: TCP/IP, TLS and radio framing are not included. Pure.
 */
import { encode } from "../protocol/wire.ts";
import type { PacketType, Protocol, Qos } from "../sim/types.ts";

/** The packets of one exchange on one hop, in order, as the claims count them (1 / 2 / 4). */
export const EXCHANGE: Readonly<Record<Qos, readonly PacketType[]>> = {
  0: ["PUBLISH"],
  1: ["PUBLISH", "PUBACK"],
  2: ["PUBLISH", "PUBREC", "PUBREL", "PUBCOMP"],
};

/** Packets the publishing device itself transmits per exchange (the others it receives). */
export const DEVICE_SENDS: Readonly<Record<Qos, readonly PacketType[]>> = {
  0: ["PUBLISH"],
  1: ["PUBLISH"],
  2: ["PUBLISH", "PUBREL"],
};

/** A payload of `bytes` UTF-8 bytes (ASCII filler: only its size matters). */
export function payloadOf(bytes: number): string {
  return "x".repeat(bytes);
}

/** Encoded size of one packet of a QoS `qos` exchange (packet id 1; ids are always two bytes). */
export function packetSize(
  packet: PacketType,
  qos: Qos,
  topic: string,
  payload: string,
  protocol: Protocol,
): number {
  if (packet === "PUBLISH")
    return encode({ packet, protocol, qos, packetId: 1, topic, payload }).bytes.length;
  return encode({ packet, protocol, packetId: 1 }).bytes.length;
}

/** Sum of the encoded sizes of `packets`. */
export function sizeOf(
  packets: readonly PacketType[],
  qos: Qos,
  topic: string,
  payload: string,
  protocol: Protocol,
): number {
  let total = 0;
  for (const packet of packets) total += packetSize(packet, qos, topic, payload, protocol);
  return total;
}

/** Bytes of MQTT's variable-length "remaining length" field for a value (spec §1.5.5). */
export function varintLength(value: number): number {
  return value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4;
}

/**
 * PUBLISH size as a function of payload size, from one real encoding at payload 0: the payload adds
 * its bytes, and the remaining-length field grows at 128 and 16,384 (checked against encode() in the
 * tests). For scanning thousands of payload sizes without encoding each.
 */
export function publishSizeFunction(
  qos: Qos,
  topic: string,
  protocol: Protocol,
): (payloadBytes: number) => number {
  const base = packetSize("PUBLISH", qos, topic, "", protocol);
  let remaining = base - 2;
  for (let field = 1; field <= 4; field++) {
    if (varintLength(base - 1 - field) === field) {
      remaining = base - 1 - field;
      break;
    }
  }
  return (payloadBytes) => 1 + varintLength(remaining + payloadBytes) + remaining + payloadBytes;
}
