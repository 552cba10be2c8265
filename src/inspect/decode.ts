/**
 * Decodes one MQTT packet's bytes into fields for the inspector: where each field's bytes are, what
 * they say and which spec section says so. Pure and self-contained (no mqtt-packet), so the inspector
 * costs nothing at first paint. Never throws: bad input gives what could be read plus `error`.
 */
import type { Protocol } from "../protocol/types.ts";
import { connackBody, connectBody } from "./connect.ts";
import { bin, type Ctx, type PacketFacts } from "./fields.ts";
import { ackBody, isAck, publishBits, publishBody } from "./publish.ts";
import { disconnectBody, subackBody, subscribeBody } from "./subscribe.ts";
import { type BitField, count, type DecodedField, Reader, Stop } from "./reader.ts";
import { hex2, pick, ref, TYPE_NAMES, type TypeName } from "./spec.ts";

export type { DecodedField } from "./reader.ts";
export type { PacketFacts } from "./fields.ts";
export type { TypeName } from "./spec.ts";

/** The result of decodePacket: fields in byte order, tiling the bytes exactly once. */
export interface DecodedPacket {
  /** From the first byte's high nibble; absent when there was no byte to read. */
  type?: TypeName;
  /** One line: "PUBLISH, QoS 2, DUP, packet id 1, 38 bytes". */
  summary: string;
  /** Number of bytes decoded. */
  size: number;
  fields: DecodedField[];
  facts: PacketFacts;
  /** Every rule the bytes break, or why decoding stopped; absent for a well-formed packet. */
  error?: string;
}

/** Reserved flag values of the first byte's low nibble, for every type but PUBLISH. */
const RESERVED_0010 = new Set<TypeName>(["PUBREL", "SUBSCRIBE", "UNSUBSCRIBE"]);

/**
 * Decodes `hex` (bytes as hex pairs, spaces optional, as in PacketEvent.hex) as a packet of the
 * given protocol version. Pure; never throws.
 */
export function decodePacket(hex: string, protocol: Protocol): DecodedPacket {
  const bytes = parseHex(hex);
  if (typeof bytes === "string")
    return { summary: "Not a packet", size: 0, fields: [], facts: {}, error: bytes };
  const r = new Reader(bytes);
  const c: Ctx = { r, protocol: protocol === "5.0" ? "5.0" : "3.1.1", facts: {} };
  let type: TypeName | undefined;
  try {
    if (bytes.length === 0) throw new Stop("Empty: there are no bytes to decode.");
    const t = TYPE_NAMES[(bytes[0] as number) >> 4] as TypeName;
    type = t;
    decodeInto(c, t);
  } catch (e) {
    r.problem(e instanceof Stop ? e.message : `Decoder error: ${String(e)}`);
    if (r.pos < bytes.length) {
      r.leaveAll();
      r.field(bytes.length - r.pos, {
        name: "Undecoded bytes",
        value: count(bytes.length - r.pos),
        explanation: "Bytes the decoder could not place in a field, because of the problem above.",
        spec: ref(c.protocol, pick(c.protocol, "2", "2.1")),
      });
    }
  }
  const error = r.problems.length ? r.problems.join(" ") : undefined;
  return {
    ...(type ? { type } : {}),
    summary: summarize(type, c, bytes.length, error),
    size: bytes.length,
    fields: r.fields,
    facts: c.facts,
    ...(error ? { error } : {}),
  };
}

