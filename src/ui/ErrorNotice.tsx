/**
 * What ErrorBoundary shows once a part has failed, loaded only then (nothing of it is needed for a
 * page that works): one sentence naming the part and the error, "Try again" and, where the owner
 * can, "Restore the last good input". No stack: React has put it in the console.
 */
import type { ErrorBoundary } from "./ErrorBoundary.tsx";

/** Longest error text shown; the console has it whole. */
const MAX_REASON = 200;

/** The error in one plain line, ending with a full stop. */
export function reasonOf(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const line = raw.replace(/\s+/g, " ").trim() || "an unexpected error";
  const clipped = line.length > MAX_REASON ? `${line.slice(0, MAX_REASON - 1)}…` : line;
  return /[.!?…]$/.test(clipped) ? clipped : `${clipped}.`;
}

export default function ErrorNotice({ boundary }: { boundary: ErrorBoundary }) {
  const { what, onRestore } = boundary.props;
  const retry = () => boundary.setState({ failed: null });
  return (
    <div className="view-error" role="alert" data-testid="error-boundary">
      <p>
        {what} failed: {reasonOf(boundary.state.failed?.error)}
      </p>
      <p className="view-error-actions">
        <button type="button" onClick={retry}>
          Try again
        </button>
        {onRestore && (
          <button
            type="button"
            onClick={() => {
              onRestore();
              retry();
            }}
          >
            Restore the last good input
          </button>
        )}
      </p>
    </div>
  );
}
