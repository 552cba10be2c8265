/**
 * A `show` step: the diagram of its scenario and the narration beats in turn. A beat with `until`
 * plays the diagram up to its event's instant and, when playback gets there, pauses and moves on
 * to the next beat by itself; a beat without waits for Continue. Without narration the diagram
 * plays once. Back goes to the previous beat, at the instant it stopped.
 */
import { useEffect, useMemo, useRef, type RefObject } from "react";
import type { Trace } from "../../sim/types.ts";
import { prefersReducedMotion } from "../reducedMotion.ts";
import { beatStops, textOf, type ShowStep } from "./core.ts";
import { Markdown } from "./Markdown.tsx";
import { StepStage, useStepDiagram } from "./StepStage.tsx";
import type { StepWalk } from "./walk.ts";

const EPSILON = 1e-6;

export interface ShowStepViewProps {
  step: ShowStep;
  trace: Trace;
  beat: number;
  onBeat(beat: number): void;
  presenting: boolean;
  walkRef: RefObject<StepWalk | null>;
  scrollRef: RefObject<HTMLDivElement | null>;
}

export function ShowStepView({
  step,
  trace,
  beat,
  onBeat,
  presenting,
  walkRef,
  scrollRef,
}: ShowStepViewProps) {
  const view = useStepDiagram(trace, presenting);
  const { playback } = view;
  const beats = useMemo(() => step.narration ?? [], [step]);
  const stops = useMemo(() => beatStops(step, trace), [step, trace]);
  const last = Math.max(0, beats.length - 1);
  const current = Math.min(beat, last);
  const stop = stops[current] ?? null;
  const { time, playing, play, pause, seek, toEnd } = playback;

  // The step opens playing: to the first beat's event, or through a step without narration (a
  // reader who asked for less motion is taken there at once).
  const go = (to: number | null) => {
    if (to === null || prefersReducedMotion()) {
      pause();
      if (to === null) toEnd();
      else seek(to);
    } else play();
  };
  useEffect(() => {
    if (beats.length === 0 || stop !== null) go(beats.length === 0 ? null : stop);
    // On entering the step only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Reaching a beat's instant: pause there; the narration moves on to the next beat by itself,
  // which waits for Continue (the room gets to read it).
  const previous = useRef(time);
  useEffect(() => {
    const before = previous.current;
    previous.current = time;
    if (stop === null || !(before < stop - EPSILON && time >= stop - EPSILON)) return;
    if (!playing && time > stop + EPSILON) return;
    pause();
    seek(stop);
    if (current < last) onBeat(current + 1);
  }, [time, playing, stop, current, last, pause, seek, onBeat]);

  useEffect(() => {
    walkRef.current = {
      forward() {
        // Continue before the beat's instant plays to it (or, while playing, goes straight there).
        if (stop !== null && time < stop - EPSILON) {
          if (!playing && !prefersReducedMotion()) {
            play();
            return true;
          }
          pause();
          seek(stop);
          if (current < last) onBeat(current + 1);
          return current < last;
        }
        if (current >= last) return false;
        onBeat(current + 1);
        const nextStop = stops[current + 1] ?? null;
        if (nextStop !== null && time < nextStop - EPSILON) go(nextStop);
        return true;
      },
      back() {
        if (current === 0) return false;
        // The previous beat, at the instant it was shown from.
        pause();
        const earlier = stops.slice(0, current - 1).filter((t): t is number => t !== null);
        seek(earlier[earlier.length - 1] ?? playback.from);
        onBeat(current - 1);
        return true;
      },
    };
    return () => {
      walkRef.current = null;
    };
  });

  const beatText = beats[current];
  return (
    <div className="lesson-step lesson-show" data-testid="lesson.show">
      <StepStage trace={trace} view={view} outcome="shown" verdict={playback.atEnd} scrollRef={scrollRef}>
        <Markdown text={textOf(step.text)} className="lesson-text" />
        {beatText && (
          <div className="lesson-beat" data-testid="lesson.beat" data-state={playing ? "playing" : "waiting"}>
            <p className="lesson-beat-count">
              Narration {current + 1} of {beats.length}
              {playing ? " · playing…" : stop !== null && time < stop - EPSILON ? " · Continue plays it" : ""}
            </p>
            <Markdown text={textOf(beatText.text)} testId="lesson.beat.text" />
          </div>
        )}
      </StepStage>
    </div>
  );
}
