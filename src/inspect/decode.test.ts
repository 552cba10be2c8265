import { Buffer } from "buffer";
import fc from "fast-check";
import { generate, type Packet } from "mqtt-packet";
import { describe, expect, it } from "vitest";
import type { Protocol, Qos } from "../protocol/types.ts";
import { encode, toHex, type WirePacket } from "../protocol/wire.ts";
import { decodePacket, type DecodedPacket } from "./decode.ts";
import { PAYLOAD, parseBack as parse, TOPIC } from "../protocol/testing.ts";

const PROTOCOLS = ["3.1.1", "5.0"] as const;
const ACKS = ["PUBACK", "PUBREC", "PUBREL", "PUBCOMP"] as const;

/** Every kind of packet our encoder produces, in both versions. */
function encoderPackets(): WirePacket[] {
  const out: WirePacket[] = [];
  for (const protocol of PROTOCOLS) {
    for (const qos of [0, 1, 2] as const) {
      for (const dup of [false, true]) {
        for (const retain of [false, true]) {
          out.push({
            packet: "PUBLISH",
            protocol,
            qos,
            dup,
            retain,
            topic: TOPIC,
            payload: PAYLOAD,
            packetId: 1,
          });
        }
      }
      out.push({
        packet: "PUBLISH",
        protocol,
        qos,
        topic: "température/ü",
        payload: "naïve ✓",
        packetId: 65535,
      });
      out.push({ packet: "PUBLISH", protocol, qos, topic: "t", payload: "", packetId: 258 });
    }
    for (const packet of ACKS)
      for (const packetId of [1, 258, 65535]) out.push({ packet, protocol, packetId });
    for (const clean of [true, false]) {
      for (const clientId of ["publisher", "subscriber", "viz"])
        out.push({ packet: "CONNECT", protocol, clientId, clean });
    }
    out.push({ packet: "CONNECT", protocol, clientId: "", clean: true });
    for (const sessionPresent of [false, true]) out.push({ packet: "CONNACK", protocol, sessionPresent });
    out.push(...extensionPackets(protocol));
  }
  return out;
}

/** The packets of issue 14: subscriptions, wills, disconnects, reason codes and 5.0 properties. */
function extensionPackets(protocol: Protocol): WirePacket[] {
  const will = {
    topic: "plant/line1/status",
    payload: "offline",
    qos: 1 as const,
    retain: true,
    properties: { willDelayInterval: 5, messageExpiryInterval: 60 },
  };
  return [
    { packet: "CONNECT", protocol, clientId: "publisher", clean: false, will },
    {
      packet: "CONNECT",
      protocol,
      clientId: "subscriber",
      clean: false,
      properties: { receiveMaximum: 2, sessionExpiryInterval: 60 },
    },
    {
      packet: "CONNACK",
      protocol,
      sessionPresent: false,
      properties: { receiveMaximum: 20, maximumQoS: 1, retainAvailable: false },
    },
    { packet: "CONNACK", protocol, sessionPresent: false, reasonCode: protocol === "5.0" ? 0x9b : 0x05 },
    {
      packet: "PUBLISH",
      protocol,
      qos: 1,
      topic: TOPIC,
      payload: PAYLOAD,
      packetId: 3,
      properties: { messageExpiryInterval: 30 },
    },
    { packet: "PUBACK", protocol, packetId: 2, reasonCode: 0x10 },
    { packet: "PUBACK", protocol, packetId: 2, reasonCode: 0x87 },
    { packet: "PUBREC", protocol, packetId: 2, reasonCode: 0x97 },
    { packet: "PUBREL", protocol, packetId: 2, reasonCode: 0x92 },
    { packet: "PUBCOMP", protocol, packetId: 2, reasonCode: 0x92 },
    ...([0, 1, 2] as const).flatMap((qos) =>
      ([0, 1, 2] as const).map((retainHandling): WirePacket => ({
        packet: "SUBSCRIBE",
        protocol,
        packetId: 1,
        subscription: { topic: "plant/#", qos, retainAsPublished: retainHandling === 1, retainHandling },
      })),
    ),
    ...[0, 1, 2, 0x80].map((reasonCode): WirePacket => ({
      packet: "SUBACK",
      protocol,
      packetId: 1,
      reasonCode,
    })),
    { packet: "DISCONNECT", protocol },
    { packet: "DISCONNECT", protocol, reasonCode: 0x04 },
  ];
}

