/**
 * Playback of a trace: the current simulated time, play/pause, step to the previous/next moment,
 * restart, speed and seek. Playing advances through the diagram's *screen* space (so squeezed idle
 * stretches take as long as a packet's flight) and maps back to simulated time.
 * Pauses by itself when the tab is hidden.
 */
import { useCallback, useEffect, useRef, useState } from "react";

export interface PlaybackSource {
  duration: number;
  /** Times of the moments to step through, ascending. */
  stepTimes: readonly number[];
  yOf(t: number): number;
  tOf(y: number): number;
}

export interface Playback {
  time: number;
  playing: boolean;
  speed: number;
  atEnd: boolean;
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

/** Screen pixels per second at speed 1: a packet's flight (56 px) takes about 0.8 s. */
const PX_PER_SECOND = 70;
export const SPEEDS = [0.5, 1, 2, 4] as const;

/** `initialTime` (e.g. from a shared link) is where playback starts; the end by default. */
export function usePlayback(source: PlaybackSource, initialTime?: number): Playback {
  const start = Math.min(source.duration, Math.max(0, initialTime ?? source.duration));
  const [time, setTimeState] = useState(start);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(1);
  const sourceRef = useRef(source);
  // The animation loop and the step buttons need the latest time without re-subscribing.
  const timeRef = useRef(start);
  const setTime = useCallback((t: number) => {
    timeRef.current = t;
    setTimeState(t);
  }, []);

  // A new trace (a packet dropped or restored): stay where we were, or follow the end.
  useEffect(() => {
    const previous = sourceRef.current;
    sourceRef.current = source;
    if (previous === source) return;
    const t = timeRef.current;
    setTime(t >= previous.duration ? source.duration : Math.min(t, source.duration));
  }, [source, setTime]);

  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    let last = performance.now();
    const tick = (now: number) => {
      const s = sourceRef.current;
      const dt = Math.min(0.1, (now - last) / 1000);
      last = now;
      const y = s.yOf(timeRef.current) + dt * PX_PER_SECOND * speed;
      const t = Math.min(s.duration, s.tOf(y));
      setTime(t);
      if (t >= s.duration) {
        setPlaying(false);
        return;
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing, speed, setTime]);

  useEffect(() => {
    const onVisibility = () => {
      if (document.hidden) setPlaying(false);
    };
    document.addEventListener("visibilitychange", onVisibility);
    return () => document.removeEventListener("visibilitychange", onVisibility);
  }, []);

  const play = useCallback(() => {
    if (timeRef.current >= sourceRef.current.duration) setTime(0);
    setPlaying(true);
  }, [setTime]);
  const pause = useCallback(() => setPlaying(false), []);
  const next = useCallback(() => {
    setPlaying(false);
    const { stepTimes, duration } = sourceRef.current;
    const t = stepTimes.find((s) => s > timeRef.current + 1e-6);
    setTime(t ?? duration);
  }, [setTime]);
  const previous = useCallback(() => {
    setPlaying(false);
    const { stepTimes } = sourceRef.current;
    let t = 0;
    for (const s of stepTimes) if (s < timeRef.current - 1e-6) t = s;
    setTime(t);
  }, [setTime]);
  const restart = useCallback(() => {
    setTime(0);
    setPlaying(true);
  }, [setTime]);
  const toEnd = useCallback(() => {
    setPlaying(false);
    setTime(sourceRef.current.duration);
  }, [setTime]);
  const seek = useCallback(
    (t: number) => {
      setTime(Math.max(0, Math.min(sourceRef.current.duration, t)));
    },
    [setTime],
  );

  return {
    time,
    playing,
    speed,
    atEnd: time >= source.duration,
    play,
    pause,
    toggle: playing ? pause : play,
    next,
    previous,
    restart,
    toEnd,
    seek,
    setSpeed,
  };
}
