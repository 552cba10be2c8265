/**
 * Creates the lab's Web Worker from its own file, next to the page's scripts. The offline build
 * (vite.offline.config.ts) swaps this module for spawn.offline.ts, which inlines the worker.
 */
export function spawnLabWorker(): Worker {
  return new Worker(new URL("./lab.worker.ts", import.meta.url), { type: "module" });
}
