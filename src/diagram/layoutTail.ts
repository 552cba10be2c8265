/**
 * The tail of a click's layout (layoutFrom.ts): after a drop or a restore, the trace goes on as
 * before, only later in time by `dt` and later in `events` by `di` (a reconnection added a delay and
 * a few events), so the previous layout's last items can be taken over moved down by `dy`. Pure.
 *
 * When that gives what a full layout gives. Each text is placed at the first free place among its
 * candidates, in a fixed order; the previous layout records, per item, how far up and down its
 * placing looked (`tried`, `low`). Take over the items from a tail start on when
 * - every event from there on is the previous trace's, shifted (every field compared; `t` and
 *   `arrives` + dt, `causedBy` + di, pointing into the tail; a connection's number aside), and
 *   every item drawn from them is the previous one with its positions + dy, its texts the same
 *   (compared; keys and accessible names, which the placing never reads, are the new trace's);
 * - in the previous layout, what the tail tried lies more than a margin below everything else
 *   drew (so its choices depended on the tail alone and the idle gaps there, which are compared:
 *   times, places and captions),
 *   and in the new one likewise (checked after the placing, with what was placed anew);
 * - the arithmetic moves by dy exactly: dy is a multiple of 1/1024 and an item's numbers stay
 *   within one power of two before and after the move (then every sum is rounded alike). Items
 *   whose numbers cross one are placed anew, and so are the items that may look at them, among
 *   their neighbours moved down (`near`), and must land where the previous ones did, moved.
 * Then every taken-over item would be placed by a full layout exactly there, and nothing placed
 * anew can see the difference (it never looks that far down).
 */
import type { Trace, TraceEvent } from "../sim/types.ts";
import { drawables } from "./drawables.ts";
import type { Gap } from "./timeWarp.ts";
import type { Arrow, Badge, DiagramLayout, Mark, PerKind, Placing, Raw, Tail, TextBox } from "./layout.ts";
import { sameData } from "./sameData.ts";
import { binade, movedBy, ROUNDING, sameItem, type ItemShift } from "./sameItem.ts";

/** Room kept between the tail and everything else: no touching edge decides. */
const MARGIN_PX = 1;
/** Room around an item's numbers in which no power of two may fall (its sums stay in the range). */
const BINADE_PAD = 64;
/** Finer than this, a position moved by dy would not add exactly. */
const DY_GRID = 1024;

const KINDS = ["badges", "marks", "arrows"] as const;
type Kind = (typeof KINDS)[number];

/** Where `next` goes on as `previous` did: from event `start` on, shifted by `di` events and `dt` ms. */
export interface TraceTail {
  start: number;
  di: number;
  dt: number;
}

/** The longest tail of `next` that is `previous`'s shifted (`start` = events.length when none). */
export function traceTail(previous: Trace, next: Trace): TraceTail {
  const a = previous.events;
  const b = next.events;
  const di = b.length - a.length;
  const lastA = a[a.length - 1];
  const lastB = b[b.length - 1];
  if (!lastA || !lastB) return { start: b.length, di, dt: 0 };
  const dt = lastB.t - lastA.t;
  let k = b.length;
  while (k > 0 && k - 1 - di >= 0 && sameShifted(b[k - 1] as TraceEvent, a[k - 1 - di] as TraceEvent, di, dt))
    k--;
  // What the layout reads through `causedBy` (a timer's start, a delivery's fate) must be in the tail.
  let start = b.length;
  let cause = Infinity;
  for (let i = b.length - 1; i >= k; i--) {
    const c = (b[i] as { causedBy?: number }).causedBy;
    if (c !== undefined) cause = Math.min(cause, c);
    if (cause >= i) start = i;
  }
  return { start, di, dt };
}

/** Whether `x` is `y` shifted: every field equal, times + dt, the cause's index + di. */
function sameShifted(x: TraceEvent, y: TraceEvent, di: number, dt: number): boolean {
  if (x.type !== y.type) return false;
  const a = x as unknown as Record<string, unknown>;
  const b = y as unknown as Record<string, unknown>;
  let fields = 0;
  for (const key in a) {
    fields++;
    const u = a[key];
    const v = b[key];
    // A connection's number (every later reconnection counts one more) names it, and moves nothing.
    if (key === "attempt" && x.type === "packet" && (x.packet === "CONNECT" || x.packet === "CONNACK"))
      continue;
    if (key === "t" || key === "arrives") {
      if (u !== (v as number) + dt) return false;
    } else if (key === "causedBy") {
      if (u !== (v as number) + di) return false;
    } else if (u !== v && !sameData(u, v)) return false;
  }
  return fields === Object.keys(b).length;
}

