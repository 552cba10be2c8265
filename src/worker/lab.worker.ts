/// <reference lib="webworker" />
/**
 * The lab's Web Worker: runs one job at a time and reports progress. Cancelling is done by the
 * page terminating the worker, which works even in the middle of a long synchronous loop.
 */
import { explore } from "../explore/enumerate.ts";
import { estimatePlans } from "../explore/estimate.ts";
import { matrixRows } from "../explore/matrix.ts";
import { exportText } from "../export/exportRun.ts";
import { postedRunResult } from "../export/bigInput.ts";
import { importAndRun } from "../export/importRun.ts";
import { checkClaims } from "../stats/claims.ts";
import { compareQos, lossCurve, runStatistics } from "../stats/randomLoss.ts";
import type { Job, Progress, WorkerReply, WorkerRequest } from "./jobs.ts";

const PROGRESS_EVERY_MS = 50;

function run(job: Job, report: (p: Progress) => void): unknown {
  switch (job.kind) {
    case "explore":
      return explore(job.scenario, job.maxDrops, {
        onProgress: (done) => report({ done, label: `${done} plans` }),
      });
    case "estimate":
      return estimatePlans(job.scenario, job.maxDrops);
    case "matrix":
      return matrixRows(job.maxDrops, {
        profiles: job.profiles,
        onProgress: (p) =>
          report({ done: p.cells, total: p.totalCells, label: `${p.cells} of ${p.totalCells} set-ups` }),
      });
    case "compare":
      return compareQos(job.input, { onProgress: messagesProgress(report) });
    case "statistics":
      return runStatistics(job.input, { onProgress: messagesProgress(report) });
    case "curve":
      return lossCurve(job.input, undefined, { onProgress: messagesProgress(report) });
    case "claims":
      return checkClaims(job.input, { onProgress: messagesProgress(report) });
    case "trace":
      return postedRunResult(importAndRun(job.source, messagesProgress(report, "published")));
    case "export":
      return exportText(job.scenario, job.format, messagesProgress(report, "published"));
  }
}

function messagesProgress(report: (p: Progress) => void, verb = "") {
  const suffix = verb ? ` ${verb}` : "";
  return (done: number, total: number) =>
    report({
      done,
      total,
      label: `${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} messages${suffix}`,
    });
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const { id, job } = event.data;
  const post = (reply: WorkerReply) => self.postMessage(reply);
  let last = 0;
  const report = (progress: Progress) => {
    const now = performance.now();
    if (now - last < PROGRESS_EVERY_MS) return;
    last = now;
    post({ id, type: "progress", progress });
  };
  try {
    post({ id, type: "result", result: run(job, report) });
  } catch (error) {
    post({ id, type: "error", message: error instanceof Error ? error.message : String(error) });
  }
};
