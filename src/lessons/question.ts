/**
 * A predict step's question: where playback stops to ask, the choices, and the right answer,
 * COMPUTED from the simulator (the trace on screen, its state events, or runs at other QoS levels).
 * A lesson never states an answer. Pure.
 */
import { holdingsAt } from "../explain/holdings.ts";
import {
  HAND_ON_CHOICES,
  PROCESSED_CHOICES,
  predictStop,
  questionOf,
  rightAnswer,
} from "../explain/predict.ts";
import { explainOutcome } from "../explain/verdict.ts";
import { capitalise, methodOf } from "../explain/words.ts";
import { faultFit, scenarioFor } from "../sim/compare.ts";
import { simulate } from "../sim/simulate.ts";
import { stepsOf, type Step } from "../sim/steps.ts";
import type { Party, Qos, Scenario, Trace, Verdict } from "../sim/types.ts";
import type { PredictStep, Question } from "./lessonSchema.ts";
import { matchInstant } from "./events.ts";

/** Two times closer than this are one instant (as in playback). */
const EPSILON = 1e-6;

export interface Choice {
  id: string;
  label: string;
}

export interface AskedQuestion {
  prompt: string;
  choices: Choice[];
  /** True: tick every choice that holds (holder); false: pick one. */
  multiple: boolean;
  /** The right choice ids, in choice order (one unless `multiple`). */
  answer: string[];
  /** Where playback stops to ask (simulated ms). */
  stopT: number;
  /** Why the answer is right, read from the simulator. */
  explanation: string;
}

export const NEXT_RESEND_CHOICES: readonly Choice[] = [
  { id: "PUBLISH", label: "PUBLISH" },
  { id: "PUBREL", label: "PUBREL" },
  { id: "none", label: "Nothing is sent again" },
];

export const QOS_CHOICES: readonly Choice[] = [
  { id: "0", label: "QoS 0" },
  { id: "1", label: "QoS 1" },
  { id: "2", label: "QoS 2" },
  { id: "none", label: "None of them" },
];

const PARTY_ORDER: readonly Party[] = ["publisher", "broker", "subscriber"];

function finalReceiver(scenario: Scenario): Party {
  return scenario.subscriber ? "subscriber" : "broker";
}

/** Where playback stops: the step's `stopAt`, else explain/predict.ts's stop before the decisive instant. */
export function questionStop(
  step: Pick<PredictStep, "stopAt">,
  trace: Trace,
  steps: readonly Step[],
): number {
  if (step.stopAt !== undefined) {
    const t = matchInstant(trace, step.stopAt);
    if (t !== null) return t;
  }
  return predictStop(trace, steps).t;
}

/** The message a question asks about: its own, else the first lost packet's (predict.ts). */
function messageOf(question: Question, trace: Trace, steps: readonly Step[]): number {
  const own = "message" in question ? question.message : undefined;
  return own ?? questionOf(trace, steps).message;
}

/**
 * The question, its choices and its computed answer. `trace` is the simulator's trace of
 * `scenario` (with or without state events: a holder question re-runs it with them).
 */
export function askQuestion(
  step: Pick<PredictStep, "question" | "stopAt">,
  scenario: Scenario,
  trace: Trace,
): AskedQuestion {
  const steps = stepsOf(trace);
  const stopT = questionStop(step, trace, steps);
  const q = step.question;
  switch (q.ask) {
    case "processed":
      return { stopT, ...processed(trace, messageOf(q, trace, steps), scenario) };
    case "hand-on":
      return { stopT, ...handOn(trace, messageOf(q, trace, steps), scenario) };
    case "next-resend":
      return { stopT, ...nextResend(trace, stopT) };
    case "holder":
      return { stopT, ...holder(trace, messageOf(q, trace, steps), scenario, stopT) };
    case "qos-needed":
      return { stopT, ...qosNeeded(scenario, q.need) };
  }
}

type Asked = Omit<AskedQuestion, "stopT">;

function processed(trace: Trace, message: number, scenario: Scenario): Asked {
  const answer = rightAnswer(trace, { message, asksHandOn: false }).processed;
  const told = explainOutcome(trace).find((e) => e.message === message);
  const at = finalReceiver(scenario);
  return {
    prompt: `How many times is message ${message} processed at the ${at}?`,
    choices: PROCESSED_CHOICES.map((c) => ({ id: c.value, label: c.label })),
    multiple: false,
    answer: [answer],
    explanation:
      told === undefined ? `Message ${message}: ${answer}.` : `${capitalise(told.headline)}. ${told.why}`,
  };
}

