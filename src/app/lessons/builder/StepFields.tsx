/**
 * The fields of each kind of step: show (narration beats and the event each plays until), predict
 * (the question, where it stops, the reveal), task (goal, what the learner may change, hint,
 * solution) and explain (spec ids). Events are offered from the step's own trace, so a beat's
 * `until` always names an event that happens.
 */
import { useId } from "react";
import { SPEC_IDS } from "../../../lessons/specIds.ts";
import type { Trace } from "../../../sim/types.ts";
import { eventChoices, findMatch, type Match } from "./eventChoices.ts";
import { Field, FieldProblems } from "./Field.tsx";
import {
  goalFromOutcome,
  MAY,
  solutionFrom,
  specIdsOf,
  type Ask,
  type ExplainDraft,
  type PredictDraft,
  type Range,
  type ShowDraft,
  type StepDraft,
  type TaskDraft,
} from "./lessonDraft.ts";

export interface StepFieldsProps<S extends StepDraft> {
  step: S;
  /** The path of this step in the lesson (`steps[2]`), for its problems and test ids. */
  path: string;
  /** The trace of the step's own scenario. */
  trace: Trace;
  /** The trace on screen now. */
  screen: Trace;
  problemsAt(path: string): string[] | undefined;
  onChange(step: S): void;
  /** The question kinds the validator accepts for this step's scenario. */
  asks: readonly Ask[];
}

/** A list of the trace's events to pick one from, or none (`noneLabel`). */
function EventSelect({
  label,
  value,
  trace,
  noneLabel,
  onChange,
  testId,
  problems,
}: {
  label: string;
  value: Match | null;
  trace: Trace;
  noneLabel: string;
  onChange(match: Match | null): void;
  testId: string;
  problems: string[] | undefined;
}) {
  const id = useId();
  const choices = eventChoices(trace);
  const found = value === null ? null : findMatch(trace, value);
  return (
    <div className="lb-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value === null ? "" : found === null ? "missing" : String(found)}
        aria-invalid={problems?.length ? true : undefined}
        aria-describedby={problems?.length ? `${id}-problems` : undefined}
        onChange={(e) => {
          const choice = choices.find((c) => String(c.index) === e.target.value);
          onChange(choice ? choice.match : null);
        }}
        data-testid={testId}
      >
        <option value="">{noneLabel}</option>
        {value !== null && found === null && (
          <option value="missing" disabled>
            An event this scenario does not have: {JSON.stringify(value)}
          </option>
        )}
        {choices.map((c) => (
          <option key={c.index} value={String(c.index)}>
            {c.label}
          </option>
        ))}
      </select>
      <FieldProblems id={`${id}-problems`} problems={problems} testId={`${testId}-problems`} />
    </div>
  );
}

function Check({
  label,
  checked,
  onChange,
  testId,
}: {
  label: string;
  checked: boolean;
  onChange(on: boolean): void;
  testId: string;
}) {
  return (
    <label className="lb-check">
      <input
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        data-testid={testId}
      />{" "}
      {label}
    </label>
  );
}

