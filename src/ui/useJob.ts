/** A worker job as React state: idle, running (with progress and cancel), done or failed. */
import { useCallback, useEffect, useRef, useState } from "react";
import { CancelledError, startJob, type RunningJob } from "../worker/client.ts";
import type { Job, JobResults, Progress } from "../worker/jobs.ts";

export type JobState<T> =
  | { status: "idle" }
  | { status: "running"; progress: Progress | null }
  | { status: "done"; result: T; ms: number }
  | { status: "cancelled" }
  | { status: "failed"; message: string };

export function useJob<K extends Job["kind"]>() {
  const [state, setState] = useState<JobState<JobResults[K]>>({ status: "idle" });
  const running = useRef<RunningJob<JobResults[K]> | null>(null);

  const cancel = useCallback(() => running.current?.cancel(), []);
  useEffect(() => cancel, [cancel]);

  /** `onDone` runs with the result, unless another job replaced this one first. */
  const start = useCallback((job: Extract<Job, { kind: K }>, onDone?: (result: JobResults[K]) => void) => {
    running.current?.cancel();
    const began = performance.now();
    setState({ status: "running", progress: null });
    const handle = startJob(job, (progress) => setState({ status: "running", progress })) as RunningJob<
      JobResults[K]
    >;
    running.current = handle;
    handle.result.then(
      (result) => {
        if (running.current !== handle) return;
        setState({ status: "done", result, ms: performance.now() - began });
        onDone?.(result);
      },
      (error: unknown) => {
        if (running.current !== handle) return;
        setState(
          error instanceof CancelledError
            ? { status: "cancelled" }
            : { status: "failed", message: error instanceof Error ? error.message : String(error) },
        );
      },
    );
  }, []);

  return { state, start, cancel };
}
