/**
 * What the page shows instead of the diagram when a trace has more packets than a diagram draws
 * (diagram/drawLimit.ts): it says so, and gives the verdict counts, the messages that were not
 * processed exactly once, the totals and the tools (exports, import, links). The event table
 * below the page still lists every event (it renders only the rows on screen).
 */
import { memo, useMemo, type ReactNode } from "react";
import type { MessageOutcome, Trace, Verdict } from "../sim/types.ts";

/** How many of the messages not processed once are named. */
const LISTED = 20;

const VERDICTS: { verdict: Verdict; label: string }[] = [
  { verdict: "once", label: "processed exactly once" },
  { verdict: "duplicated", label: "processed more than once" },
  { verdict: "lost", label: "never processed" },
];

const n = (x: number) => x.toLocaleString("en-US");

/** Verdict counts and the first messages that were not processed exactly once, in one pass. */
function summarise(messages: readonly MessageOutcome[]) {
  const counts: Record<Verdict, number> = { once: 0, duplicated: 0, lost: 0 };
  const odd: MessageOutcome[] = [];
  for (const m of messages) {
    counts[m.verdict]++;
    if (m.verdict !== "once" && odd.length < LISTED) odd.push(m);
  }
  return { counts, odd };
}

export interface BigTraceProps {
  trace: Trace;
  /** Why it is not drawn (drawingTooLarge). */
  reason: string;
  /** The exports, import and share buttons. */
  tools: ReactNode;
}

export const BigTrace = memo(function BigTrace({ trace, reason, tools }: BigTraceProps) {
  const { counts, odd } = useMemo(() => summarise(trace.outcome.messages), [trace]);
  const { outcome } = trace;
  const others = counts.duplicated + counts.lost - odd.length;
  return (
    <section className="big-trace" aria-labelledby="big-trace-heading" data-testid="big-trace">
      <h2 id="big-trace-heading">Summary of {n(outcome.messages.length)} messages</h2>
      <p role="status" data-testid="big-trace.reason">
        This scenario is not drawn: {reason}. Its summary, the table of every event (below) and the exports
        are here instead.
      </p>
      <ul className="big-trace-counts" data-testid="big-trace.counts">
        {VERDICTS.map(({ verdict, label }) => (
          <li key={verdict} className={`is-${verdict}`} data-verdict={verdict} data-count={counts[verdict]}>
            <strong>{n(counts[verdict])}</strong> {label}
          </li>
        ))}
      </ul>
      <p className="muted">
        {n(outcome.packets)} packets, {n(outcome.bytes)} bytes, {n(outcome.durationMs)} ms of simulated time;
        {trace.unusedFaults.length > 0
          ? ` ${n(trace.unusedFaults.length)} planned losses never happened.`
          : " every planned loss happened."}
      </p>
      {odd.length > 0 && (
        <ul className="big-trace-odd" data-testid="big-trace.odd">
          {odd.map((m) => (
            <li key={m.message}>
              Message {n(m.message)}:{" "}
              {m.verdict === "lost" ? "never processed" : `processed ${m.processed} times`}
              {m.deliveries !== m.processed ? ` (${m.deliveries} deliveries)` : ""}
            </li>
          ))}
          {others > 0 && <li>…and {n(others)} more.</li>}
        </ul>
      )}
      <div className="diagram-tools after">{tools}</div>
    </section>
  );
});
