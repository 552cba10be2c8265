/**
 * The worker's run of a big scenario (an import, a pasted or edited scenario): progress and
 * Cancel while it runs, what came of it afterwards. The scenario on screen stays until the new
 * trace is in, and Cancel keeps it.
 */
import type { PostedRunResult } from "../export/bigInput.ts";
import type { JobState } from "./useJob.ts";

export interface BigRunStatusProps {
  state: JobState<PostedRunResult>;
  /** The file the run reads, if it is one. */
  name: string | null;
  /** The messages of the scenario it brought, once in. */
  messages: number | null;
  onCancel(): void;
}

export function BigRunStatus({ state, name, messages, onCancel }: BigRunStatusProps) {
  const what = name === null ? "the scenario" : name;
  if (state.status === "running") {
    const { progress } = state;
    return (
      <div className="big-run" data-testid="big-run" data-status="running">
        <span>Simulating {what} off the page (it has many messages)…</span>{" "}
        <progress
          aria-label={`Simulating ${what}`}
          {...(progress?.total ? { value: progress.done, max: progress.total } : {})}
          data-testid="big-run.progress"
        />{" "}
        <span className="muted" aria-live="polite">
          {progress?.label ?? "reading…"}
        </span>{" "}
        <button type="button" onClick={onCancel} data-testid="big-run.cancel">
          Cancel
        </button>
      </div>
    );
  }
  if (state.status === "cancelled") {
    return (
      <p className="big-run" role="status" data-testid="big-run" data-status="cancelled">
        Cancelled: the scenario on screen stays.
      </p>
    );
  }
  if (state.status === "failed") {
    return (
      <p className="big-run" role="alert" data-testid="big-run" data-status="failed">
        The simulation of {what} failed: {state.message}. The previous scenario stays on screen.
      </p>
    );
  }
  if (state.status === "done" && !state.result.ok) {
    return (
      <div role="alert" className="import-problems" data-testid="big-run" data-status="problems">
        <ul>
          {state.result.problems.map((p) => (
            <li key={p}>{name === null ? p : `${name}: ${p}`}</li>
          ))}
        </ul>
      </div>
    );
  }
  if (state.status === "done" && state.result.ok && messages !== null) {
    const n = messages.toLocaleString("en-US");
    return (
      <p className="big-run muted" role="status" data-testid="big-run" data-status="done">
        Simulated {what}: {n} messages in {(state.ms / 1000).toFixed(1)} s.
      </p>
    );
  }
  return null;
}
