/**
 * One step of the lesson being built: its kind and number, the diagram it captured (put it back
 * on screen, or capture the screen again), move up/down and remove, its title and text, and the
 * fields of its kind (StepFields.tsx).
 */
import { memo, useEffect, useMemo, useRef } from "react";
import { runScenario } from "../../../sim/runScenario.ts";
import type { Scenario, Trace } from "../../../sim/types.ts";
import { Field, FieldProblems } from "./Field.tsx";
import { scenarioWords, type StepDraft } from "./lessonDraft.ts";
import { validAsks } from "./validateDraft.ts";
import { ExplainFields, PredictFields, ShowFields, TaskFields } from "./StepFields.tsx";

export const KIND_LABELS: Record<StepDraft["kind"], string> = {
  show: "Show",
  predict: "Predict",
  task: "Your turn (task)",
  explain: "Explain",
};

interface StepCardProps {
  step: StepDraft;
  index: number;
  count: number;
  screen: Trace;
  problemsAt(path: string): string[] | undefined;
  onChange(step: StepDraft): void;
  onMove(key: number, by: -1 | 1): void;
  onRemove(key: number): void;
  onScenario(scenario: Scenario): void;
  /** Just added: its text takes the focus (and so comes into view). */
  fresh: boolean;
}

export const StepCard = memo(function StepCard({
  step,
  index,
  count,
  screen,
  problemsAt,
  onChange,
  onMove,
  onRemove,
  onScenario,
  fresh,
}: StepCardProps) {
  const textRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  useEffect(() => {
    if (fresh) textRef.current?.focus();
  }, [fresh]);
  const path = `steps[${index}]`;
  // The step's own trace: the events a beat or a stop names are the ones its diagram has.
  const trace = useMemo(() => runScenario(step.scenario), [step.scenario]);
  // The question kinds the validator accepts over this scenario (hand-on needs QoS 2).
  const asks = useMemo(
    () => (step.kind === "predict" ? validAsks(step.scenario) : []),
    [step.kind, step.scenario],
  );
  const onScreen = useMemo(
    () => JSON.stringify(screen.scenario) === JSON.stringify(step.scenario),
    [screen.scenario, step.scenario],
  );
  const n = index + 1;
  const props = { path, trace, screen, problemsAt, asks };
  return (
    <li
      className="lb-step"
      data-testid={`lesson-builder.step.${index}`}
      aria-labelledby={`lb-step-${step.key}`}
    >
      <div className="lb-step-head">
        <h3 id={`lb-step-${step.key}`}>
          {n}. {KIND_LABELS[step.kind]}
        </h3>
        <span className="lb-step-tools">
          <button
            type="button"
            onClick={() => onMove(step.key, -1)}
            disabled={index === 0}
            aria-label={`Move step ${n} up`}
          >
            ↑
          </button>
          <button
            type="button"
            onClick={() => onMove(step.key, 1)}
            disabled={index === count - 1}
            aria-label={`Move step ${n} down`}
          >
            ↓
          </button>
          <button
            type="button"
            onClick={() => onRemove(step.key)}
            aria-label={`Remove step ${n}`}
            data-testid={`${path}.remove`}
          >
            Remove
          </button>
        </span>
      </div>
      {(step.kind !== "explain" || step.withScenario) && (
        <div className="lb-scenario">
          <span className="muted" data-testid={`${path}.scenario-words`}>
            Diagram: {scenarioWords(step.scenario)}
          </span>
          <span className="lb-step-tools">
            <button type="button" onClick={() => onScenario(step.scenario)} disabled={onScreen}>
              Put on screen
            </button>
            <button
              type="button"
              onClick={() => onChange({ ...step, scenario: screen.scenario })}
              disabled={onScreen}
              data-testid={`${path}.recapture`}
            >
              Capture the screen again
            </button>
          </span>
          <FieldProblems problems={problemsAt(`${path}.scenario`)} testId={`${path}.scenario-problems`} />
        </div>
      )}
      <FieldProblems problems={problemsAt(path)} testId={`${path}-problems`} />
      <Field
        label="Title (optional)"
        value={step.title}
        onChange={(title) => onChange({ ...step, title })}
        problems={problemsAt(`${path}.title`)}
        testId={`${path}.title`}
      />
      <Field
        label={step.kind === "task" ? "The goal in words" : "Text"}
        multiline
        value={step.text}
        onChange={(text) => onChange({ ...step, text })}
        hint="Markdown: **bold**, *em*, `code`, lists, [links](https://…); no HTML"
        problems={problemsAt(`${path}.text`)}
        testId={`${path}.text`}
        inputRef={textRef}
      />
      {step.kind === "show" ? (
        <ShowFields step={step} onChange={onChange} {...props} />
      ) : step.kind === "predict" ? (
        <PredictFields step={step} onChange={onChange} {...props} />
      ) : step.kind === "task" ? (
        <TaskFields step={step} onChange={onChange} {...props} />
      ) : (
        <ExplainFields step={step} onChange={onChange} {...props} />
      )}
    </li>
  );
});
