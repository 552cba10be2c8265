/**
 * The lab server (`npm run lab` without a scenario): one HTTP server on 127.0.0.1 (unless told
 * otherwise) that serves the app with the Live view's meta tag and, at `/live`, the WebSocket the
 * view drives runs through (websocket.ts for who may open it, runs.ts for the runs).
 *
 *   startLabServer({ host?, port?, app: { kind: "dist", dir } | { kind: "dev" }, maxRuns?,
 *                    runTimeoutMs?, token? }) → { url, port, token, close() }
 *
 * close() cancels every run (each closes the sockets, relays and broker it opened), closes every
 * WebSocket and HTTP connection, then the server.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { MAX_RUN_MS } from "../../src/live/index.ts";
import { runLive } from "../run.ts";
import { devApp, distApp, liveMetaTag, type App } from "./app.ts";
import { Runs } from "./runs.ts";
import { LIVE_PATH, LiveSockets, ownHosts } from "./websocket.ts";

export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_PORT = 5174;
export const DEFAULT_MAX_RUNS = 2;
export const DEFAULT_RUN_TIMEOUT_MS = 30_000;
const MIN_RUN_TIMEOUT_MS = 1_000;
/** More concurrent runs than this would starve the machine the lab runs on (each runs a broker). */
export const MAX_MAX_RUNS = 16;

export interface LabServerOptions {
  host?: string;
  /** 0: a free port. */
  port?: number;
  app: { kind: "dist"; dir: string } | { kind: "dev" };
  maxRuns?: number;
  runTimeoutMs?: number;
  /** For tests; by default 32 random bytes, base64url, new at each start. */
  token?: string;
}

export interface LabServer {
  /** The Live view's address: `http://127.0.0.1:<port>/?view=live`. */
  url: string;
  port: number;
  token: string;
  /** Runs in progress and open WebSockets, for tests and diagnostics. */
  stats(): { runs: number; webSockets: number };
  close(): Promise<void>;
}

/** Hosts that only this machine reaches. */
export function isLoopback(host: string): boolean {
  return host === "127.0.0.1" || host === "localhost" || host === "::1" || host === "[::1]";
}

function checkOptions(options: LabServerOptions): { maxRuns: number; runTimeoutMs: number } {
  const maxRuns = options.maxRuns ?? DEFAULT_MAX_RUNS;
  const runTimeoutMs = options.runTimeoutMs ?? DEFAULT_RUN_TIMEOUT_MS;
  if (!Number.isInteger(maxRuns) || maxRuns < 1 || maxRuns > MAX_MAX_RUNS)
    throw new RangeError(`maxRuns: expected an integer from 1 to ${MAX_MAX_RUNS}; got ${maxRuns}`);
  if (!Number.isInteger(runTimeoutMs) || runTimeoutMs < MIN_RUN_TIMEOUT_MS || runTimeoutMs > MAX_RUN_MS)
    throw new RangeError(
      `runTimeoutMs: expected an integer from ${MIN_RUN_TIMEOUT_MS} to ${MAX_RUN_MS}; got ${runTimeoutMs}`,
    );
  if (options.token !== undefined && options.token.length < 16)
    throw new RangeError("token: expected at least 16 characters");
  return { maxRuns, runTimeoutMs };
}

export async function startLabServer(options: LabServerOptions): Promise<LabServer> {
  const limits = checkOptions(options);
  const host = options.host ?? DEFAULT_HOST;
  const token = options.token ?? randomBytes(32).toString("base64url");
  const metaTag = liveMetaTag({ ws: LIVE_PATH, token });
  const server = http.createServer();
  const app: App =
    options.app.kind === "dist" ? await distApp(options.app.dir, metaTag) : await devApp(server, metaTag);

  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? DEFAULT_PORT, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    await app.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const hosts = ownHosts(host, port);
  const runs = new Runs({ ...limits, runLive });
  const sockets = new LiveSockets({ hosts, token, runs, limits });

  server.on("request", (req, res) => {
    // DNS rebinding: a name that now points here is still not one of the server's own.
    if (!hosts.has(req.headers.host?.toLowerCase() ?? "")) {
      res.writeHead(403, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("Host is not this lab server's own\n");
      return;
    }
    app.handle(req, res);
  });
  server.on("upgrade", (req, socket, head: Buffer) => {
    const path = new URL(req.url ?? "/", "http://lab.invalid").pathname;
    // Vite's hot reload (--app dev) upgrades with its own protocol; Vite answers those itself.
    if (path !== LIVE_PATH && options.app.kind === "dev" && isViteUpgrade(req.headers)) return;
    sockets.upgrade(req, socket, head);
  });

  const urlHost = isLoopback(host) || host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost.includes(":") ? `[${urlHost}]` : urlHost}:${port}/?view=live`,
    port,
    token,
    stats: () => ({ runs: runs.count, webSockets: sockets.count }),
    close() {
      closing ??= (async () => {
        await runs.close();
        await sockets.close();
        await app.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return closing;
    },
  };
}

function isViteUpgrade(headers: http.IncomingHttpHeaders): boolean {
  const protocols = headers["sec-websocket-protocol"]?.split(",").map((p) => p.trim()) ?? [];
  return protocols.some((p) => p === "vite-hmr" || p === "vite-ping");
}
