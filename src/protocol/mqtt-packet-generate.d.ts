// mqtt-packet's writer alone (its writeToStream.js): the package's index also loads the stream
// parser (bl, readable streams), and its generate.js the `events` polyfill, neither of which
// anything here uses; the inspector decodes bytes itself.
declare module "mqtt-packet/writeToStream.js" {
  import type { Packet } from "mqtt-packet";
  interface ChunkSink {
    write(chunk: Uint8Array | string): boolean;
    destroy(error?: Error): void;
  }
  const writeToStream: (packet: Packet, stream: ChunkSink, opts: { protocolVersion: 4 | 5 }) => boolean;
  export default writeToStream;
}
