/**
 * Predict, then reveal: where playback stops to ask the room, what it asks, and the right answer,
 * all read from the trace. Nothing is typed in: the right answer is what the simulator did (the
 * `process` events of the final receiver, the packet whose arrival made the broker hand the
 * message on). Pure.
 */
import type { Step } from "../sim/steps.ts";
import type { Party, Trace, TraceEvent, Verdict } from "../sim/types.ts";

/** Two step times closer than this are one instant (as in playback). */
const EPSILON = 1e-6;

/** Why playback stops where it does. */
export type StopReason = "loss" | "hand-on" | "not-forwarded" | "end";

export interface PredictStop {
  /** Where playback stops to ask: the last instant before the decisive one. */
  t: number;
  /** The decisive instant: the first that gives part of the outcome away. */
  decisive: number;
  reason: StopReason;
}

/** Where the broker hands a QoS 2 message on: at the PUBLISH, at the PUBREL, or never. */
export type HandOn = "PUBLISH" | "PUBREL" | "never";

export interface Question {
  /** The message asked about (1-based): the first lost packet's, else message 1. */
  message: number;
  /** Whether the room is also asked where the broker hands it on (QoS 2 on the first hop). */
  asksHandOn: boolean;
}

export interface Answer {
  processed: Verdict;
  /** Only when the question asks it. */
  handOn?: HandOn | undefined;
}

function finalReceiver(trace: Trace): Party {
  return trace.scenario.subscriber ? "subscriber" : "broker";
}

/** Whether an event hands a message on: to an application, to the broker's forwarding, or not. */
function handsOn(trace: Trace, e: TraceEvent): StopReason | null {
  if (e.type === "not-forwarded") return "not-forwarded";
  if (e.type !== "deliver") return null;
  // The broker's own hand-on is the QoS 2 question's answer; the final receiver's is the outcome's.
  if (e.at === finalReceiver(trace) || (e.at === "broker" && trace.scenario.publishQos === 2))
    return "hand-on";
  return null;
}

/** The distinct step times, ascending. */
function instantsOf(steps: readonly Step[]): number[] {
  const instants: number[] = [];
  for (const { t } of steps) {
    const last = instants[instants.length - 1];
    if (last === undefined || t > last + EPSILON) instants.push(t);
  }
  return instants;
}

/**
 * Where playback stops to ask the room: just before the first instant that gives part of the
 * outcome away. That is the earliest of the first hand-on (a delivery at the final receiver; for
 * QoS 2 also the broker's, as the room is asked where it happens), a message the broker could not
 * forward, and the consequence of the first lost packet (the instant after its loss, so the room
 * sees the loss happen). With none of these, the last instant is decisive. `steps` are
 * `stepsOf(trace)`. Pure.
 */
export function predictStop(trace: Trace, steps: readonly Step[]): PredictStop {
  const instants = instantsOf(steps);
  let decisive = Infinity;
  let reason: StopReason = "end";
  for (const step of steps) {
    const event = trace.events[step.index] as TraceEvent;
    const why = step.kind === "event" ? handsOn(trace, event) : null;
    if (why !== null && step.t < decisive) {
      decisive = step.t;
      reason = why;
    }
  }
  const loss = steps.find((s) => s.kind === "lost");
  if (loss !== undefined) {
    const consequence = instants.find((t) => t > loss.t + EPSILON);
    // A loss that nothing follows: the room is asked right after seeing it.
    if (consequence === undefined && loss.t < decisive)
      return { t: loss.t, decisive: loss.t, reason: "loss" };
    if (consequence !== undefined && consequence < decisive) {
      decisive = consequence;
      reason = "loss";
    }
  }
  if (decisive === Infinity) decisive = instants[instants.length - 1] ?? 0;
  let t = instants[0] ?? 0;
  for (const instant of instants) if (instant < decisive - EPSILON) t = instant;
  return { t: Math.min(t, decisive), decisive, reason };
}

/** The message asked about: the first lost packet's (in playback order), else message 1. */
export function questionOf(trace: Trace, steps: readonly Step[]): Question {
  let message = 1;
  for (const step of steps) {
    const event = trace.events[step.index] as TraceEvent;
    if (step.kind === "lost" && event.type === "packet" && event.message !== undefined) {
      message = event.message;
      break;
    }
  }
  return { message, asksHandOn: trace.scenario.publishQos === 2 };
}

/**
 * The right answer to `question`, computed from what the simulator did: how many times the final
 * receiver's application processed the message, and which packet's arrival made the broker hand it
 * on the first time (the QoS 2 receiver's choice, Figure 4.3 of the spec: Method B on PUBLISH,
 * Method A on PUBREL).
 */
export function rightAnswer(trace: Trace, question: Question): Answer {
  const at = finalReceiver(trace);
  let processed = 0;
  let handOn: HandOn = "never";
  let handedOn = false;
  for (const e of trace.events) {
    if (e.type === "process" && e.at === at && e.message === question.message) processed++;
    if (!handedOn && e.type === "deliver" && e.at === "broker" && e.message === question.message) {
      handedOn = true;
      const cause = e.causedBy === undefined ? undefined : trace.events[e.causedBy];
      handOn = cause?.type === "packet" && cause.packet === "PUBREL" ? "PUBREL" : "PUBLISH";
    }
  }
  return {
    // The format's rule (sim/outcome.ts's verdictOf), written out so that this module does not
    // share a chunk with the simulator; the property test pins it to the trace's own verdict.
    processed: processed === 0 ? "lost" : processed === 1 ? "once" : "duplicated",
    ...(question.asksHandOn ? { handOn } : {}),
  };
}

/** Whether each part of the room's answer matches the right one. */
export function compareAnswers(
  given: Answer,
  right: Answer,
): { processed: boolean; handOn: boolean | undefined } {
  return {
    processed: given.processed === right.processed,
    handOn: right.handOn === undefined ? undefined : given.handOn === right.handOn,
  };
}

/** The words of each choice, as the room hears them. */
export const PROCESSED_CHOICES: readonly { value: Verdict; label: string }[] = [
  { value: "once", label: "Once" },
  { value: "duplicated", label: "Twice or more" },
  { value: "lost", label: "Not at all" },
];

export const HAND_ON_CHOICES: readonly { value: HandOn; label: string }[] = [
  { value: "PUBLISH", label: "On PUBLISH" },
  { value: "PUBREL", label: "On PUBREL" },
  { value: "never", label: "Never" },
];
