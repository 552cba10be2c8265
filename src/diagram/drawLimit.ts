/**
 * How many packets a diagram draws at most. Beyond it a diagram is not useful to look at (20,000
 * arrows are about 1.7 million pixels tall at the default flight height) and laying it out and
 * drawing it would hold the page for seconds: the page shows the summary, the table and the exports
 * instead, and the SVG export says so rather than writing a file of hundreds of megabytes. Pure.
 */
import type { Trace } from "../sim/types.ts";

/**
 * At this size (measured on a busy 2-core machine): an SVG of 14.5 MB written in 2.3 s, and a
 * layout the page's windowed diagram still scrolls; ten times more took 34 s and 2.8 GB for a
 * 148 MB SVG, and 100,000 QoS 2 messages over two hops ran out of memory at 5 GB.
 */
export const MAX_DRAWN_PACKETS = 20_000;

/** The packet events of a trace (dropped ones included: each is an arrow). */
export function packetCount(trace: Trace): number {
  let packets = 0;
  for (const event of trace.events) if (event.type === "packet") packets++;
  return packets;
}

/** Why the trace is too large to draw, as a sentence, or null when it can be drawn. */
export function drawingTooLarge(trace: Trace): string | null {
  const packets = packetCount(trace);
  if (packets <= MAX_DRAWN_PACKETS) return null;
  const n = (x: number) => x.toLocaleString("en-US");
  return (
    `the diagram would have ${n(packets)} packets, more than the ${n(MAX_DRAWN_PACKETS)} ` +
    `a diagram draws (${n(trace.scenario.messages.length)} messages)`
  );
}
