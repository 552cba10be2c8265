/**
 * A `predict` step: playback runs to the question's instant and stops there with the outcome
 * hidden (as predict-then-reveal does); the learner picks, "Check" compares with the answer the
 * simulator computed, then playback plays on and the reveal text is shown. In presentation the
 * room answers instead: the trainer enters the show of hands and reveals the tally.
 */
import { useEffect, useId, useMemo, useState, type RefObject } from "react";
import type { Scenario, Trace } from "../../sim/types.ts";
import { prefersReducedMotion } from "../reducedMotion.ts";
import { askQuestion, textOf, type PredictStep, type StepAnswer } from "./core.ts";
import { Markdown } from "./Markdown.tsx";
import { RoomMode } from "./RoomMode.tsx";
import { emptyTally, type Tally } from "./roomTally.ts";
import { StepStage, useStepDiagram } from "./StepStage.tsx";
import type { StepWalk } from "./walk.ts";

const EPSILON = 1e-6;

export interface PredictStepViewProps {
  step: PredictStep;
  scenario: Scenario;
  trace: Trace;
  /** The learner's earlier answer (progress), shown as answered: the lesson works as reference. */
  answered: StepAnswer | undefined;
  onAnswer(answer: StepAnswer): void;
  presenting: boolean;
  walkRef: RefObject<StepWalk | null>;
  scrollRef: RefObject<HTMLDivElement | null>;
}

/** The same choices, in any order. */
function sameChoice(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}

export function PredictStepView(props: PredictStepViewProps) {
  const { step, scenario, trace, answered, onAnswer, presenting, walkRef, scrollRef } = props;
  const view = useStepDiagram(trace, presenting);
  const { playback } = view;
  const question = useMemo(() => askQuestion(step, scenario, trace), [step, scenario, trace]);
  const stop = question.stopT;
  // The learner's choice, and whether it has been checked (an earlier answer comes checked).
  const [chosen, setChosen] = useState<string[]>(() => answered?.choice ?? []);
  const [checked, setChecked] = useState(answered !== undefined);
  const [tally, setTally] = useState<Tally>(() => emptyTally(question.choices.map((c) => c.id)));
  const [roomRevealed, setRoomRevealed] = useState(false);
  const revealed = presenting ? roomRevealed : checked;
  const { time, atEnd, play, pause, seek, toEnd } = playback;

  // Runs to the question at once; a step answered before shows its whole outcome.
  useEffect(() => {
    if (revealed) toEnd();
    else if (prefersReducedMotion()) seek(stop);
    else play();
    // On entering the step only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  // Not past the question before it is answered: playing, Next and the scrubber all stop there.
  useEffect(() => {
    if (!revealed && time > stop + EPSILON) {
      pause();
      seek(stop);
    }
  }, [revealed, time, stop, pause, seek]);
  const asking = !revealed && time >= stop - EPSILON;

  const reveal = () => {
    // Play at the end would start again: there is nothing left to play out.
    if (!atEnd) play();
  };
  const check = () => {
    setChecked(true);
    onAnswer({ choice: chosen, correct: sameChoice(chosen, question.answer) });
    reveal();
  };
  const revealRoom = () => {
    setRoomRevealed(true);
    reveal();
  };
  const again = () => {
    setChecked(false);
    setRoomRevealed(false);
    setChosen([]);
    setTally(emptyTally(question.choices.map((c) => c.id)));
    pause();
    seek(playback.from);
    play();
  };

  useEffect(() => {
    walkRef.current = {
      forward() {
        if (revealed) return false;
        if (!asking) {
          pause();
          seek(stop);
          return true;
        }
        // In the room the clicker reveals the tally; a learner goes on without answering.
        if (presenting) {
          revealRoom();
          return true;
        }
        return false;
      },
      back: () => false,
    };
    return () => {
      walkRef.current = null;
    };
  });

  const pick = (id: string) =>
    setChosen((c) => (question.multiple ? (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]) : [id]));
  const labelOf = (id: string) => question.choices.find((c) => c.id === id)?.label ?? id;
  const right = question.answer.map(labelOf).join(", ");
  const legendId = useId();
  return (
    <div className="lesson-step lesson-predict" data-testid="lesson.predict">
      <StepStage trace={trace} view={view} outcome={revealed ? "shown" : "hidden"} scrollRef={scrollRef}>
        <Markdown text={textOf(step.text)} className="lesson-text" />
        <div className="lesson-question" data-testid="lesson.question">
          <p className="lesson-prompt" id={legendId}>
            {question.prompt}
          </p>
          {!revealed && !asking && (
            <p className="muted" role="status">
              Playback stops before the decisive moment to ask: press Play, Next or Continue.
            </p>
          )}
          {presenting && (asking || revealed) ? (
            <RoomMode
              choices={question.choices}
              answer={question.answer}
              tally={tally}
              onTally={setTally}
              revealed={roomRevealed}
              onReveal={revealRoom}
            />
          ) : (
            <>
              {(asking || revealed) && (
                <div
                  className="lesson-choices"
                  role="group"
                  aria-labelledby={legendId}
                  data-testid="lesson.choices"
                >
                  {question.choices.map((choice) => {
                    const mark = revealed ? (question.answer.includes(choice.id) ? " is-right" : "") : "";
                    return (
                      <button
                        key={choice.id}
                        type="button"
                        className={`lesson-choice${mark}`}
                        aria-pressed={chosen.includes(choice.id)}
                        disabled={revealed}
                        onClick={() => pick(choice.id)}
                        data-value={choice.id}
                      >
                        {choice.label}
                      </button>
                    );
                  })}
                  {!revealed && (
                    <button
                      type="button"
                      className="primary"
                      disabled={chosen.length === 0}
                      onClick={check}
                      data-testid="lesson.check"
                    >
                      Check
                    </button>
                  )}
                </div>
              )}
              {revealed && (
                <p
                  className={`lesson-judged ${sameChoice(chosen, question.answer) ? "is-right" : "is-wrong"}`}
                  role="status"
                  data-testid="lesson.judged"
                >
                  <strong>{sameChoice(chosen, question.answer) ? "Right." : "Not quite."}</strong> You said{" "}
                  {chosen.map(labelOf).join(", ") || "nothing"}; the simulator says {right}.
                </p>
              )}
            </>
          )}
          {revealed && (
            <div className="lesson-reveal" data-testid="lesson.reveal">
              <p>{question.explanation}</p>
              {step.reveal !== undefined && <Markdown text={textOf(step.reveal)} />}
              <button type="button" onClick={again} data-testid="lesson.again">
                Ask again
              </button>
            </div>
          )}
        </div>
      </StepStage>
    </div>
  );
}
