/**
 * Simulated time -> vertical position. Packet flights are drawn to scale (so every arrow is
 * slanted by its latency), but stretches where nothing is on the wire (a resend timer, a reconnect
 * delay, the gap between messages) are squeezed to a fixed height and labelled with their length.
 * Pure; piecewise linear and monotonic, so it can be inverted for playback and scrubbing.
 */

export interface Gap {
  /** Start and end in simulated ms. */
  t0: number;
  t1: number;
  /** Start and end on screen. */
  y0: number;
  y1: number;
}

export interface TimeWarp {
  yOf(t: number): number;
  tOf(y: number): number;
  /** Squeezed idle stretches, for a "… 300 ms …" mark. */
  gaps: Gap[];
  height: number;
}

export interface WarpOptions {
  /** Pixels per simulated millisecond while something is in flight. */
  pxPerMs: number;
  /** Height of a squeezed idle stretch. */
  idlePx: number;
  /** y of t = 0. */
  top: number;
  /**
   * How much taller than `pxPerMs` and `idlePx` the stretch starting at `t` is drawn (1 when
   * absent): the layout's local spread, which gives crowded moments more room. Constant between
   * two instants where no flight is in the air (spreads.ts), so that every flight stays straight.
   */
  spreadAt?: (t: number) => number;
  /** An idle stretch is squeezed to `idlePx` times its spread, at most this spread (default: no cap). */
  idleSpreadCap?: number;
}

/** A point where a piecewise-linear time ↔ screen axis bends. */
export interface Knot {
  t: number;
  y: number;
}

/**
 * `busy` holds [start, end] intervals during which something is on the wire; it is only read, and
 * its sorted times are remembered per array (a layout passes the same array to every try).
 */
export function timeWarp(busy: readonly [number, number][], end: number, options: WarpOptions): TimeWarp {
  const { pxPerMs, idlePx, top, spreadAt = () => 1, idleSpreadCap = Infinity } = options;
  const { sorted, merged } = knotTimes(busy, end);
  const knots: Knot[] = [{ t: sorted[0] ?? 0, y: top }];
  const gaps: Gap[] = [];
  // Both lists ascend, so one pointer into the merged intervals serves every stretch: linear.
  let m = 0;
  for (let i = 1; i < sorted.length; i++) {
    const t0 = sorted[i - 1] as number;
    const t1 = sorted[i] as number;
    const y0 = (knots[knots.length - 1] as Knot).y;
    const spread = spreadAt(t0);
    const linear = (t1 - t0) * pxPerMs * spread;
    const squeezed = idlePx * Math.min(spread, idleSpreadCap);
    while (m < merged.length && (merged[m] as [number, number])[1] < t1) m++;
    const interval = merged[m];
    const idle = !(interval !== undefined && interval[0] <= t0 && interval[1] >= t1);
    const height = idle && linear > squeezed ? squeezed : linear;
    if (idle && linear > squeezed) gaps.push({ t0, t1, y0, y1: y0 + height });
    knots.push({ t: t1, y: y0 + height });
  }
  const last = knots[knots.length - 1] as Knot;
  // The layout looks up thousands of times per try: plain number arrays, no keyed property reads.
  const ts = new Float64Array(knots.length);
  const ys = new Float64Array(knots.length);
  knots.forEach((k, i) => {
    ts[i] = k.t;
    ys[i] = k.y;
  });
  return {
    yOf: (t) => lookUp(ts, ys, t),
    tOf: (y) => lookUp(ys, ts, y),
    gaps,
    height: last.y,
  };
}

/** Per list of busy intervals (a trace's, read by every try of its layout): its times, sorted. */
const knotTimesOf = new WeakMap<
  readonly [number, number][],
  { end: number; sorted: number[]; merged: [number, number][] }
>();

/** The times where the warp may bend (0, `end` and every interval's ends), and the merged intervals. */
function knotTimes(busy: readonly [number, number][], end: number) {
  const known = knotTimesOf.get(busy);
  if (known?.end === end) return known;
  const times = new Set<number>([0, end]);
  for (const [a, b] of busy) {
    times.add(a);
    times.add(b);
  }
  const sorted = [...times].filter((t) => t >= 0 && t <= end).sort((a, b) => a - b);
  const made = { end, sorted, merged: mergeIntervals(busy) };
  knotTimesOf.set(busy, made);
  return made;
}

/** `interpolate` with ties "last", over the knots' two columns: `from` ascending. */
function lookUp(from: Float64Array, to: Float64Array, value: number): number {
  const n = from.length;
  if (value <= (from[0] as number)) return to[0] as number;
  if (value >= (from[n - 1] as number)) return to[n - 1] as number;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((from[mid] as number) <= value) lo = mid;
    else hi = mid;
  }
  const a = from[lo] as number;
  const span = (from[hi] as number) - a;
  const ya = to[lo] as number;
  return span === 0 ? ya : ya + ((value - a) / span) * ((to[hi] as number) - ya);
}

function mergeIntervals(intervals: readonly [number, number][]): [number, number][] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  // Intervals that merely touch are merged too, so that no stretch spans two of them.
  for (const [a, b] of sorted) {
    const lastInterval = out[out.length - 1];
    if (lastInterval && a <= lastInterval[1]) lastInterval[1] = Math.max(lastInterval[1], b);
    else out.push([a, b]);
  }
  return out;
}

/**
 * Piecewise-linear look-up along `knots` (sorted), clamped at both ends. Where several knots share
 * the value looked up (a flat stretch), `ties` says whether the last of them counts or the first.
 */
export function interpolate(
  knots: readonly Knot[],
  value: number,
  from: "t" | "y",
  to: "t" | "y",
  ties: "last" | "first" = "last",
): number {
  const first = knots[0] as Knot;
  const last = knots[knots.length - 1] as Knot;
  if (value <= first[from]) return first[to];
  if (value >= last[from]) return last[to];
  let lo = 0;
  let hi = knots.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    const at = (knots[mid] as Knot)[from];
    if (at < value || (ties === "last" && at === value)) lo = mid;
    else hi = mid;
  }
  const a = knots[lo] as Knot;
  const b = knots[hi] as Knot;
  const span = b[from] - a[from];
  return span === 0 ? a[to] : a[to] + ((value - a[from]) / span) * (b[to] - a[to]);
}
