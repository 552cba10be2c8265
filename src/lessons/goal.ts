/**
 * A task's goal, checked against the simulator's outcome of the learner's current scenario after
 * every change: each constraint the goal lists is one part, met or not. Pure.
 */
import { times } from "../explain/words.ts";
import type { Fault, Scenario, Trace } from "../sim/types.ts";
import type { GoalRange, TaskStep } from "./lessonSchema.ts";

export interface GoalPart {
  text: string;
  met: boolean;
}

export interface GoalCheck {
  met: boolean;
  parts: GoalPart[];
}

const VERDICT_WORDS = {
  lost: "is not processed at all",
  once: "is processed exactly once",
  duplicated: "is processed twice or more",
};

function faultKey(f: Fault): string {
  return `${f.hop}|${f.packet}|${f.message}|${f.attempt}`;
}

/** `faults` minus `minus`, as multisets. */
function without(faults: readonly Fault[], minus: readonly Fault[]): Fault[] {
  const left = new Map<string, number>();
  for (const f of minus) left.set(faultKey(f), (left.get(faultKey(f)) ?? 0) + 1);
  return faults.filter((f) => {
    const n = left.get(faultKey(f)) ?? 0;
    if (n === 0) return true;
    left.set(faultKey(f), n - 1);
    return false;
  });
}

/**
 * The packets the learner dropped: the current scenario's faults that the start did not have and
 * that lost a packet in this run (a fault that matched nothing drops nothing).
 */
export function learnerDrops(start: Scenario, current: Scenario, trace: Trace): Fault[] {
  return without(without(current.faults, start.faults), trace.unusedFaults);
}

function inRange(n: number, range: GoalRange): boolean {
  return (range.min === undefined || n >= range.min) && (range.max === undefined || n <= range.max);
}

function rangeWords(range: GoalRange): string {
  const { min, max } = range;
  if (min !== undefined && max !== undefined)
    return min === max ? `exactly ${times(min)}` : `${min} to ${max} times`;
  return min !== undefined ? `at least ${times(min)}` : `at most ${times(max ?? 0)}`;
}

function countWords(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** Whether the current scenario's run (`trace`) meets the task's goal, part by part. */
export function checkGoal(
  task: Pick<TaskStep, "goal">,
  start: Scenario,
  current: Scenario,
  trace: Trace,
): GoalCheck {
  const { goal } = task;
  const m = goal.message;
  const outcome = trace.outcome.messages.find((o) => o.message === m);
  const at = current.subscriber ? "subscriber" : "broker";
  const parts: GoalPart[] = [];
  if (goal.verdict !== undefined) {
    parts.push({
      text: `message ${m} ${VERDICT_WORDS[goal.verdict]}`,
      met: outcome?.verdict === goal.verdict,
    });
  }
  if (goal.deliveries !== undefined) {
    parts.push({
      text: `message ${m} reaches the ${at} ${rangeWords(goal.deliveries)}`,
      met: outcome !== undefined && inRange(outcome.deliveries, goal.deliveries),
    });
  }
  if (goal.processed !== undefined) {
    parts.push({
      text: `message ${m} is processed ${rangeWords(goal.processed)}`,
      met: outcome !== undefined && inRange(outcome.processed, goal.processed),
    });
  }
  if (goal.drops !== undefined) {
    const { min, max, packets, hops } = goal.drops;
    const drops = learnerDrops(start, current, trace);
    if (min !== undefined || max !== undefined) {
      const range = { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
      const words =
        min !== undefined && max !== undefined && min === max
          ? `exactly ${countWords(min, "packet")}`
          : min !== undefined && max !== undefined
            ? `${min} to ${max} packets`
            : min !== undefined
              ? `at least ${countWords(min, "packet")}`
              : `at most ${countWords(max ?? 0, "packet")}`;
      parts.push({ text: `you drop ${words} (now ${drops.length})`, met: inRange(drops.length, range) });
    }
    if (packets !== undefined) {
      parts.push({
        text: `you drop only ${packets.join(" or ")} packets`,
        met: drops.every((f) => packets.includes(f.packet)),
      });
    }
    if (hops !== undefined) {
      parts.push({
        text: `you drop packets only on ${hops.join(" or ")}`,
        met: drops.every((f) => hops.includes(f.hop)),
      });
    }
  }
  return { met: parts.every((p) => p.met), parts };
}
