/**
 * Per message: processed once, twice or not at all, and one sentence of why. Always visible. Given
 * `onWhy`, each line has a toggle that shows on the diagram the events behind the verdict
 * (explain/causes.ts) and names them here in text, for everyone and for screen readers.
 */
import { memo } from "react";
import type { VerdictCause } from "../explain/causes.ts";
import type { MessageExplanation } from "../explain/verdict.ts";
import type { Verdict } from "../sim/types.ts";
import "./verdictWhy.css";

const ICON: Record<Verdict, string> = { once: "✓", duplicated: "⚠", lost: "✕" };

/** Messages the panel tells; the rest are counted. */
export const VERDICT_LINES = 12;

export const VerdictPanel = memo(function VerdictPanel({
  explanations,
  total = explanations.length,
  why = null,
  onWhy,
}: {
  /** At least the first VERDICT_LINES messages' (explainOutcome's `first`), or all. */
  explanations: MessageExplanation[];
  /** The messages in all, when `explanations` holds only the first. */
  total?: number | undefined;
  /** The message whose causes are shown on the diagram, or null. */
  why?: number | null | undefined;
  /** Asked to show (or, with null, to stop showing) a message's causes on the diagram. */
  onWhy?: ((message: number | null, causes: readonly VerdictCause[]) => void) | undefined;
}) {
  const shown = explanations.slice(0, VERDICT_LINES);
  return (
    <div className="verdict-panel" role="status" data-testid="verdict">
      {shown.map((x) => {
        const pressed = why === x.message;
        return (
          <div key={x.message} className="verdict-entry">
            <p className={`verdict-line is-${x.verdict}`} data-verdict={x.verdict}>
              <span className="verdict-badge">
                <span aria-hidden="true">{ICON[x.verdict]}</span> {x.verdict === "once" ? "once" : x.verdict}
              </span>{" "}
              <strong>
                Message {x.message}: {x.headline}.
              </strong>{" "}
              <span className="verdict-why">{x.why}</span>
              {x.differsFromSpec !== undefined && (
                <>
                  {" "}
                  <span className="verdict-spec" data-testid={`verdict.spec.${x.message}`}>
                    {x.differsFromSpec}
                  </span>
                </>
              )}
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
      {total > shown.length && <p className="verdict-more">…and {total - shown.length} more messages.</p>}
    </div>
  );
});
