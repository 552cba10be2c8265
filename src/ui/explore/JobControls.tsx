/** Start, progress and cancel for a worker job. */
import type { JobState } from "../useJob.ts";

export interface JobControlsProps {
  state: JobState<unknown>;
  startLabel: string;
  onStart(): void;
  onCancel(): void;
  testId: string;
  /** Why the job cannot start now (a field without a usable value); the button waits. */
  blockedBy?: string | undefined;
}

export function JobControls({ state, startLabel, onStart, onCancel, testId, blockedBy }: JobControlsProps) {
  const running = state.status === "running";
  const progress = running ? state.progress : null;
  return (
    <>
      <button
        type="button"
        className="primary"
        onClick={onStart}
        disabled={running || blockedBy !== undefined}
        aria-describedby={blockedBy !== undefined ? `${testId}.blocked` : undefined}
        data-testid={`${testId}.start`}
      >
        {startLabel}
      </button>
      {blockedBy !== undefined && !running && (
        <span className="muted" id={`${testId}.blocked`} data-testid={`${testId}.blocked`}>
          {blockedBy}
        </span>
      )}
      {running && (
        <>
          <progress
            aria-label="Progress"
            {...(progress?.total ? { value: progress.done, max: progress.total } : {})}
            data-testid={`${testId}.progress`}
          />
          <span className="muted" aria-live="polite">
            {progress?.label ?? "starting…"}
          </span>
          <button type="button" onClick={onCancel} data-testid={`${testId}.cancel`}>
            Cancel
          </button>
        </>
      )}
      {state.status === "done" && (
        <span className="muted" data-testid={`${testId}.time`}>
          done in {(state.ms / 1000).toFixed(2)} s
        </span>
      )}
      {state.status === "cancelled" && <span role="status">Cancelled.</span>}
      {state.status === "failed" && <span role="alert">{state.message}</span>}
    </>
  );
}
