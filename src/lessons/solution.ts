/**
 * A task's controls: what the learner may change (`may`), which change is locked, and the
 * solution as a scenario. Pure.
 */
import { parseScenario, parseScenarioOrThrow } from "../sim/scenario.ts";
import type { Fault, Problem, Scenario } from "../sim/types.ts";
import type { MayChange, Solution, TaskStep } from "./lessonSchema.ts";

/** The start scenario with the solution's faults and fields: what a scenario parser reads. */
export function solutionInput(start: Scenario, solution: Solution): Record<string, unknown> {
  const { faults, set = {} } = solution;
  const input: Record<string, unknown> = { ...start, faults };
  if (set.publishQos !== undefined) input["publishQos"] = set.publishQos;
  if (set.subscriberQos !== undefined) input["subscriber"] = { ...start.subscriber, qos: set.subscriberQos };
  if (set.session !== undefined) {
    input["session"] = typeof set.session === "string" ? set.session : { ...start.session, ...set.session };
  }
  if (set.protocol !== undefined) input["protocol"] = set.protocol;
  if (set.retransmit !== undefined) input["retransmit"] = set.retransmit;
  if (set.qos2Delivery !== undefined) input["qos2Delivery"] = { ...start.qos2Delivery, ...set.qos2Delivery };
  if (set.dedupe !== undefined) input["dedupe"] = set.dedupe;
  return input;
}

/** The solution's problems as a scenario, or the scenario it plays. */
export function parseSolution(
  start: Scenario,
  solution: Solution,
): { ok: true; scenario: Scenario } | { ok: false; problems: Problem[] } {
  return parseScenario(solutionInput(start, solution));
}

/** The scenario "Show solution" plays. Throws ScenarioError when the solution is invalid (parseLesson refuses it). */
export function solutionScenario(task: TaskStep, start: Scenario): Scenario {
  return parseScenarioOrThrow(solutionInput(start, task.solution));
}

/** A fault as one comparable string. */
function faultKey(f: Fault): string {
  return `${f.hop}|${f.packet}|${f.message}|${f.attempt}`;
}

/** Whether two fault plans hold the same faults, in any order (as multisets). */
export function sameFaults(a: readonly Fault[], b: readonly Fault[]): boolean {
  if (a.length !== b.length) return false;
  const keys = a.map(faultKey).sort();
  const others = b.map(faultKey).sort();
  return keys.every((key, i) => key === others[i]);
}

/** Each control of `may` and whether two scenarios differ in it. */
const DIFFERS: Record<MayChange, (a: Scenario, b: Scenario) => boolean> = {
  drop: (a, b) => !sameFaults(a.faults, b.faults),
  publishQos: (a, b) => a.publishQos !== b.publishQos,
  subscriberQos: (a, b) => a.subscriber?.qos !== b.subscriber?.qos,
  session: (a, b) =>
    a.session.publisher !== b.session.publisher || a.session.subscriber !== b.session.subscriber,
  protocol: (a, b) => a.protocol !== b.protocol,
  retransmit: (a, b) => a.retransmit !== b.retransmit,
  qos2Delivery: (a, b) =>
    a.qos2Delivery.broker !== b.qos2Delivery.broker ||
    a.qos2Delivery.subscriber !== b.qos2Delivery.subscriber,
  dedupe: (a, b) => a.dedupe !== b.dedupe,
};

const CONTROL_WORDS: Record<MayChange, string> = {
  drop: "which packets are lost",
  publishQos: "the publisher's QoS",
  subscriberQos: "the subscription's QoS",
  session: "the session kind",
  protocol: "the protocol version",
  retransmit: "the retransmission mode",
  qos2Delivery: "where QoS 2 receivers hand the message on",
  dedupe: "application dedupe",
};

/** The fields no control of `may` changes: messages, timing, and the second hop's presence. */
function fixedFieldsDiffer(a: Scenario, b: Scenario): string | null {
  if (JSON.stringify(a.messages) !== JSON.stringify(b.messages)) return "the messages";
  if (JSON.stringify(a.timing) !== JSON.stringify(b.timing)) return "the timing";
  return null;
}

/**
 * Why `next` is not a change the learner may make from `start` under `task.may`, or null when it
 * is. Every control not in `may` must be as in `start`; messages and timing are always locked.
 */
export function lockedChange(task: Pick<TaskStep, "may">, start: Scenario, next: Scenario): string | null {
  const fixed = fixedFieldsDiffer(start, next);
  if (fixed !== null) return `${fixed} cannot be changed in this task`;
  for (const control of Object.keys(DIFFERS) as MayChange[]) {
    if (!task.may.includes(control) && DIFFERS[control](start, next)) {
      return `${CONTROL_WORDS[control]} is locked in this task`;
    }
  }
  return null;
}

/** The controls in which two scenarios differ. */
export function changedControls(start: Scenario, next: Scenario): MayChange[] {
  return (Object.keys(DIFFERS) as MayChange[]).filter((control) => DIFFERS[control](start, next));
}
