/**
 * What to draw for a trace: lanes, arrows, delivery badges and marks, with their positions and
 * every text's box. A pure function of (trace, size, font scale); the SVG components only draw
 * it, and playback only decides how much of it is visible at the current time (`arrowProgress`).
 *
 * Every text is placed here, from a conservative width estimate (textWidth.ts), so that no text
 * overlaps another text, a delivery's circle, a lost packet's ✕ or a lifeline; an arrow's label
 * sits beside its line, never on it, between the two lanes of its hop; and everything lies inside
 * the drawing. When the width asked for is too small, texts wrap and the drawing grows wider;
 * when texts crowd, the drawing grows taller (flights and slots drawn taller). `boxes` lists every
 * box, which the property test (layout.property.test.ts) checks.
 *
 * Traces are immutable, so what depends on a trace alone (each event's key, a packet's label) is
 * remembered per trace and event object (WeakMaps): the tries of one layout, and a layout of the
 * same trace at another width, work it out once.
 */
import type { PacketEvent, Party, Trace } from "../sim/types.ts";
import { lossTime } from "../sim/steps.ts";
import type { Rect } from "./boxes.ts";
import { badgeText, drawables, type ArrowItem, type Drawables } from "./drawables.ts";
import { downBand } from "./geometry.ts";
import {
  BesideLine,
  Chain,
  FarBelow,
  Occupancy,
  PastEnd,
  newChoice,
  pickAt,
  Shifts,
  type Bounds,
  type Choice,
  type Segment,
} from "./labels.ts";
import { textWidth, widestPiece, wrapText } from "./textWidth.ts";
import { around, busyStretches, stretchAt, stretchCuts } from "./spreads.ts";
import { timeWarp, type Gap, type TimeWarp } from "./timeWarp.ts";

export interface Lane {
  party: Party;
  x: number;
  label: string;
}

/** A text as drawn: its lines, where its first baseline is anchored, and the box it fills. */
export interface TextBox extends Rect {
  lines: string[];
  /** Anchor of every line (`anchor` says which end) and the first line's baseline. */
  tx: number;
  ty: number;
  anchor: "start" | "middle" | "end";
  fontPx: number;
  lineH: number;
  /** How many first lines are a heading, drawn bold (a note's "clean session"). */
  strong: number;
  /** The font size must be set on the text (a scaled layout); otherwise the stylesheet's. */
  sized: boolean;
}

export type BoxKind = "header" | "label" | "badge" | "note" | "mark" | "cross" | "gap";

/** A box of the drawing, with what it belongs to (an arrow's, badge's or mark's key). */
export interface LayoutBox extends Rect {
  kind: BoxKind;
  owner: string;
  /** Text boxes: what no other text may overlap. */
  text: boolean;
}

export interface Arrow {
  /** Index of the packet event in trace.events: what `onToggle` and `onSelect` report. */
  index: number;
  /**
   * A key that survives a replay: hop, packet, message and attempt (what a fault names), so that
   * dropping a packet earlier in the trace does not make React re-create this arrow. Unique.
   */
  key: string;
  event: PacketEvent;
  x1: number;
  y1: number;
  /** Where the packet arrives, or would have arrived. */
  x2: number;
  y2: number;
  /** Where the drawn arrow stops: the arrival point, or the point where the packet was lost. */
  endX: number;
  endY: number;
  /** Simulated time at which the drawn arrow ends (arrival or loss). */
  tEnd: number;
  label: string;
  ariaLabel: string;
  /** Lost because the connection broke under it: restoring it is not a single click. */
  lostWithConnection: boolean;
  /** The label as drawn (with its LOST note), beside the line. */
  labelBox: TextBox;
}

export interface Badge {
  index: number;
  /** Stable across replays: party, message and delivery count. Unique. */
  key: string;
  t: number;
  x: number;
  y: number;
  party: Party;
  message: number;
  count: number;
  /** A second or later delivery to the final application. */
  duplicate: boolean;
  final: boolean;
  /** What the final application did with it. */
  processed: "processed" | "ignored" | null;
  /** The circle with the delivery count, and the text beside it. */
  cx: number;
  cy: number;
  r: number;
  textBox: TextBox;
}

export type MarkKind =
  | "connection-lost"
  | "reconnected"
  | "timeout"
  | "session-discarded"
  | "not-forwarded"
  | "quota-wait"
  | "publish"
  | "broker-down"
  | "broker-up"
  | "disconnected"
  | "session-expired"
  | "retained"
  | "will"
  | "publisher-end";

/** Marks written as a note beside their lane (a bold heading, then the rest). */
function isNote(kind: MarkKind): boolean {
  return (
    kind === "session-discarded" ||
    kind === "not-forwarded" ||
    kind === "quota-wait" ||
    kind === "retained" ||
    kind === "will" ||
    kind === "publisher-end" ||
    kind === "broker-down" ||
    kind === "disconnected" ||
    kind === "session-expired"
  );
}

export interface Mark {
  index: number;
  /** Stable across replays while the mark means the same: kind, place, message. Unique. */
  key: string;
  kind: MarkKind;
  t: number;
  /** Anchor; for hop-wide marks x1..x2 spans the hop. */
  x: number;
  y: number;
  x1: number;
  x2: number;
  /** Timers and the broker's down time (broker-up): where the wait started. */
  y0: number;
  label: string;
  /** Notes: which side of the lane the text goes, away from the traffic of its hop. */
  side: 1 | -1;
  /** The party it stands by; null for a mark across a hop. */
  party: Party | null;
  /** Where its text is drawn; null for a mark without text (a reconnection's line). */
  textBox: TextBox | null;
}

export interface DiagramLayout {
  width: number;
  height: number;
  /** Text scale (1: the normal look); lane headers, circles and spacing scale with it. */
  scale: number;
  /** Height of the lane headers' band. */
  headerPx: number;
  lanes: Lane[];
  arrows: Arrow[];
  badges: Badge[];
  marks: Mark[];
  gaps: Gap[];
  /** Where each idle gap's `⋯ n ms` is written, in the order of `gaps`. */
  gapBoxes: TextBox[];
  /** Every box drawn: texts, delivery circles, ✕ marks. */
  boxes: LayoutBox[];
  /** Whether every text found a free place (false only if even the tallest spread crowded). */
  fits: boolean;
  /** End of the trace in simulated ms. */
  duration: number;
  yOf(t: number): number;
  tOf(y: number): number;
  /** Where the playhead is drawn at `t`: on the arrows, deliveries and marks of that instant. */
  playheadY(t: number): number;
  /**
   * Set on the layout of a long trace's first events alone (layoutHead.ts), drawn while the whole
   * is laid out: the whole trace's arrow count. What lies below its first screen is not final.
   */
  partOf?: { arrows: number };
}

export interface LayoutOptions {
  width: number;
  /** Height of a packet's flight on screen, whatever the latency. */
  flightPx?: number;
  idlePx?: number;
  /** Lane margins; by default they leave room for labels and badges. Given: the width is kept. */
  margins?: { left: number; right: number };
  /** Text scale for presentation (default 1): text, boxes and spacing scale together. */
  fontScale?: number;
}

export const HEADER_PX = 64;
const FOOTER_PX = 40;
/** Vertical offset between packets leaving one party in the same direction at the same instant. */
const SLOT_PX = 22;
const LABEL_FONT = 13.5;
const SMALL_FONT = 13;
const LINE_EM = 1.25;
/** Where a line's baseline sits below its box's top, in em (the font's ascent, and a little). */
const BASELINE_EM = 0.95;
/** Room left and right of a text in its box. */
const TEXT_PAD = 2;
/** Room kept between a label and a lifeline. */
const LANE_PAD = 6;
/** Room between a label and its line. */
const LINE_GAP = 3;
/** Lane header box half-width and bottom. */
const HEADER_HALF = 56;
const HEADER_BOTTOM = 42;
/** Heights tried, as multiples of the normal flight and slot heights, until every text fits. */
const SPREADS = [1, 1.35, 1.8, 2.4, 3.2, 4.5, 6.4, 9];
/**
 * Past this spread a taller try is only for texts that found no place at all (a burst of resends
 * delivering one message many times at one instant), never to spare a line crossing a label.
 */
