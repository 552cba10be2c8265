import { describe, expect, it } from "vitest";
import { checkBatteryClaim, radioEnergy, ROUGHLY } from "./energy.ts";
import { publishSizeFunction } from "./sizes.ts";

describe("radio energy", () => {
  it("computes the domain.md radio by hand: topic plant/batch, 50-byte payload, 3.1.1", () => {
    // PUBLISH QoS 0 = 1 + 1 + 2 + 11 + 50 = 65 bytes; QoS 1/2 add a 2-byte packet id; PUBREL is 4.
    // 65 B × 8 / 250 kbit/s = 2.08 ms × 30 mA = 62.4 µC.  QoS 1: 67 B → 64.32 + 5 ms × 10 mA = 114.32.
    // QoS 2: 67 + 4 B → 68.16 + 2 × 50 = 168.16.
    const table = radioEnergy({ intervalS: 60, payloadBytes: 50, topic: "plant/batch", protocol: "3.1.1" });
    expect(table.map((r) => r.txBytes)).toEqual([65, 67, 71]);
    expect(table[0].chargePerMessageUc).toBeCloseTo(62.4, 10);
    expect(table[1].chargePerMessageUc).toBeCloseTo(114.32, 10);
    expect(table[2].chargePerMessageUc).toBeCloseTo(168.16, 10);
    expect(table[1].ratioToQos0).toBeCloseTo(114.32 / 62.4, 10);
    expect(table[2].ratioToQos0).toBeCloseTo(168.16 / 62.4, 10);
    // 1,440 messages a day: 62.4 µC × 1,440 = 89,856 µC = 0.02496 mAh.
    expect(table[0].chargePerDayMah).toBeCloseTo(0.02496, 10);
    expect(table[0].energyPerDayJ).toBeNull();
    const volts = radioEnergy({
      intervalS: 60,
      payloadBytes: 50,
      topic: "plant/batch",
      protocol: "3.1.1",
      radio: { voltageV: 3 },
    });
    expect(volts[0].energyPerMessageMj).toBeCloseTo(0.1872, 10);
    expect(volts[0].energyPerDayJ).toBeCloseTo(0.269568, 10);
  });

  it("says honestly where the battery claim holds: ranges are exact at their edges", () => {
    const input = { payloadBytes: 50, topic: "plant/batch", protocol: "3.1.1" as const };
    const check = checkBatteryClaim(input);
    // At 50 bytes QoS 1 is 1.83× (roughly doubles) but QoS 2 only 2.69× (not 4×).
    expect(check.rows.map((r) => r.holds)).toEqual([true, false]);
    const { doublesFor, quadruplesFor, bothFor } = check;
    expect(doublesFor && quadruplesFor && bothFor).toBeTruthy();
    const ratios = (n: number) => {
      const [r0, r1, r2] = [0, 1, 2].map((q) =>
        publishSizeFunction(q as 0 | 1 | 2, input.topic, input.protocol)(n),
      );
      const c0 = r0! * 8 * 0.12; // µC: bytes × 8 / 250 kbit/s (ms) × 30 mA
      return [(r1! * 8 * 0.12 + 50) / c0, ((r2! + 4) * 8 * 0.12 + 100) / c0];
    };
    const holds = (r: number, f: number) => Math.abs(r / f - 1) <= ROUGHLY;
    for (const [range, index, factor] of [
      [doublesFor, 0, 2],
      [quadruplesFor, 1, 4],
    ] as const) {
      expect(holds(ratios(range!.min)[index]!, factor)).toBe(true);
      expect(holds(ratios(range!.max)[index]!, factor)).toBe(true);
      if (range!.min > 0) expect(holds(ratios(range!.min - 1)[index]!, factor)).toBe(false);
      expect(holds(ratios(range!.max + 1)[index]!, factor)).toBe(false);
    }
    expect(bothFor).toEqual({
      min: Math.max(doublesFor!.min, quadruplesFor!.min),
      max: Math.min(doublesFor!.max, quadruplesFor!.max),
    });
  });

  it("finds no range when the ack wait costs nothing", () => {
    const check = checkBatteryClaim({
      payloadBytes: 50,
      topic: "t",
      protocol: "5.0",
      radio: { ackWaitMs: 0 },
    });
    expect([check.doublesFor, check.quadruplesFor, check.bothFor]).toEqual([null, null, null]);
  });
});
