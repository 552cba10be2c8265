/**
 * PUBLISH and its acknowledgements PUBACK, PUBREC, PUBREL, PUBCOMP: the packets of the QoS flows.
 * Pure; each function reads from the cursor and records fields.
 */
import { bin, type Ctx, lengthPrefixed } from "./fields.ts";
import { readProperties } from "./properties.ts";
import { count, hexOf, quote, type BitField, utf8OrNull } from "./reader.ts";
import { omittedReason, reasonField } from "./reasonField.ts";
import { pick, ref } from "./spec.ts";

const QOS_MEANING = ["at most once", "at least once", "exactly once", "invalid"] as const;

/** The PUBLISH flags of the first byte (3.3.1): DUP, QoS, RETAIN. */
export function publishBits(c: Ctx, flags: number): BitField[] {
  const p = c.protocol;
  const dup = (flags & 0b1000) !== 0;
  const qos = (flags >> 1) & 0b11;
  const retain = (flags & 1) !== 0;
  Object.assign(c.facts, { dup, qos, retain });
  if (qos === 3) c.r.problem(`Malformed: both QoS bits are set ${ref(p, "3.3.1.2", "[MQTT-3.3.1-4]")}.`);
  if (dup && qos === 0)
    c.r.problem(`Malformed: DUP is set on a QoS 0 PUBLISH ${ref(p, "3.3.1.1", "[MQTT-3.3.1-2]")}.`);
  return [
    {
      name: "DUP",
      bits: "3",
      value: dup ? "1" : "0",
      meaning: dup ? "1 = this may be a resend" : "0 = first attempt",
      spec: ref(p, "3.3.1.1", "[MQTT-3.3.1-1]", "[MQTT-3.3.1-2]"),
      ok: !(dup && qos === 0),
    },
    {
      name: "QoS",
      bits: "2-1",
      value: bin(qos, 2),
      meaning: `${qos} = ${QOS_MEANING[qos]}`,
      spec: ref(p, "3.3.1.2", "[MQTT-3.3.1-4]"),
      ok: qos !== 3,
    },
    {
      name: "RETAIN",
      bits: "0",
      value: retain ? "1" : "0",
      meaning: retain ? "1 = the broker keeps it for future subscribers" : "0 = not retained",
      spec: ref(p, "3.3.1.3"),
      ok: true,
    },
  ];
}

export function publishBody(c: Ctx): void {
  const { r, protocol: p, facts } = c;
  const qos = facts.qos ?? 0;
  const topic = lengthPrefixed(
    c,
    "Topic name",
    "The topic the message goes to; the broker forwards it to each matching subscriber at the lower of this QoS and the QoS granted to the subscription.",
    ref(p, "3.3.2.1", "[MQTT-3.3.2-1]"),
  );
  if (topic !== null) facts.topic = topic;

  if (qos > 0) {
    const id = r.u16("Packet identifier");
    facts.packetId = id;
    if (id === 0) r.problem(`Malformed: a QoS ${qos} PUBLISH needs a non-zero packet identifier.`);
    r.field(2, {
      name: "Packet identifier",
      value: id === 0 ? "0 (invalid: must be non-zero)" : String(id),
      explanation:
        qos === 1
          ? "Ties this PUBLISH to its PUBACK; a resend reuses the same id, and the id is free again once the PUBACK arrives."
          : "Ties this PUBLISH to its PUBREC, PUBREL and PUBCOMP; a resend reuses the same id, which is how the receiver avoids delivering it twice.",
      spec: ref(p, [pick(p, "2.3.1", "2.2.1"), "3.3.2.2"], pick(p, "[MQTT-2.3.1-1]", "[MQTT-2.2.1-3]")),
    });
  } else {
    r.field(0, {
      name: "Packet identifier",
      value: "none (QoS 0)",
      explanation:
        "A QoS 0 PUBLISH has no packet identifier because nothing acknowledges it: it is sent once and never resent.",
      spec: ref(p, pick(p, "2.3.1", "2.2.1"), pick(p, "[MQTT-2.3.1-5]", "[MQTT-2.2.1-2]")),
    });
  }

  if (p === "5.0") {
    const props = readProperties(r, "PUBLISH", "3.3.2.3.1");
    if (Object.keys(props).length) facts.properties = props;
  }

  const bytes = r.bytes.subarray(r.pos, r.end);
  const text = utf8OrNull(bytes);
  if (text !== null) facts.payload = text;
  facts.payloadHex = hexOf(bytes);
  const size = count(bytes.length);
  r.field(bytes.length, {
    name: "Payload",
    value:
      bytes.length === 0
        ? "(empty)"
        : text === null
          ? `${hexOf(bytes)} (${size}, binary)`
          : `${quote(text)} (${size})`,
    explanation:
      "The application message itself, opaque to MQTT; the QoS decides whether it arrives at most once, at least once or exactly once.",
    spec: ref(p, "3.3.3"),
  });
}

// --- PUBACK, PUBREC, PUBREL, PUBCOMP ---------------------------------------------------------

const ACKS = {
  PUBACK: {
    section: "3.4",
    id: "The id of the QoS 1 PUBLISH being acknowledged; when the sender gets this, the message is done and the id is free again.",
  },
  PUBREC: {
    section: "3.5",
    id: "The id of the QoS 2 PUBLISH the receiver now holds; the sender answers PUBREL and never resends that PUBLISH.",
  },
  PUBREL: {
    section: "3.6",
    id: "The id of the QoS 2 message being released; the receiver answers PUBCOMP, even for an id it no longer knows.",
  },
  PUBCOMP: {
    section: "3.7",
    id: "The id of the QoS 2 message whose handshake ends here; both sides forget it and the id is free again.",
  },
} as const;

export type AckType = keyof typeof ACKS;

export function isAck(type: string): type is AckType {
  return type in ACKS;
}

export function ackBody(c: Ctx, type: AckType): void {
  const { r, protocol: p, facts } = c;
  const ack = ACKS[type];
  const id = r.u16("Packet identifier");
  facts.packetId = id;
  // 3.1.1 names no statement for PUBCOMP's id; [MQTT-2.3.1-6] covers PUBACK, PUBREC and PUBREL.
  const ids = p === "5.0" ? ["[MQTT-2.2.1-5]"] : type === "PUBCOMP" ? [] : ["[MQTT-2.3.1-6]"];
  r.field(2, {
    name: "Packet identifier",
    value: String(id),
    explanation: ack.id,
    spec: ref(p, `${ack.section}.2`, ...ids),
  });
  if (p !== "5.0") return;

  if (r.pos >= r.end) {
    omittedReason(
      c,
      type,
      "With a Remaining Length of 2 the reason code and properties are left out, and that means 0x00 Success with no properties.",
    );
    return;
  }
  reasonField(c, type);
  // A Remaining Length under 4 means no Property Length, taken as 0 (5.0 §3.4.2.2.1 and siblings).
  if (r.pos < r.end) {
    const props = readProperties(r, type, `${ack.section}.2.2.1`);
    if (Object.keys(props).length) facts.properties = props;
  }
}