const LAST_SPREAD_FOR_CROSSINGS = 3.2;
/**
 * The spreads a stretch of time takes, step by step, when its texts crowd: coarser than SPREADS,
 * so that few tries are needed; past 3.2 only for a text that found no place at all.
 */
const LOCAL_SPREADS = [1, 1.8, 3.2, 4.5, 6.4, 9];
/**
 * A local spread never widens the drawing (lanes stay where they are whatever crowds): its hops
 * take up to this spread's widening from the margins instead, where the width asked for allows.
 */
export const ROOMY_HOPS = 1.8;
/** Events past which a trace spreads only where a text found no place at all (see `layout`). */
export const LONG_TRACE = 400;
/** Idle stretches are squeezed to at most this spread of `idlePx`, however crowded around them. */
const IDLE_SPREAD_CAP = 1.8;
/** Rounds of local spreading: each grows every crowded stretch by one step of SPREADS. */
const MAX_LOCAL_TRIES = 2 * SPREADS.length;

/** A party's place in a direction's index (collect counts packets per direction and instant). */
const PARTY_INDEX: Record<Party, number> = { publisher: 0, broker: 1, subscriber: 2 };

const PARTY_LABEL: Record<Party, string> = {
  publisher: "Publisher",
  broker: "Broker",
  subscriber: "Subscriber",
};

/** Lane positions, with the default margins (the layout widens them to fit its texts). */
export function laneXs(
  parties: readonly Party[],
  width: number,
  margins?: { left: number; right: number },
): Map<Party, number> {
  const left = margins?.left ?? Math.min(120, Math.max(96, width * 0.16));
  const right = margins?.right ?? Math.min(190, width * 0.26);
  const step = parties.length > 1 ? (width - left - right) / (parties.length - 1) : 0;
  return new Map(parties.map((p, i) => [p, left + i * step]));
}

export { packetAriaLabel, packetLabel } from "./drawables.ts";

function partiesOf(trace: Trace): Party[] {
  return trace.scenario.subscriber ? ["publisher", "broker", "subscriber"] : ["publisher", "broker"];
}

/** Each trace's busy intervals: every try of its layout reads them (only read, never changed). */
const busyOfTrace = new WeakMap<Trace, [number, number][]>();

/** Intervals during which a packet is on the wire: drawn to scale. */
function busyIntervals(trace: Trace): [number, number][] {
  const known = busyOfTrace.get(trace);
  if (known) return known;
  const busy: [number, number][] = [];
  trace.events.forEach((e, i) => {
    if (e.type === "packet") busy.push([e.t, e.dropped ? lossTime(trace, i) : e.arrives]);
  });
  busyOfTrace.set(trace, busy);
  return busy;
}

/** The trace's first moments at the normal height (`earlyStretches`). */
export interface Early {
  /** Where each instant is drawn, every stretch at the normal height. */
  warp: TimeWarp;
  /** The times that bound the stretches (spreads.ts). */
  cuts: number[];
  /** Up to when both are the whole trace's. */
  valid: number;
  /** Whether they are the whole trace's (`valid` is Infinity). */
  whole: boolean;
}

/**
 * The trace's first moments, from the packets that leave by `until` alone: where each instant is
 * drawn at the normal height and the times that bound its stretches, both as for the whole trace
 * up to `valid` (the last time by `until` that a packet leaves or arrives: what leaves later
 * cannot move anything before it). Sorts those packets' times alone, not the whole trace's.
 */
export function earlyStretches(trace: Trace, options: LayoutOptions, until: number): Early {
  const duration = durationOf(trace);
  if (until >= duration) {
    const busy = busyIntervals(trace);
    return {
      warp: warpOf(trace, options, () => 1),
      cuts: stretchCuts(busy, duration),
      valid: Infinity,
      whole: true,
    };
  }
  const busy: [number, number][] = [];
  let valid = 0;
  let end = until;
  // In the order their packets leave (a trace's events are in time order): stop at the first later.
  for (const interval of busyIntervals(trace)) {
    const [a, b] = interval;
    if (a > until) break;
    busy.push(interval);
    valid = Math.max(valid, a, b <= until ? b : 0);
    end = Math.max(end, b);
  }
  return {
    warp: warpOf(trace, options, () => 1, busy, end),
    cuts: stretchCuts(busy, end),
    valid,
    whole: false,
  };
}

export type RawArrow = Omit<Arrow, "labelBox">;
export type RawBadge = Omit<Badge, "cx" | "cy" | "r" | "textBox">;
export type RawMark = Omit<Mark, "textBox">;

export interface Raw {
  arrows: RawArrow[];
  badges: RawBadge[];
  marks: RawMark[];
}

/**
 * Lays out `trace`: pure, and linear in the trace (each try places each text against its
 * neighbourhood only). Where texts crowd, only the stretches of time there are drawn taller (a
 * local spread, spreads.ts), try by try, until every text finds a free place; the rest of the
 * drawing keeps its place, so a toggle moves only what lies below what it changed. If that leaves
 * a text without a place, the whole drawing is spread and widened instead (`spreadAll`).
 */
export function layout(trace: Trace, options: LayoutOptions): DiagramLayout {
  if (options.margins) return layoutAt(trace, options, uniform(1), prepare(trace, options, 1)).layout;
  // The lanes and the labels' lines are the same at every local spread: worked out once.
  const fixed = prepare(trace, options, 1, ROOMY_HOPS);
  const long = trace.events.length > LONG_TRACE;
  const { tried, first } = localLayout(trace, options, fixed, long);
  if (!tried.layout.fits) return spreadAll(trace, options);
  if (long) {
    // Every stretch at its normal height (no text was without a place): what layoutFrom takes over.
    if (first) placings.set(tried.layout, tried.placing);
    return tried.layout;
  }
  if (!fixed.narrow) return tried.layout;
  // Too narrow for roomy hops, where wider hops help most: the whole drawing spread and widened,
  // unless it leaves more labels crossed or away from their lines. Only narrow drawings pay for both.
  const all = spreadAllTry(trace, options);
  return all.layout.fits && all.crowded.length <= tried.crowded.length ? all.layout : tried.layout;
}

/**
 * The tries at local spreads (see `layout`), on lanes worked out beforehand (`fixed`, prepared at
 * ROOMY_HOPS): the try kept, and whether it is the first (every stretch at its normal height).
 * `long`: laid out as a trace of more than `LONG_TRACE` events (layoutHead.ts lays out the first
 * events of such a trace, as the whole trace's layout does).
 */
