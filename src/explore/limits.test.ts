import { describe, expect, it } from "vitest";
import type { PlanEstimate } from "./estimate.ts";
import { CLI_LIMITS, judge, PAGE_LIMITS, planCount, plansUpTo } from "./limits.ts";

const estimate = (plans: number, baselinePackets: number, exact = true): PlanEstimate => ({
  plans,
  exact,
  bySize: [{ plans, exact }],
  baselinePackets,
  packetsPerPlan: 3 * baselinePackets,
  maxDrops: 1,
});

describe("judge", () => {
  it("runs what fits, asks above the page's confirmation limit, refuses above the hard limit", () => {
    expect(judge(estimate(416, 8), PAGE_LIMITS)).toEqual({ kind: "run" });
    expect(judge(estimate(20_000, 4), PAGE_LIMITS)).toEqual({
      kind: "confirm",
      reason: "exactly 20,000 plans, above the limit of 10,000 plans",
    });
    expect(judge(estimate(800, 800), PAGE_LIMITS)).toEqual({
      kind: "refuse",
      reason:
        "exactly 800 plans of about 800 packets each: about 640,000 packets to simulate, above the limit of 500,000",
    });
  });

  it("never asks on the command line: it runs or refuses", () => {
    expect(judge(estimate(99_000, 100), CLI_LIMITS)).toEqual({ kind: "run" });
    expect(judge(estimate(100_001, 1, false), CLI_LIMITS)).toEqual({
      kind: "refuse",
      reason: "at most 100,001 plans, above the limit of 100,000 plans",
    });
  });
});

describe("wording", () => {
  it("says exactly or at most, and one plan in the singular", () => {
    expect(planCount(estimate(1, 1))).toBe("exactly 1 plan");
    expect(planCount(estimate(1_923_200, 1, false))).toBe("at most 1,923,200 plans");
  });

  it("adds up the levels of fewer drops", () => {
    const three: PlanEstimate = {
      ...estimate(0, 8),
      bySize: [
        { plans: 8, exact: true },
        { plans: 56, exact: true },
        { plans: 3000, exact: false },
      ],
    };
    expect(plansUpTo(three, 2)).toEqual({ plans: 64, exact: true });
    expect(plansUpTo(three, 3)).toEqual({ plans: 3064, exact: false });
  });
});
