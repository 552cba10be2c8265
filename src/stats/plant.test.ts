import { describe, expect, it } from "vitest";
import { BYTES_PER_MB, plantTable, sizingClaims } from "./plant.ts";
import { packetSize, publishSizeFunction, payloadOf } from "./sizes.ts";

describe("plant calculator", () => {
  it("reproduces the domain.md sizing example exactly", () => {
    const minute = plantTable({
      devices: 1000,
      intervalS: 60,
      payloadBytes: 50,
      topic: "plant/line1/temperature",
      protocol: "5.0",
    });
    expect(minute[0].perDay.messages).toBe(1_440_000);
    expect(minute[1].perDay.packets).toBe(2_880_000);
    expect(minute[2].perDay.packets).toBe(5_760_000);
    const tenS = plantTable({
      devices: 1000,
      intervalS: 10,
      payloadBytes: 50,
      topic: "t",
      protocol: "3.1.1",
    });
    expect(tenS[0].perHour.messages).toBe(360_000);
    expect(tenS[0].perHour.payloadBytes).toBe(18 * BYTES_PER_MB);
    expect(sizingClaims().every((c) => c.holds)).toBe(true);
  });

  it("counts wire bytes from the encoder (mqtt-reference.md §9: plant/batch, 20 bytes)", () => {
    const row = (protocol: "3.1.1" | "5.0") =>
      plantTable({ devices: 1, intervalS: 3600, payloadBytes: 20, topic: "plant/batch", protocol, qos: 2 });
    const v311 = row("3.1.1");
    expect(v311.map((r) => r.publishBytes)).toEqual([35, 37, 37]);
    expect(v311.map((r) => r.ackBytes)).toEqual([0, 4, 12]);
    expect(row("5.0").map((r) => r.publishBytes)).toEqual([36, 38, 38]);
    expect(v311.map((r) => r.selected)).toEqual([false, false, true]);
    expect(v311[2].perHour).toEqual({ messages: 1, packets: 4, bytes: 49, payloadBytes: 20 });
  });

  it("refuses impossible numbers", () => {
    const ok = { devices: 1, intervalS: 1, payloadBytes: 1, topic: "t", protocol: "5.0" as const };
    expect(() => plantTable({ ...ok, intervalS: 0 })).toThrow(/intervalS/);
    expect(() => plantTable({ ...ok, devices: -1 })).toThrow(/devices/);
    expect(() => plantTable({ ...ok, payloadBytes: 1.5 })).toThrow(/payloadBytes/);
  });
});

describe("PUBLISH size function", () => {
  it("matches the encoder across the remaining-length steps at 128 and 16,384", () => {
    const payloads = [...Array(200).keys(), ...Array.from({ length: 12 }, (_, i) => 16_356 + i)];
    for (const protocol of ["3.1.1", "5.0"] as const) {
      for (const qos of [0, 1, 2] as const) {
        const size = publishSizeFunction(qos, "plant/line1/temperature", protocol);
        for (const n of payloads) {
          expect(size(n)).toBe(packetSize("PUBLISH", qos, "plant/line1/temperature", payloadOf(n), protocol));
        }
      }
    }
  });
});
