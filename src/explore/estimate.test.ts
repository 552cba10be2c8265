import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraryScenario } from "../sim/arbitrary.ts";
import { runScenario } from "../sim/runScenario.ts";
import { parseScenarioOrThrow, ScenarioError, type ScenarioInput } from "../sim/scenario.ts";
import type { Scenario } from "../sim/types.ts";
import { traceStream, withoutFaults } from "./enumerate.ts";
import { estimatePlans, growthPerDrop, packetsOf } from "./estimate.ts";

const setup = (input: ScenarioInput): Scenario => parseScenarioOrThrow(input);

/** The plans of each size that the explorer actually runs. */
function actualBySize(scenario: Scenario, maxDrops: number): number[] {
  const sizes = Array.from({ length: maxDrops }, () => 0);
  for (const { faults } of traceStream(withoutFaults(scenario), maxDrops)) {
    sizes[faults.length - 1] = (sizes[faults.length - 1] ?? 0) + 1;
  }
  return sizes;
}

/** Random set-ups, small enough to enumerate to three drops: 1..2 messages. */
const smallScenario = arbitraryScenario({ maxFaults: 0 }).filter((s) => s.messages.length <= 2);
const UNLIMITED = Number.MAX_SAFE_INTEGER;

describe("estimatePlans", () => {
  it("counts QoS 2 over two hops exactly: 8, 56 and 352 plans", () => {
    const estimate = estimatePlans(setup({ publishQos: 2, subscriber: { qos: 2 } }), 3);
    expect(estimate.bySize).toEqual([
      { plans: 8, exact: true },
      { plans: 56, exact: true },
      { plans: 352, exact: true },
    ]);
    expect(estimate).toMatchObject({ plans: 416, exact: true, baselinePackets: 8, maxDrops: 3 });
  });

  it("ignores the scenario's own faults, as the explorer does", () => {
    const plain = setup({ publishQos: 1 });
    const faulty = setup({ publishQos: 1, faults: [{ packet: "PUBACK" }] });
    expect(estimatePlans(faulty, 2)).toEqual(estimatePlans(plain, 2));
  });

  it("bounds, without simulating, the levels beyond its budget", () => {
    const scenario = setup({ publishQos: 2, subscriber: { qos: 2 } });
    const estimate = estimatePlans(scenario, 3, 0);
    // Level 1 always comes from the run with nothing lost; T = 8, G = 10, P(1) = 18, P(2) = 28.
    expect(estimate.bySize).toEqual([
      { plans: 8, exact: true },
      { plans: Math.min(8 * 17, (18 * 17) / 2), exact: false },
      { plans: Math.min(136 * 26, (28 * 27 * 26) / 6), exact: false },
    ]);
    expect(estimate.exact).toBe(false);
    expect(estimate.packetsPerPlan).toBe(8 + 3 * 10);
  });

  it("refuses what the explorer refuses", () => {
    const scenario = setup({ publishQos: 1 });
    expect(() => estimatePlans(scenario, 0)).toThrow(RangeError);
    expect(() => estimatePlans(scenario, 4)).toThrow(RangeError);
    expect(() => estimatePlans({ ...scenario, publishQos: 5 } as unknown as Scenario, 1)).toThrow(
      ScenarioError,
    );
  });

  it("is exact with a budget that suffices and never below the truth with any budget (property)", () => {
    fc.assert(
      fc.property(
        smallScenario,
        fc.integer({ min: 1, max: 3 }),
        fc.nat(3000),
        (scenario, maxDrops, budget) => {
          const actual = actualBySize(scenario, maxDrops);
          const exact = estimatePlans(scenario, maxDrops, UNLIMITED);
          expect(exact.bySize.map((l) => l.plans)).toEqual(actual);
          expect(exact.exact).toBe(true);
          // Any budget, none included: what is counted is exact, the rest bounded.
          const bound = estimatePlans(scenario, maxDrops, budget);
          bound.bySize.forEach((level, i) => expect(level.plans).toBeGreaterThanOrEqual(actual[i] ?? 0));
        },
      ),
      { numRuns: 40, seed: 10 },
    );
  }, 120_000);

  it("one loss adds at most T + 2 packets, the growth the bound rests on (property)", () => {
    fc.assert(
      fc.property(arbitraryScenario({ maxFaults: 0 }), (scenario) => {
        const set = withoutFaults(scenario);
        const baseline = packetsOf(runScenario(set));
        const growth = growthPerDrop(baseline);
        const maxDrops = scenario.messages.length <= 2 ? 3 : 2;
        for (const { faults, trace } of traceStream(set, maxDrops)) {
          expect(packetsOf(trace)).toBeLessThanOrEqual(baseline + faults.length * growth);
        }
      }),
      { numRuns: 60, seed: 11 },
    );
  }, 120_000);
});
