/**
 * The messages between the page and the lab's Web Worker. Heavy work (every fault plan, the
 * configuration matrix, statistics over many messages) runs there so the page stays responsive.
 */
import type { Exploration } from "../explore/enumerate.ts";
import type { PlanEstimate } from "../explore/estimate.ts";
import type { TextFormat } from "../export/exportRun.ts";
import type { PostedRunResult } from "../export/bigInput.ts";
import type { RunSource } from "../export/importRun.ts";
import type { BrokerProfile, MatrixRow } from "../explore/matrix.ts";
import type { Scenario } from "../sim/types.ts";
import type { ClaimsInput, ClaimsReport } from "../stats/claims.ts";
import type { Comparison, LossCurve, QosStatistics, StatisticsInput } from "../stats/randomLoss.ts";

export type Job =
  | { kind: "explore"; scenario: Scenario; maxDrops: number }
  /** How many plans "explore" would run, counted before it runs (src/explore/estimate.ts). */
  | { kind: "estimate"; scenario: Scenario; maxDrops: number }
  | { kind: "matrix"; maxDrops: number; profiles?: readonly BrokerProfile[] }
  | { kind: "compare"; input: Omit<StatisticsInput, "qos"> }
  /** One QoS level alone (what `npm run bench:ui` times per QoS). */
  | { kind: "statistics"; input: StatisticsInput }
  | { kind: "curve"; input: Omit<StatisticsInput, "qos" | "probability"> }
  | { kind: "claims"; input: ClaimsInput }
  /** A big import or scenario: parsed (for text) and simulated off the page. */
  | { kind: "trace"; source: RunSource }
  /** A text export of a scenario too large to draw. */
  | { kind: "export"; scenario: Scenario; format: TextFormat };

export interface JobResults {
  explore: Exploration;
  estimate: PlanEstimate;
  matrix: MatrixRow[];
  compare: Comparison;
  statistics: QosStatistics;
  curve: LossCurve;
  claims: ClaimsReport;
  trace: PostedRunResult;
  export: string;
}

export interface Progress {
  done: number;
  /** Known for jobs whose size is known up front. */
  total?: number;
  label: string;
}

export type WorkerReply =
  | { id: number; type: "progress"; progress: Progress }
  | { id: number; type: "result"; result: unknown }
  | { id: number; type: "error"; message: string };

export interface WorkerRequest {
  id: number;
  job: Job;
}
