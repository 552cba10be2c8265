/**
 * A trace as the JSON file that the app's export and `npm run render -- --format json` write
 * (the same text as `npm run simulate`). State events, which only the app's state panel asks
 * the simulator for, are left out, so the file is the documented trace whoever wrote it. Pure.
 */
import type { Trace } from "../sim/types.ts";

/** Pretty-printed, ending in a newline. */
export function traceToJson(trace: Trace): string {
  const events = trace.events.filter((e) => e.type !== "state");
  return `${JSON.stringify({ ...trace, events }, null, 2)}\n`;
}
