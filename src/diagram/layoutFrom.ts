/**
 * The layout of a trace that differs from the previous one from some event on (a packet dropped
 * or restored), taking over what lies before the change: `layoutFrom(previous, previousTrace,
 * next, options)` is deep-equal to `layout(next, options)`, and lays out anew only the badges,
 * marks and arrows past a safe cut. Pure.
 *
 * Why a cut is safe. A long trace's layout (`LONG_TRACE` events and more) whose every text found a
 * place is one try with every stretch at its normal height: each text is placed, in a fixed order
 * (badges, marks, arrows, each in trace order), at the first free place among its candidates, and
 * whether a place is free depends only on what is drawn where that place is. `layoutAt` records,
 * per item, how far down the places it tried reached (`reach`) and the top of everything it drew
 * (`top`). Cut before item j when
 * - every item before j is at the same place with the same texts in both traces (compared),
 * - nothing any item from j on draws, before or after the change, reaches above Y + 1, where Y is
 *   the lowest point any item before j tried (so what came after never touched their choices, in
 *   the previous layout or in the next), and no place tried anew reaches above Y + 1 either (so
 *   the texts taken over, all above Y, never touched the new choices; they are left out of the
 *   new placing, which sees every line, ✕, band and caption of the whole trace as a full layout
 *   does), and the idle-gap captions above Y + 1 are the same.
 * Then each item before j is placed as the full layout would place it (same candidates, same
 * answers), and so is each item from j on. When no cut passes, or the new part leaves a text
 * without a place (a full layout would then draw stretches taller), this is `layout(next)`.
 *
 * The tail too (layoutTail.ts). After a drop or a restore the trace mostly goes on as before,
 * shifted in time and in index: the items from a tail start on are the previous layout's moved
 * down by one Δy (new objects: their y, index and event are the new trace's), with no placing of
 * their own, when checks made on both layouts show a full layout would put them there (see
 * layoutTail.ts); only the middle is placed anew. When a tail passes the checks made before the
 * placing but not those after, the layout is made again with the head alone, as without a tail.
 *
 * What it returns: the items before the cut are the previous layout's own objects (the same
 * identity, so a keyed, memoised view skips them; their `event` is the previous trace's event,
 * deep-equal to the next's), the rest new.
 */
import type { Trace } from "../sim/types.ts";
import type { Rect } from "./boxes.ts";
import { rememberDrawablesAfter } from "./drawables.ts";
import { sameData } from "./sameData.ts";
import { SAME, sameItem } from "./sameItem.ts";
import { tailCut, tailProblem, traceTail, type TailCut, type TraceTail } from "./layoutTail.ts";
import {
  layout,
  layoutAt,
  LONG_TRACE,
  placingOf,
  prepare,
  rememberPlacing,
  ROOMY_HOPS,
  uniform,
  type DiagramLayout,
  type LayoutOptions,
  type PerKind,
  type Placing,
  type Prepared,
  type Raw,
  type Resume,
  type TextBox,
} from "./layout.ts";

/** Room kept between what is taken over and what is placed anew: no touching edge decides. */
const MARGIN_PX = 1;

/** What `layoutFrom` did, for tests and the benchmark: the items taken over, and why not more. */
export interface Reuse {
  /** Badges, marks and arrows taken over from the previous layout. */
  kept: PerKind<number>;
  /** Badges, marks and arrows of the tail taken over moved down (layoutTail.ts), placed anew or not. */
  moved: PerKind<number>;
  /** Of those, how many were placed anew (their numbers cross a power of two when moved). */
  anew: number;
  /** Why nothing was taken over (a full layout was made); null when something was. */
  full: string | null;
  /** Why no tail was taken over; null when one was. */
  noTail: string | null;
}

const NONE = { badges: 0, marks: 0, arrows: 0 } as const;

let lastReuse: Reuse = { kept: NONE, moved: NONE, anew: 0, full: "not run", noTail: "not run" };

