/**
 * Narration: one short plain-language sentence per playback step, in sync with what the diagram
 * shows at that moment. Pure: a function of the trace and the step only.
 */
import { stepsOf, type Step } from "../diagram/steps.ts";
import type { Trace } from "../sim/types.ts";
import { narrateArrival } from "./arrival.ts";
import { narrateEvent } from "./events.ts";
import { narrateLoss, narrateSend } from "./send.ts";

/**
 * The sentence for one playback step (from `stepsOf(trace)`): a packet leaving, arriving or being
 * lost, or another event. Pure; throws only if the step does not belong to the trace.
 */
export function narrate(trace: Trace, step: Step): string {
  switch (step.kind) {
    case "send":
      return narrateSend(trace, step.index);
    case "arrive":
      return narrateArrival(trace, step.index);
    case "lost":
      return narrateLoss(trace, step.index);
    case "event":
      return narrateEvent(trace, step.index);
  }
}

/** One sentence per step of `stepsOf(trace)`, in the same order. Pure. */
export function narrateAll(trace: Trace): string[] {
  return stepsOf(trace).map((step) => narrate(trace, step));
}