export function localLayout(
  trace: Trace,
  options: LayoutOptions,
  fixed: Prepared,
  long: boolean,
): { tried: Try; first: boolean } {
  const busy = busyIntervals(trace);
  const cuts = stretchCuts(busy, durationOf(trace));
  const flying = busyStretches(cuts, busy);
  const levels = new Array<number>(Math.max(1, cuts.length - 1)).fill(0);
  // A long trace spreads only for texts without a place, never to spare a line crossing a label.
  const crossingCap = long ? 0 : LOCAL_SPREADS.indexOf(LAST_SPREAD_FOR_CROSSINGS);
  const lastLevel = LOCAL_SPREADS.length - 1;
  /** Per stretch grown, how many crowded texts were around it at each of its levels. */
  const seen = new Map<number, number[]>();
  let tried = layoutAt(trace, options, local(cuts, levels), fixed);
  const first = tried;
  for (let round = 0; round < MAX_LOCAL_TRIES; round++) {
    const grow = new Set<number>();
    const count = new Map<number, number>();
    for (const p of tried.crowded) {
      const cap = p.placed ? crossingCap : lastLevel;
      for (const i of around(cuts, p.t0, p.t1)) {
        count.set(i, (count.get(i) ?? 0) + 1);
        // An idle stretch grows only for a text without a place: for a label it is empty room.
        if ((levels[i] ?? 0) < cap && (flying[i] === true || !p.placed)) grow.add(i);
      }
    }
    for (const [i, counts] of seen) counts[levels[i] ?? 0] = count.get(i) ?? 0;
    if (grow.size === 0) break;
    for (const i of grow) {
      if (!seen.has(i)) seen.set(i, [count.get(i) ?? 0]);
      levels[i] = (levels[i] ?? 0) + 1;
    }
    tried = layoutAt(trace, options, local(cuts, levels), fixed);
  }
  // A stretch grown for nothing (as crowded taller) goes back to the least height that did best.
  let back = false;
  for (const [i, counts] of seen) {
    const best = counts.indexOf(Math.min(...counts.filter((c) => c !== undefined)));
    if (best >= 0 && best < (levels[i] ?? 0)) {
      levels[i] = best;
      back = true;
    }
  }
  if (back) {
    const kept = layoutAt(trace, options, local(cuts, levels), fixed);
    if (kept.layout.fits || !tried.layout.fits) tried = kept;
  }
  return { tried, first: tried === first };
}

/**
 * The fallback: the whole drawing taller and its hops wider, try by try, until every text fits
 * (and, for a trace not too long, until no line crosses a label, up to a spread).
 */
function spreadAll(trace: Trace, options: LayoutOptions): DiagramLayout {
  return spreadAllTry(trace, options).layout;
}

function spreadAllTry(trace: Trace, options: LayoutOptions): ReturnType<typeof layoutAt> {
  let best = layoutAt(trace, options, uniform(1), prepare(trace, options, 1));
  for (const spread of SPREADS.slice(1)) {
    // A long trace keeps the first try that fits: one crowded corner must not stretch it all.
    if (best.layout.fits && (best.crossings === 0 || trace.events.length > LONG_TRACE)) break;
    if (best.layout.fits && spread > LAST_SPREAD_FOR_CROSSINGS) break;
    const tried = layoutAt(trace, options, uniform(spread), prepare(trace, options, spread));
    const better =
      (tried.layout.fits && !best.layout.fits) ||
      (tried.layout.fits === best.layout.fits && tried.crossings < best.crossings);
    if (better) best = tried;
  }
  return best;
}

/** How one try spreads the drawing: per stretch of time, and how much wider its hops are. */
export interface Spread {
  /** The spread of the stretch of time that starts at `t` (see spreads.ts). */
  at(t: number): number;
  /** Hops are widened by its square root: labels wrap less and lines slant less. */
  widen: number;
}

export function uniform(spread: number): Spread {
  return { at: () => spread, widen: spread };
}

function local(cuts: readonly number[], levels: readonly number[]): Spread {
  return { at: (t) => LOCAL_SPREADS[levels[stretchAt(cuts, t)] ?? 0] ?? 1, widen: 1 };
}

/** What a try needs that does not depend on how tall anything is drawn. */
export interface Prepared {
  width: number;
  xs: Map<Party, number>;
  /** Each arrow's label as wrapped in its hop, by arrow (in trace order), at the top left: filled by the first try. */
  labels: TextBox[];
  /** The width asked for has no room for hops as roomy as asked (`fitLanes`). */
  narrow: boolean;
}

/**
 * Lane positions and the drawing's width for hops widened by `widen`. Texts do not depend on
 * where the lanes are or how tall the drawing is: they are collected at provisional places to
 * size the margins and hops.
 */
export function prepare(trace: Trace, options: LayoutOptions, widen: number, roomy = 1): Prepared {
  const parties = partiesOf(trace);
  const labels: TextBox[] = [];
  if (options.margins)
    return { ...fixedLanes(parties, options.width, options.margins), labels, narrow: false };
  const s = options.fontScale ?? 1;
  // A long trace's head and then its whole (layoutHead.ts) ask for the same lanes: worked out once.
  const key = `${options.width}|${s}|${widen}|${roomy}`;
  let known = preparedOfTrace.get(trace);
  if (!known) preparedOfTrace.set(trace, (known = new Map()));
  const before = known.get(key);
  if (before) return before;
  const drawn = drawables(trace);
  const sides = sideTexts(drawn, s);
  const made = { ...fitLanes(parties, options.width, sides, drawn.arrows, trace, s, widen, roomy), labels };
  known.set(key, made);
  return made;
}

/**
 * Each trace's lanes by width, scale and widening. Pure values of the trace (texts are measured
 * by a fixed table, textWidth.ts); `labels` is a cache of wrapped labels that any try fills alike.
 */
const preparedOfTrace = new WeakMap<Trace, Map<string, Prepared>>();

/** A text that found no place (`placed` false), or a label that another line crosses, and when. */
export interface Crowded {
  t0: number;
  t1: number;
  placed: boolean;
}

function durationOf(trace: Trace): number {
  let duration = trace.outcome.durationMs;
  for (const e of trace.events) if (e.t > duration) duration = e.t;
  return duration;
}

/** The parts of a text that may go on separate lines, and how each line is written. */
interface SideText {
  party: Party;
  side: 1 | -1;
  /** Distance from the lane to the text's near edge. */
  offset: number;
  text: string;
  /** Where the text may break; "" for never. */
  separator: string;
  fontPx: number;
  /** A note: its heading (before ": ") and the rest go on lines of their own. */
  heading: boolean;
}

/**
 * A layout's placing, kept so that the layout of a slightly different trace can take over what
 * comes before the change (layoutFrom.ts): per badge, mark and arrow (in trace order) how far down
 * the places tried for its text reached (`reach`), and the highest point of what it put on the
 * drawing (`top`: its line, ✕, circle, band or text).
 */
export interface Placing {
  trace: Trace;
  options: LayoutOptions;
  prepared: Prepared;
  raw: Raw;
  layout: DiagramLayout;
  reach: PerKind<Float64Array>;
  top: PerKind<Float64Array>;
  /** Per item: the highest point its placing started from or tried (its anchors, its places). */
  tried: PerKind<Float64Array>;
  /** Per item: the lowest point it drew, tried or is anchored at (a lost packet's arrival too). */
  low: PerKind<Float64Array>;
  /** Where the badges', the marks' and the arrows' boxes start in `layout.boxes`. */
  sections: PerKind<number>;
}

export interface PerKind<T> {
  badges: T;
  marks: T;
  arrows: T;
}

/** The placing of layouts that layoutFrom.ts may take over: long traces, every stretch at spread 1. */
const placings = new WeakMap<DiagramLayout, Placing>();

/** How `layout` placed the texts of `drawing`, when another layout may take it over. */
export function placingOf(drawing: DiagramLayout): Placing | undefined {
  return placings.get(drawing);
}

/** Remembers `placing` for its layout (layoutFrom.ts: a layout taken over may be taken over again). */
export function rememberPlacing(placing: Placing): void {
  placings.set(placing.layout, placing);
}

/** What a try takes over from an earlier layout: its first badges, marks and arrows, as they were. */
export interface Resume {
  from: Placing;
  counts: PerKind<number>;
  /**
   * Everything fixed (lines, ✕, bands, captions) that ends above this is left out of the placing:
   * no place tried anew reaches above it (the caller checks `newTriedTop`), so none can meet them.
   */
  skipAbove: number;
  /** The last items, taken over moved down by `dy` (layoutTail.ts), when the change ends before them. */
  tail?: Tail;
}

