/**
 * The embedded default broker: Aedes in this process, on a free loopback port. For tests of the
 * transports it can also listen over TLS (mqtts), WebSocket (ws) and WebSocket over TLS (wss):
 * Aedes serves any duplex byte stream, so each listener hands its connections to the same broker.
 */
import http from "node:http";
import https from "node:https";
import net from "node:net";
import type { Duplex } from "node:stream";
import tls from "node:tls";
import { Aedes } from "aedes";
import { WebSocketServer, createWebSocketStream } from "ws";
import { LOOPBACK, type BrokerHandle } from "./broker.ts";

export interface AedesOptions {
  /**
   * A TLS key and certificate (PEM): adds an mqtts listener and, with `websocket`, a wss one. With
   * `clientCa`, the mqtts listener asks for a client certificate signed by it and refuses others.
   */
  tls?: { key: string; cert: string; clientCa?: string };
  /** Adds a ws listener (MQTT over WebSocket, any path). */
  websocket?: boolean;
}

/** The extra listeners' ports, when asked for. */
export interface AedesHandle extends BrokerHandle {
  ports: { mqtts?: number; ws?: number; wss?: number };
}

type Listener = net.Server | http.Server;

async function listen(server: Listener): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, LOOPBACK, resolve); // loopback only
  });
  const address = server.address();
  return typeof address === "object" && address !== null ? address.port : 0;
}

export async function startAedes(options: AedesOptions = {}): Promise<AedesHandle> {
  const aedes = await Aedes.createBroker();
  const streams = new Set<Duplex>();
  const serve = (stream: Duplex) => {
    streams.add(stream);
    stream.once("close", () => streams.delete(stream));
    aedes.handle(stream);
  };
  const servers: Listener[] = [];
  const webSockets: WebSocketServer[] = [];
  const onWebSocket = (server: http.Server) => {
    const wss = new WebSocketServer({ server });
    wss.on("connection", (ws) => serve(createWebSocketStream(ws)));
    webSockets.push(wss);
  };

  const plain = net.createServer(serve);
  servers.push(plain);
  const port = await listen(plain);
  const ports: AedesHandle["ports"] = {};
  if (options.tls !== undefined) {
    const { key, cert, clientCa } = options.tls;
    const mutual =
      clientCa !== undefined ? { ca: clientCa, requestCert: true, rejectUnauthorized: true } : {};
    const secure = tls.createServer({ key, cert, ...mutual }, serve);
    servers.push(secure);
    ports.mqtts = await listen(secure);
  }
  if (options.websocket === true) {
    const server = http.createServer();
    onWebSocket(server);
    servers.push(server);
    ports.ws = await listen(server);
    if (options.tls !== undefined) {
      const secure = https.createServer({ key: options.tls.key, cert: options.tls.cert });
      onWebSocket(secure);
      servers.push(secure);
      ports.wss = await listen(secure);
    }
  }
  return {
    name: "aedes",
    host: LOOPBACK,
    port,
    url: `mqtt://${LOOPBACK}:${port}`,
    ports,
    async stop() {
      for (const stream of streams) stream.destroy();
      for (const wss of webSockets) for (const ws of wss.clients) ws.terminate();
      await Promise.all(
        servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
      );
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
    },
  };
}
