/**
 * Switching the page's modes (presentation, predict) in a link's search part, for the page that
 * loads them: apart from url.ts, which the first diagram needs, so this stays out of it. Pure.
 */
import { MODES, type Mode } from "./url.ts";

/**
 * `search` with the modes set as given (`1` when on, left out when off) and every other
 * parameter as it was written: a mode switched on or off does not rewrite the rest of the link.
 */
export function withModes(search: string, modes: Record<Mode, boolean>): string {
  const params = new URLSearchParams(search);
  for (const mode of MODES) {
    if (modes[mode]) params.set(mode, "1");
    else params.delete(mode);
  }
  const text = params.toString().replace(/%2C/g, ",").replace(/%2F/g, "/");
  return text === "" ? "" : `?${text}`;
}