/**
 * What a try takes over at the end of the trace: from `start` on (per kind, in this trace's items),
 * each item is `from`'s item at `prevStart` on, moved down by `dy`, without a placing of its own,
 * except those marked `anew` (placed as usual: their arithmetic may not move by `dy` exactly).
 * Nothing of these items goes into the occupancy unless `near` says an item placed anew may meet
 * it; their idle-gap captions are those from `gapStart` on.
 */
export interface Tail {
  from: Placing;
  start: PerKind<number>;
  prevStart: PerKind<number>;
  dy: number;
  /** Per tail item (index minus `start`): 1 when placed anew. */
  anew: PerKind<Uint8Array>;
  gapStart: number;
  near(top: number, bottom: number): boolean;
}

/** Given the trace's items at their places and its idle gaps, what to take over (undefined: nothing). */
export type ResumeAt = (raw: Raw, gaps: readonly Gap[]) => Resume | undefined;

export interface Try {
  layout: DiagramLayout;
  crossings: number;
  crowded: Crowded[];
  placing: Placing;
  /** Of what this try placed anew (all, or past `resume`): the highest point put and tried. */
  newTop: number;
  newTriedTop: number;
}

export function layoutAt(
  trace: Trace,
  options: LayoutOptions,
  spread: Spread,
  prepared: Prepared,
  resumeAt?: ResumeAt,
): Try {
  const s = options.fontScale ?? 1;
  const headerPx = HEADER_PX * s;
  const duration = durationOf(trace);
  const warp = warpOf(trace, options, spread.at);
  const parties = partiesOf(trace);
  const labelPx = LABEL_FONT * s;
  const smallPx = SMALL_FONT * s;

  const { width, xs } = prepared;
  const xOf = (p: Party) => xs.get(p) ?? 0;
  const raw = collect(trace, warp, xOf, (t) => SLOT_PX * s * spread.at(t));
  const resume = resumeAt?.(raw, warp.gaps);
  const kept = resume?.counts ?? { badges: 0, marks: 0, arrows: 0 };
  const before = resume?.from;
  const tail = resume?.tail;
  const tailStart = tail?.start ?? { badges: Infinity, marks: Infinity, arrows: Infinity };
  const reach = perKind(raw, () => -Infinity);
  const top = perKind(raw, () => Infinity);
  const tried = perKind(raw, () => Infinity);
  const low = perKind(raw, () => -Infinity);
  let newTop = Infinity;
  let newTriedTop = Infinity;

  const occ = new Occupancy();
  const boxes: LayoutBox[] = [];
  let fits = true;
  /** Labels that another line crosses, or that stand far from their line: a taller try may avoid them. */
  let crossings = 0;
  const crowded: Crowded[] = [];
  const bounds: Bounds = { left: 0, right: width, top: (HEADER_BOTTOM + 2) * s };
  const skipAbove = resume?.skipAbove ?? -Infinity;
  /** Puts a box on the drawing; `tailOwn`: a tail item's, in the occupancy only where `tail.near`. */
  const take = (r: Rect, kind: BoxKind, owner: string, text: boolean, tailOwn = false) => {
    if (r.y + r.h >= skipAbove && (!tailOwn || (tail as Tail).near(r.y, r.y + r.h))) occ.addBox(r);
    boxes.push({ x: r.x, y: r.y, w: r.w, h: r.h, kind, owner, text });
  };
  /** The box `at` of `tail.from`'s drawing, moved down by `tail.dy`, put on this one for `owner`. */
  const takeMoved = (at: number, owner: string) => {
    const { from, dy, near } = tail as Tail;
    const { x, y, w, h, kind, text } = from.layout.boxes[at] as LayoutBox;
    const moved = { x, y: y + dy, w, h, kind, owner, text };
    if (near(moved.y, moved.y + h)) occ.addBox(moved);
    boxes.push(moved);
  };
  /** An item taken over as it was: what it tried and drew, as `from` recorded it. */
  const keepMeasures = (from: Placing, kind: keyof PerKind<unknown>, i: number) => {
    reach[kind][i] = from.reach[kind][i] as number;
    top[kind][i] = from.top[kind][i] as number;
    tried[kind][i] = from.tried[kind][i] as number;
    low[kind][i] = from.low[kind][i] as number;
  };
  /** A tail item taken over moved down: what `tail.from`'s item `p` tried and drew, moved too. */
  const moveMeasures = (kind: keyof PerKind<unknown>, i: number, p: number) => {
    const { from, dy } = tail as Tail;
    reach[kind][i] = (from.reach[kind][p] as number) + dy;
    top[kind][i] = (from.top[kind][p] as number) + dy;
    tried[kind][i] = (from.tried[kind][p] as number) + dy;
    low[kind][i] = (from.low[kind][p] as number) + dy;
  };
  /** What `before` put in its boxes from `start`, `n` of them, for items taken over as they were. */
  const keep = (start: number, n: number) => {
    const from = (before as Placing).layout.boxes;
    for (let j = start; j < start + n; j++) boxes.push(from[j] as LayoutBox);
  };

  // What cannot move: lifelines, lane headers, gap captions, ✕ marks, every arrow's line.
  for (const [party, x] of xs) {
    occ.addBox({ x: x - 2 * s, y: 0, w: 4 * s, h: 1e7 });
    const header = { x: x - HEADER_HALF * s, y: 8 * s, w: 2 * HEADER_HALF * s, h: (HEADER_BOTTOM - 8) * s };
    take(header, "header", party, false);
  }
  const gapBoxes = warp.gaps.map((g, i) => {
    const box = textBox([`⋯ ${Math.round(g.t1 - g.t0)} ms`], smallPx, "start", 8 * s, (g.y0 + g.y1) / 2, s);
    take(box, "gap", `gap|${g.t0}`, true, tail !== undefined && i >= tail.gapStart);
    return box;
  });
  /** Each arrow's line, in the order of raw.arrows. */
  const segments: Segment[] = [];
  raw.arrows.forEach((a, i) => {
    const seg = { x1: a.x1, y1: a.y1, x2: a.endX, y2: a.endY };
    segments.push(seg);
    const own = i >= tailStart.arrows;
    const y0 = Math.min(seg.y1, seg.y2);
    const y1 = Math.max(seg.y1, seg.y2);
    if (y1 >= skipAbove && (!own || (tail as Tail).near(y0, y1))) occ.addLine(seg);
    top.arrows[i] = y0;
    tried.arrows[i] = y0;
    low.arrows[i] = Math.max(y1, a.y2);
    if (!a.event.dropped) return;
    const cross = square(a.endX, a.endY, 9 * s);
    take(cross, "cross", a.key, false, own);
    top.arrows[i] = Math.min(top.arrows[i] as number, cross.y);
    tried.arrows[i] = top.arrows[i] as number;
    low.arrows[i] = Math.max(low.arrows[i] as number, cross.y + cross.h);
  });

  // A connection's loss and return are lines across their hop, the loss with a zigzag mid-hop.
  raw.marks.forEach((m, i) => {
    tried.marks[i] = Math.min(m.y, m.y0);
    low.marks[i] = Math.max(m.y, m.y0);
    if (m.kind !== "connection-lost" && m.kind !== "reconnected") return;
    const own = i >= tailStart.marks;
    if (m.y >= skipAbove && (!own || (tail as Tail).near(m.y, m.y)))
      occ.addLine({ x1: m.x1, y1: m.y, x2: m.x2, y2: m.y });
    top.marks[i] = m.y;
    if (m.kind !== "connection-lost") return;
    take({ x: m.x - 14 * s, y: m.y - 10 * s, w: 28 * s, h: 20 * s }, "mark", m.key, false, own);
    top.marks[i] = m.y - 10 * s;
    tried.marks[i] = top.marks[i] as number;
    low.marks[i] = m.y + 10 * s;
  });
  // The broker's down time is a band on its lane: texts keep off it.
  raw.marks.forEach((m, i) => {
    if (m.kind !== "broker-up") return;
    const band = downBand(m, s);
    take(band, "mark", m.key, false, i >= tailStart.marks);
    top.marks[i] = Math.min(top.marks[i] as number, band.y);
    tried.marks[i] = Math.min(tried.marks[i] as number, band.y);
    low.marks[i] = Math.max(low.marks[i] as number, band.y + band.h);
  });

  const shifts = new Shifts();
  /** The place being tried, and which was chosen: one each per try, not one per text. */
  const scratch = { spot: { x: 0, y: 0, w: 0, h: 0 }, choice: newChoice() };
  const { spot, choice } = scratch;
  /** Starts a text's placing: the reach of what it tries, from nothing. */
  const begin = () => {
    choice.top = Infinity;
    choice.bottom = -Infinity;
  };
  /** Ends a new text's placing: what it tried and put, for the next layout to check against. */
  const done = (kind: keyof PerKind<unknown>, i: number, r: Rect) => {
    const t = Math.min(top[kind][i] as number, r.y);
    top[kind][i] = t;
    reach[kind][i] = choice.bottom;
    tried[kind][i] = Math.min(tried[kind][i] as number, t, choice.top);
    low[kind][i] = Math.max(low[kind][i] as number, r.y + r.h, choice.bottom);
    newTop = Math.min(newTop, t);
    newTriedTop = Math.min(newTriedTop, choice.top);
  };
  const sections = { badges: boxes.length, marks: 0, arrows: 0 };
  // Texts that stand by their lane or hop: nudged up or down a little when something is there.
  const available = sideRoom(parties, xs, width);
  const badges: Badge[] = raw.badges.map((b, i) => {
    if (before && i < kept.badges) {
      keep(before.sections.badges + 2 * i, 2);
      keepMeasures(before, "badges", i);
      return before.layout.badges[i] as Badge;
    }
    if (i >= tailStart.badges && !(tail as Tail).anew.badges[i - tailStart.badges]) {
      const { from, dy } = tail as Tail;
      const p = (tail as Tail).prevStart.badges + i - tailStart.badges;
      const old = from.layout.badges[p] as Badge;
      takeMoved(from.sections.badges + 2 * p, b.key);
      takeMoved(from.sections.badges + 2 * p + 1, b.key);
      moveMeasures("badges", i, p);
      const { index, key, t, x, y, party, message, count, duplicate, final, processed } = b;
      const { cx, cy, r, textBox: text } = old;
      // prettier-ignore
      return { index, key, t, x, y, party, message, count, duplicate, final, processed, cx, cy: cy + dy, r, textBox: moveBy(text, dy) };
    }
    tried.badges[i] = b.y;
    low.badges[i] = b.y;
    const side: 1 | -1 = b.party === "publisher" ? -1 : 1;
    const cx = b.x + side * 22 * s;
    const r = 12 * s;
    const text = sideBox(badgeSide(b, s), b.x, b.y, available, s);
    begin();
    const placed = nudge(text, occ, bounds, shifts.set(text, 15 * s, 5 * s), scratch, (dy) => {
      // The circle moves with its text: what it tries is in the text's reach too.
      const circle = square(cx, b.y + dy, r);
      choice.top = Math.min(choice.top, circle.y);
      choice.bottom = Math.max(choice.bottom, circle.y + circle.h);
      return occ.boxFree(circle);
    });
    fits &&= placed.ok;
    if (!placed.ok) crowded.push({ t0: b.t, t1: b.t, placed: false });
    const circle = square(cx, b.y + placed.dy, r);
    take(circle, "badge", b.key, false);
    take(placed.box, "badge", b.key, true);
    done("badges", i, circle);
    done("badges", i, placed.box);
    const { index, key, t, x, y, party, message, count, duplicate, final, processed } = b;
    // Written out, not spread: one per delivery of a long trace.
    const cy = b.y + placed.dy;
    return {
      index,
      key,
      t,
      x,
      y,
      party,
      message,
      count,
      duplicate,
      final,
      processed,
      cx,
      cy,
      r,
      textBox: placed.box,
    };
  });
  sections.marks = boxes.length;
  let keptMarkBoxes = 0;
  /** Where the next tail mark's text box is in `tail.from`'s boxes (counted once, at the first). */
  let prevMarkBox: number | undefined;
  const marks: Mark[] = raw.marks.map((m, i) => {
    if (before && i < kept.marks) {
      const mark = before.layout.marks[i] as Mark;
      if (mark.textBox) keep(before.sections.marks + keptMarkBoxes++, 1);
      keepMeasures(before, "marks", i);
      return mark;
    }
    if (i >= tailStart.marks) {
      const { from, dy } = tail as Tail;
      const p = (tail as Tail).prevStart.marks + i - tailStart.marks;
      const old = from.layout.marks[p] as Mark;
      const at = (prevMarkBox ??= from.sections.marks + textsBefore(from.layout.marks, p));
      if (old.textBox) prevMarkBox++;
      if (!(tail as Tail).anew.marks[i - tailStart.marks]) {
        if (old.textBox) takeMoved(at, m.key);
        moveMeasures("marks", i, p);
        return withText(m, old.textBox && moveBy(old.textBox, dy));
      }
    }
    const box = markText(m, available, s);
    if (!box) {
      newTop = Math.min(newTop, top.marks[i] as number);
      return withText(m, null);
    }
    const range = m.kind === "timeout" ? Math.max(8 * s, (m.y - m.y0) / 2 - box.h / 2) : 0;
    // A connection's loss is written under its zigzag, or over it when that is taken.
    const lift = m.kind === "connection-lost" ? 20 * s : undefined;
    begin();
    const placed = nudge(
      box,
      occ,
      bounds,
      shifts.set(box, range, (m.kind === "timeout" ? 4 : 6) * s, lift),
      scratch,
    );
    fits &&= placed.ok;
    if (!placed.ok) crowded.push({ t0: m.kind === "timeout" ? warp.tOf(m.y0) : m.t, t1: m.t, placed: false });
    take(placed.box, isNote(m.kind) ? "note" : "mark", m.key, true);
    done("marks", i, placed.box);
    return withText(m, placed.box);
  });

  // Arrow labels last, in trace order, each beside its own line within its hop.
  sections.arrows = boxes.length;
  const drawn = drawables(trace).arrows;
  const beside = new BesideLine();
  const past = new PastEnd();
  const pastThenBeside = new Chain(past, beside);
  const far = new FarBelow();
  const arrows: Arrow[] = raw.arrows.map((a, i) => {
    if (before && i < kept.arrows) {
      keep(before.sections.arrows + i, 1);
      keepMeasures(before, "arrows", i);
      return before.layout.arrows[i] as Arrow;
    }
    if (i >= tailStart.arrows && !(tail as Tail).anew.arrows[i - tailStart.arrows]) {
      const { from, dy } = tail as Tail;
      const p = (tail as Tail).prevStart.arrows + i - tailStart.arrows;
      takeMoved(from.sections.arrows + p, a.key);
      moveMeasures("arrows", i, p);
      return withLabel(a, moveBy((from.layout.arrows[p] as Arrow).labelBox, dy));
    }
    const seg = segments[i] as Segment;
    const lo = Math.min(a.x1, a.x2) + LANE_PAD * s;
    const hi = Math.max(a.x1, a.x2) - LANE_PAD * s;
    let proto = prepared.labels[i];
    if (!proto) {
      const text = (drawn[i] as ArrowItem).drawn;
      proto = labelProto(wrapText(text, hi - lo - 2 * TEXT_PAD * s, labelPx, " · "), s);
      prepared.labels[i] = proto;
    }
    const gap = LINE_GAP * s;
    beside.set(seg, proto.w, proto.h, gap, lo, hi);
    // A lost packet's label may also stand past its ✕, level with it.
    past.set(seg, proto.w, proto.h, 12 * s, lo, hi);
    const near = a.event.dropped ? pastThenBeside : beside;
    // Beside its line, preferably where no other line crosses it (looking at every place beside
    // it: most labels take the first); far below only when crowded.
    begin();
    let found = pickAt(near, occ, bounds, seg, spot, choice, undefined, Infinity).k >= 0;
    const clean = found && choice.clean;
    if (found) near.at(choice.k, spot);
    else if (
      (found = pickAt(far.set(seg, proto.w, proto.h, gap, lo, hi), occ, bounds, seg, spot, choice).k >= 0)
    )
      far.at(choice.k, spot);
    if (!clean) {
      crossings++;
      crowded.push({ t0: a.event.t, t1: a.tEnd, placed: found });
    } else if (gapToLine(seg, spot) > LINE_GAP * s + proto.h * 0.75) {
      // Clear of every line but away from its own (below a neighbour's text): room is short here.
      crowded.push({ t0: a.event.t, t1: a.tEnd, placed: true });
    }
    fits &&= found;
    // Nowhere free: where it was meant to go.
    if (!found) near.at(0, spot);
    const labelBox = moveTo(proto, spot.x, spot.y);
    take(labelBox, "label", a.key, true);
    done("arrows", i, labelBox);
    return withLabel(a, labelBox);
  });

  // A loop, not Math.max(...list): tens of thousands of values for a long trace.
  let bottom = warp.height;
  for (const a of raw.arrows) bottom = Math.max(bottom, a.y2, a.endY);
  for (const b of boxes) bottom = Math.max(bottom, b.y + b.h);
  let head: ((t: number) => number) | undefined;
  const drawing: DiagramLayout = {
    width,
    // Whole pixels: the SVG's size attributes and a screenshot's viewport are integers.
    height: Math.ceil(bottom + FOOTER_PX * s),
    scale: s,
    headerPx,
    lanes: [...xs].map(([party, x]) => ({ party, x, label: PARTY_LABEL[party] })),
    arrows,
    badges,
    marks,
    gaps: warp.gaps,
    gapBoxes,
    boxes,
    fits,
    duration,
    yOf: warp.yOf,
    tOf: warp.tOf,
    // Built on first use: a try that is not kept never needs it.
    playheadY: (t) => (head ??= playhead(warp.yOf, arrows, badges, marks))(t),
  };
  const placing = { trace, options, prepared, raw, layout: drawing, reach, top, tried, low, sections };
  return { layout: drawing, crossings, crowded, placing, newTop, newTriedTop };
}