/** The bytes, or why `hex` is not hex. */
function parseHex(hex: string): Uint8Array | string {
  const digits = String(hex).replace(/\s+/g, "");
  if (!/^[0-9a-fA-F]*$/.test(digits)) return "Not hex: only 0-9, a-f and spaces are allowed.";
  if (digits.length % 2) return "Not hex: an odd number of hex digits.";
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

function decodeInto(c: Ctx, type: TypeName): void {
  const { r, protocol: p } = c;
  firstByte(c, type);

  const rl = r.vbi("Remaining Length");
  const end = 1 + rl.length + rl.value;
  r.short = end > r.bytes.length;
  if (!rl.minimal) r.problem("Malformed: Remaining Length is not in its shortest form [MQTT-1.5.5-1].");
  if (r.short) {
    r.problem(
      `Truncated: the Remaining Length announces ${rl.value} bytes but only ${r.bytes.length - 1 - rl.length} follow.`,
    );
  }
  r.field(rl.length, {
    name: "Remaining Length",
    value: `${count(rl.value)} follow`,
    explanation:
      "How many bytes follow this field, 7 bits per byte plus a continuation bit; it is how the receiver finds where this packet ends in the byte stream.",
    spec: p === "5.0" ? ref(p, ["2.1.4", "1.5.5"], "[MQTT-1.5.5-1]") : ref(p, "2.2.3"),
  });

  r.enter(end, "the packet");
  if (type === "PUBLISH") publishBody(c);
  else if (isAck(type)) ackBody(c, type);
  else if (type === "CONNECT") connectBody(c);
  else if (type === "CONNACK") connackBody(c);
  else if (type === "SUBSCRIBE") subscribeBody(c);
  else if (type === "SUBACK") subackBody(c);
  else if (type === "DISCONNECT") disconnectBody(c);
  else if (r.pos < r.end) {
    r.field(r.end - r.pos, {
      name: "Variable header and payload",
      value: `${count(r.end - r.pos)} (not decoded)`,
      explanation: `The simulator never sends ${type}, so this inspector leaves its body undecoded.`,
      spec: ref(p, pick(p, "2", "2.1")),
    });
  }
  if (r.pos < r.end) {
    r.problem(`Malformed: ${count(r.end - r.pos)} left over inside the packet after its last field.`);
    r.field(r.end - r.pos, {
      name: "Unexpected bytes",
      value: count(r.end - r.pos),
      explanation: `The Remaining Length counts these bytes, but a ${p} ${type} has no field for them.`,
      spec: ref(p, pick(p, "2.2.3", "2.1.4")),
    });
  }
  r.leave();
  if (r.pos < r.bytes.length) {
    const extra = r.bytes.length - r.pos;
    r.problem(`${count(extra)} after the end of the packet that the Remaining Length describes.`);
    r.field(extra, {
      name: "Trailing bytes",
      value: count(extra),
      explanation:
        "Bytes beyond this packet's Remaining Length: on a real connection they would start the next packet.",
      spec: ref(p, pick(p, "2.2.3", "2.1.4")),
    });
  }
}

/** The first byte: packet type in the high nibble, flags in the low one, with a bit breakdown. */
function firstByte(c: Ctx, type: TypeName): void {
  const { r, protocol: p } = c;
  const b = r.u8("Packet type and flags");
  const code = b >> 4;
  const flags = b & 0x0f;
  const typeOk = code !== 0 && !(code === 15 && p === "3.1.1");
  if (!typeOk) r.problem(`Malformed: packet type ${code} is reserved in ${p}.`);
  const typeBits: BitField = {
    name: "Packet type",
    bits: "7-4",
    value: bin(code, 4),
    meaning: `${code} = ${typeOk ? type : "reserved"}`,
    spec: ref(p, pick(p, "2.2.1", "2.1.2")),
    ok: typeOk,
  };

  if (type === "PUBLISH") {
    const bits = publishBits(c, flags);
    const f = c.facts;
    r.field(1, {
      name: "Packet type and flags",
      value: `${hex2(b)}: PUBLISH, DUP ${f.dup ? 1 : 0}, QoS ${f.qos}, RETAIN ${f.retain ? 1 : 0}`,
      explanation:
        "The high nibble says PUBLISH; the low nibble carries its delivery flags: DUP (possibly a resend), QoS (which handshake follows) and RETAIN.",
      spec: ref(p, pick(p, ["2.2.1", "3.3.1"], ["2.1.2", "3.3.1"])),
      bits: [typeBits, ...bits],
    });
    return;
  }

  const expected = RESERVED_0010.has(type) ? 0b0010 : 0;
  const flagsOk = flags === expected;
  const pubrel = type === "PUBREL";
  const flagsSpec = pubrel
    ? ref(p, "3.6.1", "[MQTT-3.6.1-1]")
    : ref(p, pick(p, "2.2.2", "2.1.3"), pick(p, "[MQTT-2.2.2-1]", "[MQTT-2.1.3-1]"));
  if (!flagsOk)
    r.problem(`Malformed: ${type} flags must be ${bin(expected, 4)}, not ${bin(flags, 4)} ${flagsSpec}.`);
  r.field(1, {
    name: "Packet type and flags",
    value: `${hex2(b)}: ${type}, flags ${bin(flags, 4)}`,
    explanation: pubrel
      ? "The high nibble says PUBREL; its flags are fixed at 0010, so a resent PUBREL looks exactly like the first: it has no DUP bit."
      : `The high nibble says ${type}; the low nibble is reserved (${bin(expected, 4)}): only PUBLISH carries DUP, QoS and RETAIN flags.`,
    spec: ref(p, pick(p, "2.2.1", "2.1.2")) + ", " + flagsSpec.replace(`${p} `, ""),
    bits: [
      typeBits,
      {
        name: "Reserved",
        bits: "3-0",
        value: bin(flags, 4),
        meaning: flagsOk ? `reserved, must be ${bin(expected, 4)}` : `must be ${bin(expected, 4)}: malformed`,
        spec: flagsSpec,
        ok: flagsOk,
      },
    ],
  });
}

function summarize(type: TypeName | undefined, c: Ctx, size: number, error: string | undefined): string {
  if (!type) return error ?? "Empty";
  const f = c.facts;
  const parts: string[] = [type];
  if (type === "PUBLISH") {
    if (f.qos !== undefined) parts.push(`QoS ${f.qos}`);
    if (f.dup) parts.push("DUP");
    if (f.retain) parts.push("RETAIN");
  }
  if (type === "CONNECT") {
    const v5 = f.protocolLevel === 5;
    const level = f.protocolLevel;
    if (level !== undefined)
      parts.push(level >= 3 && level <= 5 ? `MQTT ${["3.1", "3.1.1", "5.0"][level - 3]}` : `level ${level}`);
    if (f.clean !== undefined)
      parts.push(f.clean ? (v5 ? "Clean Start" : "Clean Session") : "persistent session");
    if (f.sessionExpiry) parts.push(`session expiry ${f.sessionExpiry} s`);
    if (f.clientId !== undefined) parts.push(`client id ${JSON.stringify(f.clientId)}`);
  }
  if (type === "SUBSCRIBE") {
    if (f.topic !== undefined) parts.push(`filter ${JSON.stringify(f.topic)}`);
    if (f.qos !== undefined) parts.push(`QoS ${f.qos}`);
  }
  if (type === "CONNACK" && f.sessionPresent !== undefined)
    parts.push(`Session Present ${f.sessionPresent ? 1 : 0}`);
  if (f.packetId !== undefined) parts.push(`packet id ${f.packetId}`);
  const code = f.reasonCode ?? f.returnCode;
  if (type === "SUBACK" && code !== undefined && code < 0x80) parts.push(`granted QoS ${code}`);
  else if (code) parts.push(`${f.reasonCode !== undefined ? "reason" : "return code"} ${hex2(code)}`);
  parts.push(count(size));
  if (error) parts.push(/Truncated/.test(error) ? "truncated" : "malformed");
  return parts.join(", ");
}
