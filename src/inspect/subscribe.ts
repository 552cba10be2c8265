/**
 * SUBSCRIBE, SUBACK and DISCONNECT: a late subscriber's subscription and its options, what the
 * broker granted, and how a connection ended (which decides the will). Pure; each function reads
 * from the cursor and records fields.
 */
import { bin, type Ctx, lengthPrefixed } from "./fields.ts";
import { readProperties } from "./properties.ts";
import { omittedReason, reasonField } from "./reasonField.ts";
import type { BitField } from "./reader.ts";
import { hex2, pick, ref } from "./spec.ts";

/** 3.1.1 SUBACK return codes (3.1.1 §3.9.3). */
const RETURN_CODES_311: Readonly<Record<number, string>> = {
  0x00: "Success, maximum QoS 0",
  0x01: "Success, maximum QoS 1",
  0x02: "Success, maximum QoS 2",
  0x80: "Failure",
};

const RETAIN_HANDLING = [
  "0 = send retained messages at subscribe",
  "1 = send retained messages only if the subscription is new",
  "2 = never send retained messages at subscribe",
  "3 = reserved (protocol error)",
] as const;

function packetId(c: Ctx, explanation: string, section: string): void {
  const { r, protocol: p, facts } = c;
  const id = r.u16("Packet identifier");
  facts.packetId = id;
  if (id === 0)
    r.problem(
      `Malformed: a ${section === "3.8.2" ? "SUBSCRIBE" : "SUBACK"} needs a non-zero packet identifier.`,
    );
  r.field(2, {
    name: "Packet identifier",
    value: String(id),
    explanation,
    spec: ref(p, section, pick(p, "[MQTT-2.3.1-1]", "[MQTT-2.2.1-3]")),
  });
}

export function subscribeBody(c: Ctx): void {
  const { r, protocol: p, facts } = c;
  packetId(c, "Ties this SUBSCRIBE to its SUBACK.", "3.8.2");
  if (p === "5.0") {
    const props = readProperties(r, "SUBSCRIBE", "3.8.2.1.1");
    if (Object.keys(props).length) facts.properties = props;
  }
  if (r.pos >= r.end)
    r.problem(
      `Malformed: a SUBSCRIBE needs at least one topic filter ${ref(p, "3.8.3", pick(p, "[MQTT-3.8.3-3]", "[MQTT-3.8.3-2]"))}.`,
    );
  while (r.pos < r.end) {
    const filter = lengthPrefixed(
      c,
      "Topic filter",
      "Which topics the subscription matches; the broker forwards each matching PUBLISH to this client.",
      ref(p, "3.8.3", "[MQTT-3.8.3-1]"),
    );
    if (filter !== null) facts.topic = filter;
    const options = r.u8(p === "5.0" ? "Subscription options" : "Requested QoS");
    const qos = options & 0b11;
    facts.qos = qos;
    if (p === "5.0") {
      const rap = (options & 0b1000) !== 0;
      const rh = (options >> 4) & 0b11;
      facts.retainAsPublished = rap;
      facts.retainHandling = rh;
      if (rh === 3) r.problem(`Protocol error: Retain Handling 3 is reserved ${ref(p, "3.8.3.1")}.`);
      if (options & 0xc0)
        r.problem(
          `Malformed: reserved subscription option bits are set ${ref(p, "3.8.3.1", "[MQTT-3.8.3-5]")}.`,
        );
      r.field(1, {
        name: "Subscription options",
        value: `${hex2(options)}: QoS ${qos}${options & 0b100 ? ", No Local" : ""}${rap ? ", Retain As Published" : ""}, Retain Handling ${rh}`,
        explanation:
          "The QoS asked for, and how retained messages reach this subscription: whether they come at subscribe (Retain Handling) and whether forwarded messages keep their RETAIN flag (Retain As Published).",
        spec: ref(p, "3.8.3.1", "[MQTT-3.8.3-5]"),
        bits: optionBits(options),
      });
    } else {
      if (options & 0xfc || qos === 3)
        r.problem(
          `Malformed: reserved bits set or QoS 3 in the requested QoS ${ref(p, "3.8.3", "[MQTT-3-8.3-4]")}.`,
        );
      r.field(1, {
        name: "Requested QoS",
        value: `${hex2(options)}: QoS ${qos}`,
        explanation: "The highest QoS the subscriber asks for; the broker may grant less (SUBACK).",
        spec: ref(p, "3.8.3", "[MQTT-3-8.3-4]"),
        bits: [
          {
            name: "Reserved",
            bits: "7-2",
            value: bin(options >> 2, 6),
            meaning: "must be 000000",
            spec: ref(p, "3.8.3", "[MQTT-3-8.3-4]"),
            ok: (options & 0xfc) === 0,
          },
          {
            name: "QoS",
            bits: "1-0",
            value: bin(qos, 2),
            meaning: `${qos}`,
            spec: ref(p, "3.8.3"),
            ok: qos !== 3,
          },
        ],
      });
    }
  }
}

