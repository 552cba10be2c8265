import { describe, expect, it } from "vitest";
import type { Protocol } from "../protocol/types.ts";
import { encode, type WirePacket } from "../protocol/wire.ts";
import { decodePacket, type DecodedPacket } from "./decode.ts";
import { REASON_PACKETS, reasonCodesOf, reasonInfo } from "./reasonCodes.ts";

const decode = (p: WirePacket): DecodedPacket => {
  const d = decodePacket(encode(p).hex, p.protocol);
  expect(d.error).toBeUndefined();
  return d;
};

function field(d: DecodedPacket, name: string) {
  const f = d.fields.find((x) => x.name === name);
  if (!f) throw new Error(`no field ${name} in ${d.fields.map((x) => x.name).join(", ")}`);
  return f;
}

describe("MQTT 5 properties on the packets the model sends", () => {
  it("CONNECT: Receive Maximum and Session Expiry Interval, each with its own section", () => {
    const d = decode({
      packet: "CONNECT",
      protocol: "5.0",
      clientId: "subscriber",
      clean: false,
      properties: { receiveMaximum: 2, sessionExpiryInterval: 60 },
    });
    expect(d.facts.properties).toEqual({ "Receive Maximum": 2, "Session Expiry Interval": 60 });
    expect(field(d, "Receive Maximum")).toMatchObject({ value: "2", spec: "5.0 §3.1.2.11.3, §2.2.2.2" });
    expect(field(d, "Session Expiry Interval").value).toBe("60 s (1 min)");
    expect(d.summary).toContain("session expiry 60 s");
  });

  it("CONNECT: the will's QoS, RETAIN flag and properties (Will Delay Interval, Message Expiry)", () => {
    const d = decode({
      packet: "CONNECT",
      protocol: "5.0",
      clientId: "publisher",
      clean: false,
      will: {
        topic: "plant/line1/status",
        payload: "offline",
        qos: 1,
        retain: true,
        properties: { willDelayInterval: 5, messageExpiryInterval: 60 },
      },
    });
    expect(d.facts).toMatchObject({
      willQos: 1,
      willRetain: true,
      willProperties: { "Will Delay Interval": 5, "Message Expiry Interval": 60 },
    });
    expect(field(d, "Will Delay Interval").spec).toBe("5.0 §3.1.3.2.2, §2.2.2.2");
    expect(field(d, "Message Expiry Interval").spec).toBe("5.0 §3.1.3.2.4, §2.2.2.2");
    expect(field(d, "Will topic").value).toBe('"plant/line1/status"');
    const bits = field(d, "Connect flags").bits ?? [];
    expect(bits.find((b) => b.name === "Will QoS")?.value).toBe("01");
    expect(bits.find((b) => b.name === "Will Retain")?.value).toBe("1");
  });

  it("CONNACK: Receive Maximum, Maximum QoS and Retain Available", () => {
    const d = decode({
      packet: "CONNACK",
      protocol: "5.0",
      sessionPresent: false,
      properties: { receiveMaximum: 20, maximumQoS: 1, retainAvailable: false },
    });
    expect(d.facts.properties).toEqual({ "Receive Maximum": 20, "Maximum QoS": 1, "Retain Available": 0 });
    expect(field(d, "Maximum QoS").spec).toBe("5.0 §3.2.2.3.4, §2.2.2.2");
    expect(field(d, "Retain Available").spec).toBe("5.0 §3.2.2.3.5, §2.2.2.2");
    expect(field(d, "Receive Maximum").explanation).toMatch(/unacknowledged/);
  });

  it("PUBLISH: Message Expiry Interval", () => {
    const d = decode({
      packet: "PUBLISH",
      protocol: "5.0",
      qos: 1,
      packetId: 4,
      topic: "t",
      payload: "x",
      properties: { messageExpiryInterval: 30 },
    });
    expect(field(d, "Message Expiry Interval")).toMatchObject({
      value: "30 s",
      spec: "5.0 §3.3.2.3.3, §2.2.2.2",
    });
  });
});

