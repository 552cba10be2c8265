import { describe, expect, it } from "vitest";
import { parseScenario } from "../sim/scenario.ts";
import { presetScenario, PRESETS } from "./presets.ts";

describe("presets", () => {
  it("every preset is a valid scenario, and presetScenario gives it with its defaults", () => {
    for (const preset of PRESETS) {
      const parsed = parseScenario(preset.scenario);
      expect(parsed.ok, preset.id).toBe(true);
      expect(presetScenario(preset)).toEqual(parsed.ok && parsed.scenario);
    }
  });

  it("presetScenario refuses a preset the format does not accept", () => {
    expect(() => presetScenario({ id: "x", label: "x", story: "x", scenario: { publishQos: 7 } })).toThrow(
      /publishQos/,
    );
  });
});