function optionBits(options: number): BitField[] {
  const p = "5.0";
  const qos = options & 0b11;
  const nl = (options & 0b100) !== 0;
  const rap = (options & 0b1000) !== 0;
  const rh = (options >> 4) & 0b11;
  return [
    {
      name: "Reserved",
      bits: "7-6",
      value: bin(options >> 6, 2),
      meaning: "must be 00",
      spec: ref(p, "3.8.3.1", "[MQTT-3.8.3-5]"),
      ok: (options & 0xc0) === 0,
    },
    {
      name: "Retain Handling",
      bits: "5-4",
      value: bin(rh, 2),
      meaning: RETAIN_HANDLING[rh] as string,
      spec: ref(p, "3.8.3.1", "[MQTT-3.3.1-9]", "[MQTT-3.3.1-10]", "[MQTT-3.3.1-11]"),
      ok: rh !== 3,
    },
    {
      name: "Retain As Published",
      bits: "3",
      value: rap ? "1" : "0",
      meaning: rap
        ? "1 = forwarded messages keep their RETAIN flag"
        : "0 = RETAIN is 0 on messages forwarded to an existing subscription",
      spec: ref(p, "3.8.3.1", "[MQTT-3.3.1-12]", "[MQTT-3.3.1-13]"),
      ok: true,
    },
    {
      name: "No Local",
      bits: "2",
      value: nl ? "1" : "0",
      meaning: nl ? "1 = not sent this client's own messages" : "0 = own messages too",
      spec: ref(p, "3.8.3.1", "[MQTT-3.8.3-3]"),
      ok: true,
    },
    {
      name: "QoS",
      bits: "1-0",
      value: bin(qos, 2),
      meaning: `${qos} = the highest QoS asked for`,
      spec: ref(p, "3.8.3.1"),
      ok: qos !== 3,
    },
  ];
}

export function subackBody(c: Ctx): void {
  const { r, protocol: p, facts } = c;
  packetId(c, "The id of the SUBSCRIBE this answers.", "3.9.2");
  if (p === "5.0") {
    const props = readProperties(r, "SUBACK", "3.9.2.1.1");
    if (Object.keys(props).length) facts.properties = props;
  }
  while (r.pos < r.end) {
    if (p === "5.0") {
      reasonField(c, "SUBACK");
      continue;
    }
    const code = r.u8("Return code");
    facts.returnCode = code;
    const name = RETURN_CODES_311[code];
    if (name === undefined) r.problem(`Malformed: ${hex2(code)} is not a SUBACK return code (3.1.1 §3.9.3).`);
    r.field(1, {
      name: "Return code",
      value: `${hex2(code)} ${name ?? "(not a valid code)"}`,
      explanation:
        "The QoS the broker granted: it forwards at the lower of this and the PUBLISH's QoS; 0x80 refuses the subscription.",
      spec: ref(p, "3.9.3", "[MQTT-3.9.3-2]"),
    });
  }
}

export function disconnectBody(c: Ctx): void {
  const { r, protocol: p, facts } = c;
  if (p !== "5.0") return; // 3.1.1 DISCONNECT has no variable header: nothing follows (3.1.1 §3.14).
  if (r.pos >= r.end) {
    omittedReason(
      c,
      "DISCONNECT",
      "With a Remaining Length of 0 the reason code is left out, and that means 0x00.",
    );
    return;
  }
  reasonField(c, "DISCONNECT");
  if (r.pos < r.end) {
    const props = readProperties(r, "DISCONNECT", "3.14.2.2.1");
    if (Object.keys(props).length) facts.properties = props;
  }
}
