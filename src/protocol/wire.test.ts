import { Buffer } from "buffer";
import { describe, expect, it } from "vitest";
import type { PacketType, Protocol, Qos } from "./types.ts";
import { encode, PERSISTENT_SESSION_EXPIRY_S, toHex, type WirePacket } from "./wire.ts";
import { PAYLOAD, parseBack as parse, TOPIC } from "./testing.ts";

function publish(protocol: Protocol, qos: Qos, extra: Partial<WirePacket> = {}): WirePacket {
  return { packet: "PUBLISH", protocol, qos, topic: TOPIC, payload: PAYLOAD, packetId: 1, ...extra };
}

/** The first byte of the fixed header: packet type << 4 | flags. */
function firstByte(p: WirePacket): number {
  return encode(p).bytes[0] as number;
}

const ACKS: PacketType[] = ["PUBACK", "PUBREC", "PUBREL", "PUBCOMP"];

describe("wire sizes (mqtt-reference.md §9)", () => {
  it.each([
    ["3.1.1", 0, 35],
    ["5.0", 0, 36],
    ["3.1.1", 1, 37],
    ["5.0", 1, 38],
    ["3.1.1", 2, 37],
    ["5.0", 2, 38],
  ] as const)("a %s QoS %i PUBLISH of plant/batch with 20 bytes is %i bytes", (protocol, qos, size) => {
    const encoding = encode(publish(protocol, qos));
    expect(encoding.bytes.length).toBe(size);
    expect(Buffer.from(PAYLOAD).length).toBe(20);
  });

  it.each(["3.1.1", "5.0"] as const)("every acknowledgement is 4 bytes in %s", (protocol) => {
    for (const packet of ACKS) {
      expect(encode({ packet, protocol, packetId: 1 }).bytes.length, packet).toBe(4);
      expect(encode({ packet, protocol, packetId: 65535 }).bytes.length, packet).toBe(4);
    }
  });

  it("a clean 3.1.1 CONNECT with client id viz is 17 bytes", () => {
    expect(encode({ packet: "CONNECT", protocol: "3.1.1", clientId: "viz", clean: true }).bytes.length).toBe(
      17,
    );
  });

  it("a CONNACK is 4 bytes in 3.1.1 and 5 in 5.0", () => {
    expect(encode({ packet: "CONNACK", protocol: "3.1.1", sessionPresent: true }).bytes.length).toBe(4);
    expect(encode({ packet: "CONNACK", protocol: "5.0", sessionPresent: true }).bytes.length).toBe(5);
  });
});

describe("hex formatting", () => {
  it("writes lower-case byte pairs separated by single spaces", () => {
    expect(toHex(new Uint8Array([0x00, 0x0f, 0xab, 0xff]))).toBe("00 0f ab ff");
    expect(toHex(new Uint8Array([0x40]))).toBe("40");
    expect(toHex(new Uint8Array([]))).toBe("");
  });

  it("encodes a PUBACK for id 1 as 40 02 00 01 in both versions", () => {
    expect(encode({ packet: "PUBACK", protocol: "3.1.1", packetId: 1 }).hex).toBe("40 02 00 01");
    expect(encode({ packet: "PUBACK", protocol: "5.0", packetId: 1 }).hex).toBe("40 02 00 01");
  });

  it("encodes the acknowledgements with their packet type and a big-endian id", () => {
    expect(encode({ packet: "PUBREC", protocol: "3.1.1", packetId: 0x1234 }).hex).toBe("50 02 12 34");
    expect(encode({ packet: "PUBREL", protocol: "3.1.1", packetId: 0x1234 }).hex).toBe("62 02 12 34");
    expect(encode({ packet: "PUBCOMP", protocol: "3.1.1", packetId: 0x1234 }).hex).toBe("70 02 12 34");
  });

  it("hex and bytes describe the same encoding", () => {
    const e = encode(publish("5.0", 2, { retain: true }));
    expect(e.hex.split(" ")).toHaveLength(e.bytes.length);
    expect(e.hex).toBe(toHex(e.bytes));
    expect(e.hex).toMatch(/^[0-9a-f]{2}( [0-9a-f]{2})*$/);
  });

  it("encodes a CONNACK's Session Present flag", () => {
    expect(encode({ packet: "CONNACK", protocol: "3.1.1", sessionPresent: true }).hex).toBe("20 02 01 00");
    expect(encode({ packet: "CONNACK", protocol: "3.1.1", sessionPresent: false }).hex).toBe("20 02 00 00");
  });
});

