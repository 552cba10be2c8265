/**
 * The words beside the diagram: the verdict, the narration of the instant on screen and what each
 * party holds. Their sentences come from src/explain, which the page loads beside the simulator
 * rather than before it, so the first diagram does not wait for them (app/App.tsx loads this
 * module lazily, main.tsx starts fetching it early).
 *
 * The verdict and the state panel follow a new trace one render later (useDeferredValue): a click
 * on a packet draws the diagram in its own frame, and these sentences, beside or above what the
 * reader is looking at, come right after it instead of in the click's task.
 */
import { memo, useCallback, useDeferredValue, useMemo } from "react";
import { holdingsIn, holdingsTimeline } from "../explain/holdings.ts";
import { narrateAt } from "../explain/narrate.ts";
import type { VerdictCause } from "../explain/causes.ts";
import { explainOutcome } from "../explain/verdict.ts";
import type { Step } from "../sim/steps.ts";
import type { Trace } from "../sim/types.ts";
import { StatePanel } from "./StatePanel.tsx";
import { VERDICT_LINES, VerdictPanel } from "./VerdictPanel.tsx";
import { SHORT_TRACE_MESSAGES, verdictSummary } from "./verdictSummary.ts";

/** A verdict's causes shown on the diagram: for which trace and message, and the event indexes. */
export interface WhyShown {
  trace: Trace;
  message: number;
  indexes: ReadonlySet<number>;
}

export const TraceVerdict = memo(function TraceVerdict({
  trace,
  why,
  onWhy,
}: {
  trace: Trace;
  why?: WhyShown | null | undefined;
  onWhy?: ((why: WhyShown | null) => void) | undefined;
}) {
  const shown = useDeferredValue(trace);
  // Only the lines the panel shows: at 1,000 messages, 1 ms instead of 20 to 60.
  const explanations = useMemo(() => explainOutcome(shown, VERDICT_LINES), [shown]);
  // More than a few messages: one line of counts, the rows folded, the diagram on the first screen.
  const { messages } = shown.outcome;
  const summary = useMemo(
    () => (messages.length > SHORT_TRACE_MESSAGES ? verdictSummary(messages) : undefined),
    [messages],
  );
  const show = useCallback(
    (message: number | null, causes: readonly VerdictCause[]) =>
      onWhy?.(
        message === null ? null : { trace: shown, message, indexes: new Set(causes.map((c) => c.index)) },
      ),
    [shown, onWhy],
  );
  return (
    <VerdictPanel
      explanations={explanations}
      total={shown.outcome.messages.length}
      why={why?.message ?? null}
      onWhy={onWhy && show}
      summary={summary}
    />
  );
});

/** Every step of the instant on screen, as sentences. */
export function TraceNarration({
  trace,
  steps,
  time,
}: {
  trace: Trace;
  steps: readonly Step[];
  time: number;
}) {
  return <>{narrateAt(trace, steps, time).join(" ")}</>;
}

export function TraceState({ trace, time }: { trace: Trace; time: number }) {
  const shown = useDeferredValue(trace);
  const timeline = useMemo(() => holdingsTimeline(shown), [shown]);
  const holdings = useMemo(() => holdingsIn(timeline, time), [timeline, time]);
  return <StatePanel holdings={holdings} />;
}
