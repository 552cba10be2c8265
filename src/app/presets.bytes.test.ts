import { describe, expect, it } from "vitest";
import { encode } from "../protocol/wire.ts";
import { runWithoutBytes, withBytes } from "../sim/deferredBytes.ts";
import { PROFILE_SUPPORT } from "../sim/profileSupport.ts";
import { runScenario } from "../sim/runScenario.ts";
import { OPENING_PRESET, presetScenario, PRESETS } from "./presets.ts";

// The page draws a preset's first diagram before the encoder has loaded (useScenario.ts), then
// completes the trace: what it then shows and exports must be exactly what runScenario gives.
const ALL = [OPENING_PRESET, ...PRESETS.filter((p) => p.id !== OPENING_PRESET.id)];

describe("every preset's trace completed with its bytes", () => {
  it.each(ALL.map((preset) => ({ id: preset.id, preset })))(
    "$id: equals runScenario's trace, key order included (as the page runs it and plain)",
    ({ preset }) => {
      const scenario = presetScenario(preset);
      // The page hands the profile records in only for a scenario that names profiles.
      const records = scenario.profiles === undefined ? undefined : PROFILE_SUPPORT;
      for (const options of [{ states: true }, {}]) {
        const completed = withBytes(runWithoutBytes(scenario, options, records), encode);
        expect(completed).toStrictEqual(runScenario(scenario, options));
        expect(JSON.stringify(completed)).toBe(JSON.stringify(runScenario(scenario, options)));
      }
    },
  );
});
