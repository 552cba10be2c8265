/**
 * The lesson being built, as the builder's fields hold it (numbers as typed, so a bad one reaches
 * the validator and is named there), and `draftToLesson`, which writes it in the lesson format
 * (the contract in ../../../lessons). Each step keeps the scenario that was on screen when it was
 * captured; a step whose scenario is the previous one's leaves it out, as the format allows.
 * Pure: every change returns a new draft.
 */
import { parseScenarioOrThrow } from "../../../sim/scenario.ts";
import type { Fault, Scenario, Trace, Verdict } from "../../../sim/types.ts";
import type { Match } from "./eventChoices.ts";
import type { MAY_CHANGE, QUESTION_ASKS, STEP_KINDS } from "../../../lessons/lessonSchema.ts";

export { STEP_KINDS, QUESTION_ASKS as ASKS, MAY_CHANGE as MAY } from "../../../lessons/lessonSchema.ts";
export type StepKind = (typeof STEP_KINDS)[number];
export type Ask = (typeof QUESTION_ASKS)[number];
/** What a task's learner may change (the format's `may`); all else is locked. */
export type May = (typeof MAY_CHANGE)[number];

export interface Beat {
  text: string;
  until: Match | null;
}

interface StepBase {
  /** Stable across edits and reorders (React keys, focus). */
  key: number;
  title: string;
  text: string;
  /** The scenario on screen when the step was captured (or captured again). */
  scenario: Scenario;
}

export interface ShowDraft extends StepBase {
  kind: "show";
  beats: Beat[];
}

export interface PredictDraft extends StepBase {
  kind: "predict";
  ask: Ask;
  /** For `processed` and `holder`; empty: the format's default. */
  message: string;
  need: "once" | "at-least-once";
  stopAt: Match | null;
  reveal: string;
  assessed: boolean;
}

/** A min/max pair as typed. */
export interface Range {
  min: string;
  max: string;
}

export interface GoalDraft {
  message: string;
  verdict: Verdict | "";
  deliveries: Range;
  processed: Range;
  drops: Range;
}

export interface Solution {
  faults: Fault[];
  set: Record<string, unknown>;
}

export interface TaskDraft extends StepBase {
  kind: "task";
  goal: GoalDraft;
  may: May[];
  hint: string;
  solution: Solution | null;
  assessed: boolean;
}

export interface ExplainDraft extends StepBase {
  kind: "explain";
  /** The statement ids chosen, separated by commas. */
  spec: string;
  /** Whether the step shows its scenario's diagram. */
  withScenario: boolean;
}

export type StepDraft = ShowDraft | PredictDraft | TaskDraft | ExplainDraft;

export interface LessonDraft {
  id: string;
  title: string;
  audience: string;
  minutes: string;
  summary: string;
  steps: StepDraft[];
}

export function emptyDraft(): LessonDraft {
  return { id: "", title: "", audience: "", minutes: "", summary: "", steps: [] };
}

const EMPTY_RANGE: Range = { min: "", max: "" };

/** A new step of `kind` over the scenario on screen. */
export function newStep(kind: StepKind, scenario: Scenario, key: number): StepDraft {
  const base = { key, title: "", text: "", scenario };
  switch (kind) {
    case "show":
      return { ...base, kind, beats: [] };
    case "predict":
      return {
        ...base,
        kind,
        ask: "processed",
        message: "",
        need: "once",
        stopAt: null,
        reveal: "",
        assessed: true,
      };
    case "task":
      return {
        ...base,
        kind,
        goal: {
          message: "",
          verdict: "",
          deliveries: EMPTY_RANGE,
          processed: EMPTY_RANGE,
          drops: EMPTY_RANGE,
        },
        may: ["drop"],
        hint: "",
        solution: null,
        assessed: true,
      };
    case "explain":
      return { ...base, kind, spec: "", withScenario: false };
  }
}

function nextKey(draft: LessonDraft): number {
  return draft.steps.reduce((max, step) => Math.max(max, step.key), 0) + 1;
}

