/**
 * The simulator's engine, loaded after first paint: the page's controls do not need it, and it is
 * about a quarter of the JavaScript. The page and the embed run their already-validated scenario
 * on it directly (`runScenario`), so nothing is parsed twice.
 */
import { useEffect, useState } from "react";
import type { runScenario } from "../sim/engine.ts";

export type Engine = typeof runScenario;

export function loadEngine(): Promise<Engine> {
  return import("../sim/engine.ts").then((engine) => engine.runScenario);
}

/** The engine once loaded (null until then), or why it could not be loaded. */
export function useEngine(): { engine: Engine | null; error: string | null } {
  const [engine, setEngine] = useState<Engine | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    loadEngine().then(
      (run) => setEngine(() => run),
      (reason: unknown) => setError(`The simulator could not be loaded: ${String(reason)}`),
    );
  }, []);
  return { engine, error };
}
