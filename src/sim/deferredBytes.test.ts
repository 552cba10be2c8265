import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { encode } from "../protocol/wire.ts";
import { hasBytes } from "./bytesPending.ts";
import { runWithoutBytes, withBytes } from "./deferredBytes.ts";
import { PROFILE_SUPPORT } from "./profileSupport.ts";
import { runScenario } from "./runScenario.ts";
import type { Trace } from "./types.ts";

const GOLDEN = join(import.meta.dirname, "golden");
/** Every golden trace's scenario: every packet kind, both protocols, losses, restarts, wills. */
const SCENARIOS = readdirSync(GOLDEN)
  .filter((file) => file.endsWith(".json"))
  .map((file) => ({
    file,
    scenario: (JSON.parse(readFileSync(join(GOLDEN, file), "utf8")) as Trace).scenario,
  }));

describe("a run without bytes, completed once the encoder is in", () => {
  it("has a golden scenario for each case (the folder was read)", () => {
    expect(SCENARIOS.length).toBeGreaterThan(50);
  });

  it("has golden scenarios that name profiles (their records are handed in below)", () => {
    expect(SCENARIOS.filter(({ scenario }) => scenario.profiles !== undefined).length).toBeGreaterThan(0);
  });

  it.each(SCENARIOS)("$file: the completed trace is runScenario's, key order included", ({ scenario }) => {
    // As the page runs it: with the profile records only when the scenario names profiles.
    const records = scenario.profiles === undefined ? undefined : PROFILE_SUPPORT;
    for (const options of [{}, { states: true }]) {
      const provisional = runWithoutBytes(scenario, options, records);
      expect(hasBytes(provisional)).toBe(false);
      const completed = withBytes(provisional, encode);
      expect(hasBytes(completed)).toBe(true);
      expect(JSON.stringify(completed)).toBe(JSON.stringify(runScenario(scenario, options)));
    }
  });

  it("leaves placeholders only in the provisional trace, which it does not change", () => {
    const scenario = SCENARIOS[0]!.scenario;
    const provisional = runWithoutBytes(scenario);
    const before = JSON.stringify(provisional);
    const packets = provisional.events.filter((e) => e.type === "packet");
    expect(packets.length).toBeGreaterThan(0);
    for (const p of packets) {
      expect(p.bytes).toBe(0);
      expect(p.hex).toMatch(/^pending:\d+$/);
    }
    expect(provisional.outcome.bytes).toBe(0);
    const completed = withBytes(provisional, encode);
    expect(JSON.stringify(provisional)).toBe(before);
    expect(completed).not.toBe(provisional);
    expect(JSON.stringify(completed)).not.toContain("pending:");
    expect(completed.outcome.bytes).toBeGreaterThan(0);
  });

  it("returns a trace that has its bytes as it is", () => {
    const trace = runScenario(SCENARIOS[0]!.scenario);
    expect(hasBytes(trace)).toBe(true);
    expect(withBytes(trace, encode)).toBe(trace);
  });
});