/** What the last `layoutFrom` call took over (read by tests and `npm run bench:views`). */
export function lastLayoutFrom(): Reuse {
  return lastReuse;
}

/**
 * `layout(next, options)`, reusing `previous` (the layout of `previousTrace` at the same options)
 * up to the first item the change can move. Falls back to a full layout whenever taking over
 * would not give the same drawing.
 */
export function layoutFrom(
  previous: DiagramLayout,
  previousTrace: Trace,
  next: Trace,
  options: LayoutOptions,
): DiagramLayout {
  const full = (why: string) => {
    lastReuse = { kept: NONE, moved: NONE, anew: 0, full: why, noTail: why };
    return layout(next, options);
  };
  const before = placingOf(previous);
  if (!before || before.trace !== previousTrace) return full("previous layout not taken over");
  if (options.margins) return full("fixed margins");
  if (!sameOptions(before.options, options)) return full("other options");
  if (next.events.length <= LONG_TRACE) return full("short trace");
  if (!sameSetting(previousTrace, next)) return full("other scenario settings");
  const shift = traceTail(previousTrace, next);
  // The tail's packets say what they said before: their texts are taken over, not written again.
  rememberDrawablesAfter(next, previousTrace, shift.start, shift.di);
  const prepared = prepare(next, options, 1, ROOMY_HOPS);
  if (prepared.width !== before.prepared.width || !sameLanes(prepared.xs, before.prepared.xs))
    return full("lanes moved");
  const withTail = tryFrom(before, next, options, prepared, shift);
  // A tail that did not hold: as without one (a new try: the first one left out the tail's boxes).
  const made = withTail.tailFailed ? tryFrom(before, next, options, prepared, undefined) : withTail;
  if (typeof made.result === "string") return full(made.result);
  if (withTail.tailFailed) made.reuse.noTail = withTail.tailFailed;
  lastReuse = made.reuse;
  return made.result;
}

/**
 * One try at uniform spread taking over `before`'s head, and its tail when `shift` is given: the
 * drawing (or why a full layout is needed), and whether it was the tail that did not hold.
 */
function tryFrom(
  before: Placing,
  next: Trace,
  options: LayoutOptions,
  prepared: Prepared,
  shift: TraceTail | undefined,
): { result: DiagramLayout | string; reuse: Reuse; tailFailed: string | null } {
  let threshold = -Infinity;
  let kept: PerKind<number> = NONE;
  let cut = { tail: undefined, why: "not tried" } as TailCut;
  const tried = layoutAt(next, options, uniform(1), prepared, (raw, gaps) => {
    const head = safeCut(before, raw);
    threshold = head.threshold;
    if (head.resume) kept = head.resume.counts;
    if (shift) cut = tailCut(before, next, raw, gaps, shift, kept);
    if (!cut.tail) return head.resume;
    return { ...(head.resume ?? { from: before, counts: NONE, skipAbove: -Infinity }), tail: cut.tail };
  });
  const reuse: Reuse = { kept, moved: NONE, anew: 0, full: null, noTail: cut.tail ? null : cut.why };
  const failed = (why: string) => ({ result: why, reuse, tailFailed: cut.tail ? why : null });
  const { layout: drawing } = tried;
  if (!drawing.fits) return failed("a text found no place");
  if (tried.newTop < threshold + MARGIN_PX || tried.newTriedTop < threshold + MARGIN_PX)
    return failed("the new part reaches above the cut");
  if (!sameGapsAbove(before.layout.gapBoxes, drawing.gapBoxes, threshold + MARGIN_PX))
    return failed("idle gaps above the cut differ");
  if (cut.tail) {
    const problem = tailProblem(tried.placing, cut);
    if (problem) return failed(problem);
    const { start, anew } = cut.tail;
    reuse.moved = {
      badges: drawing.badges.length - start.badges,
      marks: drawing.marks.length - start.marks,
      arrows: drawing.arrows.length - start.arrows,
    };
    for (const k of [anew.badges, anew.marks, anew.arrows]) for (const a of k) reuse.anew += a;
  }
  rememberPlacing(tried.placing);
  return { result: drawing, reuse, tailFailed: null };
}