function label(p: WirePacket): string {
  const extra =
    p.packet === "PUBLISH" ? ` QoS ${p.qos}${p.dup ? " dup" : ""}${p.retain ? " retain" : ""}` : "";
  const session = p.packet === "CONNECT" ? (p.clean ? " clean" : " persistent") : "";
  const sp = p.packet === "CONNACK" ? ` sp ${p.sessionPresent ? 1 : 0}` : "";
  const code = p.reasonCode === undefined ? "" : ` reason ${p.reasonCode}`;
  const props = p.properties ? ` ${Object.keys(p.properties).join(" ")}` : "";
  const will = p.will ? " will" : "";
  const sub = p.subscription
    ? ` qos ${p.subscription.qos} rh ${p.subscription.retainHandling} rap ${p.subscription.retainAsPublished}`
    : "";
  return `${p.protocol} ${p.packet}${extra}${session}${sp}${code}${props}${will}${sub}`;
}

/** The fields tile the bytes: in order, contiguous from 0 to the end, each with its own bytes. */
function expectTiling(d: DecodedPacket, hex: string): void {
  const bytes = hex.split(" ").filter(Boolean);
  let at = 0;
  for (const f of d.fields) {
    expect(f.offset, f.name).toBe(at);
    expect(f.length, f.name).toBeGreaterThanOrEqual(0);
    expect(f.bytesHex, f.name).toBe(bytes.slice(at, at + f.length).join(" "));
    at += f.length;
  }
  expect(at).toBe(bytes.length);
}

function field(d: DecodedPacket, name: string) {
  const f = d.fields.find((x) => x.name === name);
  if (!f) throw new Error(`no field ${name} in ${d.fields.map((x) => x.name).join(", ")}`);
  return f;
}

describe("decodePacket agrees with mqtt-packet's parser", () => {
  it.each(encoderPackets().map((p) => [label(p), p] as const))("%s", (_, wire) => {
    const { hex } = encode(wire);
    const d = decodePacket(hex, wire.protocol);
    const m = parse(hex, wire.protocol);
    expect(d.error).toBeUndefined();
    expect(d.type).toBe(m.cmd.toUpperCase());
    expect(d.size).toBe(hex.split(" ").length);
    expectTiling(d, hex);
    const f = d.facts;
    switch (m.cmd) {
      case "publish":
        expect(f).toMatchObject({ qos: m.qos, dup: m.dup, retain: m.retain, topic: m.topic });
        expect(f.packetId).toBe(m.messageId);
        expect(f.payload).toBe(m.payload.toString());
        break;
      case "puback":
      case "pubrec":
      case "pubrel":
      case "pubcomp":
        expect(f.packetId).toBe(m.messageId);
        expect(f.reasonCode).toBe(m.reasonCode);
        break;
      case "connect":
        expect(f).toMatchObject({ clean: m.clean, clientId: m.clientId, protocolLevel: m.protocolVersion });
        expect(f.keepAlive).toBe(m.keepalive);
        if (wire.protocol === "5.0") expect(f.sessionExpiry).toBe(m.properties?.sessionExpiryInterval ?? 0);
        break;
      case "connack":
        expect(f.sessionPresent).toBe(m.sessionPresent);
        expect(f.reasonCode).toBe(m.reasonCode);
        expect(f.returnCode).toBe(m.returnCode);
        break;
      case "subscribe": {
        const [s] = m.subscriptions;
        expect(f.packetId).toBe(m.messageId);
        expect(f.topic).toBe(s?.topic);
        expect(f.qos).toBe(s?.qos);
        if (wire.protocol === "5.0") {
          expect(f.retainAsPublished).toBe(s?.rap);
          expect(f.retainHandling).toBe(s?.rh);
        }
        break;
      }
      case "suback":
        expect(f.packetId).toBe(m.messageId);
        expect(f.reasonCode ?? f.returnCode).toBe(m.granted[0]);
        break;
      case "disconnect":
        expect(f.reasonCode).toBe(m.reasonCode);
        break;
      default:
        throw new Error(`unexpected ${m.cmd}`);
    }
  });
});

