import fc from "fast-check";
import mqtt, { type Packet } from "mqtt-packet";
import { describe, expect, it } from "vitest";
import { generate } from "./generate.ts";

const packetArb: fc.Arbitrary<Packet> = fc.oneof(
  fc.record({
    cmd: fc.constant("publish" as const),
    topic: fc.string({ minLength: 1, maxLength: 40 }),
    payload: fc.string({ maxLength: 200 }),
    qos: fc.constantFrom(0 as const, 1 as const, 2 as const),
    dup: fc.boolean(),
    retain: fc.boolean(),
    messageId: fc.integer({ min: 1, max: 65535 }),
  }),
  fc.record({
    cmd: fc.constantFrom("puback" as const, "pubrec" as const, "pubrel" as const, "pubcomp" as const),
    messageId: fc.integer({ min: 1, max: 65535 }),
  }),
  fc.record({
    cmd: fc.constant("connect" as const),
    clientId: fc.string({ maxLength: 23 }),
    clean: fc.boolean(),
    keepalive: fc.integer({ min: 0, max: 65535 }),
  }),
  fc.record({
    cmd: fc.constant("connack" as const),
    sessionPresent: fc.boolean(),
    returnCode: fc.constant(0),
  }),
);

describe("generate (mqtt-packet's writer without generate.js)", () => {
  it("gives the bytes mqtt-packet's own generate gives, for 3.1.1 and 5.0", { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(packetArb, fc.constantFrom(4 as const, 5 as const), (packet, protocolVersion) => {
        // The same bytes, or the same refusal (a 3.1.1 return code in a 5.0 CONNACK, ...).
        const outcome = (encode: () => Uint8Array) => {
          try {
            return Buffer.from(encode()).toString("hex");
          } catch (error) {
            return `refused: ${(error as Error).message}`;
          }
        };
        expect(outcome(() => generate({ ...packet }, { protocolVersion }))).toBe(
          outcome(() => mqtt.generate({ ...packet }, { protocolVersion })),
        );
      }),
      { numRuns: 500 },
    );
  });

  it("throws what the writer reports about a packet it cannot encode", () => {
    const bad = { cmd: "connect", clientId: "c", password: Buffer.from("p") } as Packet;
    expect(() => generate(bad, { protocolVersion: 4 })).toThrow(/Username is required/);
  });
});
