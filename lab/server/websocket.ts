/**
 * The lab server's WebSocket (`/live`): who may open it, and what it says.
 *
 * An upgrade is refused with HTTP 403 before any WebSocket exists unless all three hold: the Host
 * header is one of the server's own names (DNS rebinding: a page of evil.example whose name now
 * points at 127.0.0.1 sends Host evil.example), the Origin is the server's own (a page in another
 * tab cannot drive the lab), and the token of this start is in the URL (compared in constant time).
 * Then: `hello`, and each `run` / `cancel` message goes to the runs (src/live/protocol.ts).
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import os from "node:os";
import { WebSocket, WebSocketServer } from "ws";
import {
  LIVE_CLIENTS,
  LIVE_PROTOCOL_VERSION,
  parseClientMessage,
  type BrokerChoice,
  type ServerMessage,
} from "../../src/live/index.ts";
import { mosquittoAvailable } from "../brokers/mosquitto.ts";
import type { RunOwner, Runs } from "./runs.ts";

export const LIVE_PATH = "/live";
/** Largest message read from a page: a scenario of thousands of messages fits. */
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
/** A page that stops reading is cut off rather than let the server buffer without end. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

/** `host` as it appears in a Host header: an IPv6 address in brackets. */
function hostPart(host: string): string {
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}

/**
 * The Host header values that name this server: its loopback names, the --host value, and, when
 * it listens on every interface (0.0.0.0, ::), the addresses of this machine's interfaces.
 */
export function ownHosts(bindHost: string, port: number): Set<string> {
  const names = ["127.0.0.1", "localhost", "::1", bindHost];
  if (bindHost === "0.0.0.0" || bindHost === "::") {
    for (const addresses of Object.values(os.networkInterfaces()))
      for (const address of addresses ?? []) names.push(address.address);
  }
  return new Set(names.map((name) => `${hostPart(name).toLowerCase()}:${port}`));
}

/** Equal tokens, in time that does not depend on where they differ (or on their lengths). */
export function sameToken(given: string, expected: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export type UpgradeVerdict = { ok: true } | { ok: false; status: 403 | 404; reason: string };

/** Whether an upgrade request to the WebSocket may proceed (see the file's comment). */
export function checkUpgrade(
  req: IncomingMessage,
  hosts: ReadonlySet<string>,
  token: string,
): UpgradeVerdict {
  const url = new URL(req.url ?? "/", "http://lab.invalid");
  if (url.pathname !== LIVE_PATH) return { ok: false, status: 404, reason: "no WebSocket here" };
  const host = req.headers.host?.toLowerCase();
  if (host === undefined || !hosts.has(host))
    return { ok: false, status: 403, reason: "Host is not this lab server's own" };
  const origin = req.headers.origin?.toLowerCase();
  if (origin === undefined || ![...hosts].some((own) => origin === `http://${own}`))
    return { ok: false, status: 403, reason: "Origin is not this lab server's own" };
  const given = url.searchParams.get("token");
  if (given === null || !sameToken(given, token))
    return { ok: false, status: 403, reason: "missing or wrong token" };
  return { ok: true };
}

/** Answers an upgrade with a plain HTTP error; no WebSocket is opened. */
export function refuseUpgrade(socket: Duplex, status: 403 | 404, reason: string): void {
  const text = status === 403 ? "Forbidden" : "Not Found";
  const body = `${reason}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** The brokers a page may pick, as the server finds them now. */
function brokerChoices(): BrokerChoice[] {
  const mosquitto = mosquittoAvailable();
  return [
    { id: "aedes", label: "Aedes (embedded)", available: true, protocols: ["3.1.1"] },
    {
      id: "mosquitto",
      label: "Mosquitto (started by the lab)",
      available: mosquitto.available,
      ...(mosquitto.available ? {} : { reason: mosquitto.reason }),
      protocols: ["3.1.1", "5.0"],
    },
  ];
}

/** The runLive clients this server accepts (MQTT.js comes with its own branch of runLive). */

export interface LiveSocketsOptions {
  hosts: ReadonlySet<string>;
  token: string;
  runs: Runs;
  limits: { maxRuns: number; runTimeoutMs: number };
}

/** The WebSocket side of the server: upgrades, connections, and their messages. */
export class LiveSockets {
  private readonly options: LiveSocketsOptions;
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  private readonly open = new Set<WebSocket>();

  constructor(options: LiveSocketsOptions) {
    this.options = options;
  }

  /** Open WebSockets (a closed page's socket is gone from here once it has closed). */
  get count(): number {
    return this.open.size;
  }

  /** The HTTP server's `upgrade` for `/live`: checked, then either a WebSocket or a 403. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const verdict = checkUpgrade(req, this.options.hosts, this.options.token);
    if (!verdict.ok) return refuseUpgrade(socket, verdict.status, verdict.reason);
    this.server.handleUpgrade(req, socket, head, (ws) => this.connected(ws));
  }

  private connected(ws: WebSocket): void {
    this.open.add(ws);
    const { runs, limits } = this.options;
    const owner: RunOwner = {
      send: (message: ServerMessage) => {
        if (ws.readyState !== WebSocket.OPEN) return;
        if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
          ws.close(1008, "the page does not read its messages");
          return;
        }
        ws.send(JSON.stringify(message));
      },
    };
    ws.on("error", () => ws.terminate());
    ws.on("close", () => {
      this.open.delete(ws);
      // A page that goes away takes its runs with it.
      void runs.cancelAll(owner);
    });
    ws.on("message", (data, isBinary) => {
      if (isBinary) return owner.send({ type: "failed", message: "message: expected JSON text, got binary" });
      const text = Array.isArray(data)
        ? Buffer.concat(data).toString("utf8")
        : Buffer.isBuffer(data)
          ? data.toString("utf8")
          : Buffer.from(new Uint8Array(data)).toString("utf8");
      const parsed = parseClientMessage(text);
      if (!parsed.ok) return owner.send({ type: "failed", ...idOf(text), ...refusal(parsed.message) });
      const message = parsed.value;
      if (message.type === "run") runs.start(owner, message.id, message.request);
      else runs.cancel(owner, message.id);
    });
    owner.send({
      type: "hello",
      version: LIVE_PROTOCOL_VERSION,
      brokers: brokerChoices(),
      clients: [...LIVE_CLIENTS],
      limits,
      // A user name is what makes credentials (3.1.1 has no password alone [MQTT-3.1.2-22]).
      credentialsFromEnv: (process.env.MQTT_USERNAME ?? "") !== "",
    });
  }

  /** Closes every WebSocket at once (the runs are cancelled by the server). */
  async close(): Promise<void> {
    for (const ws of this.open) ws.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * parseClientMessage's "path: message" as the `failed` message's `field` and `message`. A refused
 * credential is named, never quoted: the refusal may hold what was sent ("received 1234").
 */
function refusal(text: string): { field?: string; message: string } {
  if (text.startsWith("not JSON")) return { message: text };
  const colon = text.indexOf(": ");
  if (colon <= 0) return { message: text };
  const field = text.slice(0, colon);
  if (field.startsWith("request.credentials"))
    return { field, message: `${field}: expected a string of at most 1000 characters` };
  return { field, message: text };
}

/** The id of a refused message, when it has a usable one, so the page knows which run failed. */
function idOf(text: string): { id?: string } {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === "object" && value !== null && "id" in value) {
      const id = value.id;
      if (typeof id === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(id)) return { id };
    }
  } catch {
    // not JSON: no id to name
  }
  return {};
}