describe("reason codes with meaning and spec reference", () => {
  const ack = (packet: WirePacket["packet"], reasonCode: number) =>
    decode({ packet, protocol: "5.0", packetId: 7, reasonCode });

  it.each([
    ["PUBACK", 0x10, "No matching subscribers", "5.0 §3.4.2.1 [MQTT-3.4.2-1]"],
    ["PUBACK", 0x87, "Not authorized", "5.0 §3.4.2.1 [MQTT-3.4.2-1]"],
    ["PUBREC", 0x97, "Quota exceeded", "5.0 §3.5.2.1 [MQTT-3.5.2-1]"],
    ["PUBREL", 0x92, "Packet Identifier not found", "5.0 §3.6.2.1 [MQTT-3.6.2-1]"],
    ["PUBCOMP", 0x92, "Packet Identifier not found", "5.0 §3.7.2.1 [MQTT-3.7.2-1]"],
  ] as const)("%s %i: %s", (packet, code, name, spec) => {
    const d = ack(packet, code);
    expect(d.facts.reasonCode).toBe(code);
    const f = field(d, "Reason code");
    expect(f.value).toBe(`0x${code.toString(16)} ${name}`);
    expect(f.spec).toBe(spec);
    expect(f.explanation).toContain(reasonInfo(packet, code)?.meaning);
    expect(d.summary).toContain(`reason 0x${code.toString(16)}`);
  });

  it("a refusal on PUBACK or PUBREC says the flow ends there", () => {
    expect(field(ack("PUBREC", 0x87), "Reason code").explanation).toMatch(/ends the flow/);
  });

  it("CONNACK 0x9B QoS not supported, with its table's section", () => {
    const d = decode({ packet: "CONNACK", protocol: "5.0", sessionPresent: false, reasonCode: 0x9b });
    expect(field(d, "Reason code")).toMatchObject({
      value: "0x9b QoS not supported",
      spec: "5.0 §3.2.2.2 [MQTT-3.2.2-8]",
    });
  });

  it("3.1.1 keeps its CONNACK return codes", () => {
    const d = decode({ packet: "CONNACK", protocol: "3.1.1", sessionPresent: false, reasonCode: 5 });
    expect(field(d, "Return code").value).toBe("0x05 Not authorized");
  });

  it("flags a code the packet's table does not list, citing that table's statement", () => {
    // PUBACK 0x92 (PUBREL/PUBCOMP only); DISCONNECT 0x01 (SUBACK only).
    expect(decodePacket("40 03 00 01 92", "5.0").error).toContain("[MQTT-3.4.2-1]");
    expect(decodePacket("e0 01 01", "5.0").error).toContain("[MQTT-3.14.2-1]");
  });

  it("the table: 0x00 means something on every packet; refusals are >= 0x80; sections per packet", () => {
    for (const packet of REASON_PACKETS) {
      const codes = reasonCodesOf(packet);
      expect(codes[0], packet).toBe(0);
      for (const code of codes) {
        const info = reasonInfo(packet, code);
        expect(info?.meaning.length, `${packet} ${code}`).toBeGreaterThan(10);
        expect(info?.failure).toBe(code >= 0x80);
      }
    }
    expect(reasonInfo("SUBACK", 0)?.name).toBe("Granted QoS 0");
    expect(reasonInfo("DISCONNECT", 0)?.name).toBe("Normal disconnection");
    expect(reasonInfo("DISCONNECT", 4)?.name).toBe("Disconnect with Will Message");
    expect(reasonInfo("PUBACK", 0x92)).toBeUndefined();
    expect(reasonCodesOf("PUBREL")).toEqual([0x00, 0x92]);
  });
});