export function addStep(draft: LessonDraft, kind: StepKind, scenario: Scenario): LessonDraft {
  return { ...draft, steps: [...draft.steps, newStep(kind, scenario, nextKey(draft))] };
}

export function updateStep(draft: LessonDraft, key: number, change: (step: StepDraft) => StepDraft) {
  return { ...draft, steps: draft.steps.map((step) => (step.key === key ? change(step) : step)) };
}

export function removeStep(draft: LessonDraft, key: number): LessonDraft {
  return { ...draft, steps: draft.steps.filter((step) => step.key !== key) };
}

/** Moves a step one place up (-1) or down (+1); at an end it stays. */
export function moveStep(draft: LessonDraft, key: number, by: -1 | 1): LessonDraft {
  const from = draft.steps.findIndex((step) => step.key === key);
  const to = from + by;
  if (from < 0 || to < 0 || to >= draft.steps.length) return draft;
  const steps = [...draft.steps];
  [steps[from], steps[to]] = [steps[to] as StepDraft, steps[from] as StepDraft];
  return { ...draft, steps };
}

/** The goal the current outcome meets: its verdict, deliveries and processed count for the message. */
export function goalFromOutcome(goal: GoalDraft, trace: Trace): GoalDraft {
  const message = goal.message.trim() === "" ? 1 : Number(goal.message);
  const outcome = trace.outcome.messages.find((m) => m.message === message);
  if (!outcome) return goal;
  const exactly = (n: number): Range => ({ min: String(n), max: String(n) });
  return {
    ...goal,
    verdict: outcome.verdict,
    deliveries: exactly(outcome.deliveries),
    processed: exactly(outcome.processed),
  };
}

/**
 * A `set` field's value in a scenario, as the format writes it (`subscriberQos` is the granted
 * subscription QoS; a session the same for both clients is one word).
 */
