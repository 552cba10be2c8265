/** Protocol-level vocabulary shared by the machines, the wire encoder and the simulator. */

export type Protocol = "3.1.1" | "5.0";
export type Qos = 0 | 1 | 2;
/** Where a QoS 2 receiver hands the message on (spec Figure 4.3): Method A or Method B. */
export type Qos2Delivery = "on-pubrel" | "on-publish";
/** The packets a scenario's fault may name (scenario-format.md: a fixed list). */
export type FaultPacketType = "PUBLISH" | "PUBACK" | "PUBREC" | "PUBREL" | "PUBCOMP" | "CONNECT" | "CONNACK";
/**
 * Every packet a trace may show. SUBSCRIBE/SUBACK (a late subscriber) and DISCONNECT (a graceful
 * end, a server shutting down) appear only in scenarios that use the dimensions that send them.
 */
export type PacketType = FaultPacketType | "SUBSCRIBE" | "SUBACK" | "DISCONNECT";

export const PROTOCOLS: readonly Protocol[] = ["3.1.1", "5.0"];
export const QOS_LEVELS: readonly Qos[] = [0, 1, 2];
export const QOS2_DELIVERIES: readonly Qos2Delivery[] = ["on-pubrel", "on-publish"];
/** The packets a fault may name, in the format's order. */
export const PACKET_TYPES: readonly FaultPacketType[] = [
  "PUBLISH",
  "PUBACK",
  "PUBREC",
  "PUBREL",
  "PUBCOMP",
  "CONNECT",
  "CONNACK",
];
/** Every packet type a trace may show: the fault packets first, in the same positions. */
export const ALL_PACKET_TYPES: readonly PacketType[] = [...PACKET_TYPES, "SUBSCRIBE", "SUBACK", "DISCONNECT"];
/** Each packet type's position in ALL_PACKET_TYPES: a small number for packed keys and counters. */
export const PACKET_INDEX = Object.fromEntries(ALL_PACKET_TYPES.map((t, i) => [t, i])) as Record<
  PacketType,
  number
>;

/** Whether a fault may name this packet type (the trace's SUBSCRIBE, SUBACK, DISCONNECT: not yet). */
export function isFaultPacket(packet: PacketType): packet is FaultPacketType {
  return PACKET_INDEX[packet] < PACKET_TYPES.length;
}