/**
 * Where each instant of `trace` is drawn, each stretch of time at the spread `spreadAt` gives it
 * (from its packets' flights `busy`, to `end`).
 */
function warpOf(
  trace: Trace,
  options: LayoutOptions,
  spreadAt: (t: number) => number,
  busy = busyIntervals(trace),
  end = durationOf(trace),
) {
  const s = options.fontScale ?? 1;
  const flightPx = options.flightPx ?? 56 * s;
  return timeWarp(busy, end, {
    pxPerMs: flightPx / trace.scenario.timing.latencyMs,
    idlePx: options.idlePx ?? 56 * s,
    top: HEADER_PX * s,
    spreadAt,
    idleSpreadCap: IDLE_SPREAD_CAP,
  });
}

function perKind(raw: Raw, fill: () => number): PerKind<Float64Array> {
  const make = (n: number) => new Float64Array(n).fill(fill());
  return { badges: make(raw.badges.length), marks: make(raw.marks.length), arrows: make(raw.arrows.length) };
}

/** The same text moved down by `dy` (written out in `moveTo`'s order). */
function moveBy(b: TextBox, dy: number): TextBox {
  const { x, w, h, lines, tx, anchor, fontPx, lineH, strong, sized } = b;
  return { x, y: b.y + dy, w, h, lines, tx, ty: b.ty + dy, anchor, fontPx, lineH, strong, sized };
}

