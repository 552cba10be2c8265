/**
 * Playback of a trace as a pure state machine, shared by the app, the embed and the element:
 * play, pause, step, seek, speed, a locked range of steps, loop, and pausing while the drawing is
 * out of view. No React, no DOM, no clock: the binding (usePlayback.ts) feeds it animation frames
 * (`tick` with the wall-clock ms since the last one), visibility and the user's commands.
 *
 * Time is simulated ms, always absolute (a locked range keeps the trace's own times). Playing
 * advances through the diagram's *screen* space and maps back to simulated time, so a squeezed
 * idle gap takes as long as a packet's flight.
 */
import type { DiagramLayout } from "../diagram/layout.ts";

/** What playback moves through: the drawing's time axis and its steps. */
export interface Timeline {
  /** The end of the drawing: its last event or the last arrow's end, whichever is later. */
  duration: number;
  /** The time of each step, ascending, one entry per step (several may share an instant). */
  stepTimes: readonly number[];
  yOf(t: number): number;
  tOf(y: number): number;
}

export const SPEEDS = [0.5, 1, 2, 4] as const;
export type Speed = (typeof SPEEDS)[number];

/** Screen pixels per second at speed 1: a packet's flight (56 px) takes about 0.8 s. */
export const PX_PER_SECOND = 70;
/** A frame longer than this (a busy page, a background tab) moves playback no further. */
const MAX_FRAME_MS = 100;
/** How long a looping playback rests on the finished diagram before it starts again. */
export const LOOP_REST_MS = 1500;
/** Two step times closer than this are one instant. */
const EPSILON = 1e-6;

export interface PlaybackOptions {
  /**
   * Locks playback to these steps (1-based, inclusive): steps of the trace, as the embed's `steps`
   * parameter has always counted them, not the instants the scrubber counts.
   */
  steps?: { from: number; to: number } | undefined;
  /** Where playback starts: a time (clamped into the range) or a step (the end when fewer). */
  start?: { t: number } | { step: number } | undefined;
  /**
   * Starts playing, from the range's start unless `start` says otherwise, as soon as the drawing
   * is in view. The caller leaves it off for a reader who asked for reduced motion.
   */
  autoplay?: boolean | undefined;
  /** At the end, rest LOOP_REST_MS on the finished diagram and start again. */
  loop?: boolean | undefined;
  /** The drawing is not known to be in view until a `visible` action says so (embed, element). */
  waitForView?: boolean | undefined;
}

export interface PlaybackState {
  timeline: Timeline;
  steps: PlaybackOptions["steps"];
  /** The locked window in simulated ms (the whole trace without `steps`). */
  from: number;
  to: number;
  time: number;
  playing: boolean;
  speed: Speed;
  loop: boolean;
  /** Wall-clock ms spent so far resting at the end before a loop starts again. */
  rested: number;
  /** Play when next in view: autoplay not started yet, or playing paused by scrolling away. */
  playWhenVisible: boolean;
  visible: boolean;
}

export type PlaybackAction =
  | { type: "play" }
  | { type: "pause" }
  | { type: "toggle" }
  | { type: "next" }
  | { type: "previous" }
  | { type: "restart" }
  | { type: "end" }
  | { type: "seek"; t: number }
  | { type: "speed"; speed: number }
  /** An animation frame, `ms` of wall-clock time after the previous one. */
  | { type: "tick"; ms: number }
  /** A new trace (a packet dropped or restored, a new scenario). */
  | { type: "timeline"; timeline: Timeline }
  /** The drawing came into view or left it (embed and element only). */
  | { type: "visible"; visible: boolean }
  /** The tab was hidden: pause, and stay paused when it is shown again. */
  | { type: "hidden" };

/** The timeline of a laid-out diagram and its steps (sim/steps.ts), in the same order. */
export function timelineOf(diagram: DiagramLayout, steps: readonly { t: number }[]): Timeline {
  let duration = diagram.duration;
  for (const arrow of diagram.arrows) duration = Math.max(duration, arrow.tEnd);
  return { duration, stepTimes: steps.map((s) => s.t), yOf: diagram.yOf, tOf: diagram.tOf };
}

