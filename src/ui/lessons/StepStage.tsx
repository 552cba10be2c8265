/**
 * A lesson step's diagram: the lab's own parts (sequence diagram, playback bar, narration line,
 * verdict), laid out for the lesson. `useStepDiagram` owns the step's playback, so the step decides
 * where it stops (a beat's event, a question's instant); presentation scales the text with the screen.
 */
import { useMemo, useRef, useState, type ReactNode, type RefObject } from "react";
import { layout as layoutOf, type DiagramLayout } from "../../diagram/layout.ts";
import { narrateAt } from "../../explain/narrate.ts";
import { explainOutcome } from "../../explain/verdict.ts";
import { stepsOf, type Step } from "../../sim/steps.ts";
import type { Trace } from "../../sim/types.ts";
import { SequenceDiagram } from "../diagram/SequenceDiagram.tsx";
import { PlaybackBar } from "../PlaybackBar.tsx";
import { timelineOf } from "../playbackModel.ts";
import { usePlayback, type Playback } from "../usePlayback.ts";
import { useWidth } from "../useWidth.ts";
import { VerdictPanel } from "../VerdictPanel.tsx";

/** The narrowest drawing: it wraps its labels down to here, and a narrower screen scales it (CSS). */
const MIN_WIDTH = 320;
/**
 * Presentation's text grows with the drawing's width: 1 at this width. The drawing has about 60 %
 * of the screen beside the step's words, so packet labels reach the workspace's size (about 24 px
 * on a 1920 px projector).
 */
const PRESENT_SCALE_WIDTH = 640;

export interface StepDiagram {
  stageRef: RefObject<HTMLDivElement | null>;
  diagram: DiagramLayout;
  steps: readonly Step[];
  playback: Playback;
}

/** The layout and playback of a step's trace; playback starts at the beginning, paused. */
export function useStepDiagram(trace: Trace, presenting: boolean): StepDiagram {
  const stageRef = useRef<HTMLDivElement>(null);
  const width = Math.max(MIN_WIDTH, useWidth(stageRef, 720));
  const fontScale = presenting ? Math.max(1, width / PRESENT_SCALE_WIDTH) : 1;
  const diagram = useMemo(() => layoutOf(trace, { width, fontScale }), [trace, width, fontScale]);
  const steps = useMemo(() => stepsOf(trace), [trace]);
  const track = useMemo(() => timelineOf(diagram, steps), [diagram, steps]);
  // The playback keys are the page's while not presenting; presentation walks the lesson instead.
  const playback = usePlayback(track, { start: { t: 0 }, keys: presenting ? null : "window" });
  return { stageRef, diagram, steps, playback };
}

export interface StepStageProps {
  trace: Trace;
  view: StepDiagram;
  /** The verdict and the final badges wait for the reveal (predict) or are not the point (show). */
  outcome: "hidden" | "shown";
  /** The verdict panel, when the outcome is shown (default); a show step keeps it for its end. */
  verdict?: boolean;
  /** Given: packets are buttons that drop or restore (a task); else a still drawing. */
  onToggle?: ((index: number) => void) | undefined;
  /** The diagram's scroll box, for presentation to follow the playhead. */
  scrollRef?: RefObject<HTMLDivElement | null> | undefined;
  /** Beside or above the diagram: the step's text, a beat, a question, a goal. */
  children?: ReactNode;
}

const TITLE = "Sequence diagram: time flows down; each arrow is a packet";

export function StepStage(props: StepStageProps) {
  const { trace, view, outcome, verdict = true, onToggle, scrollRef, children } = props;
  const { stageRef, diagram, steps, playback } = view;
  const explanations = useMemo(() => explainOutcome(trace), [trace]);
  const [selected, setSelected] = useState<number | null>(null);
  const line =
    playback.stepIndex >= 0
      ? narrateAt(trace, steps, playback.time).join(" ")
      : "Press Play, or step through with Next and Back on the playback bar.";
  return (
    <div className={`lesson-stage${outcome === "hidden" ? " outcome-hidden" : ""}`}>
      <div className="lesson-panel">
        {children}
        {outcome === "shown" && verdict && <VerdictPanel explanations={explanations} />}
        <PlaybackBar playback={playback} unit="Moment" />
        <p className="narration" aria-live="polite" data-testid="lesson.narration">
          {line}
        </p>
      </div>
      <div className="lesson-diagram-box" ref={stageRef}>
        <div className="diagram-scroll lesson-diagram" ref={scrollRef}>
          {onToggle ? (
            <SequenceDiagram
              layout={diagram}
              time={playback.time}
              selected={selected}
              onToggle={onToggle}
              onSelect={setSelected}
              title={TITLE}
            />
          ) : (
            <SequenceDiagram still layout={diagram} time={playback.time} title={TITLE} />
          )}
        </div>
      </div>
    </div>
  );
}
