/**
 * mqtt-packet's encoder without its generate.js: that file collects the chunks in an
 * EventEmitter subclass only to report an error, which pulls the `events` polyfill (6 kB) into
 * the page before its first diagram. The same writer, the same chunks, the same bytes; an error
 * the writer reports (a packet it cannot encode) is thrown, as generate.js's emit does without a
 * listener.
 */
import { Buffer } from "buffer";
import type { Packet } from "mqtt-packet";
import writeToStream from "mqtt-packet/writeToStream.js";

export function generate(packet: Packet, opts: { protocolVersion: 4 | 5 }): Buffer {
  const chunks: (Buffer | string)[] = [];
  writeToStream(
    packet,
    {
      write(chunk: Buffer | string) {
        chunks.push(chunk);
        return true;
      },
      destroy(error?: Error) {
        if (error) throw error;
      },
    },
    opts,
  );
  return Buffer.concat(chunks.map((c) => (typeof c === "string" ? Buffer.from(c) : c)));
}
