/**
 * Opening a connection to a broker over the transport its URL names: mqtt:// (TCP), mqtts:// (TLS
 * with the given CA, client certificate and key, or unchecked with `insecure`), ws:// and wss://
 * (MQTT over WebSocket, subprotocol "mqtt", binary frames, spec §6). Whatever the transport, the
 * caller gets a byte stream of MQTT packets.
 */
import net from "node:net";
import type { Duplex } from "node:stream";
import tls from "node:tls";
import WebSocket, { createWebSocketStream } from "ws";
import type { BrokerScheme } from "../../src/live/index.ts";
import { transportError } from "./errors.ts";

/** TLS settings for mqtts:// and wss:// (PEM text, not file names: the caller reads the files). */
export interface TlsOptions {
  /** Certificate authorities to trust instead of the system's (a self-signed broker's certificate). */
  ca?: string;
  /** Client certificate and key, for a broker that asks for one. */
  cert?: string;
  key?: string;
  /** Do not check the broker's certificate at all (a test broker only). */
  insecure?: boolean;
}

export interface UpstreamTarget {
  scheme: BrokerScheme;
  /** Host name or IP address; an IPv6 address keeps its brackets, as in the URL. */
  host: string;
  port: number;
  /** WebSocket path ("/" when absent); ignored for mqtt:// and mqtts://. */
  path: string;
  tls?: TlsOptions;
}

export interface Upstream {
  stream: Duplex;
  /** Resolves when the transport is up (TCP connected, TLS handshake done, WebSocket open). */
  ready: Promise<void>;
}

/** "[::1]" → "::1": what net and tls take. */
function bareHost(host: string): string {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

function tlsSettings(target: UpstreamTarget): tls.ConnectionOptions {
  const host = bareHost(target.host);
  const options = target.tls ?? {};
  return {
    ...(options.ca !== undefined ? { ca: options.ca } : {}),
    ...(options.cert !== undefined ? { cert: options.cert } : {}),
    ...(options.key !== undefined ? { key: options.key } : {}),
    rejectUnauthorized: options.insecure !== true,
    // SNI takes a name, never an address (RFC 6066 §3).
    ...(net.isIP(host) === 0 ? { servername: host } : {}),
  };
}

/** Settles once: the first of ready or failed wins. */
function readiness(): { ready: Promise<void>; resolve: () => void; reject: (e: unknown) => void } {
  let resolve = () => {};
  let reject: (e: unknown) => void = () => {};
  const ready = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  ready.catch(() => undefined); // read by whoever waits on it; never unhandled
  return { ready, resolve, reject };
}

/** Opens the broker's transport; `ready` rejects with a message that says what went wrong. */
export function openUpstream(target: UpstreamTarget): Upstream {
  const host = bareHost(target.host);
  const { ready, resolve, reject } = readiness();
  const fail = (error: unknown) => reject(transportError(error, target));
  if (target.scheme === "mqtt" || target.scheme === "mqtts") {
    const socket =
      target.scheme === "mqtt"
        ? net.connect({ host, port: target.port })
        : tls.connect({ host, port: target.port, ...tlsSettings(target) });
    socket.once(target.scheme === "mqtt" ? "connect" : "secureConnect", resolve);
    socket.once("error", fail);
    socket.once("close", () => fail(new Error("the connection closed before it was up")));
    return { stream: socket, ready };
  }
  const url = `${target.scheme}://${target.host}:${target.port}${target.path}`;
  // MQTT over WebSocket: the "mqtt" subprotocol [MQTT-6.0.0-3], binary frames [MQTT-6.0.0-1].
  const ws = new WebSocket(url, ["mqtt"], target.scheme === "wss" ? tlsSettings(target) : {});
  const stream = createWebSocketStream(ws);
  ws.once("open", resolve);
  ws.once("error", fail);
  ws.once("close", () => fail(new Error("the connection closed before it was up")));
  // The stream re-emits the socket's errors; `ready` already says what they mean.
  stream.on("error", () => stream.destroy());
  return { stream, ready };
}

/**
 * Opens the transport once and closes it: a broker that cannot be reached, a certificate that is
 * not trusted or a refused WebSocket upgrade fails here, with its message, before any client starts.
 */
export async function probeUpstream(target: UpstreamTarget, timeoutMs: number): Promise<void> {
  const { stream, ready } = openUpstream(target);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${urlOf(target)}: no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([ready, late]);
  } finally {
    clearTimeout(timer);
    stream.destroy();
  }
}

export function urlOf(target: Pick<UpstreamTarget, "scheme" | "host" | "port" | "path">): string {
  const ws = target.scheme === "ws" || target.scheme === "wss";
  return `${target.scheme}://${target.host}:${target.port}${ws ? target.path : ""}`;
}
