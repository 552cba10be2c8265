/**
 * CONNECT and CONNACK: where sessions are asked for and granted, which decides whether anything in
 * flight is resent after a reconnect. Pure; each function reads from the cursor and records fields.
 */
import type { Protocol } from "../protocol/types.ts";
import { bin, type Ctx, lengthPrefixed } from "./fields.ts";
import { readProperties } from "./properties.ts";
import type { BitField } from "./reader.ts";
import { reasonField } from "./reasonField.ts";
import { hex2, pick, ref, RETURN_CODES } from "./spec.ts";

const LEVELS: Readonly<Record<number, string>> = { 3: "MQTT 3.1", 4: "MQTT 3.1.1", 5: "MQTT 5.0" };

export function connectBody(c: Ctx): void {
  const { r, facts } = c;
  const name = lengthPrefixed(
    c,
    "Protocol name",
    'Identifies the protocol: it must be "MQTT" (MQTT 3.1 used "MQIsdp").',
    ref(c.protocol, "3.1.2.1", "[MQTT-3.1.2-1]"),
  );
  if (name !== "MQTT" && name !== "MQIsdp") r.problem(`Malformed: the protocol name is not "MQTT".`);

  const levelByte = r.u8("Protocol level");
  const level = levelByte & 0x7f;
  facts.protocolLevel = level;
  // The packet says which version it is; the rest of it follows that, not the trace's setting.
  const v: Protocol = level === 5 ? "5.0" : level === 4 ? "3.1.1" : c.protocol;
  const ctx: Ctx = { ...c, protocol: v };
  const mismatch = LEVELS[level] && v !== c.protocol ? ` (the trace says ${c.protocol})` : "";
  const bridge = levelByte & 0x80 ? ", bridge bit set (a Mosquitto extension)" : "";
  r.field(1, {
    name: "Protocol level",
    value: `${levelByte} = ${LEVELS[level] ?? "unknown version"}${bridge}${mismatch}`,
    explanation:
      "Tells the broker which version's rules apply, including whether properties follow and how sessions and resends work.",
    spec: ref(v, "3.1.2.2", "[MQTT-3.1.2-2]"),
  });

  const flags = r.u8("Connect flags");
  const will = (flags & 0b100) !== 0;
  const clean = (flags & 0b10) !== 0;
  facts.clean = clean;
  const cleanName = v === "5.0" ? "Clean Start" : "Clean Session";
  if (flags & 1)
    r.problem(`Malformed: the reserved Connect Flags bit 0 is set ${ref(v, "3.1.2.3", "[MQTT-3.1.2-3]")}.`);
  const willQos = (flags >> 3) & 0b11;
  if (willQos === 3) r.problem("Malformed: Will QoS is 3.");
  if (!will && (flags & 0b111000) !== 0)
    r.problem("Malformed: Will QoS or Will Retain is set without the Will Flag.");
  const set = [
    clean ? cleanName : "persistent session",
    ...(will ? ["Will"] : []),
    ...(flags & 0x80 ? ["User Name"] : []),
    ...(flags & 0x40 ? ["Password"] : []),
  ];
  r.field(1, {
    name: "Connect flags",
    value: `${hex2(flags)}: ${set.join(", ")}`,
    explanation: `Bit 1 (${cleanName}) decides whether the broker keeps this client's session, and with it the unacknowledged QoS 1/2 messages that get resent after a reconnect; the other bits say which optional fields follow.`,
    spec: ref(v, "3.1.2.3", "[MQTT-3.1.2-3]"),
    bits: connectBits(v, flags, cleanName),
  });

  const keepAlive = r.u16("Keep alive");
  facts.keepAlive = keepAlive;
  r.field(2, {
    name: "Keep alive",
    value: keepAlive === 0 ? "0 (off)" : `${keepAlive} s`,
    explanation:
      "The longest the client may stay silent; the broker drops the connection after one and a half times this, one way a broken link is noticed and a reconnect with resends begins.",
    spec: ref(v, "3.1.2.10", pick(v, "[MQTT-3.1.2-24]", "[MQTT-3.1.2-22]")),
  });

  if (v === "5.0") {
    const props = readProperties(r, "CONNECT", "3.1.2.11.1");
    if (Object.keys(props).length) facts.properties = props;
    const expiry = props["Session Expiry Interval"];
    facts.sessionExpiry = typeof expiry === "number" ? expiry : 0;
    if (expiry === undefined) {
      r.field(0, {
        name: "Session Expiry Interval",
        value: "0 s (absent)",
        explanation:
          "Absent means 0: the session ends when this connection closes, so nothing in flight survives a disconnect even with Clean Start 0.",
        spec: ref("5.0", "3.1.2.11.2", "[MQTT-3.1.2-23]"),
      });
    }
  }

  const clientId = lengthPrefixed(
    ctx,
    "Client identifier",
    "Names the session: after a reconnect the broker finds a kept session, and the messages still in flight, by this id.",
    ref(v, "3.1.3.1", "[MQTT-3.1.3-3]"),
  );
  if (clientId !== null) facts.clientId = clientId;
  if (clientId === "" && v === "3.1.1" && !clean) {
    r.problem(
      "An empty client id needs Clean Session 1 in 3.1.1 [MQTT-3.1.3-7]; the server rejects it with 0x02.",
    );
  }

  if (will) {
    facts.willQos = willQos;
    facts.willRetain = (flags & 0b100000) !== 0;
    if (v === "5.0") {
      const willProps = readProperties(r, "WILL", "3.1.3.2.1");
      if (Object.keys(willProps).length) facts.willProperties = willProps;
    }
    lengthPrefixed(
      ctx,
      "Will topic",
      "Where the broker publishes the will message if the client vanishes.",
      ref(v, pick(v, "3.1.3.2", "3.1.3.3")),
    );
    lengthPrefixed(
      ctx,
      "Will payload",
      "The will message's content.",
      ref(v, pick(v, "3.1.3.3", "3.1.3.4")),
      true,
    );
  }
  if (flags & 0x80) {
    lengthPrefixed(ctx, "User name", "Credentials for the broker.", ref(v, pick(v, "3.1.3.4", "3.1.3.5")));
  }
  if (flags & 0x40) {
    lengthPrefixed(
      ctx,
      "Password",
      "Credentials for the broker.",
      ref(v, pick(v, "3.1.3.5", "3.1.3.6")),
      true,
    );
  }
}