function setValue(scenario: Scenario, field: Exclude<May, "drop">): unknown {
  switch (field) {
    case "subscriberQos":
      return scenario.subscriber?.qos;
    case "session": {
      const { publisher, subscriber } = scenario.session;
      return publisher === subscriber ? publisher : { publisher, subscriber };
    }
    default:
      return scenario[field];
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The scenario on screen as a task's solution: its faults, and each field `may` allows that differs
 * from the task's start (a removed second hop cannot be said in `set`: it is left out).
 */
export function solutionFrom(start: Scenario, current: Scenario, may: readonly May[]): Solution {
  const set: Record<string, unknown> = {};
  for (const entry of may) {
    if (entry === "drop") continue;
    const value = setValue(current, entry);
    if (value !== undefined && !same(setValue(start, entry), value)) set[entry] = value;
  }
  return { faults: current.faults, set };
}

/** A scenario with the fields equal to their defaults left out: a shorter file and link. */
export function compactScenario(scenario: Scenario): Record<string, unknown> {
  const defaults = parseScenarioOrThrow({ publishQos: scenario.publishQos }) as unknown as Record<
    string,
    unknown
  >;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(scenario)) {
    if (key === "publishQos" || !same(value, defaults[key])) out[key] = value;
  }
  return out;
}

/** A typed number as the format's number; anything else as typed, for the validator to name. */
function numberOf(text: string): number | string {
  const trimmed = text.trim();
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
}

function rangeOf(range: Range): Record<string, number | string> | undefined {
  const out: Record<string, number | string> = {};
  if (range.min.trim() !== "") out.min = numberOf(range.min);
  if (range.max.trim() !== "") out.max = numberOf(range.max);
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The spec ids of an explain step's field, in their order. */
export function specIdsOf(text: string): string[] {
  return text.split(/[\s,;]+/).filter((id) => id !== "");
}

function questionOf(step: PredictDraft): Record<string, unknown> {
  const question: Record<string, unknown> = { ask: step.ask };
  if ((step.ask === "processed" || step.ask === "holder") && step.message.trim() !== "")
    question.message = numberOf(step.message);
  if (step.ask === "qos-needed") question.need = step.need;
  return question;
}

function goalOf(goal: GoalDraft): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (goal.message.trim() !== "") out.message = numberOf(goal.message);
  if (goal.verdict !== "") out.verdict = goal.verdict;
  for (const part of ["deliveries", "processed", "drops"] as const) {
    const range = rangeOf(goal[part]);
    if (range) out[part] = range;
  }
  return out;
}

/** The step's own fields in the format (its scenario is added by draftToLesson). */
function stepFields(step: StepDraft): Record<string, unknown> {
  const head: Record<string, unknown> = { kind: step.kind };
  if (step.title.trim() !== "") head.title = step.title;
  switch (step.kind) {
    case "show": {
      const out: Record<string, unknown> = { ...head, text: step.text };
      if (step.beats.length > 0)
        out.narration = step.beats.map((b) =>
          b.until ? { text: b.text, until: b.until } : { text: b.text },
        );
      return out;
    }
    case "predict": {
      const out: Record<string, unknown> = { ...head, text: step.text, question: questionOf(step) };
      if (step.stopAt) out.stopAt = step.stopAt;
      if (step.reveal.trim() !== "") out.reveal = step.reveal;
      if (!step.assessed) out.assessed = false;
      return out;
    }
    case "task": {
      const out: Record<string, unknown> = { ...head, text: step.text, goal: goalOf(step.goal) };
      if (!(step.may.length === 1 && step.may[0] === "drop")) out.may = step.may;
      out.hint = step.hint;
      // Left out until chosen: the validator says it is required.
      if (step.solution) {
        const solution: Record<string, unknown> = { faults: step.solution.faults };
        if (Object.keys(step.solution.set).length > 0) solution.set = step.solution.set;
        out.solution = solution;
      }
      if (!step.assessed) out.assessed = false;
      return out;
    }
    case "explain": {
      const out: Record<string, unknown> = { ...head, text: step.text };
      const spec = specIdsOf(step.spec);
      if (spec.length > 0) out.spec = spec;
      return out;
    }
  }
}

/**
 * The draft in the lesson format, for parseLesson to validate. A step carries its scenario unless
 * it is the one the previous step with a scenario had (an explain step carries one only when
 * asked to).
 */
export function draftToLesson(draft: LessonDraft): Record<string, unknown> {
  let previous: string | null = null;
  const steps = draft.steps.map((step) => {
    const fields = stepFields(step);
    if (step.kind === "explain" && !step.withScenario) return fields;
    const scenario = compactScenario(step.scenario);
    const text = JSON.stringify(scenario);
    if (text === previous) return fields;
    previous = text;
    // The scenario right after the kind (and title): the order a reader of the file expects.
    const { kind, title, ...rest } = fields;
    return { kind, ...(title === undefined ? {} : { title }), scenario, ...rest };
  });
  return {
    lesson: 1,
    // Empty: made from the title, as the field's placeholder shows.
    id: draft.id.trim() || idFromTitle(draft.title),
    title: draft.title,
    audience: draft.audience,
    minutes: numberOf(draft.minutes),
    summary: draft.summary,
    steps,
  };
}

/** A lesson id made from a title: lower case words joined by hyphens, at most 60 characters. */
export function idFromTitle(title: string): string {
  return title
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
}

/** A step's scenario in a few words, for its card: QoS per hop, sessions, drops, messages. */
export function scenarioWords(scenario: Scenario): string {
  const hops = scenario.subscriber
    ? `QoS ${scenario.publishQos}, subscription QoS ${scenario.subscriber.qos}`
    : `QoS ${scenario.publishQos}, one hop`;
  const { publisher, subscriber } = scenario.session;
  const session = publisher === subscriber ? `${publisher} sessions` : `${publisher}/${subscriber} sessions`;
  const n = scenario.faults.length;
  const drops = n === 0 ? "nothing dropped" : `${n} packet${n > 1 ? "s" : ""} dropped`;
  const m = scenario.messages.length;
  const messages = m > 1 ? `, ${m} messages` : "";
  return `${hops}, ${session}, ${drops}${messages}`;
}
