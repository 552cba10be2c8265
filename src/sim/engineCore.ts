/**
 * The engine as the page loads it first (ui/useEngine.ts `loadEngineCore`): it runs without the
 * packet encoder (deferredBytes.ts) and without the profile records, which load through it.
 */
import type { ProfileSupport } from "./profileSupport.ts";

export { runScenarioWith } from "./engine.ts";
export { runWithoutBytes, withBytes } from "./deferredBytes.ts";

/**
 * The profile records and findings (profileSupport.ts), a chunk of their own, loaded through this
 * module: the bundler then knows the engine is in when they load and keeps what they share with
 * it (behaviours.ts, the machines, XState) in the engine's chunk, with no chunk split off for it.
 */
export function loadProfileSupport(): Promise<ProfileSupport> {
  return import("./profileSupport.ts").then((support) => support.PROFILE_SUPPORT);
}