/** What the tail's check found: the tail to take over, or why none. */
export type TailCut = { tail: Tail; minTried: number; gapSpanPx: number } | { tail: undefined; why: string };

/**
 * The tail to take over from `before` (the previous layout's placing) in a try whose items are
 * `raw` and idle gaps `gaps`, after the `kept` items taken over at the head; `shift` from traceTail.
 */
export function tailCut(
  before: Placing,
  trace: Trace,
  raw: Raw,
  gaps: readonly Gap[],
  shift: TraceTail,
  kept: PerKind<number>,
): TailCut {
  const { di, dt } = shift;
  if (shift.start >= trace.events.length) return { tail: undefined, why: "no shifted events at the end" };
  const last = lastItem(raw);
  const prevLast = lastItem(before.raw);
  if (!last || !prevLast || last.kind !== prevLast.kind)
    return { tail: undefined, why: "no items at the end" };
  const dy = anchorY(raw, last.kind, last.at) - anchorY(before.raw, prevLast.kind, prevLast.at);
  if (!Number.isInteger(dy * DY_GRID)) return { tail: undefined, why: "moved by an odd amount" };
  // The tail's comparison: items moved, compared with their texts as drawn (sameItem.ts).
  const moved: ItemShift = {
    di,
    dt,
    dy,
    drawn: { prev: drawables(before.trace).arrows, next: drawables(trace).arrows },
  };

  // From the end, as long as each item is the previous one moved: the earliest event it allows.
  let from = shift.start;
  for (const kind of KINDS) {
    const list = raw[kind];
    const prev = before.raw[kind];
    let i = list.length - 1;
    let p = prev.length - 1;
    while (i >= 0 && p >= 0 && (list[i] as { index: number }).index >= from) {
      if (!sameItem(kind, before.raw, p, raw, i, moved)) {
        from = (list[i] as { index: number }).index + 1;
        break;
      }
      i--;
      p--;
    }
    if (i >= 0 && p < 0 && (list[i] as { index: number }).index >= from)
      from = (list[i] as { index: number }).index + 1;
  }
  // Never into the head taken over as it was.
  for (const kind of KINDS) {
    const lastKept = raw[kind][kept[kind] - 1];
    if (lastKept) from = Math.max(from, lastKept.index + 1);
  }

  // In the previous layout: the first item from which what follows tried below all that came before.
  const order = mergedOrder(before.raw);
  const s = before.options.fontScale ?? 1;
  const prefixLow = new Float64Array(order.length + 1);
  prefixLow[0] = 64 * s;
  for (let j = 0; j < order.length; j++) {
    const low = before.low[KINDS[order.kinds[j] as number] as Kind][order.at[j] as number] as number;
    prefixLow[j + 1] = Math.max(prefixLow[j] as number, low);
  }
  const suffixTried = new Float64Array(order.length + 1);
  suffixTried[order.length] = Infinity;
  for (let j = order.length - 1; j >= 0; j--) {
    const tried = before.tried[KINDS[order.kinds[j] as number] as Kind][order.at[j] as number] as number;
    suffixTried[j] = Math.min(suffixTried[j + 1] as number, tried);
  }
  // Idle gaps: those the tail may look at, in either layout, must be the same moved (from the end).
  const gapSpanPx = 10 * s;
  const bottomOf = (g: Gap) => Math.max(g.y1, (g.y0 + g.y1) / 2 + gapSpanPx);
  const prevGaps = before.layout.gaps;
  let matched = 0;
  while (matched < gaps.length && matched < prevGaps.length) {
    const g = gaps[gaps.length - 1 - matched] as Gap;
    const h = prevGaps[prevGaps.length - 1 - matched] as Gap;
    if (g.t0 !== h.t0 + dt || g.t1 !== h.t1 + dt || !movedBy(h.y0, g.y0, dy) || !movedBy(h.y1, g.y1, dy))
      break;
    matched++;
  }
  let otherGapsPrev = -Infinity;
  for (let i = 0; i < prevGaps.length - matched; i++)
    otherGapsPrev = Math.max(otherGapsPrev, bottomOf(prevGaps[i] as Gap));
  let otherGaps = -Infinity;
  for (let i = 0; i < gaps.length - matched; i++) otherGaps = Math.max(otherGaps, bottomOf(gaps[i] as Gap));

  const indexAt = (j: number) =>
    before.raw[KINDS[order.kinds[j] as number] as Kind][order.at[j] as number]!.index;
  let j = 0;
  while (j < order.length && indexAt(j) < from - di) j++;
  if (j >= order.length) return { tail: undefined, why: "no items in the shifted events" };
  const clear = (j: number) => {
    const tried = suffixTried[j] as number;
    return (
      Math.max(prefixLow[j] as number, otherGapsPrev) + MARGIN_PX < tried &&
      otherGaps + MARGIN_PX < tried + dy
    );
  };
  while (j < order.length && !clear(j)) j++;
  if (j >= order.length) return { tail: undefined, why: "the tail's texts looked up into the change" };
  from = indexAt(j) + di;
  const minTried = (suffixTried[j] as number) + dy;

  const start = { badges: 0, marks: 0, arrows: 0 };
  const prevStart = { badges: 0, marks: 0, arrows: 0 };
  for (const kind of KINDS) {
    start[kind] = firstAtOrAfter(raw[kind], from);
    prevStart[kind] = firstAtOrAfter(before.raw[kind], from - di);
    if (raw[kind].length - start[kind] !== before.raw[kind].length - prevStart[kind])
      return { tail: undefined, why: "the tail's items differ in number" };
  }
  // The gaps the tail may look at are its own: left out of the occupancy unless near an item placed anew.
  let gapStart = gaps.length - matched;
  while (gapStart < gaps.length && bottomOf(gaps[gapStart] as Gap) + MARGIN_PX < minTried) gapStart++;

  // Items whose numbers cross a power of two when moved: placed anew, with their neighbours near.
  // So are the items that may look at them (their numbers moved only up to rounding): then every
  // item moved without a placing compares only numbers moved exactly.
  const anew = {
    badges: new Uint8Array(raw.badges.length - start.badges),
    marks: new Uint8Array(raw.marks.length - start.marks),
    arrows: new Uint8Array(raw.arrows.length - start.arrows),
  };
  const crossing: [number, number][] = [];
  const span = (kind: Kind, k: number) => {
    const p = prevStart[kind] + k;
    return [before.tried[kind][p] as number, before.low[kind][p] as number] as const;
  };
  for (const kind of KINDS) {
    for (let k = 0; k < anew[kind].length; k++) {
      const [lo, hi] = span(kind, k);
      if (binade(Math.min(lo, lo + dy) - BINADE_PAD) === binade(Math.max(hi, hi + dy) + BINADE_PAD)) continue;
      anew[kind][k] = 1;
      crossing.push([lo + dy - BINADE_PAD, hi + dy + BINADE_PAD]);
    }
  }
  const nearCrossing = nearAny([...crossing]);
  const windows = crossing;
  for (const kind of KINDS) {
    for (let k = 0; k < anew[kind].length; k++) {
      const [lo, hi] = span(kind, k);
      if (anew[kind][k] || !nearCrossing(lo + dy, hi + dy)) continue;
      anew[kind][k] = 1;
      windows.push([lo + dy - BINADE_PAD, hi + dy + BINADE_PAD]);
    }
  }
  const near = nearAny(windows);
  return { tail: { from: before, start, prevStart, dy, anew, gapStart, near }, minTried, gapSpanPx };
}

