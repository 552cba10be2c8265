/**
 * What the explorer agrees to run, judged on the estimate (estimate.ts) before anything runs. Two
 * measures: plans, and packets to simulate (plans × packets of the run with nothing lost), which
 * is what time and, on the page, memory grow with. Pure.
 *
 * Figures (measured on the 2 shared cores of the build machine): the command line simulates about
 * 100,000 to 250,000 packets a second and streams its output, so its memory stays flat; the page
 * keeps every plan's outcome and sequence, about 400 bytes per packet.
 */
import type { PlanEstimate } from "./estimate.ts";

export interface ExploreLimits {
  /** Above either, the page asks before it starts. */
  confirm?: { plans: number; packets: number };
  /** Above either, the run is refused (the command line: unless --force). */
  refuse: { plans: number; packets: number };
}

/** The command line: about a minute's work at most without --force. */
export const CLI_LIMITS: ExploreLimits = { refuse: { plans: 100_000, packets: 10_000_000 } };

/** The page: asks above a few seconds' work, refuses above about 200 MB kept in the worker. */
export const PAGE_LIMITS: ExploreLimits = {
  confirm: { plans: 10_000, packets: 100_000 },
  refuse: { plans: 100_000, packets: 500_000 },
};

export type Judgement = { kind: "run" } | { kind: "confirm" | "refuse"; reason: string };

/** Packets the run simulates, by the estimate: each plan replays about the run with nothing lost. */
export function packetsToSimulate(estimate: PlanEstimate): number {
  return estimate.plans * estimate.baselinePackets;
}

/** Whether to run, ask or refuse, and why in one sentence naming the estimate and the limit. */
export function judge(estimate: PlanEstimate, limits: ExploreLimits): Judgement {
  const packets = packetsToSimulate(estimate);
  const over = (limit: { plans: number; packets: number }): string | undefined => {
    if (estimate.plans > limit.plans) {
      return `${planCount(estimate)}, above the limit of ${grouped(limit.plans)} plans`;
    }
    if (packets > limit.packets) {
      return (
        `${planCount(estimate)} of about ${grouped(estimate.baselinePackets)} packets each: ` +
        `about ${grouped(packets)} packets to simulate, above the limit of ${grouped(limit.packets)}`
      );
    }
    return undefined;
  };
  const refused = over(limits.refuse);
  if (refused !== undefined) return { kind: "refuse", reason: refused };
  const asked = limits.confirm === undefined ? undefined : over(limits.confirm);
  if (asked !== undefined) return { kind: "confirm", reason: asked };
  return { kind: "run" };
}

/** "exactly 416 plans", "at most 1,923,200 plans". */
export function planCount(estimate: PlanEstimate): string {
  const n = grouped(estimate.plans);
  const noun = estimate.plans === 1 ? "plan" : "plans";
  return estimate.exact ? `exactly ${n} ${noun}` : `at most ${n} ${noun}`;
}

/** Plans of at most `drops` drops, by the estimate of a larger k (its levels are the same). */
export function plansUpTo(estimate: PlanEstimate, drops: number): { plans: number; exact: boolean } {
  const levels = estimate.bySize.slice(0, drops);
  return { plans: levels.reduce((s, l) => s + l.plans, 0), exact: levels.every((l) => l.exact) };
}

export function grouped(n: number): string {
  return n.toLocaleString("en-US");
}
