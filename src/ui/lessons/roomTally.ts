/**
 * The room's show of hands for a predict step in presentation (room mode): a count per choice that
 * the trainer raises and lowers, and once revealed, each choice's share of the hands. Pure.
 */

export type Tally = Readonly<Record<string, number>>;

/** The most hands one choice takes: a lecture hall, not a typo's 1e9. */
export const MAX_HANDS = 999;

export function emptyTally(choices: readonly string[]): Tally {
  return Object.fromEntries(choices.map((id) => [id, 0]));
}

/** The tally with `choice` moved by `by` hands, kept within 0..MAX_HANDS; unknown choices are ignored. */
export function countHands(tally: Tally, choice: string, by: number): Tally {
  if (!Object.hasOwn(tally, choice)) return tally;
  const next = Math.min(MAX_HANDS, Math.max(0, (tally[choice] ?? 0) + by));
  return next === tally[choice] ? tally : { ...tally, [choice]: next };
}

/** A typed count (the field's text): a whole number in range, else the tally unchanged. */
export function setHands(tally: Tally, choice: string, text: string): Tally {
  if (!Object.hasOwn(tally, choice) || !/^\d{1,3}$/.test(text.trim())) return tally;
  return { ...tally, [choice]: Math.min(MAX_HANDS, Number(text.trim())) };
}

export interface TallyRow {
  id: string;
  hands: number;
  /** Whole percent of all hands (0 when nobody voted); the rows add up to 100 when anyone did. */
  percent: number;
}

/**
 * Each choice's share in whole percent, rounded so that the rows add up to exactly 100 (largest
 * remainder): a room reads "33, 33, 34", never "33, 33, 33".
 */
export function tallyRows(tally: Tally, order: readonly string[]): TallyRow[] {
  const total = order.reduce((sum, id) => sum + (tally[id] ?? 0), 0);
  if (total === 0) return order.map((id) => ({ id, hands: 0, percent: 0 }));
  const exact = order.map((id) => ((tally[id] ?? 0) * 100) / total);
  const floors = exact.map(Math.floor);
  let left = 100 - floors.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((x, i) => ({ i, r: x - Math.floor(x) }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left === 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    left -= 1;
  }
  return order.map((id, i) => ({ id, hands: tally[id] ?? 0, percent: floors[i] ?? 0 }));
}

/** The choices with the most hands (several on a tie; none when nobody voted). */
export function roomChoice(tally: Tally, order: readonly string[]): string[] {
  const most = Math.max(0, ...order.map((id) => tally[id] ?? 0));
  return most === 0 ? [] : order.filter((id) => tally[id] === most);
}
