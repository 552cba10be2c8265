/**
 * The diagram's layout, taken over from the one drawn before where it can be. A click drops or
 * restores one packet: the new trace equals the old one up to that packet, and `layoutFrom` lays
 * out anew only what the change can move (deep-equal to a full layout, diagram/layoutFrom.ts).
 * The last layout drawn is kept here, as toggleAhead.ts keeps its click: one page, one diagram.
 * `layoutFrom` is loaded once a first diagram is drawn (that one never needs it), so the first
 * diagram's JavaScript does not carry it; until it is in, a layout is a full one.
 *
 * The first trace's bytes come in just after its diagram (sim/deferredBytes.ts), as a new trace of
 * the same scenario whose packet events differ only in `bytes` and `hex`, which no layout reads:
 * its layout is the one drawn, with its arrows pointing at the new events (a full layout was about
 * 0.1 s at 1,000 messages, right after the first diagram).
 */
import { layout, type DiagramLayout, type LayoutOptions } from "../diagram/layout.ts";
import type { layoutHead as LayoutHead } from "../diagram/layoutHead.ts";
import { FIRST_BAND } from "../diagram/visible.ts";
import type { layoutFrom as LayoutFrom } from "../diagram/layoutFrom.ts";
import { hasBytes } from "../sim/bytesPending.ts";
import type { Trace } from "../sim/types.ts";

let drawn: { trace: Trace; layout: DiagramLayout; options?: LayoutOptions | undefined } | null = null;
let from: typeof LayoutFrom | null = null;
let loading: Promise<void> | null = null;
let head: typeof LayoutHead | null = null;

/**
 * Loads `layoutHead` (diagram/layoutHead.ts), which only a long trace's first diagram uses: a
 * link's page loads it with the engine (main.tsx), the default page never waits for it. Until it
 * is in, a first layout is a whole one.
 */
export function loadLayoutHead(): Promise<void> {
  return import("../diagram/layoutHead.ts").then((m) => {
    head = m.layoutHead;
  });
}

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

/**
 * `layout(trace, options)`, from the layout drawn last when there is one (layoutFrom checks it
 * fits). The page's first: a long trace's top alone (layoutHead.ts; useWholeLayout.ts follows).
 */
export function layoutAfterDrawn(trace: Trace, options: LayoutOptions): DiagramLayout {
  if (!drawn) return head?.(trace, options, FIRST_BAND.bottom) ?? layout(trace, options);
  return withBytesOf(drawn, trace, options) ?? layoutFromPrevious(drawn.layout, drawn.trace, trace, options);
}

/**
 * The drawn layout for `trace` when `trace` is the drawn one with its bytes filled in, laid out with
 * the same options (withBytes keeps the scenario object and every event but the packets' bytes).
 */
function withBytesOf(
  from: NonNullable<typeof drawn>,
  trace: Trace,
  options: LayoutOptions,
): DiagramLayout | null {
  const same =
    from.trace.scenario === trace.scenario &&
    !hasBytes(from.trace) &&
    hasBytes(trace) &&
    from.trace.events.length === trace.events.length &&
    from.options?.width === options.width &&
    from.options.fontScale === options.fontScale;
  if (!same) return null;
  const arrows: DiagramLayout["arrows"] = [];
  for (const arrow of from.layout.arrows) {
    const event = trace.events[arrow.index];
    if (event?.type !== "packet") return null;
    arrows.push({ ...arrow, event });
  }
  return { ...from.layout, arrows };
}

/** The layout now on screen, its trace and its options: the next layout starts from it. */
export function rememberDrawn(trace: Trace, layout: DiagramLayout, options?: LayoutOptions): void {
  drawn = { trace, layout, options };
  void loadLayoutFrom();
}

/** Forgets the layout drawn (tests). */
export function forgetDrawn(): void {
  drawn = null;
}