describe("PUBLISH", () => {
  const publish = (protocol: Protocol, qos: Qos, extra: Partial<WirePacket> = {}) =>
    decodePacket(
      encode({ packet: "PUBLISH", protocol, qos, topic: TOPIC, payload: PAYLOAD, packetId: 1, ...extra }).hex,
      protocol,
    );

  it("summarises type, QoS, DUP, id and size", () => {
    expect(publish("5.0", 2, { dup: true }).summary).toBe("PUBLISH, QoS 2, DUP, packet id 1, 38 bytes");
    expect(publish("3.1.1", 0, { retain: true }).summary).toBe("PUBLISH, QoS 0, RETAIN, 35 bytes");
  });

  it.each(PROTOCOLS)(
    "breaks the first byte into type, DUP, QoS and RETAIN with %s references",
    (protocol) => {
      const bits =
        field(publish(protocol, 2, { dup: true, retain: true }), "Packet type and flags").bits ?? [];
      expect(bits.map((b) => [b.name, b.bits, b.value])).toEqual([
        ["Packet type", "7-4", "0011"],
        ["DUP", "3", "1"],
        ["QoS", "2-1", "10"],
        ["RETAIN", "0", "1"],
      ]);
      expect(bits[1]?.spec).toContain(`${protocol} §3.3.1.1`);
      expect(bits[1]?.spec).toContain("[MQTT-3.3.1-1]");
      expect(bits.every((b) => b.ok)).toBe(true);
    },
  );

  it("has a packet identifier only for QoS > 0", () => {
    const qos0 = field(publish("3.1.1", 0), "Packet identifier");
    expect(qos0).toMatchObject({ length: 0, value: "none (QoS 0)" });
    expect(qos0.spec).toContain("[MQTT-2.3.1-5]");
    expect(field(publish("5.0", 0), "Packet identifier").spec).toContain("[MQTT-2.2.1-2]");
    expect(field(publish("3.1.1", 1), "Packet identifier")).toMatchObject({
      length: 2,
      bytesHex: "00 01",
      value: "1",
    });
  });

  it("decodes the topic as length prefix plus UTF-8, and the payload as text", () => {
    const d = publish("3.1.1", 1);
    expect(field(d, "Topic name length")).toMatchObject({ offset: 2, length: 2, value: "11 bytes" });
    expect(field(d, "Topic name")).toMatchObject({ offset: 4, length: 11, value: '"plant/batch"' });
    expect(field(d, "Payload").value).toBe(`"${PAYLOAD}" (20 bytes)`);
  });

  it("shows a 5.0 PUBLISH's empty property list, the byte that makes it longer than 3.1.1", () => {
    expect(field(publish("5.0", 1), "Properties length")).toMatchObject({ length: 1, bytesHex: "00" });
    expect(publish("3.1.1", 1).fields.some((f) => f.name === "Properties length")).toBe(false);
  });

  it("shows a binary payload as hex", () => {
    const hex = toHex(
      generate({
        cmd: "publish",
        topic: "t",
        payload: Buffer.from([0xff, 0xfe]),
        qos: 0,
        dup: false,
        retain: false,
      }),
    );
    const d = decodePacket(hex, "3.1.1");
    expect(d.error).toBeUndefined();
    expect(field(d, "Payload").value).toBe("ff fe (2 bytes, binary)");
    expect(d.facts.payloadHex).toBe("ff fe");
  });

  it("decodes every PUBLISH property mqtt-packet can write", () => {
    const packet: Packet = {
      cmd: "publish",
      topic: "t",
      payload: "x",
      qos: 1,
      messageId: 5,
      dup: false,
      retain: false,
      properties: {
        payloadFormatIndicator: true,
        messageExpiryInterval: 120,
        topicAlias: 3,
        responseTopic: "reply",
        correlationData: Buffer.from([1, 2]),
        userProperties: { a: "b" },
        subscriptionIdentifier: 300,
        contentType: "text/plain",
      },
    };
    const hex = toHex(generate(packet, { protocolVersion: 5 }));
    const d = decodePacket(hex, "5.0");
    expect(d.error).toBeUndefined();
    expectTiling(d, hex);
    expect(d.facts.properties).toEqual({
      "Payload Format Indicator": 1,
      "Message Expiry Interval": 120,
      "Topic Alias": 3,
      "Response Topic": '"reply"',
      "Correlation Data": "01 02",
      "User Property": '"a"="b"',
      "Subscription Identifier": 300,
      "Content Type": '"text/plain"',
    });
    expect(field(d, "Message Expiry Interval")).toMatchObject({
      value: "120 s (2 min)",
      spec: "5.0 §3.3.2.3.3, §2.2.2.2",
    });
    expect(parse(hex, "5.0")).toMatchObject({ topic: "t", messageId: 5 });
  });
});

