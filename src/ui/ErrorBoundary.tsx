/**
 * Keeps a failure inside one part of the page: that part says in one sentence what failed and
 * offers "Try again" and, where its owner can, "Restore the last good input"; everything around it
 * keeps working, and the owner's state (the scenario, the URL) is untouched. No stack on screen:
 * React reports the caught error, with its stack, to the console.
 */
import { Component, type ReactNode } from "react";

export interface ErrorBoundaryProps {
  /** The part, as the sentence's subject: "The sequence diagram". */
  what: string;
  children: ReactNode;
  /** Brings back the last input that drew without failing; without it only "Try again" is offered. */
  onRestore?: (() => void) | undefined;
  /** Told after every draw of the part that did not fail, so its owner can keep that input as good. */
  onDrawn?: (() => void) | undefined;
  /** When any of these changes, the part is drawn afresh: a new input may draw where the old one failed. */
  resetKeys?: readonly unknown[];
  /** The fallback's class: `view-error` (lab.css) unless the host styles its own. */
  className?: string;
}

interface State {
  error: unknown;
  failed: boolean;
  keys: readonly unknown[];
}

/** Longest error text shown; the console has it whole. */
const MAX_REASON = 200;

/** The error in one plain line, ending with a full stop. */
export function reasonOf(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const line = raw.replace(/\s+/g, " ").trim() || "an unexpected error";
  const clipped = line.length > MAX_REASON ? `${line.slice(0, MAX_REASON - 1)}…` : line;
  return /[.!?…]$/.test(clipped) ? clipped : `${clipped}.`;
}

function sameKeys(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((k, i) => Object.is(k, b[i]));
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, State> {
  state: State = { error: null, failed: false, keys: this.props.resetKeys ?? [] };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error, failed: true };
  }

  static getDerivedStateFromProps(props: ErrorBoundaryProps, state: State): Partial<State> | null {
    const keys = props.resetKeys ?? [];
    if (sameKeys(keys, state.keys)) return null;
    return { keys, error: null, failed: false };
  }

  componentDidMount(): void {
    if (!this.state.failed) this.props.onDrawn?.();
  }

  componentDidUpdate(): void {
    if (!this.state.failed) this.props.onDrawn?.();
  }

  private retry = () => this.setState({ error: null, failed: false });

  private restore = () => {
    this.props.onRestore?.();
    this.retry();
  };

  render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    const { what, onRestore, className = "view-error" } = this.props;
    return (
      <div className={className} role="alert" data-testid="error-boundary">
        <p>
          {what} failed: {reasonOf(this.state.error)}
        </p>
        <p className="view-error-actions">
          <button type="button" onClick={this.retry}>
            Try again
          </button>
          {onRestore && (
            <button type="button" onClick={this.restore}>
              Restore the last good input
            </button>
          )}
        </p>
      </div>
    );
  }
}
