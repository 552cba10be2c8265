/**
 * A click on a packet, worked out before it comes. While an arrow is selected (the pointer rests on
 * it, the keyboard focused it, or it was just clicked), the workspace runs the scenario with that
 * packet toggled and lays the result out when the page is idle; the click then takes what is ready
 * instead of running the engine and the layout in its own frame. The engine and the layout are
 * pure: the very scenario object the click hands on was run ahead, so its trace and drawing are
 * the ones the click would have made. A click on another arrow, at another width, or before the
 * work is done runs as before. One click is kept ahead, the last selected.
 */
import type { DiagramLayout } from "../diagram/layout.ts";
import { toggleDrop } from "../sim/interventions.ts";
import type { Scenario, Trace } from "../sim/types.ts";

interface Ahead {
  /** The trace on screen, and the index of the packet event the click toggles in it. */
  from: Trace;
  index: number;
  scenario: Scenario;
  trace: Trace;
  /** The layout of `trace`, and what it was laid out for (width, presentation). */
  layout: DiagramLayout;
  layoutFor: string;
}

let ahead: Ahead | null = null;

/**
 * Works out the toggle of packet event `index` of `from`: its scenario (`toggleDrop`), the trace
 * `run` makes of it and the layout `lay` makes of that, for `layoutFor`. Nothing when that event is
 * no packet, or when it is already worked out. A scenario that fails to run is left to the click.
 */
export function workAhead(
  from: Trace,
  index: number,
  run: (scenario: Scenario) => Trace,
  lay: (trace: Trace) => DiagramLayout,
  layoutFor: string,
): void {
  if (ahead?.from === from && ahead.index === index && ahead.layoutFor === layoutFor) return;
  const event = from.events[index];
  if (event?.type !== "packet") return;
  try {
    const scenario = toggleDrop(from.scenario, event);
    const trace = run(scenario);
    ahead = { from, index, scenario, trace, layout: lay(trace), layoutFor };
  } catch {
    // The click runs it again and shows why it failed, as it always has.
    ahead = null;
  }
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

/** Forgets what was worked out (tests). */
export function forgetAhead(): void {
  ahead = null;
}

/** Runs `work` when the page is idle (soon, where it cannot tell); returns what cancels it. */
export function whenIdle(work: () => void): () => void {
  if (typeof requestIdleCallback === "function") {
    const id = requestIdleCallback(work, { timeout: 1000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(work, 50);
  return () => clearTimeout(id);
}
