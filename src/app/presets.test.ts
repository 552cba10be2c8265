import { describe, expect, it } from "vitest";
import { parseScenario } from "../sim/scenario.ts";
import { OPENING_PRESET, presetScenario, PRESETS } from "./presets.ts";

describe("presets", () => {
  it("every preset's scenario is what the parser gives back for it: the same fields in the same order", () => {
    for (const preset of PRESETS) {
      const parsed = parseScenario(preset.scenario);
      expect(parsed.ok, preset.id).toBe(true);
      if (!parsed.ok) continue;
      expect(preset.scenario, preset.id).toStrictEqual(parsed.scenario);
      // The order of keys shows in the JSON editor and in exported traces.
      expect(JSON.stringify(preset.scenario), preset.id).toBe(JSON.stringify(parsed.scenario));
    }
  });

  it("presetScenario gives a fresh copy of the preset's scenario each time", () => {
    const first = presetScenario(OPENING_PRESET);
    const second = presetScenario(OPENING_PRESET);
    expect(first).toStrictEqual(OPENING_PRESET.scenario);
    expect(first).not.toBe(second);
    first.faults.length = 0;
    first.timing.latencyMs = 1;
    expect(second).toStrictEqual(OPENING_PRESET.scenario);
    expect(OPENING_PRESET.scenario.faults).toHaveLength(1);
    expect(OPENING_PRESET.scenario.timing.latencyMs).toBe(40);
  });

  it("the page opens on Batch #101 with its PUBREC lost", () => {
    expect(OPENING_PRESET.id).toBe("batch-pubrec-lost");
    expect(OPENING_PRESET.scenario.faults).toStrictEqual([
      { hop: "publisher-broker", packet: "PUBREC", message: 1, attempt: 1 },
    ]);
  });

  it("ids are unique", () => {
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
  });
});
