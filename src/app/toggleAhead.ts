/**
 * A click on a packet, worked out before it comes. While an arrow is selected (the pointer rests on
 * it, the keyboard focused it, or it was just clicked), the workspace runs the scenario with that
 * packet toggled, computes its playback steps and lays the result out when the page is idle; the
 * click then takes what is ready instead of running the engine and the layout in its own frame.
 * The engine and the layout are pure: the very scenario object the click hands on was run ahead, so
 * its trace and drawing are the ones the click would have made. A click on another arrow, at
 * another width, or before any work is done runs as before. One click is kept ahead, the last
 * selected.
 *
 * The work is done in slices (the run, the steps, the layout: at 1,000 messages about 60 to 90, 8
 * and 50 to 120 ms), each in an idle period of its own, so a click waits at most for the slice under
 * way, never for the whole; a click that comes between slices takes what is done and does the rest
 * itself, and a selection that comes back to the same arrow goes on from where the work stopped.
 */
import type { DiagramLayout } from "../diagram/layout.ts";
import { toggleDrop } from "../sim/interventions.ts";
import { stepsOf, type Step } from "../sim/steps.ts";
import type { Scenario, Trace } from "../sim/types.ts";

interface Ahead {
  /** The trace on screen, and the index of the packet event the click toggles in it. */
  from: Trace;
  index: number;
  scenario: Scenario;
  trace: Trace;
  /** The playback's steps of `trace` (stepsOf), once worked out. */
  steps?: Step[];
  /** The layout of `trace`, once worked out, and what it was laid out for (width, presentation). */
  layout?: DiagramLayout;
  layoutFor?: string;
}

let ahead: Ahead | null = null;

/**
 * Does the next slice of the toggle of packet event `index` of `from`: first its scenario
 * (`toggleDrop`) and the trace `run` makes of it, then its steps, then the layout `lay` makes of it
 * for `layoutFor`. Returns whether a slice is left. Nothing when that event is no packet. A scenario
 * that fails to run is left to the click.
 */
export function workAheadSlice(
  from: Trace,
  index: number,
  run: (scenario: Scenario) => Trace,
  lay: (trace: Trace) => DiagramLayout,
  layoutFor: string,
): boolean {
  const now = ahead?.from === from && ahead.index === index ? ahead : null;
  if (!now) {
    const event = from.events[index];
    if (event?.type !== "packet") return false;
    ahead = null;
    try {
      const scenario = toggleDrop(from.scenario, event);
      ahead = { from, index, scenario, trace: run(scenario) };
    } catch {
      // The click runs it again and shows why it failed, as it always has.
      return false;
    }
    return true;
  }
  if (!now.steps) {
    now.steps = stepsOf(now.trace);
    return true;
  }
  if (now.layoutFor !== layoutFor) {
    now.layout = lay(now.trace);
    now.layoutFor = layoutFor;
  }
  return false;
}

/** Works out the whole toggle at once (every slice of workAheadSlice). */
export function workAhead(
  from: Trace,
  index: number,
  run: (scenario: Scenario) => Trace,
  lay: (trace: Trace) => DiagramLayout,
  layoutFor: string,
): void {
  while (workAheadSlice(from, index, run, lay, layoutFor));
}

/** The scenario a click on packet event `index` of `from` makes, if worked out ahead. */
export function scenarioAhead(from: Trace, index: number): Scenario | undefined {
  return ahead?.from === from && ahead.index === index ? ahead.scenario : undefined;
}

/** The trace of exactly this scenario object, if worked out ahead. */
export function traceAhead(scenario: Scenario): Trace | undefined {
  return ahead?.scenario === scenario ? ahead.trace : undefined;
}

/** The layout of exactly this trace object for `layoutFor`, if worked out ahead. */
export function layoutAhead(trace: Trace, layoutFor: string): DiagramLayout | undefined {
  return ahead?.trace === trace && ahead.layoutFor === layoutFor ? ahead.layout : undefined;
}

/** The playback's steps of exactly this trace object, if worked out ahead. */
export function stepsAhead(trace: Trace): Step[] | undefined {
  return ahead?.trace === trace ? ahead.steps : undefined;
}

/** Forgets what was worked out (tests). */
export function forgetAhead(): void {
  ahead = null;
}

/**
 * An idle period shorter than this is the end of one before a frame (an animation is running):
 * a slice waits for the next, or for IDLE_TIMEOUT_MS.
 */
const MIN_IDLE_MS = 10;
const IDLE_TIMEOUT_MS = 1000;

/** Runs `work` when the page is idle (soon, where it cannot tell); returns what cancels it. */
export function whenIdle(work: () => void): () => void {
  if (typeof requestIdleCallback === "function") {
    let id = 0;
    const waitIdle = () => {
      id = requestIdleCallback(
        (deadline) => {
          if (deadline.didTimeout || deadline.timeRemaining() >= MIN_IDLE_MS) work();
          else waitIdle();
        },
        { timeout: IDLE_TIMEOUT_MS },
      );
    };
    waitIdle();
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(work, 50);
  return () => clearTimeout(id);
}

/** Runs `slice` in idle periods, one call each, while it returns true; returns what stops it. */
export function slicesWhenIdle(slice: () => boolean): () => void {
  let cancel = () => {};
  let stopped = false;
  const next = () => {
    cancel = whenIdle(() => {
      if (slice() && !stopped) next();
    });
  };
  next();
  return () => {
    stopped = true;
    cancel();
  };
}
