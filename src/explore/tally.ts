/**
 * An exploration summed up as its plans stream past: counts per verdict and the first few plans of
 * each verdict, never the plans themselves, so that memory stays flat however many plans run.
 * Pure.
 */
import type { Verdict } from "../sim/types.ts";
import { countVerdicts, type Exploration, type ExploredPlan, type VerdictCounts } from "./enumerate.ts";

/** Plans kept per verdict as examples (the first ones: fewest drops first). */
export const EXAMPLES_PER_GROUP = 3;

export interface PlanTally {
  plans: number;
  /** Over every (plan, message) pair. */
  counts: VerdictCounts;
  /** Plans in which at least one message got that verdict. */
  plansWith: Record<Verdict, number>;
  /** The first EXAMPLES_PER_GROUP of those plans. */
  examples: Record<Verdict, ExploredPlan[]>;
}

export function emptyTally(): PlanTally {
  return {
    plans: 0,
    counts: { lost: 0, once: 0, duplicated: 0 },
    plansWith: { lost: 0, once: 0, duplicated: 0 },
    examples: { lost: [], once: [], duplicated: [] },
  };
}

/** Adds one plan to `tally` (in place: a tally can see millions of plans). */
export function addPlan(tally: PlanTally, plan: ExploredPlan): void {
  tally.plans++;
  countVerdicts(plan.outcome, tally.counts);
  for (const verdict of new Set(plan.outcome.messages.map((m) => m.verdict))) {
    tally.plansWith[verdict]++;
    if (tally.examples[verdict].length < EXAMPLES_PER_GROUP) tally.examples[verdict].push(plan);
  }
}

/** The tally of an exploration that kept its plans. */
export function tallyOf(exploration: Exploration): PlanTally {
  const tally = emptyTally();
  for (const plan of exploration.plans) addPlan(tally, plan);
  return tally;
}
