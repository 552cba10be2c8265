/** Per message: processed once, twice or not at all, and one sentence of why. Always visible. */
import { memo } from "react";
import type { MessageExplanation } from "../explain/verdict.ts";
import type { Verdict } from "../sim/types.ts";

const ICON: Record<Verdict, string> = { once: "✓", duplicated: "⚠", lost: "✕" };

export const VerdictPanel = memo(function VerdictPanel({
  explanations,
}: {
  explanations: MessageExplanation[];
}) {
  const shown = explanations.slice(0, 12);
  return (
    <div className="verdict-panel" role="status" data-testid="verdict">
      {shown.map((x) => (
        <p key={x.message} className={`verdict-line is-${x.verdict}`} data-verdict={x.verdict}>
          <span className="verdict-badge">
            <span aria-hidden="true">{ICON[x.verdict]}</span> {x.verdict === "once" ? "once" : x.verdict}
          </span>{" "}
          <strong>
            Message {x.message}: {x.headline}.
          </strong>{" "}
          <span className="verdict-why">{x.why}</span>
        </p>
      ))}
      {explanations.length > shown.length && (
        <p className="verdict-more">…and {explanations.length - shown.length} more messages.</p>
      )}
    </div>
  );
});
