/**
 * Keeps a failure inside one part of the page: that part says in one sentence what failed and
 * offers "Try again" and, where its owner can, "Restore the last good input" (ErrorNotice.tsx,
 * loaded only once something has failed); everything around it keeps working, and the owner's
 * state (the scenario, the URL) is untouched. React reports the caught error to the console.
 */
import { Component, lazy, Suspense, type ReactNode } from "react";

export interface ErrorBoundaryProps {
  /** The part, as the sentence's subject: "The sequence diagram". */
  what: string;
  children: ReactNode;
  /** Brings back the last input that drew without failing; without it only "Try again" is offered. */
  onRestore?: (() => void) | undefined;
  /**
   * Told after every redraw of the part that did not fail, so its owner can keep that input as good
   * (not after the first draw: the owner starts from its first input).
   */
  onDrawn?: (() => void) | undefined;
  /** When it changes (compared with ===), a failed part is drawn afresh: a new input may draw where the old one failed. */
  resetKey?: unknown;
}

// Kept small: this class is on the first diagram's path, its notice is not.
const ErrorNotice = lazy(() => import("./ErrorNotice.tsx"));

export class ErrorBoundary extends Component<ErrorBoundaryProps, { failed: { error: unknown } | null }> {
  state = { failed: null as { error: unknown } | null };

  static getDerivedStateFromError(error: unknown) {
    return { failed: { error } };
  }

  componentDidUpdate(prev: ErrorBoundaryProps): void {
    if (!this.state.failed) this.props.onDrawn?.();
    else if (prev.resetKey !== this.props.resetKey) this.setState({ failed: null });
  }

  render(): ReactNode {
    // Until the notice is in, the part is empty: loading it takes a moment, and nothing is lost.
    // The notice reads what failed, and the ways back, from the boundary itself.
    return this.state.failed ? (
      <Suspense fallback={null}>
        <ErrorNotice boundary={this} />
      </Suspense>
    ) : (
      this.props.children
    );
  }
}
