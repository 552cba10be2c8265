/**
 * The simulator's engine, loaded after first paint: the page's controls do not need it, and it is
 * about a quarter of the JavaScript. The page and the embed run their already-validated scenario
 * on it directly (`runScenario`), so nothing is parsed twice.
 *
 * The packet encoder (mqtt-packet and the `buffer` polyfill, about 15 kB gzip) is a chunk of its
 * own: the page's first diagram runs the engine without it (`loadEngineCore`, sim/deferredBytes.ts)
 * and completes the trace's bytes once `loadEncoder` is in. So are the implementation profiles'
 * records and findings (`loadProfiles`, sim/profileSupport.ts, about 4 kB gzip): only a scenario
 * that names `profiles` needs them. `loadEngine` gives all of them bound.
 */
import { useEffect, useState } from "react";
import type { Encode } from "../protocol/wirePacket.ts";
import type * as EngineCoreModule from "../sim/engineCore.ts";
import type { ProfileSupport } from "../sim/profileSupport.ts";
import type { runScenario } from "../sim/runScenario.ts";
import type { Scenario } from "../sim/types.ts";

export type Engine = typeof runScenario;
/** The engine without the encoder, with what completes a run's bytes (sim/engineCore.ts). */
export type EngineCore = typeof EngineCoreModule;

/** The engine with the real encoder: what shows or exports bytes runs this. */
export function loadEngine(): Promise<Engine> {
  return import("../sim/runScenario.ts").then((engine) => engine.runScenario);
}

let coreNow: EngineCore | null = null;

/** The engine alone, without the encoder's chunk: enough to draw a diagram. */
export function loadEngineCore(): Promise<EngineCore> {
  return import("../sim/engineCore.ts").then((core) => (coreNow = core));
}

/** The engine alone when it has loaded already (a page's first render can run its scenario at once). */
export function engineCoreNow(): EngineCore | null {
  return coreNow;
}

/** The packet encoder (wire.ts). */
export function loadEncoder(): Promise<Encode> {
  return import("../protocol/wire.ts").then((wire) => wire.encode);
}

/** The profile records and findings (sim/profileSupport.ts), through the engine (engineCore.ts says why). */
export function loadProfiles(): Promise<ProfileSupport> {
  return loadEngineCore().then((core) => core.loadProfileSupport());
}

/** Whether running `scenario` needs the profile records (`loadProfiles`). */
export function needsProfiles(scenario: Scenario): boolean {
  return scenario.profiles !== undefined;
}

/** The engine without the encoder, with the profile records when `profiles` (else without them). */
function loadWithoutBytes(profiles: boolean): Promise<Engine> {
  return Promise.all([loadEngineCore(), profiles ? loadProfiles() : undefined]).then(
    ([core, support]) =>
      (scenario, options) =>
        core.runWithoutBytes(scenario, options, support),
  );
}

/**
 * The engine once loaded (null until then), or why it could not be loaded. `bytes: false`: without
 * the encoder, for a view that shows no bytes at all (the embed): its traces' bytes are
 * placeholders (sim/bytesPending.ts `hasBytes` is false for them); that engine has the profile
 * records only with `profiles: true` (a view that never runs a scenario naming profiles leaves
 * them out; the engine refuses such a scenario).
 */
export function useEngine({ bytes = true, profiles = true }: { bytes?: boolean; profiles?: boolean } = {}): {
  engine: Engine | null;
  error: string | null;
} {
  const [engine, setEngine] = useState<Engine | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const loading = bytes ? loadEngine() : loadWithoutBytes(profiles);
    loading.then(
      (run) => setEngine(() => run),
      (reason: unknown) => setError(`The simulator could not be loaded: ${String(reason)}`),
    );
  }, [bytes, profiles]);
  return { engine, error };
}
