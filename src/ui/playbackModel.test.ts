/** The playback model without React: every rule the app, the embed and the element share. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  initialPlayback,
  instantNumber,
  instantsOf,
  LOOP_REST_MS,
  PX_PER_SECOND,
  reducePlayback,
  SPEEDS,
  stepAt,
  type PlaybackAction,
  type PlaybackOptions,
  type PlaybackState,
  type Timeline,
} from "./playbackModel.ts";

/** Screen y = simulated t / 2 (a uniform squeeze), so a 100 ms frame at speed 1 moves 14 ms. */
function timeline(stepTimes: readonly number[] = [0, 100, 100, 300, 600, 1000], duration = 1000): Timeline {
  return { duration, stepTimes, yOf: (t) => t / 2, tOf: (y) => y * 2 };
}

function run(state: PlaybackState, ...actions: PlaybackAction[]): PlaybackState {
  return actions.reduce(reducePlayback, state);
}

const start = (options: PlaybackOptions = {}, t = timeline()) => initialPlayback(t, options);
const frames = (n: number, ms = 16): PlaybackAction[] =>
  Array.from({ length: n }, () => ({ type: "tick", ms }));

describe("where playback starts", () => {
  it("shows the end, paused, unless told otherwise", () => {
    expect(start()).toMatchObject({ time: 1000, playing: false, from: 0, to: 1000, speed: 1 });
  });

  it("starts at a time (clamped into the trace) or at a step (the end when there are fewer)", () => {
    expect(start({ start: { t: 250 } }).time).toBe(250);
    expect(start({ start: { t: 5000 } }).time).toBe(1000);
    expect(start({ start: { t: -3 } }).time).toBe(0);
    expect(start({ start: { step: 4 } }).time).toBe(300);
    expect(start({ start: { step: 99 } }).time).toBe(1000);
  });

  it("autoplay starts at once from the start, or waits until the drawing is in view", () => {
    expect(start({ autoplay: true })).toMatchObject({ time: 0, playing: true });
    const waiting = start({ autoplay: true, waitForView: true });
    expect(waiting).toMatchObject({ time: 0, playing: false, playWhenVisible: true });
    expect(run(waiting, { type: "visible", visible: true })).toMatchObject({ playing: true, time: 0 });
  });

  it("a locked step range is a window of the trace's own times", () => {
    const state = start({ steps: { from: 2, to: 4 }, start: { t: 0 } });
    expect(state).toMatchObject({ from: 100, to: 300, time: 100 });
    expect(start({ steps: { from: 2, to: 40 } }).to).toBe(1000);
  });
});

describe("commands", () => {
  it("Next and Back move to the next or previous instant, steps at one instant together, and pause", () => {
    const s = start({ start: { t: 0 } });
    const times = [run(s, { type: "next" })];
    for (let i = 0; i < 5; i++) times.push(run(times.at(-1)!, { type: "next" }));
    expect(times.map((x) => x.time)).toEqual([100, 300, 600, 1000, 1000, 1000]);
    expect(run(start(), { type: "previous" }).time).toBe(600);
    expect(run(start({ start: { t: 300 } }), { type: "previous" }, { type: "previous" }).time).toBe(0);
    const playing = run(s, { type: "play" }, { type: "next" });
    expect(playing.playing).toBe(false);
  });

  it("Next and Back stay inside a locked range", () => {
    const s = start({ steps: { from: 2, to: 4 }, start: { t: 100 } });
    expect(run(s, { type: "next" }, { type: "next" }, { type: "next" }).time).toBe(300);
    expect(run(s, { type: "previous" }).time).toBe(100);
    expect(run(s, { type: "seek", t: 900 }).time).toBe(300);
    expect(run(s, { type: "seek", t: 0 }).time).toBe(100);
    expect(run(s, { type: "end" }).time).toBe(300);
  });

  it("Play at the end starts again from the start; Restart always does, and plays", () => {
    expect(run(start(), { type: "play" })).toMatchObject({ time: 0, playing: true });
    expect(run(start({ start: { t: 300 } }), { type: "play" })).toMatchObject({ time: 300, playing: true });
    expect(run(start({ start: { t: 300 } }), { type: "restart" })).toMatchObject({ time: 0, playing: true });
    expect(run(start({ steps: { from: 2, to: 4 } }), { type: "restart" }).time).toBe(100);
  });

  it("toggle plays and pauses; End pauses at the end", () => {
    const s = start({ start: { t: 0 } });
    expect(run(s, { type: "toggle" }).playing).toBe(true);
    expect(run(s, { type: "toggle" }, { type: "toggle" }).playing).toBe(false);
    expect(run(s, { type: "play" }, { type: "end" })).toMatchObject({ time: 1000, playing: false });
  });

  it("takes only the offered speeds, and a seek only to a number", () => {
    for (const speed of SPEEDS) expect(run(start(), { type: "speed", speed }).speed).toBe(speed);
    expect(run(start(), { type: "speed", speed: 3 }).speed).toBe(1);
    expect(run(start(), { type: "seek", t: Number.NaN }).time).toBe(1000);
  });
});

