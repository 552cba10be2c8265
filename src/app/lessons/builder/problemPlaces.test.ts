import { describe, expect, it } from "vitest";
import { parseScenarioOrThrow } from "../../../sim/scenario.ts";
import { addStep, emptyDraft } from "./lessonDraft.ts";
import { placeProblems } from "./problemPlaces.ts";

const draft = addStep(
  addStep(emptyDraft(), "show", parseScenarioOrThrow({ publishQos: 1 })),
  "task",
  parseScenarioOrThrow({ publishQos: 2 }),
);

describe("where a problem is shown", () => {
  it("beside the field with the longest path it lies in, naming the rest of its path", () => {
    const placed = placeProblems(
      [
        { path: "steps[0].scenario.faults[0].packet", message: 'expected one of PUBLISH; got "PUBAK"' },
        { path: "steps[1].goal.deliveries.min", message: "expected an integer" },
        { path: "steps[1].goal", message: "expected at least one outcome constraint" },
        { path: "title", message: "required field is missing" },
        { path: "steps[10]", message: "?" },
        { path: "titles", message: "unknown field" },
        { path: "", message: "expected an object" },
      ],
      draft,
    );
    expect(Object.fromEntries(placed.at)).toEqual({
      "steps[0].scenario": ['faults[0].packet: expected one of PUBLISH; got "PUBAK"'],
      "steps[1].goal": ["deliveries.min: expected an integer", "expected at least one outcome constraint"],
      title: ["required field is missing"],
      steps: ["[10]: ?"],
    });
    // "titles" is not inside "title": a prefix must end at a field boundary.
    expect(placed.rest.map((p) => p.path)).toEqual(["titles", ""]);
  });
});