function handOn(trace: Trace, message: number, scenario: Scenario): Asked {
  const answer = rightAnswer(trace, { message, asksHandOn: true }).handOn ?? "never";
  const method = methodOf(scenario, "broker");
  const how =
    method === "Method A"
      ? "stores the message and hands it on when the PUBREL arrives"
      : "hands the message on when the PUBLISH arrives and stores its packet id until the PUBREL";
  const explanation =
    answer === "never"
      ? `The broker never handed message ${message} on. As a QoS 2 receiver it ${how} (${method}).`
      : `The broker handed message ${message} on when the ${answer} arrived: as a QoS 2 receiver it ${how} (${method}).`;
  return {
    prompt: `When does the broker hand message ${message} on?`,
    choices: HAND_ON_CHOICES.map((c) => ({ id: c.value, label: c.label })),
    multiple: false,
    answer: [answer],
    explanation,
  };
}

/** The first PUBLISH or PUBREL sent again (resend or DUP) after the stop instant. */
function nextResend(trace: Trace, stopT: number): Asked {
  const prompt = "Which packet is sent again next?";
  const choices = [...NEXT_RESEND_CHOICES];
  for (const e of trace.events) {
    if (e.type !== "packet" || e.t <= stopT + EPSILON || (e.resend !== true && !e.dup)) continue;
    const why = e.hop === "publisher-broker" ? "on the first hop" : "on the second hop";
    const message = e.message === undefined ? "" : ` of message ${e.message}`;
    return {
      prompt,
      choices,
      multiple: false,
      answer: [e.packet === "PUBREL" ? "PUBREL" : "PUBLISH"],
      explanation: `The ${e.packet}${message} is sent again at ${round(e.t)} ms, ${why}, from the ${e.from} to the ${e.to}.`,
    };
  }
  return {
    prompt,
    choices,
    multiple: false,
    answer: ["none"],
    explanation: "Nothing is sent again after this point.",
  };
}

function round(t: number): string {
  return String(Math.round(t * 10) / 10);
}

function holder(trace: Trace, message: number, scenario: Scenario, stopT: number): Asked {
  const withStates = trace.events.some((e) => e.type === "state")
    ? trace
    : simulate(scenario, { states: true });
  const holders = new Set<Party>();
  const lines: string[] = [];
  for (const party of holdingsAt(withStates, stopT)) {
    for (const h of party.holdings) {
      if (h.message !== message) continue;
      holders.add(party.party);
      lines.push(`the ${party.party} (${party.role}, ${party.hop}): ${h.text}`);
    }
  }
  const parties = PARTY_ORDER.filter((p) => p !== "subscriber" || scenario.subscriber !== undefined);
  const answer = parties.filter((p) => holders.has(p));
  return {
    prompt: `Who holds message ${message} now (awaiting an acknowledgement, or a stored QoS 2 id or message)?`,
    choices: [...parties.map((p) => ({ id: p, label: capitalise(p) })), { id: "nobody", label: "Nobody" }],
    multiple: true,
    answer: answer.length === 0 ? ["nobody"] : answer,
    explanation:
      lines.length === 0
        ? `At ${round(stopT)} ms nobody holds message ${message}: no party awaits an acknowledgement for it or stores its id.`
        : `At ${round(stopT)} ms: ${lines.join("; ")}.`,
  };
}

/** The scenario at `qos` on every hop, keeping each fault the set-up has a packet for (sim/compare.ts). */
export function scenarioAtQos(scenario: Scenario, qos: Qos): Scenario {
  const at = scenarioFor(scenario, { qos });
  return { ...at, faults: at.faults.filter((f) => faultFit(at, f).fits) };
}

/** Each QoS level's verdicts for every message, and whether `need` holds for all. */
export function qosOutcomes(
  scenario: Scenario,
  need: "once" | "at-least-once",
): { qos: Qos; verdicts: Verdict[]; meets: boolean }[] {
  return ([0, 1, 2] as const).map((qos) => {
    const verdicts = simulate(scenarioAtQos(scenario, qos)).outcome.messages.map((m) => m.verdict);
    const meets = verdicts.every((v) => (need === "once" ? v === "once" : v !== "lost"));
    return { qos, verdicts, meets };
  });
}

function qosNeeded(scenario: Scenario, need: "once" | "at-least-once"): Asked {
  const runs = qosOutcomes(scenario, need);
  const lowest = runs.find((r) => r.meets);
  const words = need === "once" ? "exactly once" : "at least once";
  const summary = runs.map((r) => `QoS ${r.qos}: ${[...new Set(r.verdicts)].join(", ")}`).join("; ");
  return {
    prompt: `With these losses, what is the lowest QoS at which every message is processed ${words}?`,
    choices: [...QOS_CHOICES],
    multiple: false,
    answer: [lowest === undefined ? "none" : String(lowest.qos)],
    explanation:
      lowest === undefined
        ? `No QoS level processes every message ${words} here (${summary}).`
        : `QoS ${lowest.qos} is the lowest that processes every message ${words} (${summary}).`,
  };
}