/** How many of the first `n` marks have a text (one box each in the layout's boxes). */
function textsBefore(marks: readonly Mark[], n: number): number {
  let count = 0;
  for (let i = 0; i < n; i++) if ((marks[i] as Mark).textBox) count++;
  return count;
}

/** The mark with its text's box (written out, not spread: one per message of a long trace). */
function withText(m: RawMark, textBox: TextBox | null): Mark {
  const { index, key, kind, t, x, y, x1, x2, y0, label, side, party } = m;
  return { index, key, kind, t, x, y, x1, x2, y0, label, side, party, textBox };
}

/** The arrow with its label's box (written out, not spread: one per packet of a long trace). */
function withLabel(a: RawArrow, labelBox: TextBox): Arrow {
  const { index, key, event, x1, y1, x2, y2, endX, endY, tEnd, label, ariaLabel, lostWithConnection } = a;
  return {
    index,
    key,
    event,
    x1,
    y1,
    x2,
    y2,
    endX,
    endY,
    tEnd,
    label,
    ariaLabel,
    lostWithConnection,
    labelBox,
  };
}

/** The arrows, deliveries and marks of the trace (drawables.ts) at their places, without their texts. */
function collect(
  trace: Trace,
  warp: { yOf(t: number): number },
  xOf: (p: Party) => number,
  slotPx: (t: number) => number,
): Raw {
  const arrows: RawArrow[] = [];
  const badges: RawBadge[] = [];
  const marks: RawMark[] = [];
  // Packets leaving at the current instant, per direction: events come in time order, so the
  // count starts again whenever the time moves on (no key per instant to build).
  const slots = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  let slotsAt = Number.NaN;
  /** Extra depth at (party, instant), inherited from packets pushed down into a slot. */
  const shift = new Map<number, Record<Party, number>>();
  const shiftAt = (party: Party, t: number) => shift.get(t)?.[party] ?? 0;
  for (const item of drawables(trace).items) {
    if (item.kind === "arrow") {
      const e = item.event;
      if (e.t !== slotsAt) {
        slots.fill(0);
        slotsAt = e.t;
      }
      const direction = 3 * PARTY_INDEX[e.from] + PARTY_INDEX[e.to];
      const slot = slots[direction] as number;
      slots[direction] = slot + 1;
      const offset = shiftAt(e.from, e.t) + slot * slotPx(e.t);
      // What this packet causes on arrival is drawn at least as low as the packet itself.
      if (offset > 0 && !e.dropped) {
        const at = shift.get(e.arrives) ?? { publisher: 0, broker: 0, subscriber: 0 };
        at[e.to] = Math.max(offset, at[e.to]);
        shift.set(e.arrives, at);
      }
      const x1 = xOf(e.from);
      const x2 = xOf(e.to);
      const { tEnd } = item;
      const f = e.arrives > e.t ? (tEnd - e.t) / (e.arrives - e.t) : 1;
      arrows.push({
        index: item.index,
        key: item.key,
        event: e,
        x1,
        y1: warp.yOf(e.t) + offset,
        x2,
        y2: warp.yOf(e.arrives) + offset,
        endX: x1 + (x2 - x1) * f,
        endY: warp.yOf(tEnd) + offset,
        tEnd,
        label: item.label,
        ariaLabel: item.ariaLabel,
        lostWithConnection: item.lostWithConnection,
      });
    } else if (item.kind === "badge") {
      const { index, key, t, party, message, count, duplicate, final, processed } = item;
      const y = warp.yOf(t) + shiftAt(party, t);
      badges.push({ index, key, t, x: xOf(party), y, party, message, count, duplicate, final, processed });
    } else {
      const { index, key, mark: kind, t, party, hop, label, side, since } = item;
      if (party === null) {
        // Across a hop: a connection's loss or return.
        const x1 = hop === "publisher-broker" ? xOf("publisher") : xOf("broker");
        const x2 = hop === "publisher-broker" ? xOf("broker") : xOf("subscriber");
        const y = warp.yOf(t);
        marks.push({ index, key, kind, t, x: (x1 + x2) / 2, y, x1, x2, y0: y, label, side, party });
        continue;
      }
      const x = xOf(party);
      // A timer stands as low as the packet it guards; it and the broker's down time start earlier.
      const y = warp.yOf(t) + (kind === "timeout" ? shiftAt(party, t) : 0);
      const y0 = kind === "timeout" || kind === "broker-up" ? warp.yOf(since) : y;
      marks.push({ index, key, kind, t, x, y, x1: x, x2: x, y0, label, side, party });
    }
  }
  return { arrows, badges, marks };
}

