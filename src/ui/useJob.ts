/**
 * A worker job as React state: idle, running (with progress and cancel), done or failed. The
 * worker's client is loaded with the first job, so a page that may never start one (the lab
 * before a big import) does not carry it in its first JavaScript.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { RunningJob } from "../worker/client.ts";
import type { Job, JobResults, Progress } from "../worker/jobs.ts";

/** One started job: cancelled before its worker exists, or the worker's handle once it does. */
interface Started<T> {
  handle: RunningJob<T> | null;
  cancelled: boolean;
  cancel(): void;
}

export type JobState<T> =
  | { status: "idle" }
  | { status: "running"; progress: Progress | null }
  | { status: "done"; result: T; ms: number }
  | { status: "cancelled" }
  | { status: "failed"; message: string };

export function useJob<K extends Job["kind"]>() {
  const [state, setState] = useState<JobState<JobResults[K]>>({ status: "idle" });
  const running = useRef<Started<JobResults[K]> | null>(null);

  const cancel = useCallback(() => running.current?.cancel(), []);
  useEffect(() => cancel, [cancel]);

  /** `onDone` runs with the result, unless another job replaced this one first. */
  const start = useCallback((job: Extract<Job, { kind: K }>, onDone?: (result: JobResults[K]) => void) => {
    running.current?.cancel();
    const began = performance.now();
    setState({ status: "running", progress: null });
    const started: Started<JobResults[K]> = {
      handle: null,
      cancelled: false,
      cancel() {
        started.cancelled = true;
        started.handle?.cancel();
      },
    };
    running.current = started;
    const failed = (error: unknown) => {
      if (running.current !== started) return;
      setState({ status: "failed", message: error instanceof Error ? error.message : String(error) });
    };
    import("../worker/client.ts").then(({ startJob, CancelledError }) => {
      if (running.current !== started) return;
      if (started.cancelled) {
        setState({ status: "cancelled" });
        return;
      }
      const handle = startJob(job, (progress) => setState({ status: "running", progress })) as RunningJob<
        JobResults[K]
      >;
      started.handle = handle;
      handle.result.then(
        (result) => {
          if (running.current !== started) return;
          setState({ status: "done", result, ms: performance.now() - began });
          onDone?.(result);
        },
        (error: unknown) => {
          if (error instanceof CancelledError) {
            if (running.current === started) setState({ status: "cancelled" });
          } else failed(error);
        },
      );
    }, failed);
  }, []);

  return { state, start, cancel };
}