describe("acknowledgements", () => {
  it.each(PROTOCOLS)("PUBREL's first byte has reserved flags 0010 [MQTT-3.6.1-1] (%s)", (protocol) => {
    const d = decodePacket(encode({ packet: "PUBREL", protocol, packetId: 9 }).hex, protocol);
    const first = field(d, "Packet type and flags");
    expect(first.bits?.[1]).toMatchObject({ name: "Reserved", bits: "3-0", value: "0010", ok: true });
    expect(first.spec).toContain("[MQTT-3.6.1-1]");
    expect(first.spec).toContain(`${protocol} §`);
  });

  it("the other acknowledgements have reserved flags 0000", () => {
    for (const packet of ["PUBACK", "PUBREC", "PUBCOMP"] as const) {
      const d = decodePacket(encode({ packet, protocol: "3.1.1", packetId: 9 }).hex, "3.1.1");
      expect(field(d, "Packet type and flags").bits?.[1]?.value, packet).toBe("0000");
    }
  });

  it("a 5.0 acknowledgement without a reason code means 0x00 Success", () => {
    const d = decodePacket(encode({ packet: "PUBACK", protocol: "5.0", packetId: 1 }).hex, "5.0");
    expect(d.summary).toBe("PUBACK, packet id 1, 4 bytes");
    expect(field(d, "Reason code")).toMatchObject({
      length: 0,
      value: "0x00 Success (omitted)",
      spec: "5.0 §3.4.2.1",
    });
    expect(d.facts.reasonCode).toBe(0);
  });

  it("a 3.1.1 acknowledgement has no reason code at all", () => {
    const d = decodePacket(encode({ packet: "PUBACK", protocol: "3.1.1", packetId: 1 }).hex, "3.1.1");
    expect(d.fields.map((f) => f.name)).toEqual([
      "Packet type and flags",
      "Remaining Length",
      "Packet identifier",
    ]);
  });

  it("decodes the 6-byte form mqtt-packet writes when no reason code is given", () => {
    const hex = toHex(generate({ cmd: "pubrec", messageId: 7 }, { protocolVersion: 5 }));
    expect(hex).toBe("50 04 00 07 00 00");
    const d = decodePacket(hex, "5.0");
    expect(d.error).toBeUndefined();
    expect(field(d, "Reason code").value).toBe("0x00 Success");
    expect(field(d, "Properties length").value).toBe("0 (no properties)");
  });

  it("decodes a refusal with a reason string", () => {
    const packet: Packet = {
      cmd: "puback",
      messageId: 2,
      reasonCode: 0x10,
      properties: { reasonString: "nobody" },
    };
    const hex = toHex(generate(packet, { protocolVersion: 5 }));
    const d = decodePacket(hex, "5.0");
    expect(d.error).toBeUndefined();
    expect(d.summary).toBe(`PUBACK, packet id 2, reason 0x10, ${d.size} bytes`);
    expect(field(d, "Reason code").value).toBe("0x10 No matching subscribers");
    expect(field(d, "Reason String")).toMatchObject({ value: '"nobody"', spec: "5.0 §3.4.2.2.2, §2.2.2.2" });
    expect(parse(hex, "5.0")).toMatchObject({ reasonCode: 0x10, messageId: 2 });
  });

  it("flags a PUBREL reason code that only PUBACK may use", () => {
    const d = decodePacket("62 03 00 01 10", "5.0");
    expect(d.error).toContain("[MQTT-3.6.2-1]");
  });
});

