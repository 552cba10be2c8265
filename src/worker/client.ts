/**
 * Runs a job in a fresh Web Worker. `cancel()` terminates the worker at once; the result promise
 * then rejects with a CancelledError.
 */
import type { Job, JobResults, Progress, WorkerReply } from "./jobs.ts";
import { spawnLabWorker } from "./spawn.ts";

export class CancelledError extends Error {
  constructor() {
    super("cancelled");
  }
}

export interface RunningJob<T> {
  result: Promise<T>;
  cancel(): void;
}

let nextId = 1;

export function startJob<J extends Job>(
  job: J,
  onProgress: (p: Progress) => void,
): RunningJob<JobResults[J["kind"]]> {
  const worker = spawnLabWorker();
  const id = nextId++;
  let settle: { reject(e: unknown): void } | null = null;
  const result = new Promise<JobResults[J["kind"]]>((resolve, reject) => {
    settle = { reject };
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      if (reply.id !== id) return;
      if (reply.type === "progress") onProgress(reply.progress);
      else {
        worker.terminate();
        if (reply.type === "result") resolve(reply.result as JobResults[J["kind"]]);
        else reject(new Error(reply.message));
      }
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || "the worker failed"));
    };
  });
  worker.postMessage({ id, job });
  return {
    result,
    cancel() {
      worker.terminate();
      settle?.reject(new CancelledError());
    },
  };
}
