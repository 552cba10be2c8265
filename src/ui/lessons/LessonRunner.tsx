/**
 * One lesson, step by step: its title, "Step k of n", Back and Next on every step (never only
 * forward), the list of steps to jump to, and the step itself. Next first walks within the step
 * (the next narration beat, playing to the question, revealing the room's hands), then goes to the
 * next step; the last step's Next finishes the lesson. Presentation puts the lesson in
 * PresentMode's full-screen stage, where every clicker key walks it wherever the focus is.
 */
import { lazy, Suspense, useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import type { Scenario } from "../../sim/types.ts";
import { ErrorBoundary } from "../ErrorBoundary.tsx";
import type { Engine } from "../useEngine.ts";
import { NO_PLAYBACK } from "../noPlayback.ts";
import { textOf, type Lesson, type LessonStep, type StepAnswer } from "./core.ts";
import { CompareStepView } from "./CompareStepView.tsx";
import { ExplainStepView } from "./ExplainStepView.tsx";
import { PredictStepView } from "./PredictStepView.tsx";
import { ShowStepView } from "./ShowStepView.tsx";
import { TaskStepView } from "./TaskStepView.tsx";
import type { StepWalk } from "./walk.ts";

const PresentMode = lazy(() => import("../present/PresentMode.tsx"));

export interface LessonRunnerProps {
  lesson: Lesson;
  /** Per step, the scenario it shows (parseLesson's), null for an explain step before any. */
  scenarios: readonly (Scenario | null)[];
  engine: Engine;
  step: number;
  onStep(step: number): void;
  /** The learner's answers so far, by step index. */
  answers: Readonly<Record<string, StepAnswer>>;
  onAnswer(step: number, answer: StepAnswer): void;
  presenting: boolean;
  /** Enters or leaves presentation; without it (the embed) there is no Present button. */
  onPresent?: ((on: boolean) => void) | undefined;
  /** Next on the last step. */
  onFinish(): void;
  /** Back to the course page; without it (the embed) there is no such button. */
  onCourse?: (() => void) | undefined;
  /** False: only the step, without Back, Next or the list of steps (an embed's controls=none). */
  navigation?: boolean;
  /** The lesson's check so far: "2 of 3 checks right". */
  checks: { correct: number; assessed: number };
}

const KIND_WORDS: Record<LessonStep["kind"], string> = {
  show: "Watch",
  predict: "Predict",
  task: "Your turn",
  explain: "Explained",
};

export function stepTitle(step: LessonStep, index: number): string {
  return step.title === undefined ? `${KIND_WORDS[step.kind]} (${index + 1})` : textOf(step.title);
}

export function LessonRunner(props: LessonRunnerProps) {
  const { lesson, scenarios, engine, step, onStep, answers, onAnswer, presenting, onPresent } = props;
  const { onFinish, onCourse, checks, navigation = true } = props;
  const count = lesson.steps.length;
  const index = Math.min(Math.max(0, step), count - 1);
  const current = lesson.steps[index] as LessonStep;
  const scenario = scenarios[index] ?? null;
  const trace = useMemo(
    () => (scenario && current.kind !== "task" ? engine(scenario) : null),
    [engine, scenario, current.kind],
  );
  const [beat, setBeat] = useState({ step: index, beat: 0 });
  const beatNow = beat.step === index ? beat.beat : 0;
  const onBeat = useCallback((next: number) => setBeat({ step: index, beat: next }), [index]);
  const walkRef = useRef<StepWalk | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const rootRef = useRef<HTMLElement>(null);
  const headingId = useId();

  const last = index === count - 1;
  const next = useCallback(() => {
    if (walkRef.current?.forward()) return;
    if (last) onFinish();
    else onStep(index + 1);
  }, [last, index, onFinish, onStep]);
  const back = useCallback(() => {
    if (walkRef.current?.back()) return;
    if (index > 0) onStep(index - 1);
  }, [index, onStep]);
  // A clicker's keys: forward (Page Down, →, ↓, Space, the "." many clickers send) and back.
  const onKey = useCallback(
    (key: string) => {
      if (key === "PageDown" || key === "ArrowRight" || key === " " || key === ".") return next;
      if (key === "PageUp" || key === "ArrowLeft") return back;
      return undefined;
    },
    [next, back],
  );
  const answer = useCallback((a: StepAnswer) => onAnswer(index, a), [onAnswer, index]);
  // Each step starts at its top, with the step's heading in view.
  useEffect(() => {
    rootRef.current?.querySelector<HTMLElement>(".lesson-body")?.scrollTo?.({ top: 0 });
  }, [index]);

  const key = `${lesson.id}:${index}`;
  const answered = answers[String(index)];
  const where = `Step ${index + 1} of ${count}`;
  return (
    <article
      ref={rootRef}
      className={`lesson${presenting ? " presenting" : ""}`}
      aria-labelledby={headingId}
      data-testid="lesson"
      data-step={index + 1}
    >
      {presenting && (
        <ErrorBoundary what="Presentation mode">
          <Suspense fallback={null}>
            <PresentMode
              target={rootRef}
              scroller={scrollRef}
              playback={NO_PLAYBACK}
              playhead={0}
              revealed={null}
              onReveal={() => {}}
              onExit={() => onPresent?.(false)}
              onKey={onKey}
              keysText="Presenting. Keys: Page Down, →, Space or . goes on (the next narration, the question, the room's answer, the next step); Page Up or ← goes back; B blanks the screen; Esc leaves."
            />
          </Suspense>
        </ErrorBoundary>
      )}
      <header className="lesson-head">
        {!presenting && onCourse && (
          <button type="button" onClick={onCourse} data-testid="lesson.course">
            ← All lessons
          </button>
        )}
        <div className="lesson-titles">
          <h2 id={headingId} className="lesson-title">
            {textOf(lesson.title)}
          </h2>
          <p className="lesson-where" data-testid="lesson.where">
            <strong>{where}</strong>: {stepTitle(current, index)}
            {checks.assessed > 0 && (
              <span className="muted">
                {" "}
                · {checks.correct} of {checks.assessed} checks right
              </span>
            )}
          </p>
        </div>
        {!presenting && onPresent && (
          <button type="button" onClick={() => onPresent(true)} data-testid="lesson.present">
            Present
          </button>
        )}
      </header>
      {navigation && (
        <details className="lesson-steps" data-testid="lesson.steps">
          <summary>All steps</summary>
          <ol>
            {lesson.steps.map((s, i) => {
              const a = answers[String(i)];
              return (
                <li key={i}>
                  <button
                    type="button"
                    aria-current={i === index ? "step" : undefined}
                    onClick={() => onStep(i)}
                    data-testid={`lesson.step.${i + 1}`}
                  >
                    {i + 1}. {stepTitle(s, i)}
                    {a && <span className="muted">{a.correct ? " ✓" : " ✗"}</span>}
                  </button>
                </li>
              );
            })}
          </ol>
        </details>
      )}
      <section className="lesson-body" aria-label={`${where}: ${stepTitle(current, index)}`}>
        <ErrorBoundary what="This step" key={key}>
          {current.kind === "show" && current.compare !== undefined && scenario ? (
            <CompareStepView
              step={{ ...current, compare: current.compare }}
              scenario={scenario}
              engine={engine}
              beat={beatNow}
              onBeat={onBeat}
              presenting={presenting}
              walkRef={walkRef}
            />
          ) : current.kind === "show" && trace ? (
            <ShowStepView
              step={current}
              trace={trace}
              beat={beatNow}
              onBeat={onBeat}
              presenting={presenting}
              walkRef={walkRef}
              scrollRef={scrollRef}
            />
          ) : current.kind === "predict" && trace && scenario ? (
            <PredictStepView
              step={current}
              scenario={scenario}
              trace={trace}
              answered={answered}
              onAnswer={answer}
              presenting={presenting}
              walkRef={walkRef}
              scrollRef={scrollRef}
            />
          ) : current.kind === "task" && scenario ? (
            <TaskStepView
              step={current}
              start={scenario}
              engine={engine}
              answered={answered}
              onAnswer={answer}
              presenting={presenting}
              walkRef={walkRef}
              scrollRef={scrollRef}
            />
          ) : current.kind === "explain" ? (
            <ExplainStepView step={current} scenario={scenario} walkRef={walkRef} />
          ) : (
            <p role="alert">This step has no scenario to show.</p>
          )}
        </ErrorBoundary>
      </section>
      {navigation && (
        <nav className="lesson-nav" aria-label="Lesson steps">
          <button
            type="button"
            onClick={back}
            disabled={index === 0 && beatNow === 0}
            data-testid="lesson.back"
          >
            ← Back
          </button>
          <span className="lesson-nav-where" aria-hidden="true">
            {index + 1} / {count}
          </span>
          <button type="button" className="primary" onClick={next} data-testid="lesson.next">
            {last ? "Finish lesson" : "Next →"}
          </button>
        </nav>
      )}
    </article>
  );
}