describe("CONNECT and CONNACK", () => {
  const connect = (protocol: Protocol, clean: boolean) =>
    decodePacket(encode({ packet: "CONNECT", protocol, clientId: "viz", clean }).hex, protocol);

  it.each([
    ["3.1.1", true, "Clean Session", "1"],
    ["3.1.1", false, "Clean Session", "0"],
    ["5.0", true, "Clean Start", "1"],
    ["5.0", false, "Clean Start", "0"],
  ] as const)("%s clean=%s shows the %s bit as %s", (protocol, clean, name, bit) => {
    const d = connect(protocol, clean);
    const flags = field(d, "Connect flags");
    expect(flags.bits?.find((b) => b.name === name)?.value).toBe(bit);
    expect(field(d, "Protocol name").value).toBe('"MQTT"');
    expect(field(d, "Protocol level").value).toBe(protocol === "5.0" ? "5 = MQTT 5.0" : "4 = MQTT 3.1.1");
    expect(field(d, "Keep alive").value).toBe("60 s");
    expect(field(d, "Client identifier").value).toBe('"viz"');
  });

  it("a persistent 5.0 CONNECT carries a Session Expiry Interval; a clean one shows it absent", () => {
    const kept = connect("5.0", false);
    expect(field(kept, "Session Expiry Interval")).toMatchObject({
      length: 5,
      bytesHex: "11 00 00 0e 10",
      value: "3600 s (1 h)",
    });
    expect(field(kept, "Session Expiry Interval").spec).toContain("5.0 §3.1.2.11.2");
    expect(kept.summary).toBe(
      'CONNECT, MQTT 5.0, persistent session, session expiry 3600 s, client id "viz", 23 bytes',
    );
    const clean = connect("5.0", true);
    expect(field(clean, "Session Expiry Interval")).toMatchObject({ length: 0, value: "0 s (absent)" });
    expect(connect("3.1.1", true).summary).toBe(
      'CONNECT, MQTT 3.1.1, Clean Session, client id "viz", 17 bytes',
    );
  });

  it.each(PROTOCOLS)("decodes will, user name and password like mqtt-packet (%s)", (protocol) => {
    const packet: Packet = {
      cmd: "connect",
      clientId: "c",
      protocolVersion: protocol === "5.0" ? 5 : 4,
      clean: true,
      keepalive: 10,
      username: "u",
      password: Buffer.from("pw"),
      will: {
        topic: "gone",
        payload: Buffer.from("bye"),
        qos: 1,
        retain: true,
        properties: { willDelayInterval: 5 },
      },
    };
    const hex = toHex(generate(packet, { protocolVersion: protocol === "5.0" ? 5 : 4 }));
    const d = decodePacket(hex, protocol);
    expect(d.error).toBeUndefined();
    expectTiling(d, hex);
    expect(field(d, "Will topic").value).toBe('"gone"');
    expect(field(d, "Will payload").value).toBe("62 79 65");
    expect(field(d, "User name").value).toBe('"u"');
    expect(field(d, "Password").value).toBe("70 77");
    expect(field(d, "Connect flags").bits?.find((b) => b.name === "Will QoS")?.value).toBe("01");
    if (protocol === "5.0") expect(field(d, "Will Delay Interval").spec).toBe("5.0 §3.1.3.2.2, §2.2.2.2");
    expect(parse(hex, protocol)).toMatchObject({
      clientId: "c",
      username: "u",
      will: { topic: "gone", qos: 1 },
    });
  });

  it.each(PROTOCOLS)("shows the CONNACK Session Present bit and the reserved bits (%s)", (protocol) => {
    const d = decodePacket(encode({ packet: "CONNACK", protocol, sessionPresent: true }).hex, protocol);
    const flags = field(d, "Acknowledge flags");
    expect(flags.bits?.map((b) => [b.name, b.value])).toEqual([
      ["Reserved", "0000000"],
      ["Session Present", "1"],
    ]);
    expect(field(d, protocol === "5.0" ? "Reason code" : "Return code").value).toMatch(/^0x00 /);
    expect(d.summary).toBe(`CONNACK, Session Present 1, ${protocol === "5.0" ? 5 : 4} bytes`);
  });

  it("decodes CONNACK properties", () => {
    const packet: Packet = {
      cmd: "connack",
      sessionPresent: false,
      reasonCode: 0,
      properties: {
        receiveMaximum: 20,
        maximumQoS: 1,
        assignedClientIdentifier: "auto-1",
        serverKeepAlive: 30,
      },
    };
    const hex = toHex(generate(packet, { protocolVersion: 5 }));
    const d = decodePacket(hex, "5.0");
    expect(d.error).toBeUndefined();
    expect(d.facts.properties).toMatchObject({
      "Receive Maximum": 20,
      "Maximum QoS": 1,
      "Server Keep Alive": 30,
    });
    expect(field(d, "Receive Maximum").spec).toBe("5.0 §3.2.2.3.3, §2.2.2.2");
  });
});