function connectBits(v: Protocol, flags: number, cleanName: string): BitField[] {
  const bit = (n: number) => ((flags >> n) & 1 ? "1" : "0");
  const clean = (flags & 0b10) !== 0;
  const willQos = (flags >> 3) & 0b11;
  return [
    {
      name: "User Name Flag",
      bits: "7",
      value: bit(7),
      meaning: bit(7) === "1" ? "1 = user name follows" : "0 = none",
      spec: ref(v, "3.1.2.8"),
      ok: true,
    },
    {
      name: "Password Flag",
      bits: "6",
      value: bit(6),
      meaning: bit(6) === "1" ? "1 = password follows" : "0 = none",
      spec: ref(v, "3.1.2.9"),
      ok: true,
    },
    {
      name: "Will Retain",
      bits: "5",
      value: bit(5),
      meaning: bit(5) === "1" ? "1 = retain the will" : "0",
      spec: ref(v, "3.1.2.7"),
      ok: bit(5) === "0" || bit(2) === "1",
    },
    {
      name: "Will QoS",
      bits: "4-3",
      value: bin(willQos, 2),
      meaning: String(willQos),
      spec: ref(v, "3.1.2.6"),
      ok: willQos !== 3 && (willQos === 0 || bit(2) === "1"),
    },
    {
      name: "Will Flag",
      bits: "2",
      value: bit(2),
      meaning: bit(2) === "1" ? "1 = will message follows" : "0 = no will",
      spec: ref(v, "3.1.2.5"),
      ok: true,
    },
    {
      name: cleanName,
      bits: "1",
      value: bit(1),
      meaning: clean
        ? "1 = discard any old session: nothing is resent"
        : v === "5.0"
          ? "0 = resume the session (kept only with Session Expiry > 0)"
          : "0 = resume the session and keep it after a disconnect",
      spec:
        v === "5.0"
          ? ref(v, "3.1.2.4", "[MQTT-3.1.2-4]", "[MQTT-3.1.2-5]")
          : ref(v, "3.1.2.4", "[MQTT-3.1.2-4]", "[MQTT-3.1.2-6]"),
      ok: true,
    },
    {
      name: "Reserved",
      bits: "0",
      value: bit(0),
      meaning: "must be 0",
      spec: ref(v, "3.1.2.3", "[MQTT-3.1.2-3]"),
      ok: bit(0) === "0",
    },
  ];
}

// --- CONNACK ---------------------------------------------------------------------------------

export function connackBody(c: Ctx): void {
  const { r, protocol: p, facts } = c;
  const flags = r.u8("Acknowledge flags");
  const sp = (flags & 1) !== 0;
  facts.sessionPresent = sp;
  const reservedOk = (flags & 0xfe) === 0;
  if (!reservedOk)
    r.problem(
      `Malformed: reserved CONNACK flag bits are set ${ref(p, "3.2.2.1", ...(p === "5.0" ? ["[MQTT-3.2.2-1]"] : []))}.`,
    );
  r.field(1, {
    name: "Acknowledge flags",
    value: `${hex2(flags)}: Session Present ${sp ? 1 : 0}`,
    explanation:
      "Session Present says whether the broker still had this client's session: 1 means unacknowledged QoS 1/2 messages carry on and are resent, 0 means the client must drop them, so they are never resent.",
    spec:
      p === "5.0"
        ? ref(p, ["3.2.2.1", "3.2.2.1.1"], "[MQTT-3.2.2-2]", "[MQTT-3.2.2-3]", "[MQTT-3.2.2-5]")
        : ref(p, ["3.2.2.1", "3.2.2.2"], "[MQTT-3.2.2-1]", "[MQTT-3.2.2-2]", "[MQTT-3.2.2-3]"),
    bits: [
      {
        name: "Reserved",
        bits: "7-1",
        value: bin(flags >> 1, 7),
        meaning: "must be 0000000",
        spec: ref(p, "3.2.2.1", ...(p === "5.0" ? ["[MQTT-3.2.2-1]"] : [])),
        ok: reservedOk,
      },
      {
        name: "Session Present",
        bits: "0",
        value: sp ? "1" : "0",
        meaning: sp ? "1 = the session was kept" : "0 = no session: in-flight state is discarded",
        spec: ref(p, pick(p, "3.2.2.2", "3.2.2.1.1")),
        ok: true,
      },
    ],
  });

  if (p === "5.0") reasonField(c, "CONNACK");
  else {
    const code = r.u8("Return code");
    facts.returnCode = code;
    r.field(1, {
      name: "Return code",
      value: `${hex2(code)} ${RETURN_CODES[code] ?? "(not a valid code)"}`,
      explanation:
        "0x00 means the broker accepted the connection; anything else refuses it and the connection closes, so nothing in flight can continue on it.",
      spec: ref(p, "3.2.2.3"),
    });
  }

  if (p === "5.0") {
    const props = readProperties(r, "CONNACK", "3.2.2.3.1");
    if (Object.keys(props).length) facts.properties = props;
  }
}
