/**
 * The rules of a lesson that need more than one field: each step's scenario (checked by the
 * scenario parser, its problems prefixed by the step's path), the scenario each step shows
 * (its own, else the previous step's), and what depends on it: hand-on needs QoS 2, message
 * numbers within the scenario's messages, a task's solution within `may`, statistics need a
 * scenario; also the compare parameter and unique step ids. A rule judges a step only when the
 * step is valid on its own (the schema reports the rest).
 */

import * as v from "valibot";
import { readCompare } from "../share/compareParam.ts";
import { field, isPlainObject } from "../sim/plainData.ts";
import { parseScenario } from "../sim/scenario.ts";
import { missing, type Finding, type PathSegments } from "../sim/scenarioErrors.ts";
import type { Scenario } from "../sim/types.ts";
import { MAX_STEPS, StepSchema, type LessonStep } from "./lessonSchema.ts";
import { parsePath } from "./paths.ts";
import { parseSolution, sameFaults } from "./solution.ts";

const CONFIG = { abortPipeEarly: true } as const;

/** Steps that draw a diagram, and so need a scenario. */
const DRAWN: ReadonlySet<string> = new Set(["show", "predict", "task"]);

export interface RulesResult {
  findings: Finding[];
  /** Per step (when all steps could be read): the scenario it shows, or null (none yet). */
  scenarios: (Scenario | null)[];
}

/** A scenario parser's problems, placed under `prefix`. */
function under(prefix: PathSegments, problems: readonly { path: string; message: string }[]): Finding[] {
  return problems.map((p) => ({ path: [...prefix, ...parsePath(p.path)], message: p.message }));
}

export function checkLessonRules(input: unknown): RulesResult {
  const found: Finding[] = [];
  const scenarios: (Scenario | null)[] = [];
  const steps = isPlainObject(input) ? field(input, "steps") : undefined;
  if (!Array.isArray(steps) || steps.length > MAX_STEPS) return { findings: found, scenarios };
  /** The scenario steps inherit: null before any, "broken" after an invalid one (nothing to judge). */
  let current: Scenario | null | "broken" = null;
  const ids = new Map<string, number>();
  for (let i = 0; i < steps.length; i++) {
    const raw: unknown = Object.hasOwn(steps, i) ? steps[i] : undefined;
    const path: PathSegments = ["steps", i];
    const own = isPlainObject(raw) ? field(raw, "scenario") : undefined;
    if (own !== undefined) {
      const parsed = parseScenario(own);
      if (parsed.ok) current = parsed.scenario;
      else {
        found.push(...under([...path, "scenario"], parsed.problems));
        current = "broken";
      }
    }
    const kind = isPlainObject(raw) ? field(raw, "kind") : undefined;
    if (current === null && typeof kind === "string" && DRAWN.has(kind)) {
      found.push({
        path: [...path, "scenario"],
        message: missing("a scenario: the first step with a diagram needs one (later steps reuse it)"),
      });
      current = "broken";
    }
    scenarios.push(current === "broken" ? null : current);
    const step = v.safeParse(StepSchema, raw, CONFIG);
    if (!step.success) continue;
    const id = step.output.id;
    if (id !== undefined) {
      const first = ids.get(id);
      if (first === undefined) ids.set(id, i);
      else
        found.push({
          path: [...path, "id"],
          message: `expected an id no other step has; steps[${first}] has "${id}"`,
        });
    }
    found.push(...stepRules(step.output as LessonStep, current, path));
  }
  return { findings: found, scenarios };
}

function messageRule(message: number | undefined, scenario: Scenario, path: PathSegments): Finding[] {
  const count = scenario.messages.length;
  if (message === undefined || message <= count) return [];
  return [
    { path, message: `expected a message of this step's scenario, from 1 to ${count}; got ${message}` },
  ];
}

/** `scenario`: the one the step shows; null before any; "broken" after an invalid one (not judged). */
function stepRules(step: LessonStep, scenario: Scenario | null | "broken", path: PathSegments): Finding[] {
  const found: Finding[] = [];
  if (step.kind === "show" && step.compare !== undefined) {
    // The first notice names what is wrong; the link's fallback ("QoS 0, 1 and 2 stand in") is not for a file.
    const [notice] = readCompare("compare", step.compare).notices;
    if (notice !== undefined) {
      found.push({
        path: [...path, "compare"],
        message: notice.replace(/^compare: /, "").replace(/; QoS 0, 1 and 2 stand in$/, ""),
      });
    }
  }
  if (step.kind === "explain" && step.statistics !== undefined && scenario === null) {
    found.push({
      path: [...path, "statistics"],
      message: "statistics need a scenario: give this step one, or put it after a step that has one",
    });
  }
  if (scenario === null || scenario === "broken") return found;
  if (step.kind === "predict") {
    const q = step.question;
    if (q.ask === "hand-on" && scenario.publishQos !== 2) {
      // Only a QoS 2 receiver chooses where to hand a message on (spec Figure 4.3, Method A or B).
      found.push({
        path: [...path, "question", "ask"],
        message:
          `"hand-on" asks where a QoS 2 receiver hands the message on; this step's scenario publishes ` +
          `at QoS ${scenario.publishQos} (expected publishQos 2)`,
      });
    }
    if (q.ask === "processed" || q.ask === "holder")
      found.push(...messageRule(q.message, scenario, [...path, "question", "message"]));
  }
  if (step.kind === "task") found.push(...taskRules(step, scenario, path));
  return found;
}

function taskRules(
  step: Extract<LessonStep, { kind: "task" }>,
  start: Scenario,
  path: PathSegments,
): Finding[] {
  const found = messageRule(step.goal.message, start, [...path, "goal", "message"]);
  const { solution, may } = step;
  for (const key of Object.keys(solution.set ?? {})) {
    if (!(may as readonly string[]).includes(key)) {
      found.push({
        path: [...path, "solution", "set", key],
        message: `"${key}" is locked in this task: the solution may only change what "may" names (${may.join(", ")})`,
      });
    }
  }
  const parsed = parseSolution(start, solution);
  if (!parsed.ok) {
    found.push(...parsed.problems.map((p) => solutionFinding(path, p)));
    return found;
  }
  if (!may.includes("drop") && !sameFaults(parsed.scenario.faults, start.faults)) {
    found.push({
      path: [...path, "solution", "faults"],
      message: `the solution changes which packets are lost, but "may" does not name "drop"`,
    });
  }
  return found;
}

/** A problem of the solution's scenario, placed where the lesson wrote the value. */
function solutionFinding(path: PathSegments, problem: { path: string; message: string }): Finding {
  const segments = parsePath(problem.path);
  const [top] = segments;
  if (top === "faults") return { path: [...path, "solution", ...segments], message: problem.message };
  if (top === "subscriber")
    return { path: [...path, "solution", "set", "subscriberQos"], message: problem.message };
  if (typeof top === "string" && top !== "") {
    return { path: [...path, "solution", "set", ...segments], message: problem.message };
  }
  return { path: [...path, "solution"], message: problem.message };
}
