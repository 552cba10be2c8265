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

/** What is already on the drawing: boxes no label may overlap, lines a label should not cross. */
export class Occupancy {
  private readonly boxes = new Map<number, Rect[]>();
  private readonly lines = new Map<number, Segment[]>();
  /** Boxes taller than a few buckets (lane lines): few, checked always. */
  private readonly tall: Rect[] = [];

  addBox(r: Rect): void {
    if (r.h > 4 * BUCKET_PX) {
      this.tall.push(r);
      return;
    }
    for (let b = bucketOf(r.y), last = bucketOf(r.y + r.h); b <= last; b++) {
      const list = this.boxes.get(b);
      if (list) list.push(r);
      else this.boxes.set(b, [r]);
    }
  }

  addLine(s: Segment): void {
    for (let b = bucketOf(Math.min(s.y1, s.y2)), last = bucketOf(Math.max(s.y1, s.y2)); b <= last; b++) {
      const list = this.lines.get(b);
      if (list) list.push(s);
      else this.lines.set(b, [s]);
    }
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
 * The first candidate that lies in bounds, overlaps no box, is not crossed by its own line and
 * passes `accept`; one that no other line crosses either is preferred (among the next few). Null
 * when none fits. Candidates are drawn lazily: a free place near the start costs little.
 */
export function pick<R extends Rect>(
  candidates: Iterable<R>,
  occ: Occupancy,
  bounds: Bounds,
  own?: Segment,
  accept: (r: R) => boolean = () => true,
  lookahead = SOFT_LOOKAHEAD,
): R | null {
  let fallback: R | null = null;
  let left = lookahead;
  for (const c of candidates) {
    if (fallback && left-- <= 0) break;
    if (!inBounds(c, bounds) || !occ.boxFree(c) || !accept(c)) continue;
    if (own && segmentHits(own.x1, own.y1, own.x2, own.y2, inflateInto(grown, c, 1))) continue;
    if (occ.lineFree(c, own)) return c;
    fallback ??= c;
  }
  return fallback;
}

/** The box `pick` tests against a text's own line: one, reused, not one per candidate. */
const grown: Rect = { x: 0, y: 0, w: 0, h: 0 };

/** `r` grown by `by` on every side, written into `out` (no new object per candidate). */
function inflateInto(out: Rect, r: Rect, by: number): Rect {
  out.x = r.x - by;
  out.y = r.y - by;
  out.w = r.w + 2 * by;
  out.h = r.h + 2 * by;
  return out;
}

/** Fractions along its line at which an arrow's label is tried, from the middle outwards. */
const ALONG = [0.5, 0.38, 0.62, 0.26, 0.74, 0.14, 0.86];
/** How far from its line a label is tried, in label heights, nearest first. */
const AWAY = [0, 0.5, 1, 1.5];

/**
 * Boxes of size w × h beside the segment (never on it), `gap` away, between `minX` and `maxX`:
 * above first, then below, at the middle first, then further out along the line and away from it.
 */
export function* besideLine(
  s: Segment,
  w: number,
  h: number,
  gap: number,
  minX: number,
  maxX: number,
): Generator<Rect> {
  const lo = Math.min(s.x1, s.x2);
  const hi = Math.max(s.x1, s.x2);
  const yAt = (x: number): number => {
    const cx = Math.min(hi, Math.max(lo, x));
    return hi === lo ? s.y1 : s.y1 + ((cx - s.x1) * (s.y2 - s.y1)) / (s.x2 - s.x1);
  };
  for (const away of AWAY) {
    for (const f of ALONG) {
      const px = s.x1 + (s.x2 - s.x1) * f;
      const x = Math.min(maxX - w, Math.max(minX, px - w / 2));
      const ya = yAt(x);
      const yb = yAt(x + w);
      const top = Math.min(ya, yb);
      const bottom = Math.max(ya, yb);
      yield { x, y: top - gap - h - away * h, w, h };
      yield { x, y: bottom + gap + away * h, w, h };
    }
  }
}

/** Last resort when traffic crowds a line on both sides: further below it, at its middle. */
export function* farBelow(
  s: Segment,
  w: number,
  h: number,
  gap: number,
  minX: number,
  maxX: number,
): Generator<Rect> {
  const x = Math.min(maxX - w, Math.max(minX, (s.x1 + s.x2) / 2 - w / 2));
  const bottom = Math.max(s.y1, s.y2);
  for (let k = 0; k <= 800; k++) yield { x, y: bottom + gap + (k * h) / 2, w, h };
}

/**
 * Boxes of size w × h level with the end of the segment and past it (a lost packet's ✕), `gap`
 * away, when they fit before `maxX` (or after `minX`, for a segment drawn leftwards).
 */
export function pastEnd(s: Segment, w: number, h: number, gap: number, minX: number, maxX: number): Rect[] {
  const x = s.x2 >= s.x1 ? s.x2 + gap : s.x2 - gap - w;
  if (x < minX || x + w > maxX) return [];
  return [0, -0.5, 0.5].map((k) => ({ x, y: s.y2 - h / 2 + k * h, w, h }));
}
