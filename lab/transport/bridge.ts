/**
 * A loopback TCP front for a broker reached over TLS or WebSocket: every connection accepted here
 * opens the broker's transport (upstream.ts) and the two are piped both ways, untouched. The relay,
 * the observer and the session reset stay plain TCP clients of this front; only the way to the
 * broker changes. A close on either side closes the other, so a relay's cut reaches the broker.
 */
import net from "node:net";
import type { Duplex } from "node:stream";
import { LOOPBACK } from "../brokers/broker.ts";
import { openUpstream, type UpstreamTarget } from "./upstream.ts";

export interface Bridge {
  host: string;
  port: number;
  close(): Promise<void>;
}

export async function startBridge(target: UpstreamTarget): Promise<Bridge> {
  const streams = new Set<Duplex>();
  const server = net.createServer((local) => {
    // A failure to open closes `local`: the client sees a lost connection and reconnects, as it
    // would with the broker itself (runLive probed the transport once before, with its message).
    const { stream } = openUpstream(target);
    streams.add(local);
    streams.add(stream);
    const end = () => {
      local.destroy();
      stream.destroy();
      streams.delete(local);
      streams.delete(stream);
    };
    local.pipe(stream);
    stream.pipe(local);
    for (const side of [local, stream]) {
      side.once("close", end);
      side.once("error", end);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, LOOPBACK, resolve); // loopback only
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return {
    host: LOOPBACK,
    port,
    async close() {
      for (const stream of streams) stream.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
