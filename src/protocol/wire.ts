/**
 * The one place that turns a packet into bytes, with mqtt-packet (real MQTT encoding).
 *
 * Encodings are memoised: a simulation sends the same few packets over and over (a PUBACK for id 1
 * is always 40 02 00 01), and mqtt-packet's generate() dominates the cost of a run otherwise.
 * Pure from the caller's point of view: same packet in, same bytes out.
 */
import type { Packet } from "mqtt-packet";
import { generate } from "./generate.ts";
import { PACKET_INDEX } from "./types.ts";
import {
  PERSISTENT_SESSION_EXPIRY_S,
  type Encoding,
  type WirePacket,
  type WireProperties,
  type WireWill,
} from "./wirePacket.ts";

// The description stays importable from here too (the tests, the trace's types).
export { PERSISTENT_SESSION_EXPIRY_S };
export type { Encoding, WirePacket, WireProperties, WireWill };

const KEEPALIVE_S = 60;
const CACHE_LIMIT = 20_000;

/**
 * Two-level cache: the string part (protocol, client id, topic, payload) is made of strings the
 * caller already holds, so most look-ups hash no new string; the rest is packed into a number.
 */
const cache = new Map<string, Map<string, Map<number, Encoding>>>();
let cached = 0;

function numericKey(p: WirePacket): number {
  const flags = (p.dup ? 1 : 0) | (p.retain ? 2 : 0) | (p.clean ? 4 : 0) | (p.sessionPresent ? 8 : 0);
  return (
    ((((p.packetId ?? 0) * 3 + (p.qos ?? 0)) * 16 + flags) * 8 + PACKET_INDEX[p.packet]) * 2 +
    (p.protocol === "5.0" ? 1 : 0)
  );
}

/** 5.0 only: the properties, when there are any; 3.1.1 has none. */
function props(p: WirePacket, base?: WireProperties): { properties?: WireProperties } {
  if (p.protocol !== "5.0") return {};
  const merged = { ...base, ...p.properties };
  return Object.keys(merged).length > 0 ? { properties: merged } : {};
}

/** An acknowledgement: 5.0 with an explicit reason code (0 gives the short 4-byte form). */
function ack<C extends "puback" | "pubrec" | "pubrel" | "pubcomp">(cmd: C, p: WirePacket) {
  const messageId = p.packetId ?? 0;
  return p.protocol === "5.0"
    ? { cmd, messageId, reasonCode: p.reasonCode ?? 0, ...props(p) }
    : { cmd, messageId };
}

function toMqttPacket(p: WirePacket): Packet {
  const v5 = p.protocol === "5.0";
  const messageId = p.packetId ?? 0;
  switch (p.packet) {
    case "PUBLISH":
      return {
        cmd: "publish",
        topic: p.topic ?? "",
        payload: p.payload ?? "",
        qos: p.qos ?? 0,
        // A QoS 0 PUBLISH always has DUP=0 [MQTT-3.3.1-2].
        dup: (p.qos ?? 0) > 0 && p.dup === true,
        retain: p.retain === true,
        ...((p.qos ?? 0) > 0 ? { messageId } : {}),
        ...props(p),
      };
    // Never pass `dup` on an ack: mqtt-packet 9.0.2 throws.
    case "PUBACK":
      return ack("puback", p);
    case "PUBREC":
      return ack("pubrec", p);
    case "PUBREL":
      return ack("pubrel", p);
    case "PUBCOMP":
      return ack("pubcomp", p);
    case "CONNECT":
      return {
        cmd: "connect",
        clientId: p.clientId ?? "",
        protocolVersion: v5 ? 5 : 4,
        clean: p.clean === true,
        keepalive: KEEPALIVE_S,
        // 5.0 keeps a session only with a Session Expiry Interval > 0 (spec §3.1.2.11.2).
        ...props(p, v5 && !p.clean ? { sessionExpiryInterval: PERSISTENT_SESSION_EXPIRY_S } : {}),
        ...(p.will ? { will: willOf(p.will, v5) } : {}),
      };
    case "CONNACK":
      return v5
        ? {
            cmd: "connack",
            sessionPresent: p.sessionPresent === true,
            reasonCode: p.reasonCode ?? 0,
            ...props(p),
          }
        : { cmd: "connack", sessionPresent: p.sessionPresent === true, returnCode: p.reasonCode ?? 0 };
    case "SUBSCRIBE": {
      const s = p.subscription ?? { topic: "#", qos: 0 };
      return {
        cmd: "subscribe",
        messageId,
        subscriptions: [
          {
            topic: s.topic,
            qos: s.qos,
            ...(v5 ? { nl: false, rap: s.retainAsPublished === true, rh: s.retainHandling ?? 0 } : {}),
          },
        ],
        ...props(p),
      };
    }
    case "SUBACK":
      return { cmd: "suback", messageId, granted: [p.reasonCode ?? 0], ...props(p) };
    case "DISCONNECT":
      return v5 ? { cmd: "disconnect", reasonCode: p.reasonCode ?? 0, ...props(p) } : { cmd: "disconnect" };
  }
}

function willOf(will: WireWill, v5: boolean) {
  return {
    topic: will.topic,
    payload: will.payload,
    qos: will.qos,
    retain: will.retain,
    ...(v5 && will.properties ? { properties: will.properties } : {}),
  };
}

function hasExtras(p: WirePacket): boolean {
  return (
    p.reasonCode !== undefined ||
    p.properties !== undefined ||
    p.subscription !== undefined ||
    p.will !== undefined
  );
}

function extrasKey(p: WirePacket): string {
  return JSON.stringify([p.reasonCode, p.properties, p.subscription, p.will]);
}

export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i++) {
    if (i > 0) out += " ";
    out += (bytes[i] as number).toString(16).padStart(2, "0");
  }
  return out;
}

/** Encodes one packet with mqtt-packet for its protocol version. Memoised. */
export function encode(p: WirePacket): Encoding {
  const base = p.packet === "CONNECT" ? (p.clientId ?? "") : (p.topic ?? "");
  // The rarer fields join the string part of the key: they are absent from the common packets.
  const outer = hasExtras(p) ? `${base}\u0000${extrasKey(p)}` : base;
  const inner = p.payload ?? "";
  let byPayload = cache.get(outer);
  if (!byPayload) cache.set(outer, (byPayload = new Map()));
  let byKey = byPayload.get(inner);
  if (!byKey) byPayload.set(inner, (byKey = new Map()));
  const key = numericKey(p);
  const hit = byKey.get(key);
  if (hit) return hit;
  // A fresh array (generate.ts copies every chunk), so the cache owns it.
  const bytes = generate(toMqttPacket(p), { protocolVersion: p.protocol === "5.0" ? 5 : 4 });
  const encoding = { bytes, hex: toHex(bytes) };
  if (++cached > CACHE_LIMIT) {
    cache.clear();
    cached = 0;
  }
  byKey.set(key, encoding);
  return encoding;
}
