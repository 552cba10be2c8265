/**
 * A long trace's verdict in one line ("1,000 messages: 998 once, 2 not at all"), counted from the
 * simulator's outcome, so that many messages' verdict rows need not stand before the diagram. Pure.
 */
import type { Verdict } from "../sim/types.ts";

/** Up to this many messages, each has its own verdict row on the first screen; more are summed up. */
export const SHORT_TRACE_MESSAGES = 3;

/** The verdicts in the order the summary tells them, with their words. */
export const SUMMARY_WORDS: readonly { verdict: Verdict; words: string }[] = [
  { verdict: "once", words: "once" },
  { verdict: "duplicated", words: "more than once" },
  { verdict: "lost", words: "not at all" },
];

export interface VerdictSummary {
  total: number;
  /** Each verdict that some message got, with how many did, in SUMMARY_WORDS's order. */
  parts: { verdict: Verdict; count: number; words: string }[];
  /** The whole line: "1,000 messages: 998 once, 2 not at all". */
  text: string;
}

const n = (x: number) => x.toLocaleString("en-US");

/** Counts each verdict of `messages`; a verdict no message got is left out of the line. */
export function verdictSummary(messages: readonly { verdict: Verdict }[]): VerdictSummary {
  const counts: Record<Verdict, number> = { once: 0, duplicated: 0, lost: 0 };
  for (const m of messages) counts[m.verdict]++;
  const parts = SUMMARY_WORDS.filter(({ verdict }) => counts[verdict] > 0).map(({ verdict, words }) => ({
    verdict,
    count: counts[verdict],
    words,
  }));
  const total = messages.length;
  const told = parts.map((p) => `${n(p.count)} ${p.words}`).join(", ");
  return { total, parts, text: `${n(total)} message${total === 1 ? "" : "s"}: ${told}` };
}