/** The texts written beside a lane (not across a hop), for sizing margins and hops. */
function sideTexts(raw: Pick<Drawables, "badges" | "marks">, s: number): SideText[] {
  const out = raw.badges.map((b) => badgeSide(b, s));
  for (const m of raw.marks) {
    const side = markSide({ party: m.party, label: m.label, kind: m.mark, side: m.side }, s);
    if (side) out.push(side);
  }
  return out;
}

function badgeSide(
  b: Pick<RawBadge, "party" | "final" | "duplicate" | "count" | "message" | "processed">,
  s: number,
): SideText {
  const side = b.party === "publisher" ? -1 : 1;
  const fontPx = SMALL_FONT * s;
  return { party: b.party, side, offset: 40 * s, text: badgeText(b), separator: " ", fontPx, heading: false };
}

/** A mark's text beside its lane; null for hop-wide marks (connection lost, reconnected). */
function markSide(m: Pick<RawMark, "party" | "label" | "kind" | "side">, s: number): SideText | null {
  if (m.party === null) return null;
  const fontPx = SMALL_FONT * s;
  const { party, label: text } = m;
  // Written out, not spread from a common base: one per message of a long trace.
  switch (m.kind) {
    case "publish":
      return { party, side: -1, offset: 22 * s, text, separator: "", fontPx, heading: false };
    case "timeout":
      return { party, side: -1, offset: 20 * s, text, separator: " ", fontPx, heading: false };
    case "session-discarded":
    case "not-forwarded":
    case "quota-wait":
    case "broker-down":
    case "disconnected":
    case "session-expired":
    case "retained":
    case "will":
    case "publisher-end":
      return { party, side: m.side, offset: 10 * s, text, separator: " ", fontPx, heading: true };
    case "connection-lost":
    case "reconnected":
    case "broker-up":
      return null;
  }
}

/** Notes are written as a bold heading (before the colon) and the rest: pieces wrapped alone. */
function parts(st: SideText): string[] {
  return st.heading ? st.text.split(": ") : [st.text];
}

/** Width a side text takes from its lane: whole, or wrapped as narrow as it goes. */
function sideNeed(st: SideText, s: number, narrow: boolean): number {
  let w = -Infinity;
  for (const p of parts(st))
    w = Math.max(
      w,
      narrow && st.separator ? widestPiece(p, st.fontPx, st.separator) : textWidth(p, st.fontPx),
    );
  return st.offset + w + 2 * TEXT_PAD * s + LANE_PAD * s;
}

interface Room {
  left: number;
  right: number;
}

/** Room on each side of each lane, up to the next lane or the drawing's edge. */
function sideRoom(
  parties: readonly Party[],
  xs: ReadonlyMap<Party, number>,
  width: number,
): Map<Party, Room> {
  const room = new Map<Party, Room>();
  parties.forEach((p, i) => {
    const x = xs.get(p) ?? 0;
    const prev = i > 0 ? (xs.get(parties[i - 1] as Party) ?? 0) : 0;
    const next = i < parties.length - 1 ? (xs.get(parties[i + 1] as Party) ?? width) : width;
    room.set(p, { left: x - prev, right: next - x });
  });
  return room;
}

/** A side text's box at its lane, wrapped to the room on its side, centred on `cy`. */
function sideBox(st: SideText, x: number, cy: number, room: ReadonlyMap<Party, Room>, s: number): TextBox {
  const r = room.get(st.party) ?? { left: 0, right: 0 };
  const max = (st.side > 0 ? r.right : r.left) - st.offset - LANE_PAD * s - 2 * TEXT_PAD * s;
  const pieces = parts(st);
  // One piece (most texts): its wrapped lines as they are, no copy.
  const lines =
    pieces.length === 1 && st.separator
      ? wrapText(st.text, max, st.fontPx, st.separator)
      : pieces.flatMap((p) => (st.separator ? wrapText(p, max, st.fontPx, st.separator) : [p]));
  const strong = pieces.length > 1 ? wrapText(pieces[0] ?? "", max, st.fontPx, st.separator).length : 0;
  const anchor = st.side > 0 ? "start" : "end";
  return { ...textBox(lines, st.fontPx, anchor, x + st.side * st.offset, cy, s), strong };
}

/** A text's box, its lines anchored at `ax` and the block centred on `cy`. */
function textBox(
  lines: string[],
  fontPx: number,
  anchor: TextBox["anchor"],
  ax: number,
  cy: number,
  s: number,
): TextBox {
  const pad = TEXT_PAD * s;
  const w = widest(lines, fontPx) + 2 * pad;
  const lineH = fontPx * LINE_EM;
  const h = lines.length * lineH;
  const x = anchor === "start" ? ax - pad : anchor === "middle" ? ax - w / 2 : ax - w + pad;
  const y = cy - h / 2;
  const sized = s !== 1;
  return { x, y, w, h, lines, tx: ax, ty: y + fontPx * BASELINE_EM, anchor, fontPx, lineH, strong: 0, sized };
}

/**
 * An arrow label's box at the top left, by its wrapped lines (wrapText gives the same lines for
 * the same label and width): most labels of a long trace repeat, and are measured once.
 */
const labelProtos = new WeakMap<string[], { s: number; box: TextBox }>();

function labelProto(lines: string[], s: number): TextBox {
  const known = labelProtos.get(lines);
  if (known?.s === s) return known.box;
  const box = textBox(lines, LABEL_FONT * s, "middle", 0, 0, s);
  labelProtos.set(lines, { s, box });
  return box;
}

/** The widest of `lines` at `fontPx` (-Infinity for none, as Math.max() of nothing). */
function widest(lines: readonly string[], fontPx: number): number {
  let w = -Infinity;
  for (const line of lines) w = Math.max(w, textWidth(line, fontPx));
  return w;
}

/** The same text with its box's top-left corner at (x, y). */
function moveTo(b: TextBox, x: number, y: number): TextBox {
  // Written out (not spread): one per text of a long trace, in the order textBox gives.
  const { w, h, lines, anchor, fontPx, lineH, strong, sized } = b;
  return { x, y, w, h, lines, tx: b.tx + x - b.x, ty: b.ty + y - b.y, anchor, fontPx, lineH, strong, sized };
}

/** How far a box beside a segment stands from it, above or below (0 when level with its end). */
function gapToLine(seg: Segment, r: Rect): number {
  const lo = Math.min(seg.x1, seg.x2);
  const hi = Math.max(seg.x1, seg.x2);
  const yAt = (x: number) => {
    const cx = Math.min(hi, Math.max(lo, x));
    return hi === lo ? seg.y1 : seg.y1 + ((cx - seg.x1) * (seg.y2 - seg.y1)) / (seg.x2 - seg.x1);
  };
  const ya = yAt(r.x);
  const yb = yAt(r.x + r.w);
  if (r.y + r.h <= Math.min(ya, yb)) return Math.min(ya, yb) - (r.y + r.h);
  if (r.y >= Math.max(ya, yb)) return r.y - Math.max(ya, yb);
  return 0;
}

/** A square of half-side `r` around (x, y). */
function square(x: number, y: number, r: number): Rect {
  return { x: x - r, y: y - r, w: 2 * r, h: 2 * r };
}

