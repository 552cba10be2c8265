/**
 * Axis-aligned boxes and the tests the layout's label placer and its property test share: boxes
 * that overlap, a line segment through a box. Pure.
 */

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Below this, touching edges are not an overlap (floating-point noise of the placer's sums). */
const EPS = 1e-6;

/** Whether two boxes share any area (touching edges do not count). */
export function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w - EPS && b.x < a.x + a.w - EPS && a.y < b.y + b.h - EPS && b.y < a.y + a.h - EPS;
}

/** Whether `inner` lies wholly inside `outer`. */
export function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.x >= outer.x - EPS &&
    inner.y >= outer.y - EPS &&
    inner.x + inner.w <= outer.x + outer.w + EPS &&
    inner.y + inner.h <= outer.y + outer.h + EPS
  );
}

/**
 * Whether the segment (x1, y1)–(x2, y2) passes through the inside of `r` (Liang–Barsky clipping;
 * a segment that only grazes an edge does not count).
 */
export function segmentHits(x1: number, y1: number, x2: number, y2: number, r: Rect): boolean {
  const dx = x2 - x1;
  const dy = y2 - y1;
  // The four edges in a fixed order, without building them or any object: the placer calls this
  // for every candidate box against every line near it.
  let t0 = 0;
  let t1 = 1;
  for (let edge = 0; edge < 4; edge++) {
    const p = edge === 0 ? -dx : edge === 1 ? dx : edge === 2 ? -dy : dy;
    const q = edge === 0 ? x1 - r.x : edge === 1 ? r.x + r.w - x1 : edge === 2 ? y1 - r.y : r.y + r.h - y1;
    // One edge of Liang–Barsky: narrows [t0, t1]; false once the segment is outside.
    if (Math.abs(p) < 1e-12) {
      if (q > EPS) continue;
      return false;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 >= t1 - 1e-9) return false;
  }
  return true;
}
