/**
 * The diagram's layout, taken over from the one drawn before where it can be. A click drops or
 * restores one packet: the new trace equals the old one up to that packet, and `layoutFrom` lays
 * out anew only what the change can move (deep-equal to a full layout, diagram/layoutFrom.ts).
 * The last layout drawn is kept here, as toggleAhead.ts keeps its click: one page, one diagram.
 * `layoutFrom` is loaded once a first diagram is drawn (that one never needs it), so the first
 * diagram's JavaScript does not carry it; until it is in, a layout is a full one.
 */
import { layout, type DiagramLayout, type LayoutOptions } from "../diagram/layout.ts";
import type { layoutFrom as LayoutFrom } from "../diagram/layoutFrom.ts";
import type { Trace } from "../sim/types.ts";

let drawn: { trace: Trace; layout: DiagramLayout } | null = null;
let from: typeof LayoutFrom | null = null;
let loading: Promise<void> | null = null;

/** Loads `layoutFrom` (once; a failed load leaves full layouts, and is tried again). */
export function loadLayoutFrom(): Promise<void> {
  loading ??= import("../diagram/layoutFrom.ts").then(
    (m) => {
      from = m.layoutFrom;
    },
    () => {
      loading = null;
    },
  );
  return loading;
}

/** `layout(next, options)`, from `previous` (the layout of `previousTrace`) once layoutFrom is in. */
export function layoutFromPrevious(
  previous: DiagramLayout,
  previousTrace: Trace,
  next: Trace,
  options: LayoutOptions,
): DiagramLayout {
  return from ? from(previous, previousTrace, next, options) : layout(next, options);
}

/** `layout(trace, options)`, from the layout drawn last when there is one (layoutFrom checks it fits). */
export function layoutAfterDrawn(trace: Trace, options: LayoutOptions): DiagramLayout {
  return drawn ? layoutFromPrevious(drawn.layout, drawn.trace, trace, options) : layout(trace, options);
}

/** The layout now on screen, and its trace: the next layout starts from it. */
export function rememberDrawn(trace: Trace, layout: DiagramLayout): void {
  drawn = { trace, layout };
  void loadLayoutFrom();
}

/** Forgets the layout drawn (tests). */
export function forgetDrawn(): void {
  drawn = null;
}