/**
 * The text moved by the first offset where it overlaps nothing (and crosses no line, if such a
 * place exists) and `alsoFree` holds; `ok` false when none is free (then it stays where it was
 * meant to be).
 */
function nudge(
  box: TextBox,
  occ: Occupancy,
  bounds: Bounds,
  shifts: Shifts,
  scratch: { spot: Rect; choice: Choice },
  alsoFree?: (dy: number) => boolean,
): { box: TextBox; dy: number; ok: boolean } {
  const { spot, choice } = scratch;
  const accept = alsoFree && ((c: Rect) => alsoFree(c.y - box.y));
  if (pickAt(shifts, occ, bounds, undefined, spot, choice, accept).k < 0) return { box, dy: 0, ok: false };
  shifts.at(choice.k, spot);
  return { box: moveTo(box, spot.x, spot.y), dy: spot.y - box.y, ok: true };
}

/** A mark's text (none for a reconnection: the CONNACK's label says Session Present). */
function markText(m: RawMark, room: ReadonlyMap<Party, Room>, s: number): TextBox | null {
  if (m.kind === "reconnected" || m.kind === "broker-up") return null;
  if (m.kind === "connection-lost") {
    const fontPx = SMALL_FONT * s;
    const lines = wrapText("⚡ connection lost", m.x2 - m.x1 - 2 * (LANE_PAD + TEXT_PAD) * s, fontPx, " ");
    const h = lines.length * fontPx * LINE_EM;
    return textBox(lines, fontPx, "middle", m.x, m.y + 12 * s + h / 2, s);
  }
  const st = markSide(m, s);
  if (!st) return null;
  if (m.kind === "timeout") return sideBox(st, m.x, (m.y0 + m.y) / 2, room, s);
  const box = sideBox(st, m.x, 0, room, s);
  // Notes hang below their point; the others stand on it.
  const top = m.kind === "publish" ? m.y - box.h / 2 : m.y + 18 * s;
  return moveTo(box, box.x, top);
}

/** Lanes at the margins given (thumbnails): the width stays as asked. */
function fixedLanes(parties: readonly Party[], width: number, margins: { left: number; right: number }) {
  return { width, xs: laneXs(parties, width, margins) };
}

/**
 * Lane positions and the drawing's width: margins and hops wide enough for every side text and
 * every label's widest unbreakable piece; as wide as asked when that is enough (texts wrap to fit),
 * wider when not.
 */
function fitLanes(
  parties: readonly Party[],
  asked: number,
  sides: readonly SideText[],
  arrows: readonly ArrowItem[],
  trace: Trace,
  s: number,
  spread: number,
  roomy: number,
) {
  const n = parties.length;
  const index = new Map(parties.map((p, i) => [p, i]));
  const zero = () => parties.map(() => 0);
  const need = { leftMin: zero(), leftNat: zero(), rightMin: zero(), rightNat: zero() };
  for (const st of sides) {
    const i = index.get(st.party) ?? 0;
    const [min, nat] = st.side > 0 ? [need.rightMin, need.rightNat] : [need.leftMin, need.leftNat];
    min[i] = Math.max(min[i] ?? 0, sideNeed(st, s, true));
    nat[i] = Math.max(nat[i] ?? 0, sideNeed(st, s, false));
  }
  const labelPx = LABEL_FONT * s;
  const across = 2 * (LANE_PAD + TEXT_PAD) * s;
  // The least a hop takes: lane headers side by side, its labels' widest pieces, its lanes' texts.
  const hopMin = parties
    .slice(1)
    .map((_, h) => Math.max(2 * HEADER_HALF * s + 8 * s, need.rightMin[h] ?? 0, need.leftMin[h + 1] ?? 0));
  for (const a of arrows) {
    const h = Math.min(index.get(a.event.from) ?? 0, index.get(a.event.to) ?? 0);
    hopMin[h] = Math.max(hopMin[h] ?? 0, widestPiece(a.drawn, labelPx, " · ") + across);
  }
  if (trace.events.some((e) => e.type === "connection-lost")) {
    const w = widestPiece("⚡ connection lost", SMALL_FONT * s, " ") + across;
    for (let h = 0; h < hopMin.length; h++) hopMin[h] = Math.max(hopMin[h] ?? 0, w);
  }
  // A crowded try widens the hops too: labels wrap less and lines slant less.
  const least = Math.max(0, ...hopMin) * Math.sqrt(spread);
  const edge = (HEADER_HALF + 4) * s;
  const lMin = Math.max(edge, need.leftMin[0] ?? 0);
  const rMin = Math.max(edge, need.rightMin[n - 1] ?? 0);
  const width = Math.max(asked, Math.ceil(lMin + rMin + (n - 1) * least));
  // Roomier hops where the width asked for allows, never a wider drawing for them.
  const hop =
    n > 1 ? Math.max(least, Math.min(least * Math.sqrt(roomy), (width - lMin - rMin) / (n - 1))) : least;
  const lWant = Math.max(lMin, need.leftNat[0] ?? 0, Math.min(120 * s, Math.max(96 * s, width * 0.16)));
  const rWant = Math.max(rMin, need.rightNat[n - 1] ?? 0, Math.min(190 * s, width * 0.26));
  let left = lWant;
  let right = rWant;
  if (width - lWant - rWant < (n - 1) * hop) {
    // Not room for both: margins shrink toward their least, texts in them wrap.
    const k = (width - lMin - rMin - (n - 1) * hop) / (lWant - lMin + (rWant - rMin));
    left = lMin + k * (lWant - lMin);
    right = rMin + k * (rWant - rMin);
  }
  return { width, xs: laneXs(parties, width, { left, right }), narrow: hop < least * Math.sqrt(roomy) - 0.5 };
}

/**
 * The playhead's y at `t`: on the lowest arrow end, delivery or mark of each instant (packets
 * pushed into a lower slot are drawn below `yOf`), and between instants eased linearly.
 */
function playhead(
  yOf: (t: number) => number,
  arrows: readonly Arrow[],
  badges: readonly Badge[],
  marks: readonly Mark[],
): (t: number) => number {
  const extra = new Map<number, number>();
  const note = (t: number, y: number) => extra.set(t, Math.max(extra.get(t) ?? 0, y - yOf(t)));
  for (const a of arrows) {
    note(a.event.t, a.y1);
    note(a.tEnd, a.endY);
  }
  for (const b of badges) note(b.t, b.y);
  for (const m of marks) if (m.kind !== "timeout") note(m.t, m.y);
  const times = [...extra.keys()].sort((a, b) => a - b);
  const offsets = times.map((t) => extra.get(t) ?? 0);
  return (t) => {
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((times[mid] as number) <= t) lo = mid + 1;
      else hi = mid;
    }
    // times[lo - 1] <= t < times[lo]
    const t0 = times[lo - 1];
    const t1 = times[lo];
    if (t0 === undefined) return yOf(t);
    const o0 = offsets[lo - 1] as number;
    if (t0 === t || t1 === undefined) return yOf(t) + (t0 === t ? o0 : 0);
    const o1 = offsets[lo] as number;
    return yOf(t) + o0 + ((o1 - o0) * (t - t0)) / (t1 - t0);
  };
}

/** Part of its flight an arrow that has just left is drawn at: a "sends" step shows it leaving. */
export const LEAVING = 0.12;

/**
 * How far along its flight an arrow is drawn at time `t`: 0 not yet sent, a first stretch
 * (`LEAVING`) the instant it is sent, 1 complete.
 */
export function arrowProgress(arrow: Arrow, t: number): number {
  const t0 = arrow.event.t;
  if (t < t0) return 0;
  if (t >= arrow.tEnd || arrow.tEnd === t0) return 1;
  return Math.max(LEAVING, (t - t0) / (arrow.tEnd - t0));
}
