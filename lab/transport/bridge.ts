/**
 * A loopback TCP front for a broker reached over TLS or WebSocket: every connection accepted here
 * opens the broker's transport (upstream.ts) and the two are piped both ways, untouched. The relay,
 * the observer and the session reset stay plain TCP clients of this front; only the way to the
 * broker changes. A close on either side closes the other, so a relay's cut reaches the broker.
 */
import net from "node:net";
import type { Duplex } from "node:stream";
import { LOOPBACK } from "../brokers/broker.ts";
import { transportError } from "./errors.ts";
import { openUpstream, type UpstreamTarget } from "./upstream.ts";

export interface Bridge {
  host: string;
  port: number;
  /**
   * Rejects at the first transport error on a connection the broker never sent a byte on (a TLS
   * 1.3 broker refuses a client certificate only after the handshake); never resolves.
   */
  failure: Promise<never>;
  close(): Promise<void>;
}

export async function startBridge(target: UpstreamTarget): Promise<Bridge> {
  const streams = new Set<Duplex>();
  let fail: (error: Error) => void = () => {};
  const failure = new Promise<never>((_, reject) => (fail = reject));
  failure.catch(() => undefined); // read by whoever waits on it; never unhandled
  const server = net.createServer((local) => {
    // A failure closes `local` too: the client sees a lost connection, as with the broker itself.
    const { stream, ready } = openUpstream(target);
    let answered = false;
    /** This side closed it (the relay cut, the run ended): what follows is not the broker's doing. */
    let ending = false;
    stream.once("data", () => (answered = true));
    ready.catch((error: unknown) => {
      if (!ending) fail(error instanceof Error ? error : new Error(String(error)));
    });
    stream.once("error", (error) => {
      if (!answered && !ending) fail(transportError(error, target));
    });
    streams.add(local);
    streams.add(stream);
    const end = () => {
      ending = true;
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
    failure,
    async close() {
      for (const stream of streams) stream.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