describe("malformed input", () => {
  it.each([
    ["36 02 00 00", "both QoS bits", "[MQTT-3.3.1-4]"],
    ["38 03 00 01 78", "DUP is set on a QoS 0", "[MQTT-3.3.1-2]"],
    ["60 02 00 01", "PUBREL flags must be 0010", "[MQTT-3.6.1-1]"],
    ["41 02 00 01", "PUBACK flags must be 0000", "[MQTT-2.2.2-1]"],
    ["32 05 00 01 74 00 00", "non-zero packet identifier", ""],
    ["21 02 00 00", "CONNACK flags must be 0000", ""],
    ["20 02 02 00", "reserved CONNACK flag bits", ""],
    ["10 0f 00 04 4d 51 54 54 04 03 00 3c 00 03 76 69 7a", "reserved Connect Flags bit 0", "[MQTT-3.1.2-3]"],
    ["40 82 00 00 01", "shortest form", "[MQTT-1.5.5-1]"],
  ])("%s: %s", (hex, message, id) => {
    const d = decodePacket(hex, "3.1.1");
    expect(d.error).toContain(message);
    expect(d.error).toContain(id);
    expect(d.summary).toMatch(/malformed$/);
    expectTiling(d, hex);
  });

  it("marks bytes after the packet as trailing, and bytes missing as truncated", () => {
    const trailing = decodePacket("40 02 00 01 40", "3.1.1");
    expect(trailing.fields.at(-1)).toMatchObject({ name: "Trailing bytes", offset: 4, length: 1 });
    expect(trailing.facts.packetId).toBe(1);
    const truncated = decodePacket("3b 24 00 0b 70 6c 61", "5.0");
    expect(truncated.error).toMatch(/^Truncated/);
    expect(truncated.summary).toBe("PUBLISH, QoS 1, DUP, RETAIN, 7 bytes, truncated");
    expect(truncated.fields.at(-1)).toMatchObject({ name: "Undecoded bytes", offset: 4, length: 3 });
  });

  it("shows an unknown 5.0 property raw", () => {
    const d = decodePacket("40 07 00 01 00 03 7f 01 02", "5.0");
    expect(field(d, "Unknown property 0x7f")).toMatchObject({ offset: 6, length: 3, bytesHex: "7f 01 02" });
    expect(d.error).toContain("unknown property identifier 0x7f");
  });

  it("rejects what is not hex, and empty input, without throwing", () => {
    expect(decodePacket("zz", "5.0")).toMatchObject({ fields: [], error: expect.stringMatching(/^Not hex/) });
    expect(decodePacket("4", "5.0").error).toMatch(/odd number/);
    expect(decodePacket("", "5.0")).toMatchObject({
      fields: [],
      size: 0,
      error: expect.stringMatching(/^Empty/),
    });
  });

  it("leaves the body of packets the simulator never sends undecoded", () => {
    const d = decodePacket("a2 05 00 01 00 01 61", "3.1.1");
    expect(d.type).toBe("UNSUBSCRIBE");
    expect(d.error).toBeUndefined();
    expect(field(d, "Variable header and payload").length).toBe(5);
  });
});

describe("decodePacket never throws (properties)", () => {
  const real = encoderPackets().map((p) => ({ hex: encode(p).hex, protocol: p.protocol }));
  const protocol = fc.constantFrom<Protocol>(...PROTOCOLS);

  it("on random strings", () => {
    fc.assert(
      fc.property(fc.string(), protocol, (s, v) => {
        decodePacket(s, v);
      }),
    );
  });

  it("on random bytes, and its fields tile them", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 48 }), protocol, (bytes, v) => {
        const hex = toHex(bytes);
        const d = decodePacket(hex, v);
        expectTiling(d, hex);
        expect(d.summary.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it("on truncations of real packets, and says they are truncated", () => {
    fc.assert(
      fc.property(fc.constantFrom(...real), fc.nat(), ({ hex, protocol: v }, cut) => {
        const bytes = hex.split(" ");
        const kept = bytes.slice(0, cut % bytes.length).join(" ");
        const d = decodePacket(kept, v);
        expectTiling(d, kept);
        expect(d.error).toBeDefined();
      }),
      { numRuns: 1000 },
    );
  });

  it("on real packets with one byte changed", () => {
    fc.assert(
      fc.property(fc.constantFrom(...real), fc.nat(), fc.integer({ min: 0, max: 255 }), (r, at, value) => {
        const bytes = r.hex.split(" ");
        bytes[at % bytes.length] = value.toString(16).padStart(2, "0");
        const hex = bytes.join(" ");
        expectTiling(decodePacket(hex, r.protocol), hex);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("first paint", () => {
  it("the decoder and the component never import mqtt-packet", () => {
    // Vite reads the sources as text; the test files themselves are allowed to use mqtt-packet.
    const sources = import.meta.glob<string>(["./*.ts", "./*.tsx", "!./*.test.*"], {
      query: "?raw",
      import: "default",
      eager: true,
    });
    expect(Object.keys(sources)).toContain("./decode.ts");
    for (const [file, text] of Object.entries(sources)) {
      expect(text, file).not.toMatch(/from "mqtt-packet"|from "\.\.\/protocol\/wire/);
    }
  });
});
