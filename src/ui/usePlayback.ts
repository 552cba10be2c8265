/**
 * The one binding of the playback model (playbackModel.ts) to React, for the app, the embed and
 * the element alike: a reducer over the pure model, driven by animation frames while playing,
 * paused when the tab is hidden and, given `viewRef`, while the drawing is out of view.
 */
import { useEffect, useMemo, useReducer, type RefObject } from "react";
import {
  atEnd,
  initialPlayback,
  instantNumber,
  instantsOf,
  reducePlayback,
  stepAt,
  type PlaybackOptions,
  type Speed,
  type Timeline,
} from "./playbackModel.ts";
import { prefersReducedMotion } from "./reducedMotion.ts";
import { usePlaybackKeys, type KeyTarget } from "./usePlaybackKeys.ts";

export { SPEEDS } from "./playbackModel.ts";

export interface Playback {
  time: number;
  /** The window playback moves in (the whole trace unless a step range is locked). */
  from: number;
  to: number;
  playing: boolean;
  speed: Speed;
  atEnd: boolean;
  /** Index of the current step (the last at or before `time`); -1 before the first. */
  stepIndex: number;
  /** How many steps the trace has (several may share an instant). */
  steps: number;
  /**
   * The instant shown, 1-based (0 before the first), of `instants`: what Next and Back move
   * through and the scrubber counts, as the steps of one instant are told together.
   */
  instant: number;
  instants: number;
  /** Whether the drawing is in view (always true without `viewRef`). */
  inView: boolean;
  play(): void;
  pause(): void;
  toggle(): void;
  next(): void;
  previous(): void;
  restart(): void;
  toEnd(): void;
  seek(t: number): void;
  setSpeed(speed: number): void;
}

export interface UsePlaybackOptions extends Omit<PlaybackOptions, "waitForView"> {
  /** Pause while this element is out of view; autoplay waits until it is in view. */
  viewRef?: RefObject<Element | null> | undefined;
  /** Where the playback keys apply (usePlaybackKeys); none by default. */
  keys?: KeyTarget | undefined;
}

/**
 * Playback of `timeline`. The options are read once, when the component mounts (a new scenario
 * keeps its position through a `timeline` action); autoplay is off for a reader who asked for
 * reduced motion, who gets the finished diagram.
 */
export function usePlayback(timeline: Timeline, options: UsePlaybackOptions = {}): Playback {
  const { viewRef, keys = null } = options;
  const [state, dispatch] = useReducer(reducePlayback, undefined, () =>
    initialPlayback(timeline, {
      ...options,
      autoplay: (options.autoplay ?? false) && !prefersReducedMotion(),
      waitForView: viewRef !== undefined,
    }),
  );

  // A new trace: stay where we were, or follow the end. Dispatched while rendering (React renders
  // this component again at once, before its children), so a click on a packet costs one render of
  // the page, not a second one from an effect after the first commit.
  if (state.timeline !== timeline) dispatch({ type: "timeline", timeline });

  useEffect(() => {
    if (!state.playing) return;
    let frame = 0;
    let last = performance.now();
    const step = (now: number) => {
      dispatch({ type: "tick", ms: now - last });
      last = now;
      frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
    return () => cancelAnimationFrame(frame);
  }, [state.playing]);

  useEffect(() => {
    const onVisibility = () => {
      if (document.hidden) dispatch({ type: "hidden" });
    };
    document.addEventListener("visibilitychange", onVisibility);
    return () => document.removeEventListener("visibilitychange", onVisibility);
  }, []);

  useEffect(() => {
    const element = viewRef?.current;
    if (!viewRef) return;
    if (!element || typeof IntersectionObserver === "undefined") {
      dispatch({ type: "visible", visible: true });
      return;
    }
    const observer = new IntersectionObserver((entries) => {
      const entry = entries[entries.length - 1];
      if (entry) dispatch({ type: "visible", visible: entry.isIntersecting });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [viewRef]);

  const actions = useMemo(
    () => ({
      play: () => dispatch({ type: "play" }),
      pause: () => dispatch({ type: "pause" }),
      toggle: () => dispatch({ type: "toggle" }),
      next: () => dispatch({ type: "next" }),
      previous: () => dispatch({ type: "previous" }),
      restart: () => dispatch({ type: "restart" }),
      toEnd: () => dispatch({ type: "end" }),
      seek: (t: number) => dispatch({ type: "seek", t }),
      setSpeed: (speed: number) => dispatch({ type: "speed", speed }),
    }),
    [],
  );
  const { stepTimes } = state.timeline;
  const instants = useMemo(() => instantsOf(stepTimes), [stepTimes]);
  const playback = useMemo<Playback>(
    () => ({
      ...actions,
      time: state.time,
      from: state.from,
      to: state.to,
      playing: state.playing,
      speed: state.speed,
      atEnd: atEnd(state),
      stepIndex: stepAt(stepTimes, state.time),
      steps: stepTimes.length,
      instant: instantNumber(instants, state.time),
      instants: instants.length,
      inView: state.visible,
    }),
    [actions, state, stepTimes, instants],
  );
  usePlaybackKeys(playback, keys);
  return playback;
}
