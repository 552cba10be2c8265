/**
 * What the engine asks the encoder to put on the wire (`WirePacket`) and what it gets back
 * (`Encoding`), without the encoder: the simulator imports this, not wire.ts, so the page can draw
 * its first diagram before the encoder (mqtt-packet and the `buffer` polyfill) has loaded.
 */
import type { PacketType, Protocol, Qos } from "./types.ts";

export interface WirePacket {
  packet: PacketType;
  protocol: Protocol;
  packetId?: number | undefined;
  qos?: Qos | undefined;
  dup?: boolean | undefined;
  retain?: boolean | undefined;
  topic?: string | undefined;
  payload?: string | undefined;
  /** CONNECT */
  clientId?: string | undefined;
  /** CONNECT: the session is to be discarded (3.1.1 CleanSession, 5.0 Clean Start). */
  clean?: boolean | undefined;
  /** CONNACK */
  sessionPresent?: boolean | undefined;
  /**
   * MQTT 5.0 reason code of PUBACK, PUBREC, PUBREL, PUBCOMP, CONNACK, DISCONNECT; SUBACK's granted
   * QoS or refusal. Absent: success (0x00). Ignored by 3.1.1 except CONNACK's return code and SUBACK.
   */
  reasonCode?: number | undefined;
  /** MQTT 5.0 properties, by mqtt-packet's names (receiveMaximum, messageExpiryInterval, ...). 5.0 only. */
  properties?: WireProperties | undefined;
  /** SUBSCRIBE: the one subscription it asks for. */
  subscription?: WireSubscription | undefined;
  /** CONNECT: the client's will message. */
  will?: WireWill | undefined;
}

/** The MQTT 5.0 properties this project puts on the wire (mqtt-packet's names). */
export interface WireProperties {
  receiveMaximum?: number;
  sessionExpiryInterval?: number;
  messageExpiryInterval?: number;
  willDelayInterval?: number;
  maximumQoS?: number;
  retainAvailable?: boolean;
  reasonString?: string;
}

export interface WireSubscription {
  topic: string;
  qos: Qos;
  /** 5.0 subscription options [MQTT-3.8.3-…]: ignored by 3.1.1. */
  retainAsPublished?: boolean;
  retainHandling?: 0 | 1 | 2;
}

export interface WireWill {
  topic: string;
  payload: string;
  qos: Qos;
  retain: boolean;
  /** 5.0 will properties (willDelayInterval, messageExpiryInterval). */
  properties?: WireProperties;
}

export interface Encoding {
  bytes: Uint8Array;
  /** Lower-case hex, one byte per pair, separated by spaces: "40 02 00 01". */
  hex: string;
}

/** Session Expiry Interval a 5.0 client asks for when it wants its session kept (seconds). */
export const PERSISTENT_SESSION_EXPIRY_S = 3600;

/** Turns one packet into its bytes: wire.ts's `encode` (the simulator takes it as a dependency). */
export type Encode = (packet: WirePacket) => Encoding;
