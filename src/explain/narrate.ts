/**
 * Narration: one short plain-language sentence per playback step, in sync with what the diagram
 * shows at that moment. Pure: a function of the trace and the step only.
 */
import { instantAt, stepsOf, type Step } from "../sim/steps.ts";
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

/**
 * What playback tells at `time`: one sentence per step of the instant it shows (`instantAt`), in
 * step order, so that nothing happening at one instant goes untold. `steps` is `stepsOf(trace)`.
 * Costs only that instant's sentences. Pure.
 */
export function narrateAt(trace: Trace, steps: readonly Step[], time: number): string[] {
  const { first, end } = instantAt(steps, time);
  return steps.slice(first, end).map((step) => narrate(trace, step));
}

/** One sentence per step of `stepsOf(trace)`, in the same order. Linear in the trace. Pure. */
export function narrateAll(trace: Trace): string[] {
  return stepsOf(trace).map((step) => narrate(trace, step));
}
