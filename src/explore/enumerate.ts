/**
 * The edge-case explorer: every fault plan of up to k lost transmissions, run through the
 * simulator. Pure and deterministic (no clock, no randomness, no DOM), so it runs in Node and in a
 * Web Worker alike; it can report progress and be stopped between two plans.
 *
 * Why the enumeration is complete and free of duplicates: the simulator is deterministic and
 * causal, so the trace of plan {f1..fi} equals the trace of {f1..fi, f(i+1)} up to the moment
 * f(i+1) is sent. Every plan, its faults sorted by when they are sent, is therefore reached exactly
 * once by extending {f1..fi} only with transmissions that come later in {f1..fi}'s own trace. A
 * transmission that its connection already lost is not a candidate: dropping it changes nothing
 * but its label.
 */
import { runScenario } from "../sim/runScenario.ts";
import { faultOf } from "../sim/interventions.ts";
import { parseScenarioOrThrow } from "../sim/scenario.ts";
import { sequence } from "../sim/sequence.ts";
import type { Fault, Outcome, Scenario, Trace, Verdict } from "../sim/types.ts";
import { planName } from "./names.ts";

/**
 * The largest plan the explorer enumerates. Each extra drop multiplies the plans by about six
 * (QoS 2 over two hops: 8, 56 and 352 plans of one, two and three drops; 416 in all, as
 * estimate.test.ts pins), and three drops already show every recovery path twice over.
 */
export const MAX_DROPS = 3;

/** One fault plan and what came of it. `faults` and `outcome` are in the public trace format. */
export interface ExploredPlan {
  /** The lost transmissions, in the order they were sent. */
  faults: Fault[];
  outcome: Outcome;
  /** The plan in words, e.g. "PUBACK lost, then the resent PUBLISH lost" (see names.ts). */
  name: string;
  /** The trace as short lines of text (src/sim/sequence.ts). */
  sequence: string[];
}

/** How many (plan, message) pairs ended with each verdict. */
export type VerdictCounts = Record<Verdict, number>;

export interface Exploration {
  /** The set-up explored: the scenario given, without its own faults. */
  scenario: Scenario;
  maxDrops: number;
  /** What happens when nothing is lost (not one of the plans). */
  baseline: { outcome: Outcome; sequence: string[] };
  /** Every plan, fewest drops first, then in the order their faults are sent. */
  plans: ExploredPlan[];
  /** Over every (plan, message) pair. */
  counts: VerdictCounts;
  /** Indexes into `plans` of the plans in which at least one message got that verdict. */
  byVerdict: Record<Verdict, number[]>;
  /** False when `shouldStop` ended the exploration early: `plans` then holds those run so far. */
  complete: boolean;
}

export interface ExploreOptions {
  /** Called after each plan with the number of plans run so far. */
  onProgress?(done: number): void;
  /** Asked before each plan; true stops the exploration (the result has `complete: false`). */
  shouldStop?(): boolean;
}

/** A plan waiting to be run: its faults and the trace index of its last fault. */
export interface Pending {
  faults: Fault[];
  last: number;
}

/**
 * Runs every fault plan of 1..maxDrops lost transmissions of `scenario`'s set-up and summarises
 * them. Throws ScenarioError for an invalid scenario and RangeError for maxDrops outside
 * 1..MAX_DROPS. Pure apart from the callbacks.
 */
export function explore(scenario: Scenario, maxDrops: number, options: ExploreOptions = {}): Exploration {
  checkMaxDrops(maxDrops);
  const setup = withoutFaults(scenario);
  const plans: ExploredPlan[] = [];
  const stream = planStream(setup, maxDrops);
  let complete = true;
  for (;;) {
    if (options.shouldStop?.() === true) {
      complete = false;
      break;
    }
    const next = stream.next();
    if (next.done === true) break;
    plans.push(next.value);
    options.onProgress?.(plans.length);
  }
  return summarise(setup, maxDrops, plans, complete);
}

/**
 * The plans one by one, lazily, fewest drops first: for callers that run in slices (a Web Worker
 * that must yield to its message loop to hear "cancel"). The set-up's own faults are ignored.
 * Checks its arguments at once (ScenarioError, RangeError), not at the first `next()`.
 */
