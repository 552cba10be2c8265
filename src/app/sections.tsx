/**
 * The page's parts around the diagram, each memoised: a click on a packet gives the page a new
 * scenario and trace, and none of these depends on them (or only on what the click leaves as it
 * was), so none is drawn again. Their callbacks come stable from App.
 */
import { lazy, memo, Suspense, useState } from "react";
import { describeSetupShort, type Setup } from "../share/setup.ts";
import type { Scenario, Trace } from "../sim/types.ts";
import { hasBytes } from "../sim/bytesPending.ts";

// Folded to its one-line summary at first: the form's code loads when it is first opened.
const SetupForm = lazy(() => import("../ui/SetupForm.tsx").then((m) => ({ default: m.SetupForm })));
// Folded away under the diagram: not needed for it.
const TraceTable = lazy(() => import("../ui/TraceTable.tsx").then((m) => ({ default: m.TraceTable })));

interface SetupDetailsProps {
  setup: Setup;
  /** The scenario on screen, for the real-world controls. */
  scenario: Scenario;
  open: boolean;
  onOpenChange(open: boolean): void;
  onChange(setup: Setup): void;
  onEdit(change: (raw: Record<string, unknown>) => Record<string, unknown>): void;
}

/** The fields the real-world controls show: a click on a packet (a new fault) changes none of them. */
const SHOWN_FIELDS = [
  "protocol",
  "publishQos",
  "session",
  "subscriber",
  "messages",
  "timing",
  "profiles",
  "receiveMaximum",
  "refusals",
  "sessionExpiryS",
  "broker",
  "will",
  "publisherEnd",
] as const;

function sameShown(a: Scenario, b: Scenario): boolean {
  return SHOWN_FIELDS.every((k) => a[k] === b[k]);
}

/** Same set-up, field by field: a click makes a new scenario object with the same set-up. */
function sameSetup(a: Setup, b: Setup): boolean {
  const keys = Object.keys(a) as (keyof Setup)[];
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

export const SetupDetails = memo(
  function SetupDetails({ setup, scenario, open, onOpenChange, onChange, onEdit }: SetupDetailsProps) {
    return (
      <details className="setup-details" open={open} onToggle={(e) => onOpenChange(e.currentTarget.open)}>
        <summary data-testid="setup.summary">
          <span className="setup-summary-title">Set-up</span>{" "}
          <span className="muted">{describeSetupShort(setup)}</span>
        </summary>
        {open && (
          <Suspense fallback={<p className="muted">Loading the set-up…</p>}>
            <SetupForm setup={setup} onChange={onChange} scenario={scenario} onEdit={onEdit} />
          </Suspense>
        )}
      </details>
    );
  },
  (prev, next) =>
    sameSetup(prev.setup, next.setup) &&
    prev.open === next.open &&
    (!next.open || sameShown(prev.scenario, next.scenario)) &&
    prev.onOpenChange === next.onOpenChange &&
    prev.onChange === next.onChange &&
    prev.onEdit === next.onEdit,
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
      {open &&
        // Its bytes come in just after the first diagram (useScenario.ts): never a placeholder.
        (hasBytes(trace) ? (
          <Suspense fallback={null}>
            <TraceTable trace={trace} />
          </Suspense>
        ) : (
          <p role="status">Loading the packets' bytes…</p>
        ))}
    </details>
  );
});
