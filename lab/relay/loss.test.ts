/**
 * The random-loss drawer: seeded determinism, nothing cut at rate 0, a higher rate cuts a superset
 * of the same seed's cuts, the shared budget of faults, and which packets may be drawn for at all.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_FAULTS } from "../../src/sim/scenarioDefaults.ts";
import { HOPS, type Hop } from "../../src/sim/types.ts";
import { MAX_LOSS_RATE } from "../../src/live/index.ts";
import { LossDrawer, RandomLoss, checkLoss, hopSeed, lossEligible } from "./loss.ts";

const PROPERTY = { timeout: 60_000 };
const seed = fc.integer({ min: 0, max: 2 ** 32 - 1 });
const rate = fc.double({ min: 0, max: MAX_LOSS_RATE, noNaN: true });
const hop = fc.constantFrom<Hop>(...HOPS);

/** Indices of the cut packets among `n` eligible ones. */
function cuts(drawer: LossDrawer, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (drawer.draw()) out.push(i);
  return out;
}

describe("LossDrawer", () => {
  it("cuts the same packets for the same seed, rate and hop", PROPERTY, () => {
    fc.assert(
      fc.property(seed, rate, hop, fc.integer({ min: 0, max: 500 }), (s, r, h, n) => {
        const loss = { rate: r, seed: s };
        expect(cuts(new LossDrawer(loss, h), n)).toEqual(cuts(new LossDrawer(loss, h), n));
      }),
      { numRuns: 200 },
    );
  });

  it("cuts nothing at rate 0", PROPERTY, () => {
    fc.assert(
      fc.property(seed, hop, fc.integer({ min: 0, max: 500 }), (s, h, n) => {
        expect(cuts(new LossDrawer({ rate: 0, seed: s }, h), n)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("cuts, at a higher rate, every packet the same seed cuts at a lower one", PROPERTY, () => {
    fc.assert(
      fc.property(seed, rate, rate, hop, fc.integer({ min: 0, max: 500 }), (s, a, b, h, n) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const fewer = cuts(new LossDrawer({ rate: low, seed: s }, h), n);
        const more = new Set(cuts(new LossDrawer({ rate: high, seed: s }, h), n));
        for (const i of fewer) expect(more.has(i)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("draws from a separate stream on each hop", () => {
    const loss = { rate: 0.5, seed: 7 };
    expect(hopSeed(7, "publisher-broker")).not.toBe(hopSeed(7, "broker-subscriber"));
    expect(cuts(new LossDrawer(loss, "publisher-broker"), 64)).not.toEqual(
      cuts(new LossDrawer(loss, "broker-subscriber"), 64),
    );
  });

  it("cuts about `rate` of many packets (a fixed seed, so the count is fixed too)", () => {
    const n = 20_000;
    const share = cuts(new LossDrawer({ rate: 0.2, seed: 42 }, "publisher-broker"), n).length / n;
    expect(share).toBeGreaterThan(0.19);
    expect(share).toBeLessThan(0.21);
  });
});

describe("RandomLoss", () => {
  it("keeps planned plus random faults within what a scenario may list, across both hops", () => {
    const loss = new RandomLoss({ rate: 0.5, seed: 1 }, MAX_FAULTS - 3);
    const a = loss.drawer("publisher-broker");
    const b = loss.drawer("broker-subscriber");
    let cut = 0;
    for (let i = 0; i < 200; i++) cut += (a.draw() ? 1 : 0) + (b.draw() ? 1 : 0);
    expect(cut).toBe(3);
    const none = new RandomLoss({ rate: 0.5, seed: 1 }, MAX_FAULTS).drawer("publisher-broker");
    expect(cuts(none, 200)).toEqual([]);
  });
});

describe("checkLoss", () => {
  it("refuses a rate or seed that cannot be repeated or is out of bounds, naming the field", () => {
    expect(() => checkLoss({ rate: MAX_LOSS_RATE, seed: 2 ** 32 - 1 })).not.toThrow();
    expect(() => checkLoss({ rate: 0.6, seed: 1 })).toThrow(/^loss\.rate: expected a number from 0 to 0\.5/);
    expect(() => checkLoss({ rate: -0.1, seed: 1 })).toThrow(/^loss\.rate/);
    expect(() => checkLoss({ rate: Number.NaN, seed: 1 })).toThrow(/^loss\.rate/);
    expect(() => checkLoss({ rate: 0.1, seed: 1.5 })).toThrow(/^loss\.seed/);
    expect(() => checkLoss({ rate: 0.1, seed: -1 })).toThrow(/^loss\.seed/);
    expect(() => checkLoss({ rate: 0.1, seed: 2 ** 32 })).toThrow(/^loss\.seed/);
  });
});

describe("lossEligible", () => {
  it("draws only for packets a scenario's fault can name", () => {
    expect(lossEligible("PUBLISH", 1, 1, 1)).toBe(true);
    expect(lossEligible("PUBCOMP", 2, 3, 2)).toBe(true);
    // An ack of an unknown packet id, or content that is none of the scenario's messages.
    expect(lossEligible("PUBACK", undefined, 0, 1)).toBe(false);
    expect(lossEligible("PUBLISH", 2, 1, 1)).toBe(false);
    // CONNECT/CONNACK of the first connection are attempt 0, which no fault names.
    expect(lossEligible("CONNECT", undefined, 0, 1)).toBe(false);
    expect(lossEligible("CONNACK", undefined, 2, 1)).toBe(true);
    expect(lossEligible("PUBREL", 1, 1001, 1)).toBe(false);
  });
});