describe("PUBLISH flags", () => {
  it.each(["3.1.1", "5.0"] as const)("sets DUP only on a QoS 1/2 resend [MQTT-3.3.1-1] (%s)", (protocol) => {
    const DUP = 0b1000;
    expect(firstByte(publish(protocol, 1)) & DUP).toBe(0);
    expect(firstByte(publish(protocol, 1, { dup: true })) & DUP).toBe(DUP);
    expect(firstByte(publish(protocol, 2)) & DUP).toBe(0);
    expect(firstByte(publish(protocol, 2, { dup: true })) & DUP).toBe(DUP);
    // A QoS 0 PUBLISH always has DUP=0 [MQTT-3.3.1-2], whatever it is asked for.
    expect(firstByte(publish(protocol, 0, { dup: true })) & DUP).toBe(0);
    expect(firstByte(publish(protocol, 0, { dup: true }))).toBe(0x30);
  });

  it("encodes QoS in bits 2-1 and RETAIN in bit 0 of a PUBLISH", () => {
    expect(firstByte(publish("3.1.1", 0))).toBe(0x30);
    expect(firstByte(publish("3.1.1", 1))).toBe(0x32);
    expect(firstByte(publish("3.1.1", 2))).toBe(0x34);
    expect(firstByte(publish("3.1.1", 2, { dup: true, retain: true }))).toBe(0x3d);
  });

  it("a QoS 0 PUBLISH carries no packet id", () => {
    const parsed = parse(encode(publish("3.1.1", 0, { packetId: 7 })).hex, "3.1.1");
    expect(parsed.cmd).toBe("publish");
    expect(parsed.messageId).toBeUndefined();
  });

  it.each(["3.1.1", "5.0"] as const)("parses back with mqtt-packet to the same PUBLISH (%s)", (protocol) => {
    for (const qos of [0, 1, 2] as const) {
      for (const dup of [false, true]) {
        const parsed = parse(
          encode(publish(protocol, qos, { dup, retain: dup, packetId: 513 })).hex,
          protocol,
        );
        expect(parsed).toMatchObject({ cmd: "publish", topic: TOPIC, qos, dup: qos > 0 && dup, retain: dup });
        if (parsed.cmd === "publish") expect(parsed.payload.toString()).toBe(PAYLOAD);
        expect(parsed.messageId).toBe(qos > 0 ? 513 : undefined);
      }
    }
  });
});

describe("PUBREL", () => {
  it.each(["3.1.1", "5.0"] as const)("has fixed-header flags 0010 whatever is asked (%s)", (protocol) => {
    for (const dup of [false, true]) {
      const byte = firstByte({ packet: "PUBREL", protocol, packetId: 9, dup });
      expect(byte >> 4).toBe(6);
      expect(byte & 0x0f).toBe(0b0010);
    }
  });

  it("the other acknowledgements have flags 0000", () => {
    for (const packet of ["PUBACK", "PUBREC", "PUBCOMP"] as const) {
      expect(firstByte({ packet, protocol: "5.0", packetId: 9 }) & 0x0f, packet).toBe(0);
    }
  });

  it.each(["3.1.1", "5.0"] as const)("every acknowledgement parses back with its id (%s)", (protocol) => {
    for (const packet of ACKS) {
      const parsed = parse(encode({ packet, protocol, packetId: 300 }).hex, protocol);
      expect(parsed.cmd).toBe(packet.toLowerCase());
      expect(parsed.messageId).toBe(300);
    }
  });
});

describe("CONNECT and CONNACK", () => {
  it("asks for a kept session in 5.0 with a Session Expiry Interval, and for none when clean", () => {
    const kept = parse(
      encode({ packet: "CONNECT", protocol: "5.0", clientId: "subscriber", clean: false }).hex,
      "5.0",
    );
    expect(kept).toMatchObject({ cmd: "connect", clientId: "subscriber", clean: false, protocolVersion: 5 });
    expect(kept.cmd === "connect" && kept.properties?.sessionExpiryInterval).toBe(
      PERSISTENT_SESSION_EXPIRY_S,
    );
    const clean = parse(
      encode({ packet: "CONNECT", protocol: "5.0", clientId: "subscriber", clean: true }).hex,
      "5.0",
    );
    expect(clean).toMatchObject({ cmd: "connect", clean: true });
    expect(clean.cmd === "connect" && clean.properties?.sessionExpiryInterval).toBeFalsy();
  });

  it("a 3.1.1 CONNECT carries CleanSession and protocol level 4", () => {
    const parsed = parse(
      encode({ packet: "CONNECT", protocol: "3.1.1", clientId: "viz", clean: false }).hex,
      "3.1.1",
    );
    expect(parsed).toMatchObject({ cmd: "connect", clientId: "viz", clean: false, protocolVersion: 4 });
  });

  it.each(["3.1.1", "5.0"] as const)(
    "a CONNACK parses back with its Session Present flag (%s)",
    (protocol) => {
      for (const sessionPresent of [false, true]) {
        const parsed = parse(encode({ packet: "CONNACK", protocol, sessionPresent }).hex, protocol);
        expect(parsed).toMatchObject({ cmd: "connack", sessionPresent });
      }
    },
  );
});

describe("memoisation", () => {
  it("returns the identical encoding for an equal packet", () => {
    const first = encode(publish("5.0", 1, { dup: true }));
    const again = encode(publish("5.0", 1, { dup: true }));
    expect(again).toBe(first);
    expect(again.bytes).toBe(first.bytes);
    const ack = encode({ packet: "PUBACK", protocol: "3.1.1", packetId: 42 });
    expect(encode({ packet: "PUBACK", protocol: "3.1.1", packetId: 42 })).toBe(ack);
  });

  it("does not mix up packets that differ in any field", () => {
    const base = publish("3.1.1", 1);
    const variants: WirePacket[] = [
      base,
      { ...base, protocol: "5.0" },
      { ...base, qos: 2 },
      { ...base, dup: true },
      { ...base, retain: true },
      { ...base, packetId: 2 },
      { ...base, topic: "plant/other" },
      { ...base, payload: "x" },
      { packet: "PUBACK", protocol: "3.1.1", packetId: 1 },
      { packet: "PUBREC", protocol: "3.1.1", packetId: 1 },
    ];
    const hexes = variants.map((v) => encode(v).hex);
    expect(new Set(hexes).size).toBe(variants.length);
  });

  it("gives the same bytes as a fresh encoding after many others were cached", () => {
    const before = encode(publish("3.1.1", 2, { packetId: 77 })).hex;
    for (let id = 1; id <= 3000; id++) encode({ packet: "PUBACK", protocol: "5.0", packetId: id });
    expect(encode(publish("3.1.1", 2, { packetId: 77 })).hex).toBe(before);
  });
});
