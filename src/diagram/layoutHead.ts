/**
 * The top of a long trace's drawing, laid out alone, so that a long trace's first screen is drawn
 * without waiting for the whole layout (about 0.2–0.3 s at 1,000 messages, cold): the page draws
 * this first and the whole layout in the task after (app/layoutAfter.ts). Pure.
 *
 * How. Texts are placed against their neighbourhood only (layout.ts), so the first events of a
 * trace, laid out alone on the whole trace's lanes, are drawn where the whole layout draws them,
 * down to where what the rest of the trace draws begins. `layoutHead` takes the events whose items
 * start above `bottom` plus a margin (a timer's or the broker's down time starts where its wait
 * began), lays them out as `layout` lays out a long trace, and gives up (null: lay out the whole)
 * when an item above the margin would be drawn otherwise alone (a packet lost with a connection
 * that drops after the cut says so in its texts) or the head needs the whole drawing spread.
 * layoutHead.test.ts checks, over random long traces, that what lies above `bottom` is the whole
 * layout's, item for item.
 */
import type { Trace } from "../sim/types.ts";
import { drawables, type ArrowItem, type Item } from "./drawables.ts";
import { sameData } from "./sameData.ts";
import { stretchAt } from "./spreads.ts";
import {
  localLayout,
  LONG_TRACE,
  prepare,
  ROOMY_HOPS,
  earlyStretches,
  type Early,
  type DiagramLayout,
  type LayoutOptions,
  type Placing,
} from "./layout.ts";

/** Traces from this many events have their top laid out first: below it a layout takes < 0.1 s. */
export const HEAD_FROM_EVENTS = 4000;

/** Room below `bottom`, in drawing pixels at text scale 1, before the cut: texts settle in it. */
const MARGIN_PX = 800;

/** The head must leave out most of the trace to be worth a second layout. */
const MAX_HEAD_SHARE = 0.25;

/**
 * The layout of `trace`'s first events, deep-equal to `layout(trace, options)` above `bottom`
 * (drawing pixels), with `partOf` set; null when the whole layout is needed (short traces, fixed
 * margins, a head not much shorter than the trace, a cut that would change what is drawn above it).
 */
export function layoutHead(trace: Trace, options: LayoutOptions, bottom: number): DiagramLayout | null {
  if (options.margins || trace.events.length < HEAD_FROM_EVENTS) return null;
  return headLayout(trace, options, bottom, MAX_HEAD_SHARE);
}

/** `layoutHead` for a long trace of any length, its head at most `share` of its events (tests: 1). */
export function headLayout(
  trace: Trace,
  options: LayoutOptions,
  bottom: number,
  share: number,
): DiagramLayout | null {
  // A shorter trace's layout may spread or widen the whole drawing for one crowded corner.
  if (options.margins || trace.events.length <= LONG_TRACE) return null;
  const s = options.fontScale ?? 1;
  const whole = drawables(trace);
  // Where each instant is drawn at the normal height (the least), and the stretches of time that
  // grow taller for what crowds them: for the first moments alone, as far as the head needs.
  let early = earlyStretches(trace, options, FIRST_MS);
  const until = (enough: (e: Early) => boolean): Early => {
    for (let t = 2 * FIRST_MS; !enough(early) && !early.whole; t *= 2)
      early = earlyStretches(trace, options, t);
    return early;
  };
  const reaching = (y: number) => until((e) => e.warp.yOf(e.valid) >= y);
  // The texts above `bottom` belong to the stretches there: the head takes them whole.
  const screen = reaching(bottom + UP_REACH_PX * s);
  const first = stretchAt(screen.cuts, screen.warp.tOf(bottom + UP_REACH_PX * s)) + 1;
  // The whole trace's lanes (its widest texts size them).
  const lanes = prepare(trace, options, 1, ROOMY_HOPS);
  // Where texts crowd they go far below their lines, or what follows comes close: the head then
  // takes more stretches, a few times at most.
  for (let k = first; k < first + MAX_TRIES; k++) {
    // Stretch k - 1 ends where no flight is under way: past `valid` a later packet may still fly.
    const { cuts } = until((e) => (e.cuts[k] ?? Infinity) <= e.valid);
    const end = cuts[k];
    if (end === undefined || k >= cuts.length - 1) return null;
    const endY = early.warp.yOf(end);
    const { warp } = reaching(endY + MARGIN_PX * s * (1 + k - first));
    const cutT = warp.tOf(endY + MARGIN_PX * s * (1 + k - first));
    const cut = cutAt(whole.items, cutT);
    if (cut >= trace.events.length || cut > trace.events.length * share) return null;
    const head: Trace = { ...trace, events: trace.events.slice(0, cut) };
    if (!sameArrows(drawables(head).arrows, whole.arrows)) return null;
    // Only where every text found a place at the normal height: where a stretch grows, whether it
    // keeps its growth is decided for the whole drawing at once (layout.ts).
    const tried = localLayout(head, options, { ...lanes, labels: [] }, true);
    if (!tried.first || !tried.tried.layout.fits) return null;
    const drawing = tried.tried.layout;
    // What the rest of the trace draws starts at least this low, however tall it is drawn.
    const rest = drawing.yOf(end) + warp.yOf(cutT) - endY - UP_REACH_PX * s;
    const { reach, top } = settledBy(tried.tried.placing, end, drawing.yOf(end));
    if (reach < Math.min(rest, top - NUDGE_PX * s))
      return { ...drawing, partOf: { arrows: whole.arrows.length } };
  }
  return null;
}

/** The first moments looked at, in simulated ms (doubled until they reach far enough). */
const FIRST_MS = 2000;

/** Heads tried, each a stretch longer, before the whole is laid out instead. */
const MAX_TRIES = 6;

/**
 * A text can stand this far above the point it belongs to (a label above its line, a badge's text
 * nudged up, a connection's loss written over its zigzag).
 */
const UP_REACH_PX = 80;

/** A text placed among others may try places this much higher than it tried alone (a nudge). */
const NUDGE_PX = 24;

/**
 * Of the items of the stretches up to `end` (at `endY`): the lowest point anything tried, drew or
 * is anchored at (`reach`). Of the head's other items: the highest point tried (`top`). What comes
 * after must stay below `reach` to leave the first ones where they are.
 */
function settledBy(placing: Placing, end: number, endY: number): { reach: number; top: number } {
  const { raw, low, tried } = placing;
  let reach = -Infinity;
  let top = Infinity;
  const add = (settled: boolean, lowest: number, highest: number) => {
    if (settled) reach = Math.max(reach, lowest);
    else top = Math.min(top, highest);
  };
  raw.arrows.forEach((a, i) => add(a.event.t <= end, low.arrows[i] as number, tried.arrows[i] as number));
  raw.badges.forEach((b, i) => add(b.t <= end, low.badges[i] as number, tried.badges[i] as number));
  raw.marks.forEach((m, i) =>
    add(m.t <= end || m.y0 <= endY, low.marks[i] as number, tried.marks[i] as number),
  );
  return { reach, top };
}

/** The first event index from which no item starts before `t` (a timer starts where its wait began). */
function cutAt(items: readonly Item[], t: number): number {
  let cut = 0;
  for (const item of items) {
    const start =
      item.kind === "arrow" ? item.event.t : item.kind === "mark" ? Math.min(item.since, item.t) : item.t;
    if (start <= t) cut = item.index + 1;
  }
  return cut;
}

/** Whether the head draws each of its packets as the whole trace does (same texts, same end). */
function sameArrows(head: readonly ArrowItem[], whole: readonly ArrowItem[]): boolean {
  return head.every((a, i) => sameData(a, whole[i]));
}
