/**
 * The page's parts around the diagram, each memoised: a click on a packet gives the page a new
 * scenario and trace, and none of these depends on them (or only on what the click leaves as it
 * was), so none is drawn again. Their callbacks come stable from App.
 */
import { lazy, memo, Suspense, useState } from "react";
import { describeSetupShort, type Setup } from "../share/setup.ts";
import type { Trace } from "../sim/types.ts";

// Folded to its one-line summary at first: the form's code loads when it is first opened.
const SetupForm = lazy(() => import("../ui/SetupForm.tsx").then((m) => ({ default: m.SetupForm })));
// Folded away under the diagram: not needed for it.
const TraceTable = lazy(() => import("../ui/TraceTable.tsx").then((m) => ({ default: m.TraceTable })));

interface SetupDetailsProps {
  setup: Setup;
  open: boolean;
  onOpenChange(open: boolean): void;
  onChange(setup: Setup): void;
}

/** Same set-up, field by field: a click makes a new scenario object with the same set-up. */
function sameSetup(a: Setup, b: Setup): boolean {
  const keys = Object.keys(a) as (keyof Setup)[];
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

export const SetupDetails = memo(
  function SetupDetails({ setup, open, onOpenChange, onChange }: SetupDetailsProps) {
    return (
      <details className="setup-details" open={open} onToggle={(e) => onOpenChange(e.currentTarget.open)}>
        <summary data-testid="setup.summary">
          <span className="setup-summary-title">Set-up</span>{" "}
          <span className="muted">{describeSetupShort(setup)}</span>
        </summary>
        {open && (
          <Suspense fallback={<p className="muted">Loading the set-up…</p>}>
            <SetupForm setup={setup} onChange={onChange} />
          </Suspense>
        )}
      </details>
    );
  },
  (prev, next) =>
    sameSetup(prev.setup, next.setup) &&
    prev.open === next.open &&
    prev.onOpenChange === next.onOpenChange &&
    prev.onChange === next.onChange,
);

export const ViewNav = memo(function ViewNav({
  views,
  view,
  onView,
  compare,
  onCompare,
}: {
  views: readonly { id: string; label: string }[];
  view: string;
  onView(view: string): void;
  /** Compare mode on (its toggle pressed); its toggle is drawn when onCompare is given. */
  compare?: boolean;
  onCompare?(): void;
}) {
  return (
    <nav className="views" aria-label="Views">
      {views.map((v) => (
        <button
          key={v.id}
          type="button"
          aria-pressed={view === v.id}
          data-testid={`view.${v.id}`}
          onClick={() => onView(v.id)}
        >
          {v.label}
        </button>
      ))}
      {onCompare && (
        <button type="button" aria-pressed={compare} data-testid="compare.toggle" onClick={onCompare}>
          Compare
        </button>
      )}
    </nav>
  );
});

/** Every event as a table, rendered only while unfolded: closed, a click need not update it. */
export const TableDetails = memo(function TableDetails({ trace }: { trace: Trace }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="table-details" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Every event as a table</summary>
      {open && (
        <Suspense fallback={null}>
          <TraceTable trace={trace} />
        </Suspense>
      )}
    </details>
  );
});
