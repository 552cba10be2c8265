/**
 * The layout's local spread: simulated time cut into stretches that are drawn taller on their own.
 * A cut falls wherever no packet is strictly in flight, so every flight lies inside one stretch and
 * stays a straight line whatever the stretches' spreads. When texts crowd at one moment, only the
 * stretches there grow: what comes before keeps its place, and what comes after moves down by one
 * offset. Pure.
 */

/**
 * Times that bound the stretches, ascending, from 0 to `end`: stretch `i` runs from `cuts[i]` to
 * `cuts[i + 1]`. `busy` holds [start, end] intervals during which a packet is on the wire.
 */
export function stretchCuts(busy: readonly (readonly [number, number])[], end: number): number[] {
  const times = new Set<number>([0, end]);
  for (const [a, b] of busy) {
    times.add(a);
    times.add(b);
  }
  const sorted = [...times].filter((t) => t >= 0 && t <= end).sort((a, b) => a - b);
  // Inside an interval (not at its ends) no cut: intervals that only touch are cut where they meet.
  const inside = [...busy].filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const cuts: number[] = [];
  let i = 0;
  let reach = -Infinity;
  for (const t of sorted) {
    while (i < inside.length && (inside[i] as readonly [number, number])[0] < t) {
      reach = Math.max(reach, (inside[i] as readonly [number, number])[1]);
      i++;
    }
    if (reach <= t) cuts.push(t);
  }
  return cuts;
}

/** The stretch that the moment just after `t` lies in (the last one for `t` at or past the end). */
export function stretchAt(cuts: readonly number[], t: number): number {
  let lo = 0;
  let hi = cuts.length - 1;
  // The last cut at or before t, as a stretch index in 0 .. cuts.length - 2.
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((cuts[mid] as number) <= t) lo = mid;
    else hi = mid;
  }
  return Math.max(0, Math.min(lo, cuts.length - 2));
}

/**
 * The stretches a thing drawn from `t0` to `t1` belongs to: those overlapping it, or for a single
 * instant, both stretches that meet there.
 */
export function stretchesOver(cuts: readonly number[], t0: number, t1: number): number[] {
  if (cuts.length < 2) return [];
  const first = stretchAt(cuts, t0);
  const out: number[] = [];
  if (t1 <= t0) {
    if (first > 0 && cuts[first] === t0) out.push(first - 1);
    out.push(first);
    return out;
  }
  for (let i = first; i < cuts.length - 1 && (cuts[i] as number) < t1; i++) out.push(i);
  return out;
}

/**
 * The stretches to draw taller for something crowded from `t0` to `t1`: its own, and those that
 * meet it at either end, where the lines that crowd it come from or go on.
 */
export function around(cuts: readonly number[], t0: number, t1: number): number[] {
  const all = new Set([
    ...stretchesOver(cuts, t0, t0),
    ...stretchesOver(cuts, t0, t1),
    ...stretchesOver(cuts, t1, t1),
  ]);
  return [...all].sort((a, b) => a - b);
}

/** Which stretches have a packet in flight (the others are idle: a taller one shows nothing more). */
export function busyStretches(
  cuts: readonly number[],
  busy: readonly (readonly [number, number])[],
): boolean[] {
  const out = new Array<boolean>(Math.max(0, cuts.length - 1)).fill(false);
  for (const [a, b] of busy) if (b > a) out[stretchAt(cuts, a)] = true;
  return out;
}