/**
 * What the new layout must show for the tail to be as a full layout would place it (null when
 * all holds): everything before the tail (taken over or placed anew) drew and tried above what
 * the tail tried and drew, and each item placed anew landed where the previous one did, moved.
 */
export function tailProblem(placing: Placing, cut: Extract<TailCut, { tail: Tail }>): string | null {
  const { tail, minTried, gapSpanPx } = cut;
  const drawing = placing.layout;
  let above = 64 * (placing.options.fontScale ?? 1);
  for (const kind of KINDS)
    for (let i = 0; i < tail.start[kind]; i++) above = Math.max(above, placing.low[kind][i] as number);
  const gaps = drawing.gaps;
  for (let i = 0; i < tail.gapStart; i++) {
    const g = gaps[i] as Gap;
    above = Math.max(above, g.y1, (g.y0 + g.y1) / 2 + gapSpanPx);
  }
  let below = minTried;
  for (let i = tail.gapStart; i < drawing.gapBoxes.length; i++)
    below = Math.min(below, drawing.gapBoxes[i]!.y);
  for (const kind of KINDS)
    for (let i = tail.start[kind]; i < placing.raw[kind].length; i++)
      below = Math.min(below, placing.tried[kind][i] as number);
  if (above + MARGIN_PX >= below) return "what changed reaches the tail";
  const prevBoxes = tail.from.layout.gapBoxes;
  const offset = prevBoxes.length - drawing.gapBoxes.length;
  for (let i = tail.gapStart; i < drawing.gapBoxes.length; i++) {
    const box = drawing.gapBoxes[i] as TextBox;
    const old = prevBoxes[i + offset];
    if (!old || box.x !== old.x || !movedBy(old.y, box.y, tail.dy) || !sameData(box.lines, old.lines))
      return "an idle gap's caption near the tail differs";
  }
  for (const kind of KINDS) {
    const anew = tail.anew[kind];
    for (let k = 0; k < anew.length; k++) {
      if (!anew[k]) continue;
      const i = tail.start[kind] + k;
      const p = tail.prevStart[kind] + k;
      if (!sameMovedOutput(kind, drawing, tail.from.layout, i, p, tail.dy))
        return "an item near a power of two moved elsewhere";
    }
  }
  return null;
}

