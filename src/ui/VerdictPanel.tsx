/**
 * Per message: processed once, twice or not at all, and one sentence of why. Given `onWhy`, each
 * line has a toggle that shows on the diagram the events behind the verdict (explain/causes.ts)
 * and names them here in text, for everyone and for screen readers. Given a `summary` (a long
 * trace), the rows fold under one line of counts, so that the diagram stays on the first screen.
 * Compare mode's columns show the short part (VerdictHeadlines) above their diagrams and the
 * sentences of why (VerdictReasons) in a disclosure.
 */
import { memo } from "react";
import type { VerdictCause } from "../explain/causes.ts";
import type { MessageExplanation } from "../explain/verdict.ts";
import type { Verdict } from "../sim/types.ts";
import type { VerdictSummary } from "./verdictSummary.ts";
import "./verdictWhy.css";

const ICON: Record<Verdict, string> = { once: "✓", duplicated: "⚠", lost: "✕" };

/** Messages the panel tells; the rest are counted. */
export const VERDICT_LINES = 12;

function VerdictBadge({ verdict }: { verdict: Verdict }) {
  return (
    <span className="verdict-badge">
      <span aria-hidden="true">{ICON[verdict]}</span> {verdict}
    </span>
  );
}

/** "1,000 messages: ✓ 998 once, ✕ 2 not at all": the summary's text, each count marked by its icon. */
function SummaryLine({ summary }: { summary: VerdictSummary }) {
  const [head] = summary.text.split(":");
  return (
    <p className="verdict-summary" data-testid="verdict.summary">
      <strong>{head}:</strong>{" "}
      {summary.parts.map((p, i) => (
        <span key={p.verdict}>
          {i > 0 && ", "}
          <span className={`verdict-count is-${p.verdict}`} data-verdict-count={p.verdict}>
            <span aria-hidden="true">{ICON[p.verdict]} </span>
            {p.count.toLocaleString("en-US")} {p.words}
          </span>
        </span>
      ))}
    </p>
  );
}

/** With a profile that ended otherwise than the specification would have: that sentence. */
function SpecNote({ explanation: x }: { explanation: MessageExplanation }) {
  if (x.differsFromSpec === undefined) return null;
  return (
    <>
      {" "}
      <span className="verdict-spec" data-testid={`verdict.spec.${x.message}`}>
        {x.differsFromSpec}
      </span>
    </>
  );
}

function MoreMessages({ shown, total }: { shown: number; total: number }) {
  return total > shown ? <p className="verdict-more">…and {total - shown} more messages.</p> : null;
}

export const VerdictPanel = memo(function VerdictPanel({
  explanations,
  total = explanations.length,
  why = null,
  onWhy,
  summary,
}: {
  /** At least the first VERDICT_LINES messages' (explainOutcome's `first`), or all. */
  explanations: MessageExplanation[];
  /** The messages in all, when `explanations` holds only the first. */
  total?: number | undefined;
  /** The message whose causes are shown on the diagram, or null. */
  why?: number | null | undefined;
  /** Asked to show (or, with null, to stop showing) a message's causes on the diagram. */
  onWhy?: ((message: number | null, causes: readonly VerdictCause[]) => void) | undefined;
  /** Given: one line of counts first, the rows in a disclosure under it (closed at first). */
  summary?: VerdictSummary | undefined;
}) {
  const shown = explanations.slice(0, VERDICT_LINES);
  const rows = (
    <>
      {shown.map((x) => {
        const pressed = why === x.message;
        return (
          <div key={x.message} className="verdict-entry">
            <p className={`verdict-line is-${x.verdict}`} data-verdict={x.verdict}>
              <VerdictBadge verdict={x.verdict} />{" "}
              <strong>
                Message {x.message}: {x.headline}.
              </strong>{" "}
              <span className="verdict-why">{x.why}</span>
              <SpecNote explanation={x} />
              {onWhy && x.causes.length > 0 && (
                <>
                  {" "}
                  <button
                    type="button"
                    className="verdict-why-toggle"
                    aria-pressed={pressed}
                    data-testid={`verdict.why.${x.message}`}
                    onClick={() => onWhy(pressed ? null : x.message, pressed ? [] : x.causes)}
                  >
                    Show why on the diagram<span className="visually-hidden"> for message {x.message}</span>
                  </button>
                </>
              )}
            </p>
            {pressed && (
              <p className="verdict-causes" data-testid="verdict.causes">
                Highlighted on the diagram: {x.causes.map((c) => c.name).join("; ")}.
              </p>
            )}
          </div>
        );
      })}
      <MoreMessages shown={shown.length} total={total} />
    </>
  );
  return (
    <div className={`verdict-panel${summary ? " is-folded" : ""}`} role="status" data-testid="verdict">
      {summary ? (
        <>
          <SummaryLine summary={summary} />
          <details className="verdict-rows" data-testid="verdict.rows">
            <summary>Each message&apos;s verdict and why</summary>
            {rows}
          </details>
        </>
      ) : (
        rows
      )}
    </div>
  );
});

/**
 * The verdict's short part: each message's badge and headline ("✓ once Message 1: processed
 * exactly once."), or, given a summary (many messages), its one line of counts.
 */
export function VerdictHeadlines({
  explanations,
  summary,
}: {
  explanations: readonly MessageExplanation[];
  summary?: VerdictSummary | undefined;
}) {
  return (
    <div className="verdict-panel" role="status" data-testid="verdict">
      {summary ? (
        <SummaryLine summary={summary} />
      ) : (
        // An entry a line, as VerdictPanel's: three headlines stand whole, not in a scrolled box.
        explanations.map((x) => (
          <div key={x.message} className="verdict-entry">
            <p className={`verdict-line is-${x.verdict}`} data-verdict={x.verdict}>
              <VerdictBadge verdict={x.verdict} />{" "}
              <strong>
                Message {x.message}: {x.headline}.
              </strong>
            </p>
          </div>
        ))
      )}
    </div>
  );
}

/**
 * The verdict's long part, for VerdictHeadlines's reader: why each message ended so, and how the
 * specification would have ended it where a profile differs. With `headlines`, each line also says
 * the verdict (when the headlines were summed up in one line).
 */
export function VerdictReasons({
  explanations,
  total = explanations.length,
  headlines = false,
}: {
  explanations: readonly MessageExplanation[];
  total?: number | undefined;
  headlines?: boolean | undefined;
}) {
  const shown = explanations.slice(0, VERDICT_LINES);
  return (
    <div className="verdict-reasons" data-testid="verdict.reasons">
      {shown.map((x) => (
        <p key={x.message} className="verdict-reason">
          <strong>
            Message {x.message}
            {headlines ? `, ${x.headline}` : ""}:
          </strong>{" "}
          {x.why}
          <SpecNote explanation={x} />
        </p>
      ))}
      <MoreMessages shown={shown.length} total={total} />
    </div>
  );
}
