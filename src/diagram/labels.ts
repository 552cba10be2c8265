/**
 * The label placer: where each text box goes so that it overlaps nothing already drawn. Boxes and
 * lines are kept in buckets by height, so that a query looks only at its neighbourhood and laying
 * out a trace stays linear in its length. Pure (the occupancy is local to one layout run).
 */
import { overlaps, segmentHits, type Rect } from "./boxes.ts";

export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

const BUCKET_PX = 64;

/** The bucket of height `y`: a span from top to bottom touches those of both and all between. */
function bucketOf(y: number): number {
  return Math.floor(y / BUCKET_PX);
}

/** Buckets kept in the array: a drawing up to ~4 million px tall (20,000 packets); past it, the map. */
const ARRAY_BUCKETS = 1 << 16;

/**
 * Lists by bucket: an array slot per bucket from 0 down the drawing (a look-up is an index, not a
 * hash), and a map for the few outside it (above its top).
 */
class Buckets<T> {
  private readonly below: (T[] | undefined)[] = [];
  private readonly above = new Map<number, T[]>();

  get(b: number): T[] | undefined {
    return b >= 0 && b < ARRAY_BUCKETS ? this.below[b] : this.above.get(b);
  }

  add(b: number, item: T): void {
    const list = this.get(b);
    if (list) list.push(item);
    else if (b >= 0 && b < ARRAY_BUCKETS) {
      // Fill the holes up to b, so the array stays packed.
      while (this.below.length < b) this.below.push(undefined);
      this.below[b] = [item];
    } else this.above.set(b, [item]);
  }
}

/** What is already on the drawing: boxes no label may overlap, lines a label should not cross. */
export class Occupancy {
  private readonly boxes = new Buckets<Rect>();
  private readonly lines = new Buckets<Segment>();
  /** Boxes taller than a few buckets (lane lines): few, checked always. */
  private readonly tall: Rect[] = [];

  addBox(r: Rect): void {
    if (r.h > 4 * BUCKET_PX) {
      this.tall.push(r);
      return;
    }
    for (let b = bucketOf(r.y), last = bucketOf(r.y + r.h); b <= last; b++) this.boxes.add(b, r);
  }

  addLine(s: Segment): void {
    for (let b = bucketOf(Math.min(s.y1, s.y2)), last = bucketOf(Math.max(s.y1, s.y2)); b <= last; b++)
      this.lines.add(b, s);
  }

  // The two queries below run for every candidate place of every text, several times per layout:
  // plain loops, no arrays or closures built per call.

  /** Whether `r` overlaps no box. */
  boxFree(r: Rect): boolean {
    for (const t of this.tall) if (overlaps(t, r)) return false;
    for (let b = bucketOf(r.y), last = bucketOf(r.y + r.h); b <= last; b++) {
      const list = this.boxes.get(b);
      if (list) for (const o of list) if (overlaps(o, r)) return false;
    }
    return true;
  }

  /** Whether no line other than `own` passes through `r`. */
  lineFree(r: Rect, own?: Segment): boolean {
    for (let b = bucketOf(r.y), last = bucketOf(r.y + r.h); b <= last; b++) {
      const list = this.lines.get(b);
      if (!list) continue;
      for (const s of list) if (s !== own && segmentHits(s.x1, s.y1, s.x2, s.y2, r)) return false;
    }
    return true;
  }
}

/** Where a box may go: inside the drawing's sides, below its top. */
export interface Bounds {
  left: number;
  right: number;
  top: number;
}

function inBounds(r: Rect, b: Bounds): boolean {
  return r.x >= b.left && r.x + r.w <= b.right && r.y >= b.top;
}

/** Candidates looked at, once one fits but is crossed by a line, for one that is not. */
const SOFT_LOOKAHEAD = 64;

/**
 * Candidate places for one text, drawn one at a time into a box the caller owns: the placer tries
 * tens of thousands per drawing, so nothing is built per candidate (no generator, no object).
 */
export interface Candidates {
  /** How many there are. */
  readonly size: number;
  /** Writes candidate `k` (0 ≤ k < size) into `out`. */
  at(k: number, out: Rect): void;
}

/**
 * What `pickAt` found: the candidate's index (-1 for none), and whether no other line crosses it;
 * and how far up and down the candidates it tried reach (widened, never reset, by every call: the
 * caller resets them per text). What a text's place depends on lies within that reach.
 */
export interface Choice {
  k: number;
  clean: boolean;
  top: number;
  bottom: number;
}

/** A choice to pass to `pickAt`, with an empty reach. */
export function newChoice(): Choice {
  return { k: -1, clean: false, top: Infinity, bottom: -Infinity };
}

/** The box `pickAt` tests against a text's own line: one, reused, not one per candidate. */
const grown: Rect = { x: 0, y: 0, w: 0, h: 0 };

