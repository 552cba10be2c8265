import { describe, expect, it } from "vitest";
import { parseScenarioOrThrow } from "../sim/scenario.ts";
import { explore } from "./enumerate.ts";
import { invariantLine, invariantLineOf } from "./invariant.ts";
import { EXAMPLES_PER_GROUP, tallyOf } from "./tally.ts";

describe("tallyOf", () => {
  const exploration = explore(parseScenarioOrThrow({ publishQos: 1, subscriber: { qos: 1 } }), 2);
  const tally = tallyOf(exploration);

  it("agrees with the exploration's counts and groups, keeping only the first few plans of each", () => {
    expect(tally.plans).toBe(exploration.plans.length);
    expect(tally.counts).toEqual(exploration.counts);
    for (const verdict of ["lost", "once", "duplicated"] as const) {
      const indexes = exploration.byVerdict[verdict];
      expect(tally.plansWith[verdict]).toBe(indexes.length);
      const first = indexes.slice(0, EXAMPLES_PER_GROUP).map((i) => exploration.plans[i]);
      expect(tally.examples[verdict]).toEqual(first);
    }
    expect(tally.plansWith.duplicated).toBeGreaterThan(EXAMPLES_PER_GROUP);
  });

  it("gives the same invariant line as the plans themselves", () => {
    const line = invariantLineOf({ tally, maxDrops: 2, complete: true }, exploration.scenario);
    expect(line).toBe(invariantLine(exploration, exploration.scenario));
    expect(line).toMatch(/plans duplicate the message, none lose it, e.g. /);
  });
});
