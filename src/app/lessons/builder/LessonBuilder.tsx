/**
 * The lesson builder (lazily loaded by "Record lesson" in the lab): beside the diagram, the trainer
 * sets up and drops packets as usual, and "Add step" captures the scenario on screen as a step of
 * the chosen kind. Steps are edited, reordered and removed; the draft is kept in localStorage after
 * every change. "Finish" validates the lesson with core's parser and names each problem beside its
 * field; a valid lesson is downloaded, shared as a link, or previewed.
 */
import { useCallback, useEffect, useId, useMemo, useState } from "react";
import type { Scenario, Trace } from "../../../sim/types.ts";
import { loadDraft, saveDraft } from "./draftStore.ts";
import { Field, FieldProblems } from "./Field.tsx";
import { FinishPanel } from "./FinishPanel.tsx";
import {
  addStep,
  emptyDraft,
  idFromTitle,
  moveStep,
  removeStep,
  STEP_KINDS,
  updateStep,
  type LessonDraft,
  type StepDraft,
  type StepKind,
} from "./lessonDraft.ts";
import { placeProblems } from "./problemPlaces.ts";
import { KIND_LABELS, StepCard } from "./StepCard.tsx";
import { checkDraft } from "./validateDraft.ts";
import "./lessonBuilder.css";

interface LessonBuilderProps {
  /** The trace on screen: what "Add step" captures. */
  trace: Trace;
  onScenario(scenario: Scenario): void;
  onClose(): void;
}

export default function LessonBuilder({ trace, onScenario, onClose }: LessonBuilderProps) {
  const headingId = useId();
  const kindId = useId();
  const [draft, setDraft] = useState<LessonDraft>(loadDraft);
  useEffect(() => saveDraft(draft), [draft]);
  const [kind, setKind] = useState<StepKind>("show");
  // The step just added, whose text takes the focus.
  const [added, setAdded] = useState<number | null>(null);
  // Problems are shown once the trainer has pressed Finish, then follow every change.
  const [finished, setFinished] = useState(false);
  const checked = useMemo(() => checkDraft(draft), [draft]);
  const placed = useMemo(
    () =>
      finished
        ? placeProblems(
            [
              ...checked.problems,
              ...checked.warnings.map((w) => ({ ...w, message: `Warning: ${w.message}` })),
            ],
            draft,
          )
        : { at: new Map<string, string[]>(), rest: [] },
    [finished, checked, draft],
  );
  const problemsAt = useCallback((path: string) => placed.at.get(path), [placed]);

  const set = (part: Partial<LessonDraft>) => setDraft((d) => ({ ...d, ...part }));
  const onStep = useCallback((step: StepDraft) => setDraft((d) => updateStep(d, step.key, () => step)), []);
  const onMove = useCallback((key: number, by: -1 | 1) => setDraft((d) => moveStep(d, key, by)), []);
  const onRemove = useCallback((key: number) => setDraft((d) => removeStep(d, key)), []);
  const onNew = () => {
    if (draft.steps.length > 0 && !window.confirm("Start a new lesson? The steps of this one are removed."))
      return;
    setDraft(emptyDraft());
    setFinished(false);
  };

  return (
    <section className="lesson-builder" aria-labelledby={headingId} data-testid="lesson-builder">
      <div className="lb-head">
        <h2 id={headingId}>Record a lesson</h2>
        <span className="lb-step-tools">
          <button type="button" onClick={onNew} data-testid="lesson-builder.new">
            New lesson
          </button>
          <button type="button" onClick={onClose} data-testid="lesson-builder.close">
            Close
          </button>
        </span>
      </div>
      <p className="muted lb-intro">
        Set the diagram up and drop packets as usual; <strong>Add step</strong> captures what is on screen.
        Kept in this browser while you build.
      </p>
      <div className="lb-add">
        <label htmlFor={kindId}>Kind</label>
        <select
          id={kindId}
          value={kind}
          onChange={(e) => setKind(e.target.value as StepKind)}
          data-testid="lesson-builder.kind"
        >
          {STEP_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
        <button
          type="button"
          onClick={() => {
            const next = addStep(draft, kind, trace.scenario);
            setAdded(next.steps[next.steps.length - 1]?.key ?? null);
            setDraft(next);
          }}
          data-testid="lesson-builder.add-step"
        >
          Add step
        </button>
      </div>
      <h3 className="lb-steps-title">Steps</h3>
      <FieldProblems problems={problemsAt("steps")} testId="lesson-builder.steps-problems" />
      {draft.steps.length === 0 && <p className="muted lb-hint">No steps yet.</p>}
      <ol className="lb-steps">
        {draft.steps.map((step, index) => (
          <StepCard
            key={step.key}
            step={step}
            index={index}
            count={draft.steps.length}
            screen={trace}
            problemsAt={problemsAt}
            onChange={onStep}
            onMove={onMove}
            onRemove={onRemove}
            onScenario={onScenario}
            fresh={step.key === added}
          />
        ))}
      </ol>
      <fieldset className="lb-group">
        <legend>Lesson</legend>
        <Field
          label="Title"
          value={draft.title}
          onChange={(title) => set({ title })}
          problems={problemsAt("title")}
          testId="lesson-builder.title"
        />
        <Field
          label="Id (file name)"
          value={draft.id}
          onChange={(id) => set({ id })}
          placeholder={idFromTitle(draft.title) || "pump-duplicate"}
          hint={draft.id === "" && draft.title !== "" ? "empty: made from the title" : undefined}
          problems={problemsAt("id")}
          testId="lesson-builder.id"
        />
        <Field
          label="Audience (one line)"
          value={draft.audience}
          onChange={(audience) => set({ audience })}
          problems={problemsAt("audience")}
          testId="lesson-builder.audience"
        />
        <Field
          label="Minutes"
          inputMode="numeric"
          value={draft.minutes}
          onChange={(minutes) => set({ minutes })}
          hint="the trainer's time, 1 to 240"
          problems={problemsAt("minutes")}
          testId="lesson-builder.minutes"
        />
        <Field
          label="Summary"
          multiline
          value={draft.summary}
          onChange={(summary) => set({ summary })}
          hint="one paragraph for the course page"
          problems={problemsAt("summary")}
          testId="lesson-builder.summary"
        />
      </fieldset>
      <div className="lb-finish">
        <button
          type="button"
          className="primary"
          onClick={() => setFinished(true)}
          data-testid="lesson-builder.finish"
        >
          Finish
        </button>
      </div>
      {finished && <FinishPanel checked={checked} rest={placed.rest} />}
    </section>
  );
}
