/**
 * The lesson being built survives a reload: kept in localStorage under STORAGE_KEY after every
 * change. Reading is defensive (the value may be from an older build or edited by hand): each
 * field falls back to empty, each step's scenario is checked by the scenario parser, and a step
 * whose scenario fails is left out. Where storage is refused, the draft lives for the visit.
 */
import { parseScenario } from "../../../sim/scenario.ts";
import {
  ASKS,
  emptyDraft,
  MAY,
  newStep,
  STEP_KINDS,
  type Beat,
  type LessonDraft,
  type Range,
  type StepDraft,
} from "./lessonDraft.ts";
import type { Match } from "./eventChoices.ts";

export const STORAGE_KEY = "mqtt-qos-lab:lesson-builder";
const FORMAT = 1;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === "string" ? v : "");
const oneOf = <T extends string>(options: readonly T[], v: unknown, fallback: T): T =>
  options.includes(v as T) ? (v as T) : fallback;

function match(v: unknown): Match | null {
  if (!isObj(v)) return null;
  const out: Match = {};
  for (const [key, value] of Object.entries(v)) {
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
      out[key] = value;
  }
  return Object.keys(out).length > 0 ? out : null;
}

function range(v: unknown): Range {
  return isObj(v) ? { min: str(v.min), max: str(v.max) } : { min: "", max: "" };
}

function readStep(v: unknown, key: number): StepDraft | null {
  if (!isObj(v)) return null;
  const parsed = parseScenario(v.scenario);
  if (!parsed.ok) return null;
  const step = newStep(oneOf(STEP_KINDS, v.kind, "show"), parsed.scenario, key);
  step.title = str(v.title);
  step.text = str(v.text);
  switch (step.kind) {
    case "show":
      step.beats = (Array.isArray(v.beats) ? v.beats : [])
        .filter(isObj)
        .map((b): Beat => ({ text: str(b.text), until: match(b.until) }));
      break;
    case "predict":
      step.ask = oneOf(ASKS, v.ask, "processed");
      step.message = str(v.message);
      step.need = oneOf(["once", "at-least-once"], v.need, "once");
      step.stopAt = match(v.stopAt);
      step.reveal = str(v.reveal);
      step.assessed = v.assessed !== false;
      break;
    case "task": {
      const goal = isObj(v.goal) ? v.goal : {};
      step.goal = {
        message: str(goal.message),
        verdict: oneOf(["", "lost", "once", "duplicated"], goal.verdict, ""),
        deliveries: range(goal.deliveries),
        processed: range(goal.processed),
        drops: range(goal.drops),
      };
      step.may = (Array.isArray(v.may) ? v.may : []).filter((m): m is (typeof MAY)[number] =>
        MAY.includes(m as (typeof MAY)[number]),
      );
      step.hint = str(v.hint);
      const solution = isObj(v.solution) ? v.solution : null;
      const faults = solution && parseScenario({ publishQos: 2, faults: solution.faults });
      step.solution =
        solution && faults?.ok
          ? { faults: faults.scenario.faults, set: isObj(solution.set) ? solution.set : {} }
          : null;
      step.assessed = v.assessed !== false;
      break;
    }
    case "explain":
      step.spec = str(v.spec);
      step.withScenario = v.withScenario === true;
      break;
  }
  return step;
}

/** A stored draft as the builder holds it; null when there is none worth reading. */
export function readDraft(text: string | null): LessonDraft | null {
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObj(value) || value.draft !== FORMAT || !isObj(value.lesson)) return null;
  const lesson = value.lesson;
  const steps = (Array.isArray(lesson.steps) ? lesson.steps : [])
    .map((step, i) => readStep(step, i + 1))
    .filter((step): step is StepDraft => step !== null);
  return {
    ...emptyDraft(),
    id: str(lesson.id),
    title: str(lesson.title),
    audience: str(lesson.audience),
    minutes: str(lesson.minutes),
    summary: str(lesson.summary),
    steps,
  };
}

export function draftText(draft: LessonDraft): string {
  return JSON.stringify({ draft: FORMAT, lesson: draft });
}

export function loadDraft(): LessonDraft {
  try {
    return readDraft(window.localStorage.getItem(STORAGE_KEY)) ?? emptyDraft();
  } catch {
    return emptyDraft();
  }
}

export function saveDraft(draft: LessonDraft): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, draftText(draft));
  } catch {
    // Storage refused or full: the draft holds for this visit.
  }
}