export function planStream(scenario: Scenario, maxDrops: number): Generator<ExploredPlan, void, void> {
  const setup = withoutFaults(scenario);
  const traces = traceStream(setup, maxDrops);
  return (function* () {
    for (const { faults, trace } of traces) {
      yield { faults, outcome: trace.outcome, name: planName(faults, setup), sequence: sequence(trace) };
    }
  })();
}

/**
 * Each plan with its whole trace, fewest drops first. `setup` must be valid and have no faults
 * (as `withoutFaults` makes it). Each plan is simulated once: its trace also yields its extensions.
 * Throws RangeError at once for maxDrops outside 1..MAX_DROPS.
 */
export function traceStream(
  setup: Scenario,
  maxDrops: number,
): Generator<{ faults: Fault[]; trace: Trace }, void, void> {
  checkMaxDrops(maxDrops);
  return breadthFirst(setup, maxDrops);
}

function* breadthFirst(
  setup: Scenario,
  maxDrops: number,
): Generator<{ faults: Fault[]; trace: Trace }, void, void> {
  // Breadth first rather than depth first so that plans come out by size, as a reader expects.
  let level = extensions(run(setup, []), { faults: [], last: -1 });
  for (let size = 1; size <= maxDrops && level.length > 0; size++) {
    const nextLevel: Pending[] = [];
    for (const pending of level) {
      const trace = run(setup, pending.faults);
      if (size < maxDrops) nextLevel.push(...extensions(trace, pending));
      yield { faults: pending.faults, trace };
    }
    level = nextLevel;
  }
}

/** Builds the summary of a list of plans (those of `planStream`, all or some). Pure. */
export function summarise(
  scenario: Scenario,
  maxDrops: number,
  plans: ExploredPlan[],
  complete: boolean,
): Exploration {
  const setup = withoutFaults(scenario);
  const counts: VerdictCounts = { lost: 0, once: 0, duplicated: 0 };
  const byVerdict: Record<Verdict, number[]> = { lost: [], once: [], duplicated: [] };
  plans.forEach((plan, index) => {
    countVerdicts(plan.outcome, counts);
    const seen = new Set(plan.outcome.messages.map((m) => m.verdict));
    for (const verdict of seen) byVerdict[verdict].push(index);
  });
  const base = run(setup, []);
  return {
    scenario: setup,
    maxDrops,
    baseline: { outcome: base.outcome, sequence: sequence(base) },
    plans,
    counts,
    byVerdict,
    complete,
  };
}

/** The verdict counts of one outcome, for callers that add plans up themselves. Pure. */
export function countVerdicts(outcome: Outcome, into: VerdictCounts): void {
  for (const m of outcome.messages) into[m.verdict]++;
}

/**
 * The plans that extend `pending` by one more lost transmission: every packet sent after its last
 * fault that actually arrived in its trace (a packet lost with its connection is already lost).
 */
export function extensions(trace: Trace, pending: Pending): Pending[] {
  const result: Pending[] = [];
  const { events } = trace;
  for (let i = pending.last + 1; i < events.length; i++) {
    const e = events[i];
    if (e === undefined || e.type !== "packet" || e.dropped) continue;
    const fault = faultOf(e);
    if (fault !== null) result.push({ faults: [...pending.faults, fault], last: i });
  }
  return result;
}

function run(setup: Scenario, faults: Fault[]): Trace {
  let trace: Trace;
  try {
    trace = runScenario({ ...setup, faults });
  } catch (error) {
    // Name the plan: a simulator failure found by exploring is only useful with its reproduction.
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`explorer: the plan ${JSON.stringify(faults)} failed: ${why}`, { cause: error });
  }
  // A fault of a plan that matches no transmission would mean the simulator is not causal.
  if (trace.unusedFaults.length > 0) {
    throw new Error(
      `explorer: plan ${JSON.stringify(faults)} left faults unused; the simulator is not causal`,
    );
  }
  return trace;
}

/**
 * The scenario validated once (each plan then bypasses simulate()'s own check, which costs as much
 * as a run), without its faults. Throws ScenarioError.
 */
export function withoutFaults(scenario: Scenario): Scenario {
  return parseScenarioOrThrow({ ...scenario, faults: [] });
}

function checkMaxDrops(maxDrops: number): void {
  if (!Number.isInteger(maxDrops) || maxDrops < 1 || maxDrops > MAX_DROPS) {
    throw new RangeError(`maxDrops: expected an integer from 1 to ${MAX_DROPS}; got ${maxDrops}`);
  }
}
