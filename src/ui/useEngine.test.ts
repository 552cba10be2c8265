/**
 * The page's path for a scenario that names implementation profiles (app/useScenario.ts): the
 * engine core, the profile records and the encoder each loaded lazily through useEngine.ts's
 * loaders, the first diagram from a run without bytes, then its bytes, or a later run with the
 * encoder in. Each gives the very JSON text `runScenario` gives; without the records the engine
 * refuses such a scenario rather than run the specification's behaviour.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { profileIdsFor } from "../protocol/profiles/index.ts";
import { presetScenario, PRESETS } from "../app/presets.ts";
import { arbitraryScenario } from "../sim/arbitrary.ts";
import { withProfileDefaults } from "../sim/profileDefaults.ts";
import { runScenario } from "../sim/runScenario.ts";
import type { Scenario } from "../sim/types.ts";
import { loadEncoder, loadEngineCore, loadProfiles, needsProfiles } from "./useEngine.ts";

type Profiles = NonNullable<Scenario["profiles"]>;
const arbitraryProfiles = fc.record({
  broker: fc.constantFrom(...(profileIdsFor("broker") as Profiles["broker"][])),
  publisher: fc.constantFrom(...(profileIdsFor("client") as Profiles["publisher"][])),
  subscriber: fc.constantFrom(...(profileIdsFor("client") as Profiles["subscriber"][])),
});

/** As parsing gives it: the profiles, and the QoS 2 methods they imply where none was set. */
function withProfiles(s: Scenario, profiles: Profiles): Scenario {
  const input: Partial<Scenario> = { ...s };
  delete input.qos2Delivery;
  return withProfileDefaults(input, { ...s, profiles });
}

/** The page's options (useScenario.ts PAGE_RUN), and the plain ones the views use. */
const OPTIONS = [{ states: true }, {}];

/** Both page runs of `scenario` as JSON text: before the encoder (then completed) and after it. */
async function pageRuns(scenario: Scenario, options: object): Promise<string[]> {
  const [core, encode] = await Promise.all([loadEngineCore(), loadEncoder()]);
  const records = needsProfiles(scenario) ? await loadProfiles() : undefined;
  const first = core.withBytes(core.runWithoutBytes(scenario, options, records), encode);
  const later = core.runScenarioWith({ encode, profiles: records }, scenario, options);
  return [JSON.stringify(first), JSON.stringify(later)];
}

const PROFILE_PRESETS = PRESETS.map(presetScenario).filter(needsProfiles);

describe("the page's run of a scenario that names profiles, records loaded lazily", () => {
  it("has presets that name profiles", () => {
    expect(PROFILE_PRESETS.length).toBeGreaterThan(0);
  });

  it("gives each such preset runScenario's JSON text, before and after the encoder", async () => {
    for (const scenario of PROFILE_PRESETS) {
      for (const options of OPTIONS) {
        const expected = JSON.stringify(runScenario(scenario, options));
        expect(await pageRuns(scenario, options)).toEqual([expected, expected]);
      }
    }
  });

  it("gives any mix of profiles runScenario's JSON text", { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryScenario(), arbitraryProfiles, async (s, profiles) => {
        const scenario = withProfiles(s, profiles);
        const expected = JSON.stringify(runScenario(scenario, { states: true }));
        expect(await pageRuns(scenario, { states: true })).toEqual([expected, expected]);
      }),
      { numRuns: 60 },
    );
  });

  it("refuses such a scenario without the records, naming the field and what to hand in", async () => {
    const core = await loadEngineCore();
    const scenario = PROFILE_PRESETS[0] as Scenario;
    expect(() => core.runWithoutBytes(scenario)).toThrow(/names implementation profiles \(profiles\)/);
    expect(() => core.runWithoutBytes(scenario)).toThrow(/no profile records/);
  });

  it("runs a scenario without profiles the same with the records or without", async () => {
    const [core, records] = await Promise.all([loadEngineCore(), loadProfiles()]);
    const plain = PRESETS.map(presetScenario).filter((s) => !needsProfiles(s));
    expect(plain.length).toBeGreaterThan(0);
    for (const scenario of plain) {
      expect(JSON.stringify(core.runWithoutBytes(scenario, { states: true }))).toBe(
        JSON.stringify(core.runWithoutBytes(scenario, { states: true }, records)),
      );
    }
  });
});
