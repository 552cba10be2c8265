/**
 * A `show` step with `compare`: compare mode's columns over the step's scenario (the lab's own
 * compare view, loaded when first needed), its narration beats walked by Continue. Beats wait for
 * Continue here: each column has its own trace, so an `until` event names no single instant. No
 * drawing limit is passed: a lesson's scenarios are small, and importing diagram/drawLimit.ts here
 * would split it out of the first diagram's script into a chunk of its own.
 */
import { lazy, Suspense, useEffect, type RefObject } from "react";
import type { Scenario } from "../../sim/types.ts";
import type { Engine } from "../useEngine.ts";
import { textOf, type ShowStep } from "./core.ts";
import { Markdown } from "./Markdown.tsx";
import type { StepWalk } from "./walk.ts";

const CompareView = lazy(() => import("../compare/CompareView.tsx"));

export interface CompareStepViewProps {
  step: ShowStep & { compare: string };
  scenario: Scenario;
  engine: Engine;
  beat: number;
  onBeat(beat: number): void;
  presenting: boolean;
  walkRef: RefObject<StepWalk | null>;
}

const noChange = () => {};

export function CompareStepView(props: CompareStepViewProps) {
  const { step, scenario, engine, beat, onBeat, presenting, walkRef } = props;
  const beats = step.narration ?? [];
  const current = Math.min(beat, Math.max(0, beats.length - 1));
  useEffect(() => {
    walkRef.current = {
      forward() {
        if (current >= beats.length - 1) return false;
        onBeat(current + 1);
        return true;
      },
      back() {
        if (current === 0) return false;
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
    <div className="lesson-step lesson-show lesson-compare" data-testid="lesson.show">
      <Markdown text={textOf(step.text)} className="lesson-text" />
      {beatText && (
        <div className="lesson-beat" data-testid="lesson.beat" data-state="waiting">
          <p className="lesson-beat-count">
            Narration {current + 1} of {beats.length}
          </p>
          <Markdown text={textOf(beatText.text)} testId="lesson.beat.text" />
        </div>
      )}
      <Suspense fallback={<p role="status">Loading compare mode…</p>}>
        <CompareView
          scenario={scenario}
          engine={engine}
          columns={step.compare}
          onColumns={noChange}
          editable={false}
          keys={presenting ? null : "window"}
          // The lesson presents the whole step: compare only takes its larger type, not a stage of its own.
          canPresent={false}
          fontScale={presenting ? 1.5 : 1}
        />
      </Suspense>
    </div>
  );
}
