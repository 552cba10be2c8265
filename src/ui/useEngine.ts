/**
 * The simulator's engine, loaded after first paint: the page's controls do not need it, and it is
 * about a quarter of the JavaScript. The page and the embed run their already-validated scenario
 * on it directly (`runScenario`), so nothing is parsed twice.
 *
 * The packet encoder (mqtt-packet and the `buffer` polyfill, about 15 kB gzip) is a chunk of its
 * own: the page's first diagram runs the engine without it (`loadEngineCore`, sim/deferredBytes.ts)
 * and completes the trace's bytes once `loadEncoder` is in. `loadEngine` gives both bound.
 */
import { useEffect, useState } from "react";
import type { Encode } from "../protocol/wirePacket.ts";
import type * as DeferredBytes from "../sim/deferredBytes.ts";
import type { runScenario } from "../sim/runScenario.ts";

export type Engine = typeof runScenario;
/** The engine without the encoder, with what completes a run's bytes (sim/deferredBytes.ts). */
export type EngineCore = typeof DeferredBytes;

/** The engine with the real encoder: what shows or exports bytes runs this. */
export function loadEngine(): Promise<Engine> {
  return import("../sim/runScenario.ts").then((engine) => engine.runScenario);
}

/** The engine alone, without the encoder's chunk: enough to draw a diagram. */
export function loadEngineCore(): Promise<EngineCore> {
  return import("../sim/deferredBytes.ts");
}

/** The packet encoder (wire.ts). */
export function loadEncoder(): Promise<Encode> {
  return import("../protocol/wire.ts").then((wire) => wire.encode);
}

/**
 * The engine once loaded (null until then), or why it could not be loaded. `bytes: false`: without
 * the encoder, for a view that shows no bytes at all (the embed): its traces' bytes are
 * placeholders (sim/bytesPending.ts `hasBytes` is false for them).
 */
export function useEngine({ bytes = true }: { bytes?: boolean } = {}): {
  engine: Engine | null;
  error: string | null;
} {
  const [engine, setEngine] = useState<Engine | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const loading = bytes ? loadEngine() : loadEngineCore().then((core) => core.runWithoutBytes);
    loading.then(
      (run) => setEngine(() => run),
      (reason: unknown) => setError(`The simulator could not be loaded: ${String(reason)}`),
    );
  }, [bytes]);
  return { engine, error };
}