/**
 * The first candidate that lies in bounds, overlaps no box, is not crossed by its own line and
 * passes `accept`; one that no other line crosses either is preferred (among the next `lookahead`).
 * Writes its index into `choice` (-1 when none fits); `out` is scratch, left as the last tried.
 */
export function pickAt(
  candidates: Candidates,
  occ: Occupancy,
  bounds: Bounds,
  own: Segment | undefined,
  out: Rect,
  choice: Choice,
  accept?: (r: Rect) => boolean,
  lookahead = SOFT_LOOKAHEAD,
): Choice {
  let fallback = -1;
  let left = lookahead;
  choice.clean = false;
  for (let k = 0; k < candidates.size; k++) {
    if (fallback >= 0 && left-- <= 0) break;
    candidates.at(k, out);
    if (out.y < choice.top) choice.top = out.y;
    if (out.y + out.h > choice.bottom) choice.bottom = out.y + out.h;
    if (!inBounds(out, bounds) || !occ.boxFree(out) || (accept && !accept(out))) continue;
    if (own && segmentHits(own.x1, own.y1, own.x2, own.y2, inflateInto(grown, out, 1))) continue;
    if (occ.lineFree(out, own)) {
      choice.k = k;
      choice.clean = true;
      return choice;
    }
    if (fallback < 0) fallback = k;
  }
  choice.k = fallback;
  return choice;
}

/**
 * `pickAt` over a list: the first candidate that fits, preferring one no other line crosses
 * (among the next few); null when none fits.
 */
export function pick<R extends Rect>(
  candidates: Iterable<R>,
  occ: Occupancy,
  bounds: Bounds,
  own?: Segment,
  accept?: (r: Rect) => boolean,
  lookahead = SOFT_LOOKAHEAD,
): R | null {
  const list = [...candidates];
  const source: Candidates = { size: list.length, at: (k, out) => copyInto(out, list[k] as R) };
  const choice = pickAt(source, occ, bounds, own, { x: 0, y: 0, w: 0, h: 0 }, newChoice(), accept, lookahead);
  const { k } = choice;
  return k < 0 ? null : (list[k] as R);
}

function copyInto(out: Rect, r: Rect): void {
  out.x = r.x;
  out.y = r.y;
  out.w = r.w;
  out.h = r.h;
}

/** `r` grown by `by` on every side, written into `out` (no new object per candidate). */
function inflateInto(out: Rect, r: Rect, by: number): Rect {
  out.x = r.x - by;
  out.y = r.y - by;
  out.w = r.w + 2 * by;
  out.h = r.h + 2 * by;
  return out;
}

/** Every candidate as a box of its own (tests, and callers that keep them). */
export function* boxesOf(candidates: Candidates): Generator<Rect> {
  for (let k = 0; k < candidates.size; k++) {
    const r = { x: 0, y: 0, w: 0, h: 0 };
    candidates.at(k, r);
    yield r;
  }
}

/** Fractions along its line at which an arrow's label is tried, from the middle outwards. */
const ALONG = [0.5, 0.38, 0.62, 0.26, 0.74, 0.14, 0.86];
/** How far from its line a label is tried, in label heights, nearest first. */
const AWAY = [0, 0.5, 1, 1.5];

/** A text's size, its line, the gap kept from it, and the span it must stay in. */
abstract class AlongLine implements Candidates {
  abstract readonly size: number;
  protected s: Segment = { x1: 0, y1: 0, x2: 0, y2: 0 };
  protected w = 0;
  protected h = 0;
  protected gap = 0;
  protected minX = 0;
  protected maxX = 0;

  /** Sets the line and the text (reused for every text: nothing built per label). */
  set(s: Segment, w: number, h: number, gap: number, minX: number, maxX: number): this {
    this.s = s;
    this.w = w;
    this.h = h;
    this.gap = gap;
    this.minX = minX;
    this.maxX = maxX;
    return this;
  }

  abstract at(k: number, out: Rect): void;
}

/**
 * Boxes of size w × h beside the segment (never on it), `gap` away, between `minX` and `maxX`:
 * above first, then below, at the middle first, then further out along the line and away from it.
 */
export class BesideLine extends AlongLine {
  readonly size = AWAY.length * ALONG.length * 2;

  at(k: number, out: Rect): void {
    const { s, w, h } = this;
    const away = AWAY[Math.floor(k / (2 * ALONG.length))] as number;
    const f = ALONG[(k >> 1) % ALONG.length] as number;
    const px = s.x1 + (s.x2 - s.x1) * f;
    const x = Math.min(this.maxX - w, Math.max(this.minX, px - w / 2));
    const ya = this.yAt(x);
    const yb = this.yAt(x + w);
    out.x = x;
    out.y = k % 2 === 0 ? Math.min(ya, yb) - this.gap - h - away * h : Math.max(ya, yb) + this.gap + away * h;
    out.w = w;
    out.h = h;
  }