/** The item with the largest event index, of any kind. */
function lastItem(raw: Raw): { kind: Kind; at: number } | undefined {
  let best: { kind: Kind; at: number } | undefined;
  let index = -1;
  for (const kind of KINDS) {
    const at = raw[kind].length - 1;
    const item = raw[kind][at];
    if (item && item.index > index) {
      index = item.index;
      best = { kind, at };
    }
  }
  return best;
}

function anchorY(raw: Raw, kind: Kind, at: number): number {
  return kind === "arrows" ? raw.arrows[at]!.y1 : raw[kind][at]!.y;
}

/** The items of all kinds in trace order: each one's kind (its place in KINDS) and position. */
function mergedOrder(raw: Raw): { length: number; kinds: Uint8Array; at: Int32Array } {
  const next = [0, 0, 0];
  const length = raw.badges.length + raw.marks.length + raw.arrows.length;
  const kinds = new Uint8Array(length);
  const at = new Int32Array(length);
  for (let i = 0; i < length; i++) {
    let kind = 0;
    let index = Infinity;
    for (let k = 0; k < KINDS.length; k++) {
      const item = raw[KINDS[k] as Kind][next[k] as number];
      if (item && item.index < index) {
        index = item.index;
        kind = k;
      }
    }
    kinds[i] = kind;
    at[i] = (next[kind] as number)++;
  }
  return { length, kinds, at };
}

/** The first of `list` (in trace order) at event `index` or later. */
function firstAtOrAfter(list: readonly { index: number }[], index: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as { index: number }).index < index) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Whether `b`, a position an item placed anew chose, is `a` moved by `dy`: up to rounding near a
 * power of two, exactly farther from one (where the items moved down compare with it).
 */
function placedBy(a: number, b: number, dy: number): boolean {
  if (b === a + dy) return true;
  const near = binade(Math.min(a, b) - BINADE_PAD) !== binade(Math.max(a, b) + BINADE_PAD);
  return near && Math.abs(b - a - dy) < ROUNDING;
}

/** Whether an item placed anew stands where the previous one stood, moved by `dy`. */
function sameMovedOutput(
  kind: Kind,
  next: DiagramLayout,
  prev: DiagramLayout,
  i: number,
  p: number,
  dy: number,
) {
  if (kind === "arrows")
    return sameMovedBox((next.arrows[i] as Arrow).labelBox, (prev.arrows[p] as Arrow).labelBox, dy);
  if (kind === "badges") {
    const x = next.badges[i] as Badge;
    const y = prev.badges[p] as Badge;
    return x.cx === y.cx && placedBy(y.cy, x.cy, dy) && sameMovedBox(x.textBox, y.textBox, dy);
  }
  const a = (next.marks[i] as Mark).textBox;
  const b = (prev.marks[p] as Mark).textBox;
  return a === null || b === null ? a === b : sameMovedBox(a, b, dy);
}

function sameMovedBox(a: TextBox, b: TextBox, dy: number): boolean {
  return (
    a.x === b.x &&
    a.w === b.w &&
    a.h === b.h &&
    a.tx === b.tx &&
    placedBy(b.y, a.y, dy) &&
    // Drawn only (never compared by the placer): the same up to rounding.
    Math.abs(a.ty - b.ty - dy) < ROUNDING &&
    sameData(a.lines, b.lines)
  );
}

/** Whether a span top..bottom meets one of `windows` (sorted and merged once). */
function nearAny(windows: [number, number][]): (top: number, bottom: number) => boolean {
  windows.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [a, b] of windows) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return (top, bottom) => {
    // The last window starting at or above `bottom`: the only one that may reach down to `top`.
    let lo = 0;
    let hi = merged.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((merged[mid] as [number, number])[0] <= bottom) lo = mid + 1;
      else hi = mid;
    }
    const w = merged[lo - 1];
    return w !== undefined && w[1] >= top;
  };
}
