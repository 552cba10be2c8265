/**
 * Keeps a failure inside one part of the page: that part says in one sentence what failed and
 * offers "Try again" and, where its owner can, "Restore the last good input" (ErrorNotice.tsx,
 * loaded only when something has failed); everything around it keeps working, and the owner's
 * state (the scenario, the URL) is untouched. React reports the caught error to the console.
 */
import { Component, lazy, Suspense, type ReactNode } from "react";

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

/** Until the notice is in (or if it cannot be loaded): the failure, named. */
function Failed({ what, className }: { what: string; className: string }) {
  return (
    <p className={className} role="alert" data-testid="error-boundary">
      {what} failed.
    </p>
  );
}

const ErrorNotice = lazy(() => import("./ErrorNotice.tsx").catch(() => ({ default: Failed })));

const same = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((k, i) => Object.is(k, b[i]));

export class ErrorBoundary extends Component<ErrorBoundaryProps, State> {
  state: State = { error: null, failed: false, keys: this.props.resetKeys ?? [] };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error, failed: true };
  }

  static getDerivedStateFromProps(props: ErrorBoundaryProps, state: State): Partial<State> | null {
    const keys = props.resetKeys ?? [];
    return same(keys, state.keys) ? null : { keys, error: null, failed: false };
  }

  componentDidMount(): void {
    this.componentDidUpdate();
  }

  componentDidUpdate(): void {
    if (!this.state.failed) this.props.onDrawn?.();
  }

  private retry = () => this.setState({ error: null, failed: false });

  render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    const { what, onRestore, className = "view-error" } = this.props;
    return (
      <Suspense fallback={<Failed what={what} className={className} />}>
        <ErrorNotice
          what={what}
          error={this.state.error}
          className={className}
          onRetry={this.retry}
          onRestore={onRestore}
        />
      </Suspense>
    );
  }
}