function sameOptions(a: LayoutOptions, b: LayoutOptions): boolean {
  return (
    a.width === b.width &&
    a.flightPx === b.flightPx &&
    a.idlePx === b.idlePx &&
    a.fontScale === b.fontScale &&
    a.margins === undefined &&
    b.margins === undefined
  );
}

/** What the layout reads of the scenario besides the events: parties, sessions, latency. */
function sameSetting(a: Trace, b: Trace): boolean {
  const setting = (t: Trace) =>
    JSON.stringify([Boolean(t.scenario.subscriber), t.scenario.session, t.scenario.timing.latencyMs]);
  return setting(a) === setting(b);
}

function sameLanes(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [party, x] of a) if (b.get(party) !== x) return false;
  return true;
}

/** The cut: what to take over, and the lowest point the items taken over tried. */
function safeCut(before: Placing, raw: Raw): { resume: Resume | undefined; threshold: number } {
  // Items in trace order, across kinds, as long as they are where they were with the same texts.
  const order = merged(before, raw);
  let j = order.same;
  const { prefixReach, suffixTop } = order;
  // The latest cut where nothing after it reached above what came before it tried.
  while (j > 0 && (prefixReach[j] as number) + MARGIN_PX > (suffixTop[j] as number)) j--;
  if (j === 0) return { resume: undefined, threshold: -Infinity };
  const counts = { badges: 0, marks: 0, arrows: 0 };
  for (let i = 0; i < j; i++) counts[order.kinds[i] as keyof PerKind<number>]++;
  const threshold = prefixReach[j] as number;
  return { resume: { from: before, counts, skipAbove: threshold + MARGIN_PX }, threshold };
}

const KINDS = ["badges", "marks", "arrows"] as const;

/**
 * The previous layout's items merged in trace order, with, at each position j: the lowest point
 * the items before j tried (`prefixReach[j]`) and the highest point anything from j on drew
 * (`suffixTop[j]`); `same`: how many leading items are unchanged in `raw`.
 */
function merged(before: Placing, raw: Raw) {
  const n = before.raw.badges.length + before.raw.marks.length + before.raw.arrows.length;
  const kinds: (typeof KINDS)[number][] = [];
  const reach = new Float64Array(n);
  const top = new Float64Array(n);
  const next = { badges: 0, marks: 0, arrows: 0 };
  let same = -1;
  for (let i = 0; i < n; i++) {
    // The kind whose next item comes first in the trace.
    let kind: (typeof KINDS)[number] = "badges";
    let index = Infinity;
    for (const k of KINDS) {
      const item = before.raw[k][next[k]];
      if (item && item.index < index) {
        index = item.index;
        kind = k;
      }
    }
    const at = next[kind]++;
    kinds.push(kind);
    reach[i] = before.reach[kind][at] as number;
    top[i] = before.top[kind][at] as number;
    if (same < 0 && !sameItem(kind, before.raw, at, raw, at, SAME)) same = i;
  }
  if (same < 0) same = n;
  const prefixReach = new Float64Array(n + 1);
  prefixReach[0] = -Infinity;
  for (let i = 0; i < n; i++) prefixReach[i + 1] = Math.max(prefixReach[i] as number, reach[i] as number);
  const suffixTop = new Float64Array(n + 1);
  suffixTop[n] = Infinity;
  for (let i = n - 1; i >= 0; i--) suffixTop[i] = Math.min(suffixTop[i + 1] as number, top[i] as number);
  return { kinds, prefixReach, suffixTop, same };
}

/** Whether the idle-gap captions that start above `y` are the same in both. */
function sameGapsAbove(a: readonly TextBox[], b: readonly TextBox[], y: number): boolean {
  const above = (list: readonly TextBox[]) => list.filter((g: Rect) => g.y < y);
  return sameData(above(a), above(b));
}
