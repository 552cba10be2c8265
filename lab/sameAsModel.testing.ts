/** What the lab's real-broker tests assert of a run: the model draws what the broker did. */
import { expect } from "vitest";
import { modelScenarioFor } from "../src/live/index.ts";
import { simulate } from "../src/sim/simulate.ts";
import type { Scenario } from "../src/sim/types.ts";
import { compareWithModel } from "./compare.ts";
import { traceLines } from "./findings/lines.ts";
import type { LiveRun } from "./types.ts";

/** The model of the run's scenario under the broker's profile, against the real run: no difference. */
export function expectSameAsModel(scenario: Scenario, run: LiveRun): void {
  const model = simulate(modelScenarioFor(scenario, run));
  const differences = compareWithModel(model, run.trace).map((d) => d.sentence);
  // The real trace beside the differences makes a failure readable.
  expect({ differences, real: differences.length > 0 ? traceLines(run.trace) : [] }).toEqual({
    differences: [],
    real: [],
  });
}