export function ShowFields({ step, path, trace, problemsAt, onChange }: StepFieldsProps<ShowDraft>) {
  const setBeat = (i: number, beat: ShowDraft["beats"][number]) =>
    onChange({ ...step, beats: step.beats.map((b, j) => (j === i ? beat : b)) });
  return (
    <fieldset className="lb-group">
      <legend>Narration beats</legend>
      <FieldProblems problems={problemsAt(`${path}.narration`)} testId={`${path}.narration-problems`} />
      {step.beats.length === 0 && (
        <p className="muted lb-hint">None: the diagram plays once and Continue goes on.</p>
      )}
      <ol className="lb-beats">
        {step.beats.map((beat, i) => (
          <li key={i}>
            <Field
              label={`Beat ${i + 1}`}
              multiline
              value={beat.text}
              onChange={(text) => setBeat(i, { ...beat, text })}
              problems={problemsAt(`${path}.narration[${i}].text`)}
              testId={`${path}.narration[${i}].text`}
            />
            <EventSelect
              label="Plays until"
              value={beat.until}
              trace={trace}
              noneLabel="waits for Continue"
              onChange={(until) => setBeat(i, { ...beat, until })}
              testId={`${path}.narration[${i}].until`}
              problems={problemsAt(`${path}.narration[${i}].until`)}
            />
            <button
              type="button"
              onClick={() => onChange({ ...step, beats: step.beats.filter((_, j) => j !== i) })}
              aria-label={`Remove beat ${i + 1}`}
            >
              Remove beat
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        onClick={() => onChange({ ...step, beats: [...step.beats, { text: "", until: null }] })}
        data-testid={`${path}.add-beat`}
      >
        Add a beat
      </button>
    </fieldset>
  );
}

const ASK_LABELS: Record<Ask, string> = {
  processed: "Processed how many times?",
  "hand-on": "Where is it handed on? (QoS 2)",
  "next-resend": "Which packet is resent next?",
  holder: "Who holds the message?",
  "qos-needed": "Which QoS does it need?",
};

export function PredictFields({
  step,
  path,
  trace,
  problemsAt,
  onChange,
  asks,
}: StepFieldsProps<PredictDraft>) {
  const id = useId();
  const shown = asks.includes(step.ask) ? asks : [...asks, step.ask];
  const questionProblems = problemsAt(`${path}.question`);
  return (
    <fieldset className="lb-group">
      <legend>Question (the answer is computed by the simulator)</legend>
      <div className="lb-field">
        <label htmlFor={`${id}-ask`}>Asks</label>
        <select
          id={`${id}-ask`}
          value={step.ask}
          aria-invalid={questionProblems?.length ? true : undefined}
          aria-describedby={questionProblems?.length ? `${id}-question-problems` : undefined}
          onChange={(e) => onChange({ ...step, ask: e.target.value as Ask })}
          data-testid={`${path}.question.ask`}
        >
          {shown.map((ask) => (
            <option key={ask} value={ask} disabled={!asks.includes(ask)}>
              {ASK_LABELS[ask]}
            </option>
          ))}
        </select>
        <FieldProblems
          id={`${id}-question-problems`}
          problems={questionProblems}
          testId={`${path}.question-problems`}
        />
      </div>
      {(step.ask === "processed" || step.ask === "holder") && (
        <Field
          label="About message"
          inputMode="numeric"
          value={step.message}
          onChange={(message) => onChange({ ...step, message })}
          hint="empty: the first lost packet's message"
          testId={`${path}.question.message`}
        />
      )}
      {step.ask === "qos-needed" && (
        <div className="lb-field">
          <label htmlFor={`${id}-need`}>Every message processed</label>
          <select
            id={`${id}-need`}
            value={step.need}
            onChange={(e) =>
              onChange({ ...step, need: e.target.value === "once" ? "once" : "at-least-once" })
            }
            data-testid={`${path}.question.need`}
          >
            <option value="once">exactly once</option>
            <option value="at-least-once">at least once</option>
          </select>
        </div>
      )}
      <EventSelect
        label="Stops to ask before"
        value={step.stopAt}
        trace={trace}
        noneLabel="default: just before the outcome shows"
        onChange={(stopAt) => onChange({ ...step, stopAt })}
        testId={`${path}.stopAt`}
        problems={problemsAt(`${path}.stopAt`)}
      />
      <Field
        label="Shown with the answer (optional)"
        multiline
        value={step.reveal}
        onChange={(reveal) => onChange({ ...step, reveal })}
        problems={problemsAt(`${path}.reveal`)}
        testId={`${path}.reveal`}
      />
      <Check
        label="Counts in the lesson's check (assessed)"
        checked={step.assessed}
        onChange={(assessed) => onChange({ ...step, assessed })}
        testId={`${path}.assessed`}
      />
    </fieldset>
  );
}

function RangeFields({
  label,
  range,
  onChange,
  testId,
}: {
  label: string;
  range: Range;
  onChange(range: Range): void;
  testId: string;
}) {
  const id = useId();
  return (
    <div className="lb-range" role="group" aria-labelledby={id}>
      <span id={id}>{label}</span>
      <label>
        at least{" "}
        <input
          type="text"
          inputMode="numeric"
          size={3}
          value={range.min}
          onChange={(e) => onChange({ ...range, min: e.target.value })}
          data-testid={`${testId}.min`}
        />
      </label>
      <label>
        at most{" "}
        <input
          type="text"
          inputMode="numeric"
          size={3}
          value={range.max}
          onChange={(e) => onChange({ ...range, max: e.target.value })}
          data-testid={`${testId}.max`}
        />
      </label>
    </div>
  );
}

const MAY_LABELS: Record<(typeof MAY)[number], string> = {
  drop: "drop packets",
  publishQos: "publish QoS",
  subscriberQos: "subscription QoS",
  session: "sessions",
  protocol: "protocol",
  retransmit: "retransmission",
  qos2Delivery: "QoS 2 hand-on",
  dedupe: "application dedupe",
};

function solutionText(step: TaskDraft): string {
  if (!step.solution) return "None yet: set the diagram up as solved, then use it.";
  const { faults, set } = step.solution;
  const lost = faults.map((f) => `${f.packet} (${f.hop}, message ${f.message}, attempt ${f.attempt})`);
  const drops = lost.length === 0 ? "no packet dropped" : `drops ${lost.join(", ")}`;
  const fields = Object.entries(set).map(([k, v]) => `${k} ${JSON.stringify(v)}`);
  return fields.length === 0 ? `The solution ${drops}.` : `The solution ${drops}; sets ${fields.join(", ")}.`;
}

export function TaskFields({ step, path, screen, problemsAt, onChange }: StepFieldsProps<TaskDraft>) {
  const goal = step.goal;
  const setGoal = (part: Partial<TaskDraft["goal"]>) => onChange({ ...step, goal: { ...goal, ...part } });
  const id = useId();
  return (
    <>
      <fieldset className="lb-group">
        <legend>Goal (checked after every change)</legend>
        <FieldProblems problems={problemsAt(`${path}.goal`)} testId={`${path}.goal-problems`} />
        <button
          type="button"
          onClick={() => onChange({ ...step, goal: goalFromOutcome(goal, screen) })}
          data-testid={`${path}.goal-from-screen`}
        >
          Goal from the outcome on screen
        </button>
        <Field
          label="Message"
          inputMode="numeric"
          value={goal.message}
          onChange={(message) => setGoal({ message })}
          hint="empty: message 1"
          testId={`${path}.goal.message`}
        />
        <div className="lb-field">
          <label htmlFor={`${id}-verdict`}>Verdict</label>
          <select
            id={`${id}-verdict`}
            value={goal.verdict}
            onChange={(e) => setGoal({ verdict: e.target.value as TaskDraft["goal"]["verdict"] })}
            data-testid={`${path}.goal.verdict`}
          >
            <option value="">any</option>
            <option value="lost">lost</option>
            <option value="once">once</option>
            <option value="duplicated">duplicated</option>
          </select>
        </div>
        <RangeFields
          label="Deliveries"
          range={goal.deliveries}
          onChange={(deliveries) => setGoal({ deliveries })}
          testId={`${path}.goal.deliveries`}
        />
        <RangeFields
          label="Processed"
          range={goal.processed}
          onChange={(processed) => setGoal({ processed })}
          testId={`${path}.goal.processed`}
        />
        <RangeFields
          label="Packets dropped"
          range={goal.drops}
          onChange={(drops) => setGoal({ drops })}
          testId={`${path}.goal.drops`}
        />
      </fieldset>
      <fieldset className="lb-group lb-may">
        <legend>The learner may change (all else is locked)</legend>
        {MAY.map((entry) => (
          <Check
            key={entry}
            label={MAY_LABELS[entry]}
            checked={step.may.includes(entry)}
            onChange={(on) =>
              onChange({
                ...step,
                may: on
                  ? MAY.filter((m) => m === entry || step.may.includes(m))
                  : step.may.filter((m) => m !== entry),
              })
            }
            testId={`${path}.may.${entry}`}
          />
        ))}
        <FieldProblems problems={problemsAt(`${path}.may`)} testId={`${path}.may-problems`} />
      </fieldset>
      <Field
        label="Hint"
        multiline
        value={step.hint}
        onChange={(hint) => onChange({ ...step, hint })}
        problems={problemsAt(`${path}.hint`)}
        testId={`${path}.hint`}
      />
      <div className="lb-group">
        <p className="lb-solution" data-testid={`${path}.solution`}>
          {solutionText(step)}
        </p>
        <button
          type="button"
          onClick={() =>
            onChange({ ...step, solution: solutionFrom(step.scenario, screen.scenario, step.may) })
          }
          data-testid={`${path}.use-solution`}
        >
          Use what is on screen as the solution
        </button>
        <FieldProblems problems={problemsAt(`${path}.solution`)} testId={`${path}.solution-problems`} />
      </div>
      <Check
        label="Counts in the lesson's check (assessed)"
        checked={step.assessed}
        onChange={(assessed) => onChange({ ...step, assessed })}
        testId={`${path}.assessed`}
      />
    </>
  );
}

export function ExplainFields({ step, path, problemsAt, onChange }: StepFieldsProps<ExplainDraft>) {
  const chosen = specIdsOf(step.spec);
  const toggle = (id: string, on: boolean) =>
    onChange({
      ...step,
      // In the reference's order, whatever the order of the clicks.
      spec: [...SPEC_IDS.keys()].filter((s) => (s === id ? on : chosen.includes(s))).join(", "),
    });
  return (
    <>
      <fieldset className="lb-group lb-spec" data-testid={`${path}.spec`}>
        <legend>Spec statements (as the MQTT reference cites them)</legend>
        {[...SPEC_IDS].map(([id, says]) => (
          <label key={id} className="lb-check">
            <input
              type="checkbox"
              checked={chosen.includes(id)}
              onChange={(e) => toggle(id, e.target.checked)}
              data-testid={`${path}.spec.${id}`}
            />{" "}
            <code>{id}</code> <span className="muted">{says}</span>
          </label>
        ))}
        <FieldProblems problems={problemsAt(`${path}.spec`)} testId={`${path}.spec-problems`} />
      </fieldset>
      <Check
        label="Show the diagram captured with this step"
        checked={step.withScenario}
        onChange={(withScenario) => onChange({ ...step, withScenario })}
        testId={`${path}.with-scenario`}
      />
    </>
  );
}
