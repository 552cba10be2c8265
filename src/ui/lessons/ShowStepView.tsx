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

  // Entering a beat with an event to reach plays up to it (a reader who asked for less motion is
  // taken there at once); the narration's first beat, or a step without narration, starts it.
  useEffect(() => {
    if (beats.length === 0) {
      if (prefersReducedMotion()) toEnd();
      else play();
      return;
    }
    if (stop === null || time >= stop - EPSILON) return;
    if (prefersReducedMotion()) seek(stop);
    else play();
    // Once per beat: playback's own changes must not start it again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current, beats.length]);

  // Reaching the beat's instant while playing: pause there and go on to the next beat.
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
        if (current >= last) return false;
        // Continue before the beat's event: show where it stops, then the next beat.
        if (stop !== null && time < stop - EPSILON) {
          pause();
          seek(stop);
        }
        onBeat(current + 1);
        return true;
      },
      back() {
        if (current === 0) return false;
        pause();
        seek(stops[current - 1] ?? 0);
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
          <div className="lesson-beat" data-testid="lesson.beat">
            <p className="lesson-beat-count">
              Narration {current + 1} of {beats.length}
              {stop !== null && time < stop - EPSILON && " · playing to the next moment…"}
            </p>
            <Markdown text={textOf(beatText.text)} testId="lesson.beat.text" />
          </div>
        )}
      </StepStage>
    </div>
  );
}
