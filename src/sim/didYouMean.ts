/** "Did you mean": the known word a mistyped one most likely stands for. */

import leven from "leven";

/** A known word equal ignoring case, or the nearest within edit distance 2 (ignoring case). */
export function didYouMean(word: string, known: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    // The distance is at least the difference in length: skip what cannot beat the best.
    if (Math.abs(candidate.length - word.length) >= bestDistance) continue;
    const distance = leven(lower, candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}