describe("the step counter", () => {
  it("counts instants, as Next moves: two steps at one instant are one stop", () => {
    const instants = instantsOf(timeline().stepTimes);
    expect(instants).toEqual([0, 100, 300, 600, 1000]);
    let state = start({ start: { t: 0 } });
    const counted = [instantNumber(instants, state.time)];
    for (let i = 0; i < 5; i++) {
      state = run(state, { type: "next" });
      counted.push(instantNumber(instants, state.time));
    }
    expect(counted).toEqual([1, 2, 3, 4, 5, 5]);
    expect(instantNumber(instants, -1)).toBe(0);
  });

  it("each Next that moves adds one to the counter, and Back takes one away", () => {
    const times = fc
      .array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 25 })
      .map((a) => a.sort((x, y) => x - y));
    fc.assert(
      fc.property(times, (stepTimes) => {
        // The window ends at the last instant, so Back from there goes to the one before.
        const t = timeline(stepTimes, stepTimes.at(-1));
        const instants = instantsOf(stepTimes);
        let state = initialPlayback(t, { start: { t: 0 } });
        let count = instantNumber(instants, state.time);
        for (let i = 0; i < stepTimes.length + 1; i++) {
          const next = run(state, { type: "next" });
          const moved = next.time !== state.time;
          expect(instantNumber(instants, next.time)).toBe(moved ? count + 1 : count);
          if (moved) count += 1;
          state = next;
        }
        // Every instant visited once: the counter ends at their number.
        expect(count).toBe(instants.length);
        const back = run(state, { type: "previous" });
        if (instants.length > 1) expect(instantNumber(instants, back.time)).toBe(count - 1);
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});

describe("playing", () => {
  it("moves through screen space at the speed, and a paused playback does not move", () => {
    const s = run(start({ start: { t: 0 } }), { type: "play" });
    // 16 ms at 70 px/s is 1.12 px, which is 2.24 ms of simulated time on this timeline.
    expect(run(s, ...frames(1)).time).toBeCloseTo((16 / 1000) * PX_PER_SECOND * 2);
    expect(run(s, { type: "speed", speed: 4 }, ...frames(1)).time).toBeCloseTo(
      (16 / 1000) * PX_PER_SECOND * 8,
    );
    expect(run(start({ start: { t: 0 } }), ...frames(10)).time).toBe(0);
  });

  it("a long frame (a busy page, a background tab) moves no more than 100 ms of it", () => {
    const s = run(start({ start: { t: 0 } }), { type: "play" });
    expect(run(s, { type: "tick", ms: 5000 }).time).toBeCloseTo(0.1 * PX_PER_SECOND * 2);
  });

  it("stops at the end of the range without loop", () => {
    const s = run(start({ steps: { from: 2, to: 4 }, start: { t: 290 } }), { type: "play" });
    const ended = run(s, ...frames(20));
    expect(ended).toMatchObject({ time: 300, playing: false });
  });

  it("with loop, rests on the finished diagram, then starts again from the range's start", () => {
    const s = run(start({ loop: true, start: { t: 995 } }), { type: "play" }, ...frames(5));
    expect(s).toMatchObject({ time: 1000, playing: true });
    const resting = run(s, ...frames(Math.floor(LOOP_REST_MS / 16) - 2));
    expect(resting).toMatchObject({ time: 1000, playing: true });
    const again = run(resting, ...frames(4));
    expect(again.time).toBeLessThan(10);
    expect(again.playing).toBe(true);
    // Pausing while it rests stops the loop.
    expect(run(s, { type: "pause" }, ...frames(200))).toMatchObject({ time: 1000, playing: false });
  });
});

describe("a new trace", () => {
  it("keeps the position, or follows the end if it was there", () => {
    const longer = timeline([0, 100, 500, 1500], 1500);
    expect(run(start({ start: { t: 300 } }), { type: "timeline", timeline: longer }).time).toBe(300);
    expect(run(start(), { type: "timeline", timeline: longer }).time).toBe(1500);
    const shorter = timeline([0, 100], 200);
    expect(run(start({ start: { t: 300 } }), { type: "timeline", timeline: shorter }).time).toBe(200);
  });

  it("recomputes a locked range from the new steps", () => {
    const next = timeline([0, 50, 70, 80, 90], 90);
    const s = run(start({ steps: { from: 2, to: 4 }, start: { t: 200 } }), {
      type: "timeline",
      timeline: next,
    });
    expect(s).toMatchObject({ from: 50, to: 80, time: 80 });
  });
});

describe("a drawing on someone else's page", () => {
  it("pauses out of view and carries on when back; a pause of the reader's own stays", () => {
    const playing = run(
      start({ waitForView: true, start: { t: 0 } }),
      { type: "visible", visible: true },
      { type: "play" },
    );
    const away = run(playing, { type: "visible", visible: false });
    expect(away.playing).toBe(false);
    expect(run(away, { type: "visible", visible: true }).playing).toBe(true);
    const paused = run(
      playing,
      { type: "pause" },
      { type: "visible", visible: false },
      { type: "visible", visible: true },
    );
    expect(paused.playing).toBe(false);
  });

  it("a hidden tab pauses, and showing it again does not resume", () => {
    const s = run(start({ start: { t: 0 } }), { type: "play" }, { type: "hidden" });
    expect(s.playing).toBe(false);
    expect(run(s, { type: "visible", visible: true }).playing).toBe(false);
  });
});

describe("invariants", () => {
  const action: fc.Arbitrary<PlaybackAction> = fc.oneof(
    fc.constantFrom<PlaybackAction>(
      { type: "play" },
      { type: "pause" },
      { type: "toggle" },
      { type: "next" },
      { type: "previous" },
      { type: "restart" },
      { type: "end" },
      { type: "hidden" },
    ),
    fc.record({ type: fc.constant("seek" as const), t: fc.double({ min: -100, max: 2000, noNaN: true }) }),
    fc.record({ type: fc.constant("speed" as const), speed: fc.constantFrom(0.5, 1, 2, 3, 4) }),
    fc.record({ type: fc.constant("tick" as const), ms: fc.integer({ min: 0, max: 500 }) }),
    fc.record({ type: fc.constant("visible" as const), visible: fc.boolean() }),
  );
  const range = fc.option(
    fc.tuple(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 0, max: 6 })).map(([from, more]) => ({
      from,
      to: from + more,
    })),
    { nil: undefined },
  );

  it("time stays inside the window, and the state given is never changed", () => {
    fc.assert(
      fc.property(range, fc.boolean(), fc.array(action, { maxLength: 60 }), (steps, loop, actions) => {
        let state = initialPlayback(timeline(), { steps, loop, waitForView: true });
        for (const a of actions) {
          const frozen = Object.freeze({ ...state });
          const next = reducePlayback(frozen, a);
          expect(next.time).toBeGreaterThanOrEqual(next.from);
          expect(next.time).toBeLessThanOrEqual(next.to);
          state = next;
        }
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it("stepAt finds the last step at or before a time, as a scan would", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 30 }).map((a) => a.sort((x, y) => x - y)),
        fc.integer({ min: -5, max: 55 }),
        (times, t) => {
          let expected = -1;
          times.forEach((s, i) => {
            if (s <= t) expected = i;
          });
          expect(stepAt(times, t)).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  }, 60_000);
});