  /** The line's height at `x`, level past its ends. */
  private yAt(x: number): number {
    const { s } = this;
    const lo = Math.min(s.x1, s.x2);
    const hi = Math.max(s.x1, s.x2);
    const cx = Math.min(hi, Math.max(lo, x));
    return hi === lo ? s.y1 : s.y1 + ((cx - s.x1) * (s.y2 - s.y1)) / (s.x2 - s.x1);
  }
}

/** Places below the farthest besideLine candidate, tried when traffic crowds a line on both sides. */
const FAR_BELOW_STEPS = 801;

/** Last resort when traffic crowds a line on both sides: further below it, at its middle. */
export class FarBelow extends AlongLine {
  readonly size = FAR_BELOW_STEPS;

  at(k: number, out: Rect): void {
    const { s, w, h } = this;
    out.x = Math.min(this.maxX - w, Math.max(this.minX, (s.x1 + s.x2) / 2 - w / 2));
    out.y = Math.max(s.y1, s.y2) + this.gap + (k * h) / 2;
    out.w = w;
    out.h = h;
  }
}

/** Heights tried past a lost packet's ✕, in text heights from level with it. */
const PAST_END = [0, -0.5, 0.5];

/**
 * Boxes of size w × h level with the end of the segment and past it (a lost packet's ✕), `gap`
 * away, when they fit before `maxX` (or after `minX`, for a segment drawn leftwards).
 */
export class PastEnd extends AlongLine {
  get size(): number {
    return this.x() < this.minX || this.x() + this.w > this.maxX ? 0 : PAST_END.length;
  }

  at(k: number, out: Rect): void {
    out.x = this.x();
    out.y = this.s.y2 - this.h / 2 + (PAST_END[k] as number) * this.h;
    out.w = this.w;
    out.h = this.h;
  }

  private x(): number {
    const { s } = this;
    return s.x2 >= s.x1 ? s.x2 + this.gap : s.x2 - this.gap - this.w;
  }
}

/** The candidates of `first`, then those of `then`. */
export class Chain implements Candidates {
  private readonly first: Candidates;
  private readonly then: Candidates;

  constructor(first: Candidates, then: Candidates) {
    this.first = first;
    this.then = then;
  }

  get size(): number {
    return this.first.size + this.then.size;
  }

  at(k: number, out: Rect): void {
    const n = this.first.size;
    if (k < n) this.first.at(k, out);
    else this.then.at(k - n, out);
  }
}

/** `BesideLine`'s candidates as boxes of their own. */
export function besideLine(s: Segment, w: number, h: number, gap: number, minX: number, maxX: number) {
  return boxesOf(new BesideLine().set(s, w, h, gap, minX, maxX));
}

/** `FarBelow`'s candidates as boxes of their own. */
export function farBelow(s: Segment, w: number, h: number, gap: number, minX: number, maxX: number) {
  return boxesOf(new FarBelow().set(s, w, h, gap, minX, maxX));
}

/** `PastEnd`'s candidates as boxes of their own. */
export function pastEnd(s: Segment, w: number, h: number, gap: number, minX: number, maxX: number): Rect[] {
  return [...boxesOf(new PastEnd().set(s, w, h, gap, minX, maxX))];
}

/** Shifts tried downwards past the near ones, for texts stacked at one place and instant. */
const STACK_STEPS = 4000;

/**
 * A text's box moved by 0, then ±step, ±2·step, … up to ±range, then further down only (several
 * texts at one place and instant, messages published together, stack downwards). Mirrored, each
 * shift d is followed by -d - h - lift (a connection loss's text: under its zigzag, or over it).
 */
export class Shifts implements Candidates {
  size = 0;
  private box: Rect = { x: 0, y: 0, w: 0, h: 0 };
  /** 0, step, -step, 2·step, … summed step by step (as the drawing has always summed them). */
  private readonly near: number[] = [];
  private range = 0;
  private step = 0;
  private mirrored = false;
  private lift = 0;

  /** Sets the text and its shifts (reused for every text: nothing built per text). */
  set(box: Rect, range: number, step: number, mirrorLift?: number): this {
    this.box = box;
    this.range = range;
    this.step = step;
    this.mirrored = mirrorLift !== undefined;
    this.lift = mirrorLift ?? 0;
    const near = this.near;
    near.length = 0;
    near.push(0);
    for (let d = step; d <= range; d += step) near.push(d, -d);
    this.size = (near.length + STACK_STEPS) * (this.mirrored ? 2 : 1);
    return this;
  }

  /** The shift of candidate `k`. */
  dy(k: number): number {
    const i = this.mirrored ? k >> 1 : k;
    const n = this.near.length;
    const d = i < n ? (this.near[i] as number) : this.range + (i - n + 1) * this.step;
    return this.mirrored && k % 2 === 1 ? -d - this.box.h - this.lift : d;
  }

  at(k: number, out: Rect): void {
    const { box } = this;
    out.x = box.x;
    out.y = box.y + this.dy(k);
    out.w = box.w;
    out.h = box.h;
  }
}