describe("SUBSCRIBE: the subscription options", () => {
  const subscribe = (protocol: Protocol, retainAsPublished: boolean, retainHandling: 0 | 1 | 2) =>
    decode({
      packet: "SUBSCRIBE",
      protocol,
      packetId: 1,
      subscription: { topic: "plant/#", qos: 2, retainAsPublished, retainHandling },
    });

  it("5.0: QoS, No Local, Retain As Published and Retain Handling, bit by bit", () => {
    const d = subscribe("5.0", true, 2);
    expect(d.summary).toBe(`SUBSCRIBE, filter "plant/#", QoS 2, packet id 1, ${d.size} bytes`);
    const f = field(d, "Subscription options");
    expect(f.value).toBe("0x2a: QoS 2, Retain As Published, Retain Handling 2");
    expect(f.spec).toContain("5.0 §3.8.3.1");
    expect((f.bits ?? []).map((b) => [b.name, b.bits, b.value])).toEqual([
      ["Reserved", "7-6", "00"],
      ["Retain Handling", "5-4", "10"],
      ["Retain As Published", "3", "1"],
      ["No Local", "2", "0"],
      ["QoS", "1-0", "10"],
    ]);
    expect(f.bits?.[1]?.meaning).toMatch(/never send retained/);
    expect(field(d, "Topic filter").value).toBe('"plant/#"');
    expect(field(d, "Properties length").spec).toContain("5.0 §3.8.2.1.1");
  });

  it("3.1.1: only the requested QoS, with reserved bits", () => {
    const d = subscribe("3.1.1", true, 2);
    expect(field(d, "Requested QoS").value).toBe("0x02: QoS 2");
    expect(d.fields.some((f) => f.name === "Subscription options")).toBe(false);
  });

  it("a reserved Retain Handling 3 or reserved option bits are errors", () => {
    expect(decodePacket("82 07 00 01 00 00 01 61 30", "5.0").error).toMatch(/Retain Handling 3/);
    expect(decodePacket("82 07 00 01 00 00 01 61 c0", "5.0").error).toMatch(/\[MQTT-3.8.3-5\]/);
  });
});

describe("SUBACK and DISCONNECT", () => {
  it.each([
    [0, "0x00 Granted QoS 0", "granted QoS 0"],
    [2, "0x02 Granted QoS 2", "granted QoS 2"],
    [0x80, "0x80 Unspecified error", "reason 0x80"],
  ] as const)("SUBACK 5.0 %i", (reasonCode, value, summary) => {
    const d = decode({ packet: "SUBACK", protocol: "5.0", packetId: 1, reasonCode });
    expect(field(d, "Reason code")).toMatchObject({ value, spec: "5.0 §3.9.3 [MQTT-3.9.3-2]" });
    expect(d.summary).toContain(summary);
  });

  it("SUBACK 3.1.1: return codes", () => {
    const d = decode({ packet: "SUBACK", protocol: "3.1.1", packetId: 1, reasonCode: 0x80 });
    expect(field(d, "Return code").value).toBe("0x80 Failure");
  });

  it("DISCONNECT 0x04 asks for the will; 0x00 discards it", () => {
    const withWill = decode({ packet: "DISCONNECT", protocol: "5.0", reasonCode: 0x04 });
    expect(field(withWill, "Reason code")).toMatchObject({
      value: "0x04 Disconnect with Will Message",
      spec: "5.0 §3.14.2.1 [MQTT-3.14.2-1]",
    });
    const normal = decode({ packet: "DISCONNECT", protocol: "5.0" });
    expect(field(normal, "Reason code").value).toMatch(/^0x00 Normal disconnection/);
    expect(field(normal, "Reason code").explanation).toMatch(/will/);
  });

  it("DISCONNECT 3.1.1 has no body; 5.0's short form means 0x00", () => {
    const d = decode({ packet: "DISCONNECT", protocol: "3.1.1" });
    expect(d.fields.map((f) => f.name)).toEqual(["Packet type and flags", "Remaining Length"]);
    const short = decodePacket("e0 00", "5.0");
    expect(short.error).toBeUndefined();
    expect(field(short, "Reason code")).toMatchObject({
      length: 0,
      value: "0x00 Normal disconnection (omitted)",
    });
  });
});
