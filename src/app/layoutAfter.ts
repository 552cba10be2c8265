/**
 * The diagram's layout, taken over from the one drawn before where it can be. A click drops or
 * restores one packet: the new trace equals the old one up to that packet, and `layoutFrom` lays
 * out anew only what the change can move (deep-equal to a full layout, diagram/layoutFrom.ts).
 * The last layout drawn is kept here, as toggleAhead.ts keeps its click: one page, one diagram.
 */
import { layout, type DiagramLayout, type LayoutOptions } from "../diagram/layout.ts";
import { layoutFrom } from "../diagram/layoutFrom.ts";
import type { Trace } from "../sim/types.ts";

let drawn: { trace: Trace; layout: DiagramLayout } | null = null;

/** `layout(trace, options)`, from the layout drawn last when there is one (layoutFrom checks it fits). */
export function layoutAfterDrawn(trace: Trace, options: LayoutOptions): DiagramLayout {
  return drawn ? layoutFrom(drawn.layout, drawn.trace, trace, options) : layout(trace, options);
}

/** The layout now on screen, and its trace: the next layout starts from it. */
export function rememberDrawn(trace: Trace, layout: DiagramLayout): void {
  drawn = { trace, layout };
}

/** Forgets the layout drawn (tests). */
export function forgetDrawn(): void {
  drawn = null;
}
