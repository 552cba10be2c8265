/**
 * Compare mode's one playback over several drawings: shared simulated time. Every column shows
 * the same instant `t` of its own trace; Next and Back stop at every instant where something
 * happens in any column; playing moves at the normal pace (playbackModel.ts's PX_PER_SECOND) of
 * whichever column's drawing moves fastest at that moment, so no column runs faster than the
 * single diagram would. Pure.
 */
import { interpolate, type Knot } from "../../diagram/timeWarp.ts";
import type { Timeline } from "../playbackModel.ts";

/**
 * One timeline over `timelines` (at least one): their steps merged, and a screen axis whose slope
 * is, between any two neighbouring knots, the steepest of the columns'. Knots sit at every step
 * and at `breaks`: every time where a column's drawing changes pace (layout.ts squeezes idle gaps,
 * so their ends), which makes each column's axis straight between two knots.
 */
export function sharedTimeline(timelines: readonly Timeline[], breaks: readonly number[] = []): Timeline {
  if (timelines.length === 0) throw new Error("sharedTimeline: no timeline to share");
  if (timelines.length === 1) return timelines[0] as Timeline;
  const duration = Math.max(...timelines.map((t) => t.duration));
  const stepTimes = timelines.flatMap((t) => t.stepTimes).sort((a, b) => a - b);
  const times = [...new Set([0, duration, ...stepTimes, ...breaks])]
    .filter((t) => t >= 0 && t <= duration)
    .sort((a, b) => a - b);
  const knots: Knot[] = [{ t: 0, y: Math.max(...timelines.map((line) => line.yOf(0))) }];
  for (let i = 1; i < times.length; i++) {
    const a = times[i - 1] as number;
    const b = times[i] as number;
    const rise = Math.max(0, ...timelines.map((line) => line.yOf(b) - line.yOf(a)));
    knots.push({ t: b, y: (knots[i - 1] as Knot).y + rise });
  }
  return {
    duration,
    stepTimes,
    yOf: (t) => interpolate(knots, t, "t", "y"),
    // A flat stretch (no column moves) maps back to its start.
    tOf: (y) => interpolate(knots, y, "y", "t", "first"),
  };
}
