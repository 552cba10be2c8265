/**
 * How many plans an exploration will run, known before it runs: exact where counting is cheap,
 * otherwise a bound that is never below the true number. Pure (no clock), like enumerate.ts.
 *
 * How it is counted. The plans of size j+1 are the plans of size j, each extended by one of the
 * transmissions that arrive after its last fault in its own trace (enumerate.ts). So the number
 * of plans of size j+1 is exactly the sum, over the plans of size j, of their extensions: one
 * simulation per plan of size j, never one per plan of size j+1. Level 1 costs the one run with
 * nothing lost. Levels are counted this way until the packets simulated pass a budget.
 *
 * How it is bounded beyond the budget. Let T be the packets of the run with nothing lost and
 * G = T + 2 the most one loss can add: one reconnect (CONNECT, CONNACK) and at most one more copy
 * of each transmission of the run (the resend of every flow in flight and what follows from it);
 * `estimate.test.ts` pins this on random set-ups. A trace with i losses then has at most
 * P(i) = T + i·G packets, and the plans of size j are at most
 *  - L(j-1) · (P(j-1) − (j−1)): each plan of size j−1 extended by a packet it did not drop, and
 *  - C(P(j−1), j): a plan is fixed by the positions of its faults among the packets of the trace of
 *    its first j−1 faults (by causality, that trace decides each fault in turn), j of at most
 *    P(j−1) positions.
 * The smaller of the two is taken; where part of a level was simulated before the budget ran out,
 * those plans' extensions count exactly and only the others by the first bound.
 */
import { runScenario } from "../sim/runScenario.ts";
import type { Scenario, Trace } from "../sim/types.ts";
import { extensions, MAX_DROPS, withoutFaults, type Pending } from "./enumerate.ts";

/** Packets the estimator simulates at most to count exactly (a fraction of a second, in the worker). */
export const ESTIMATE_BUDGET_PACKETS = 50_000;

export interface LevelEstimate {
  /** Number of plans with exactly this many drops (an upper bound unless `exact`). */
  plans: number;
  exact: boolean;
}

export interface PlanEstimate {
  /** Plans of 1..maxDrops drops: exact when `exact`, otherwise an upper bound. */
  plans: number;
  exact: boolean;
  /** Index i holds the plans of i + 1 drops. */
  bySize: LevelEstimate[];
  /** Packets sent when nothing is lost. */
  baselinePackets: number;
  /** An upper bound on the packets of any one plan's trace: what one plan costs to run and keep. */
  packetsPerPlan: number;
  maxDrops: number;
}

/** The packets one loss can add at most to a run of `baselinePackets` packets (see above). */
export function growthPerDrop(baselinePackets: number): number {
  return baselinePackets + 2;
}

/**
 * Counts (or bounds) the plans of `explore(scenario, maxDrops)` without running them all.
 * Throws ScenarioError for an invalid scenario and RangeError for maxDrops outside 1..MAX_DROPS.
 */
export function estimatePlans(
  scenario: Scenario,
  maxDrops: number,
  budgetPackets: number = ESTIMATE_BUDGET_PACKETS,
): PlanEstimate {
  if (!Number.isInteger(maxDrops) || maxDrops < 1 || maxDrops > MAX_DROPS) {
    throw new RangeError(`maxDrops: expected an integer from 1 to ${MAX_DROPS}; got ${maxDrops}`);
  }
  const setup = withoutFaults(scenario);
  const base = runScenario(setup);
  const baselinePackets = packetsOf(base);
  const growth = growthPerDrop(baselinePackets);
  const most = (drops: number) => baselinePackets + drops * growth;

  const bySize: LevelEstimate[] = [];
  let spent = baselinePackets;
  // The plans of the last level counted exactly, to simulate for the next; null once out of budget.
  let level: Pending[] | null = extensions(base, { faults: [], last: -1 });
  bySize.push({ plans: level.length, exact: true });
  for (let size = 2; size <= maxDrops; size++) {
    const previous = bySize[size - 2] as LevelEstimate;
    const packets = most(size - 1);
    // Each plan of size − 1 extends by at most the packets of its trace it did not drop.
    const perPlan = packets - (size - 1);
    let counted = 0;
    let run = 0;
    const next: Pending[] = [];
    if (level !== null) {
      for (const pending of level) {
        if (spent > budgetPackets) break;
        const trace = runScenario({ ...setup, faults: pending.faults });
        spent += packetsOf(trace);
        const more = extensions(trace, pending);
        counted += more.length;
        if (size < maxDrops) next.push(...more);
        run++;
      }
    }
    if (level !== null && run === level.length) {
      level = next;
      bySize.push({ plans: counted, exact: true });
    } else {
      // Out of budget: the plans simulated so far count exactly, the others by the bound.
      level = null;
      const extended = counted + (previous.plans - run) * perPlan;
      bySize.push({ plans: Math.min(extended, choose(packets, size)), exact: false });
    }
  }
  return {
    plans: bySize.reduce((sum, l) => sum + l.plans, 0),
    exact: bySize.every((l) => l.exact),
    bySize,
    baselinePackets,
    packetsPerPlan: most(maxDrops),
    maxDrops,
  };
}

/** Packet events in a trace, lost ones included: each is a transmission. */
export function packetsOf(trace: Trace): number {
  let n = 0;
  for (const e of trace.events) if (e.type === "packet") n++;
  return n;
}

/** n choose k as a float (exact for the sizes met here: k ≤ 3). */
function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let result = 1;
  for (let i = 0; i < k; i++) result = (result * (n - i)) / (i + 1);
  return Math.round(result);
}