/** Index of the last step at or before `t`; -1 before the first. Binary search. */
export function stepAt(stepTimes: readonly number[], t: number): number {
  let lo = 0;
  let hi = stepTimes.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((stepTimes[mid] as number) <= t + EPSILON) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * The instants of a timeline: its step times with those that share an instant (closer than
 * EPSILON) counted once, ascending. Next and Back move from one to the next, so the counter counts
 * them too: several steps at one instant are told together, as one stop. Linear. Pure.
 */
export function instantsOf(stepTimes: readonly number[]): number[] {
  const instants: number[] = [];
  for (const t of stepTimes) {
    const last = instants[instants.length - 1];
    if (last === undefined || t > last + EPSILON) instants.push(t);
  }
  return instants;
}

/** Which instant (1-based, of `instantsOf`) playback shows at `t`: 0 before the first. */
export function instantNumber(instants: readonly number[], t: number): number {
  return stepAt(instants, t) + 1;
}

/** The time of step `n` (1-based); the last step's when there are fewer; 0 without steps. */
function timeOfStep(timeline: Timeline, n: number): number {
  const { stepTimes } = timeline;
  if (stepTimes.length === 0) return 0;
  return stepTimes[Math.max(1, Math.min(n, stepTimes.length)) - 1] as number;
}

/** The window a locked step range allows: [from, to] in simulated ms. */
function windowOf(timeline: Timeline, steps: PlaybackOptions["steps"]): { from: number; to: number } {
  if (!steps || timeline.stepTimes.length === 0) return { from: 0, to: timeline.duration };
  return { from: timeOfStep(timeline, steps.from), to: timeOfStep(timeline, steps.to) };
}

function clamp(t: number, from: number, to: number): number {
  return Math.max(from, Math.min(to, t));
}

/** The state before anything happened: paused at `start`, else at the start when autoplaying, else the end. */
export function initialPlayback(timeline: Timeline, options: PlaybackOptions = {}): PlaybackState {
  const { from, to } = windowOf(timeline, options.steps);
  const { start } = options;
  const time =
    start === undefined
      ? options.autoplay
        ? from
        : to
      : "t" in start
        ? start.t
        : timeOfStep(timeline, start.step);
  const state: PlaybackState = {
    timeline,
    steps: options.steps,
    from,
    to,
    time: clamp(time, from, to),
    playing: false,
    speed: 1,
    loop: options.loop ?? false,
    rested: 0,
    playWhenVisible: options.autoplay ?? false,
    visible: !options.waitForView,
  };
  // Nothing to wait for: autoplay starts at once.
  return state.visible && state.playWhenVisible ? play(state) : state;
}

export function atEnd(state: PlaybackState): boolean {
  return state.time >= state.to;
}

function play(state: PlaybackState): PlaybackState {
  return {
    ...state,
    time: atEnd(state) ? state.from : state.time,
    playing: true,
    rested: 0,
    playWhenVisible: false,
  };
}

function pause(state: PlaybackState): PlaybackState {
  return { ...state, playing: false, rested: 0, playWhenVisible: false };
}

/** One frame of playing: move along the screen, or rest at the end and loop. */
function tick(state: PlaybackState, ms: number): PlaybackState {
  if (!state.playing) return state;
  if (atEnd(state)) {
    if (!state.loop) return { ...state, playing: false };
    const rested = state.rested + ms;
    return rested >= LOOP_REST_MS ? { ...state, time: state.from, rested: 0 } : { ...state, rested };
  }
  const { yOf, tOf } = state.timeline;
  const seconds = Math.min(MAX_FRAME_MS, Math.max(0, ms)) / 1000;
  const y = yOf(state.time) + seconds * PX_PER_SECOND * state.speed;
  // Never backwards, never past the window's end.
  const time = Math.min(state.to, Math.max(state.time, tOf(y)));
  const ended = time >= state.to;
  return { ...state, time, playing: ended ? state.loop : true };
}

/** The pure transition function: same state and action, same next state. */
export function reducePlayback(state: PlaybackState, action: PlaybackAction): PlaybackState {
  switch (action.type) {
    case "play":
      return play(state);
    case "pause":
      return pause(state);
    case "toggle":
      return state.playing ? pause(state) : play(state);
    case "next": {
      const t = state.timeline.stepTimes.find((s) => s > state.time + EPSILON && s <= state.to);
      return { ...pause(state), time: t ?? state.to };
    }
    case "previous": {
      let t = state.from;
      for (const s of state.timeline.stepTimes) if (s < state.time - EPSILON && s >= state.from) t = s;
      return { ...pause(state), time: t };
    }
    case "restart":
      return { ...state, time: state.from, playing: true, rested: 0, playWhenVisible: false };
    case "end":
      return { ...pause(state), time: state.to };
    case "seek":
      return Number.isFinite(action.t)
        ? { ...state, time: clamp(action.t, state.from, state.to), rested: 0 }
        : state;
    case "speed": {
      const speed = SPEEDS.find((s) => s === action.speed);
      return speed === undefined ? state : { ...state, speed };
    }
    case "tick":
      return tick(state, action.ms);
    case "timeline": {
      // Stay where we were, or follow the end if we were there.
      const { from, to } = windowOf(action.timeline, state.steps);
      const time = atEnd(state) ? to : clamp(state.time, from, to);
      return { ...state, timeline: action.timeline, from, to, time };
    }
    case "visible": {
      if (action.visible === state.visible) return state;
      if (!action.visible) {
        return state.playing
          ? { ...state, visible: false, playing: false, playWhenVisible: true }
          : { ...state, visible: false };
      }
      const shown = { ...state, visible: true };
      return state.playWhenVisible ? play(shown) : shown;
    }
    case "hidden":
      return state.playing ? { ...state, playing: false, rested: 0 } : state;
  }
}
