/**
 * Whether an item (badge, mark, arrow) of one layout's raw items is one of another's, shifted: the
 * one comparison behind what `layoutFrom` takes over. Pure.
 *
 * - The head (`SAME`, the zero shift): the previous layout's very object is taken over, so every
 *   field is the same, exactly, a packet's event included (deep).
 * - The tail (layoutTail.ts, a shift with `drawn`): a new item is drawn where the previous one was,
 *   moved: index + di, times + dt, y's + dy as the layout's own sums give them (`movedBy`), every
 *   other field the same but the names, which the placing never reads and the new item keeps from
 *   the new trace: keys, and an arrow's label, accessible name and event (the events were compared
 *   shifted, `traceTail`; the arrow's text as drawn is compared instead).
 *
 * Field by field, no spread, no loop over names: this runs for every item of a long trace at every
 * click. `FIELDS` says what each field is to it (sameItem.test.ts holds the code to it).
 */
import type { PerKind, Raw, RawArrow, RawBadge, RawMark } from "./layout.ts";
import { sameData } from "./sameData.ts";

/** Positions of an item near a power of two: the same place, up to rounding. */
export const ROUNDING = 1e-6;

/** How the items compared are shifted, and which comparison: the head's exact one, or the tail's. */
export interface ItemShift {
  /** How many events later the item comes in the next trace. */
  di: number;
  /** How many milliseconds later. */
  dt: number;
  /** How many pixels lower in the next layout. */
  dy: number;
  /** The tail's: each trace's arrows' texts as drawn (drawables.ts); null for the head's. */
  drawn: { prev: readonly { drawn: string }[]; next: readonly { drawn: string }[] } | null;
}

/** The head's: nothing shifted, every field the same. */
export const SAME: ItemShift = { di: 0, dt: 0, dy: 0, drawn: null };

/**
 * What a field is to the comparison: the same in both; the index (+ di); a time (+ dt); a y
 * (+ dy); or a name, compared by the head only (the tail's item keeps the new trace's).
 */
export type FieldRole = "same" | "index" | "time" | "y" | "name";

export const FIELDS = {
  arrows: {
    index: "index",
    key: "name",
    event: "name",
    x1: "same",
    y1: "y",
    x2: "same",
    y2: "y",
    endX: "same",
    endY: "y",
    tEnd: "time",
    label: "name",
    ariaLabel: "name",
    lostWithConnection: "same",
  },
  badges: {
    index: "index",
    key: "name",
    t: "time",
    x: "same",
    y: "y",
    party: "same",
    message: "same",
    count: "same",
    duplicate: "same",
    final: "same",
    processed: "same",
  },
  marks: {
    index: "index",
    key: "name",
    kind: "same",
    t: "time",
    x: "same",
    y: "y",
    x1: "same",
    x2: "same",
    y0: "y",
    label: "same",
    side: "same",
    party: "same",
  },
} as const satisfies {
  arrows: Record<keyof RawArrow, FieldRole>;
  badges: Record<keyof RawBadge, FieldRole>;
  marks: Record<keyof RawMark, FieldRole>;
};

/** Whether `next`'s item `i` of `kind` is `prev`'s item `p` shifted by `shift` (see above). */
export function sameItem(
  kind: keyof PerKind<unknown>,
  prev: Raw,
  p: number,
  next: Raw,
  i: number,
  shift: ItemShift,
): boolean {
  const { di, dt, drawn } = shift;
  if (kind === "arrows") {
    const x = next.arrows[i];
    const y = prev.arrows[p];
    return (
      x !== undefined &&
      y !== undefined &&
      x.index === y.index + di &&
      x.x1 === y.x1 &&
      x.x2 === y.x2 &&
      x.endX === y.endX &&
      movedY(y.y1, x.y1, shift) &&
      movedY(y.y2, x.y2, shift) &&
      movedY(y.endY, x.endY, shift) &&
      x.tEnd === y.tEnd + dt &&
      x.lostWithConnection === y.lostWithConnection &&
      (drawn
        ? drawn.next[i]!.drawn === drawn.prev[p]!.drawn
        : x.key === y.key && x.label === y.label && x.ariaLabel === y.ariaLabel && sameData(x.event, y.event))
    );
  }
  if (kind === "badges") {
    const x = next.badges[i];
    const y = prev.badges[p];
    return (
      x !== undefined &&
      y !== undefined &&
      sameAnchor(x, y, shift) &&
      x.message === y.message &&
      x.count === y.count &&
      x.duplicate === y.duplicate &&
      x.final === y.final &&
      x.processed === y.processed
    );
  }
  const x = next.marks[i];
  const y = prev.marks[p];
  return (
    x !== undefined &&
    y !== undefined &&
    sameAnchor(x, y, shift) &&
    x.kind === y.kind &&
    x.x1 === y.x1 &&
    x.x2 === y.x2 &&
    movedY(y.y0, x.y0, shift) &&
    x.label === y.label &&
    x.side === y.side
  );
}

/** What a badge and a mark both have: index, key (the head's), time, anchor and party. */
function sameAnchor(x: RawBadge | RawMark, y: RawBadge | RawMark, shift: ItemShift): boolean {
  return (
    x.index === y.index + shift.di &&
    (shift.drawn !== null || x.key === y.key) &&
    x.t === y.t + shift.dt &&
    x.x === y.x &&
    movedY(y.y, x.y, shift) &&
    x.party === y.party
  );
}

/** A y of the item: exactly + dy for the head (dy = 0: equal); as `movedBy` says for the tail. */
function movedY(a: number, b: number, shift: ItemShift): boolean {
  return b === a + shift.dy || (shift.drawn !== null && roundedBy(a, b, shift.dy));
}

/**
 * Whether `b` is `a` moved by `dy` as the layout's own sums give it: exactly, unless the move crosses
 * a power of two (then a rounding may differ, and only a rounding).
 */
export function movedBy(a: number, b: number, dy: number): boolean {
  return b === a + dy || roundedBy(a, b, dy);
}

function roundedBy(a: number, b: number, dy: number): boolean {
  return binade(a) !== binade(b) && Math.abs(b - a - dy) < ROUNDING;
}

/** The power of two at or below `v` (its exponent); every positive `v` in one range shares it. */
export function binade(v: number): number {
  // Most positions: a whole number of pixels below 2^31, whose leading bit says it at once.
  if (v >= 1 && v < 2 ** 31) return 31 - Math.clz32(v);
  if (!(v > 0)) return -Infinity;
  let e = Math.floor(Math.log2(v));
  if (2 ** e > v) e--;
  if (2 ** (e + 1) <= v) e++;
  return e;
}
