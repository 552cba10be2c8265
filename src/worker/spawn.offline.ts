/**
 * The offline build's worker (vite.offline.config.ts uses this module in place of spawn.ts): the
 * worker's code is inlined in the page and started from a blob: URL, since a worker file cannot be
 * loaded from file://. Not used by the normal build, where the worker stays a separate file.
 */
import LabWorker from "./lab.worker.ts?worker&inline";

export function spawnLabWorker(): Worker {
  return new LabWorker();
}
