/**
 * mqtt-packet's encoder without its generate.js: that file collects the chunks in an
 * EventEmitter subclass only to report an error, which pulls the `events` polyfill (6 kB) into
 * the page before its first diagram. The same writer, the same chunks, the same bytes; an error
 * the writer reports (a packet it cannot encode) is thrown, as generate.js's emit does without a
 * listener.
 */
import type { Packet } from "mqtt-packet";
import writeToStream from "mqtt-packet/writeToStream.js";

export function generate(packet: Packet, opts: { protocolVersion: 4 | 5 }): Uint8Array {
  const chunks: Uint8Array[] = [];
  writeToStream(
    packet,
    {
      write(chunk: Uint8Array | string) {
        // A Buffer of whichever realm (Node's, or the npm polyfill's in a page): read as bytes.
        chunks.push(typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk);
        return true;
      },
      destroy(error?: Error) {
        if (error) throw error;
      },
    },
    opts,
  );
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}
