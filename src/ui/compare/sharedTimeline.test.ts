import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { layout } from "../../diagram/layout.ts";
import { arbitraryScenario } from "../../sim/arbitrary.ts";
import { DEFAULT_COMPARE, scenarioFor } from "../../sim/compare.ts";
import { runScenario } from "../../sim/runScenario.ts";
import { stepsOf } from "../../sim/steps.ts";
import type { Scenario } from "../../sim/types.ts";
import {
  initialPlayback,
  instantsOf,
  PX_PER_SECOND,
  reducePlayback,
  timelineOf,
  type Timeline,
} from "../playbackModel.ts";
import { sharedTimeline } from "./sharedTimeline.ts";

/** The timelines of compare mode's default columns for `base`, as the view builds them. */
function columns(base: Scenario, width = 400): { lines: Timeline[]; breaks: number[] } {
  const layouts = DEFAULT_COMPARE.map((setup) => {
    const trace = runScenario(scenarioFor(base, setup));
    return { diagram: layout(trace, { width }), steps: stepsOf(trace) };
  });
  return {
    lines: layouts.map(({ diagram, steps }) => timelineOf(diagram, steps)),
    breaks: layouts.flatMap(({ diagram }) => diagram.gaps.flatMap((g) => [g.t0, g.t1])),
  };
}

const linear = (scale: number, duration: number, stepTimes: number[]): Timeline => ({
  duration,
  stepTimes,
  yOf: (t) => Math.min(t, duration) * scale,
  tOf: (y) => Math.min(y / scale, duration),
});

describe("sharedTimeline", () => {
  it("merges the steps, ends with the longest column and follows the fastest-moving drawing", () => {
    const slowThenFast: Timeline = {
      duration: 200,
      stepTimes: [0, 200],
      yOf: (t) => (t <= 100 ? t : 100 + (Math.min(t, 200) - 100) * 3),
      tOf: () => 0,
    };
    const shared = sharedTimeline([linear(2, 300, [0, 120, 300]), slowThenFast], [100]);
    expect(shared.duration).toBe(300);
    expect(shared.stepTimes).toEqual([0, 0, 120, 200, 300]);
    // Up to 100 ms the first drawing is steeper (2 px/ms), then the second (3 px/ms) until 200 ms.
    expect(shared.yOf(50)).toBe(100);
    expect(shared.yOf(150)).toBe(350);
    expect(shared.yOf(300)).toBe(700);
    expect(shared.tOf(350)).toBeCloseTo(150, 6);
    expect(shared.tOf(10_000)).toBe(300);
    expect(shared.tOf(-5)).toBe(0);
  });

  it("is the one timeline itself when there is only one", () => {
    const one = linear(1, 10, [0, 10]);
    expect(sharedTimeline([one])).toBe(one);
    expect(() => sharedTimeline([])).toThrow(/no timeline/);
  });

  it("over random scenarios: Next stops at every column's instants in order, and playing reaches the end no faster than one drawing's pace", () => {
    fc.assert(
      fc.property(arbitraryScenario({ maxFaults: 3 }), (base) => {
        const { lines, breaks } = columns(base);
        const shared = sharedTimeline(lines, breaks);
        let state = initialPlayback(shared, { start: { t: 0 } });
        const visited = [state.time];
        for (let i = 0; i < 10_000 && state.time < state.to; i++) {
          state = reducePlayback(state, { type: "next" });
          visited.push(state.time);
        }
        const every = instantsOf(lines.flatMap((l) => l.stepTimes).sort((a, b) => a - b));
        for (const t of every) expect(visited.some((v) => Math.abs(v - t) < 1e-6)).toBe(true);
        expect(visited.at(-1)).toBe(shared.duration);

        // Playing: 50 ms frames until the end; no column's drawing moves more than a frame's pace.
        state = reducePlayback(initialPlayback(shared, { start: { t: 0 } }), { type: "play" });
        const pace = (PX_PER_SECOND * 50) / 1000;
        let frames = 0;
        while (state.playing && frames < 100_000) {
          const before = state.time;
          state = reducePlayback(state, { type: "tick", ms: 50 });
          for (const line of lines)
            expect(line.yOf(state.time) - line.yOf(before)).toBeLessThanOrEqual(pace + 1e-3);
          frames += 1;
        }
        expect(state.time).toBe(shared.duration);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
