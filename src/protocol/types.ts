/** Protocol-level vocabulary shared by the machines, the wire encoder and the simulator. */

export type Protocol = "3.1.1" | "5.0";
export type Qos = 0 | 1 | 2;
/** Where a QoS 2 receiver hands the message on (spec Figure 4.3): Method A or Method B. */
export type Qos2Delivery = "on-pubrel" | "on-publish";
export type PacketType = "PUBLISH" | "PUBACK" | "PUBREC" | "PUBREL" | "PUBCOMP" | "CONNECT" | "CONNACK";

export const PROTOCOLS: readonly Protocol[] = ["3.1.1", "5.0"];
export const QOS_LEVELS: readonly Qos[] = [0, 1, 2];
export const QOS2_DELIVERIES: readonly Qos2Delivery[] = ["on-pubrel", "on-publish"];
export const PACKET_TYPES: readonly PacketType[] = [
  "PUBLISH",
  "PUBACK",
  "PUBREC",
  "PUBREL",
  "PUBCOMP",
  "CONNECT",
  "CONNACK",
];
/** Each packet type's position in PACKET_TYPES: a small number for packed keys and counters. */
export const PACKET_INDEX = Object.fromEntries(PACKET_TYPES.map((t, i) => [t, i])) as Record<
  PacketType,
  number
>;
