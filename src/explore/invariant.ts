/**
 * One line that states what an exploration found, computed from its plans (never asserted):
 * "QoS 2 with persistent sessions, Method A: exactly once in all 57 plans of up to 3 lost packets".
 * Pure string helpers.
 */
import { hopQos } from "../explain/words.ts";
import type { Scenario, Verdict } from "../sim/types.ts";
import type { Exploration } from "./enumerate.ts";
import { tallyOf, type PlanTally } from "./tally.ts";

/** The set-up in a few words: "QoS 2 over two hops (granted QoS 1) with clean sessions, Method B". Pure. */
export function describeSetup(scenario: Scenario): string {
  const parts = [`QoS ${scenario.publishQos}`];
  if (scenario.subscriber !== undefined)
    parts.push(` over two hops (granted QoS ${scenario.subscriber.qos})`);
  parts.push(` with ${sessions(scenario)}`);
  const method = methods(scenario);
  if (method !== "") parts.push(`, ${method}`);
  if (scenario.retransmit === "on-timeout") parts.push(`, timer resends (${scenario.protocol})`);
  if (scenario.dedupe) parts.push(", deduplicating application");
  if (scenario.messages.length > 1) parts.push(`, ${scenario.messages.length} messages`);
  return parts.join("");
}

function sessions(scenario: Scenario): string {
  const { publisher, subscriber } = scenario.session;
  // With one hop the subscriber's session plays no part: do not mention it.
  if (scenario.subscriber === undefined || publisher === subscriber) return `${publisher} sessions`;
  return `a ${publisher} publisher session and a ${subscriber} subscriber session`;
}

/** Which QoS 2 delivery method applies, or "" when no QoS 2 receiver exists in the set-up. */
function methods(scenario: Scenario): string {
  const name = (d: string): string => (d === "on-publish" ? "B" : "A");
  const broker = scenario.publishQos === 2;
  const subscriber = scenario.subscriber !== undefined && hopQos(scenario, "broker-subscriber") === 2;
  const b = name(scenario.qos2Delivery.broker);
  const s = name(scenario.qos2Delivery.subscriber);
  if (broker && subscriber)
    return b === s ? `Method ${b}` : `Method ${b} at the broker, ${s} at the subscriber`;
  if (broker) return `Method ${b}`;
  return "";
}

/**
 * What the plans show, in one line: "exactly once in all 57 plans", "12 of 20 plans duplicate the
 * message, none lose it, e.g. PUBACK lost", "3 of 57 plans lose the message (e.g. PUBREL lost), 5
 * duplicate it (e.g. ...)". Examples are the first plan with fewest drops. Pure.
 */
export function invariantLine(exploration: Exploration, scenario: Scenario): string {
  return invariantLineOf({ ...exploration, tally: tallyOf(exploration) }, scenario);
}

/** What invariantLineOf reads: a tally of the plans (tally.ts) and how the run went. */
export interface TalliedRun {
  tally: PlanTally;
  maxDrops: number;
  complete: boolean;
}

/** invariantLine from a tally, for runs that stream their plans rather than keep them. Pure. */
export function invariantLineOf(run: TalliedRun, scenario: Scenario): string {
  const { tally, maxDrops } = run;
  const n = tally.plans;
  const several = scenario.messages.length > 1;
  const it = several ? "a message" : "the message";
  const pronoun = several ? "any" : "it";
  const lost = tally.plansWith.lost;
  const duplicated = tally.plansWith.duplicated;
  const scope = `${n === 1 ? "the only plan" : `all ${n} plans`} of up to ${count(maxDrops, "lost packet")}`;
  let statement: string;
  if (lost === 0 && duplicated === 0) {
    statement = `${several ? "every message " : ""}exactly once in ${scope}`;
  } else if (lost === 0) {
    statement = `${share(duplicated, n)} duplicate${verb(duplicated)} ${it}, none lose ${pronoun}, e.g. ${example(tally, "duplicated")}`;
  } else if (duplicated === 0) {
    statement = `${share(lost, n)} lose${verb(lost)} ${it}, none duplicate ${pronoun}, e.g. ${example(tally, "lost")}`;
  } else {
    statement =
      `${share(lost, n)} lose${verb(lost)} ${it} (e.g. ${example(tally, "lost")}), ` +
      `${duplicated} duplicate${verb(duplicated)} ${pronoun === "it" ? "it" : "one"} (e.g. ${example(tally, "duplicated")})`;
  }
  const stopped = run.complete ? "" : " (stopped early)";
  return `${describeSetup(scenario)}: ${statement}${stopped}`;
}

/** "12 of 20 plans", "all 7 plans", "the only plan". */
function share(part: number, whole: number): string {
  if (part === whole) return whole === 1 ? "the only plan" : `all ${whole} plans`;
  return `${part} of ${count(whole, "plan")}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** "1 of 5 plans loses", "2 of 5 plans lose", "the only plan loses": the verb agrees with the part. */
function verb(part: number): string {
  return part === 1 ? "s" : "";
}

/** The name of the first plan with that verdict: one with fewest drops (plans come so). */
function example(tally: PlanTally, verdict: Verdict): string {
  return tally.examples[verdict][0]?.name ?? "none";
}
