/**
 * A finished live run: the real trace drawn beside the model's, every difference diffTraces finds
 * listed with its sentence and numbered on the diagrams (a click scrolls to it), the verdicts side
 * by side, the run's duration and the broker. The report downloads as the command line prints it.
 */
import { useMemo, useState } from "react";
import { explainOutcome } from "../../explain/verdict.ts";
import { diffTraces, drawableTrace, liveReport, type Difference, type LiveResult } from "../../live/index.ts";
import type { MessageOutcome, Trace } from "../../sim/types.ts";
import { download } from "../../ui/explore/download.ts";
import { VerdictPanel } from "../../ui/VerdictPanel.tsx";
import { MarkedDiagram } from "./MarkedDiagram.tsx";

/** Event index → the (1-based) numbers of the differences that name it. */
function numbered(
  differences: readonly Difference[],
  indexOf: (d: Difference) => number,
): Map<number, number[]> {
  const marks = new Map<number, number[]>();
  differences.forEach((d, i) => {
    const at = indexOf(d);
    if (at < 0) return;
    marks.set(at, [...(marks.get(at) ?? []), i + 1]);
  });
  return marks;
}

const VERDICT_WORDS: Record<MessageOutcome["verdict"], string> = {
  once: "processed once",
  duplicated: "processed more than once",
  lost: "lost",
};

function ms(n: number): string {
  return n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${Math.round(n)} ms`;
}

export function LiveResultView({ result, model }: { result: LiveResult; model: Trace }) {
  const real = result.trace;
  const differences = useMemo(() => diffTraces(model, real), [model, real]);
  const drawable = useMemo(() => drawableTrace(real), [real]);
  const realMarks = useMemo(
    () =>
      numbered(differences, (d) =>
        d.realIndex === undefined ? -1 : (drawable.drawnIndex[d.realIndex] ?? -1),
      ),
    [differences, drawable],
  );
  const modelMarks = useMemo(() => numbered(differences, (d) => d.modelIndex ?? -1), [differences]);
  const [chosen, setChosen] = useState<number | null>(null);
  const chosenDiff = chosen === null ? undefined : differences[chosen];
  const currentReal =
    chosenDiff?.realIndex === undefined ? null : (drawable.drawnIndex[chosenDiff.realIndex] ?? null);
  const currentModel = chosenDiff?.modelIndex ?? null;
  const explanations = useMemo(() => explainOutcome(model), [model]);

  const choose = (i: number) => {
    setChosen(i);
    const d = differences[i];
    if (!d) return;
    // The real packet when the run has it, else the model's (a packet the broker never sent).
    const realAt = d.realIndex === undefined ? -1 : (drawable.drawnIndex[d.realIndex] ?? -1);
    const [diagram, at] = realAt >= 0 ? ["live.real", realAt] : ["live.model", d.modelIndex ?? -1];
    if (at < 0) return;
    document
      .querySelector(`[data-testid="${diagram}"] [data-event="${at}"]`)
      ?.scrollIntoView({ block: "center", inline: "center", behavior: "smooth" });
  };

  const report = (format: "json" | "md") =>
    download(
      `mqtt-live-report.${format}`,
      liveReport(model, real, differences, format),
      format === "json" ? "application/json" : "text/markdown",
    );

  return (
    <section className="live-result" aria-labelledby="live-result-heading" data-testid="live.result">
      <h3 id="live-result-heading">
        {differences.length === 0
          ? "The broker agrees with the model"
          : `${differences.length} difference${differences.length === 1 ? "" : "s"} from the model`}
      </h3>
      <p className="live-facts" data-testid="live.facts">
        {result.broker.name} at <code>{result.broker.url}</code> · {ms(result.durationMs)} ·{" "}
        {real.outcome.packets} packets, {real.outcome.bytes} bytes
        {result.cuts.length > 0 &&
          ` · ${result.cuts.length} cut${result.cuts.length === 1 ? "" : "s"} by the relay`}
        {result.timedOut && " · stopped at its time bound before it settled"}
      </p>
      {differences.length > 0 && (
        <ol className="live-differences" data-testid="live.differences" data-count={differences.length}>
          {differences.map((d, i) => (
            <li key={i} data-kind={d.kind}>
              <button
                type="button"
                className="live-difference"
                aria-pressed={chosen === i}
                data-testid="live.difference"
                onClick={() => choose(i)}
              >
                <span className="live-kind">{d.kind}</span> {d.sentence}
              </button>
            </li>
          ))}
        </ol>
      )}
      <div className="live-report">
        <button type="button" onClick={() => report("json")} data-testid="live.report-json">
          Report (JSON)
        </button>
        <button type="button" onClick={() => report("md")} data-testid="live.report-md">
          Report (Markdown)
        </button>
      </div>
      <div className="live-columns">
        <article className="live-column" aria-labelledby="live-model-heading">
          <h4 id="live-model-heading">The model</h4>
          <VerdictPanel explanations={explanations} />
          <MarkedDiagram
            trace={model}
            title="The model's sequence diagram: time flows down; each arrow is a packet"
            testId="live.model"
            marks={modelMarks}
            current={currentModel}
          />
        </article>
        <article className="live-column" aria-labelledby="live-real-heading">
          <h4 id="live-real-heading">The real broker: {result.broker.name}</h4>
          <ul className="live-verdicts" data-testid="live.verdicts">
            {real.outcome.messages.map((m) => (
              <li key={m.message} className={`verdict-line is-${m.verdict}`} data-verdict={m.verdict}>
                <strong>Message {m.message}</strong>: {VERDICT_WORDS[m.verdict]} ({m.deliveries} deliver
                {m.deliveries === 1 ? "y" : "ies"})
              </li>
            ))}
          </ul>
          <MarkedDiagram
            trace={drawable.trace}
            title={`The real run's sequence diagram against ${result.broker.name}: real milliseconds, each arrow a packet the relay saw`}
            testId="live.real"
            cuts
            marks={realMarks}
            current={currentReal}
          />
        </article>
      </div>
    </section>
  );
}
