/**
 * The lab server over real sockets on 127.0.0.1, with the `ws` client as a page would connect:
 * who may open the WebSocket (Origin, Host, token), runs against the embedded Aedes (streamed
 * events, done, cancel, the run limit, an unreachable broker, a bad scenario, a page that goes
 * away) and that each leaves no socket open; the built app with its meta tag, and no file outside it.
 */
import { mkdtemp, mkdir, rm, symlink, writeFile } from "node:fs/promises";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import type { ServerMessage } from "../../src/live/index.ts";
import { LIVE_META_NAME, LiveEndpointSchema } from "../../src/live/index.ts";
import * as v from "valibot";
import { freePort } from "../brokers/broker.ts";
import { mosquittoPath } from "../brokers/mosquitto.ts";
import { runLive } from "../run.ts";
import type { LiveEvent, LiveTrace } from "../types.ts";
import { startLabServer, type LabServer } from "./server.ts";

const TEST = { timeout: 90_000 };
/** How long a test waits for a message or for sockets to close before it fails. */
const WAIT_MS = 45_000;

/** One hop, QoS 1, the PUBACK of message 1 lost: a cut, a reconnect, a resend. */
const SCENARIO = {
  protocol: "3.1.1",
  publishQos: 1,
  session: "persistent",
  faults: [{ packet: "PUBACK" }],
};

/** Twenty messages, paced 250 ms apart: a run that is still going when the test acts on it. */
const LONG_SCENARIO = {
  protocol: "3.1.1",
  publishQos: 1,
  session: "persistent",
  messages: Array.from({ length: 20 }, (_, i) => ({ payload: `reading ${i + 1}` })),
};

interface Page {
  ws: WebSocket;
  /** The next message of `type` (earlier ones of other types are kept for later calls). */
  next<T extends ServerMessage["type"]>(type: T): Promise<Extract<ServerMessage, { type: T }>>;
  /** Every message received so far, in order. */
  received: ServerMessage[];
  send(message: unknown): void;
  closed: Promise<void>;
}

type Opened = { ok: true; page: Page } | { ok: false; status: number };

/** Opens the WebSocket as a page would (Origin and token by default); 403 and the like come back as a status. */
function open(
  server: LabServer,
  options: { origin?: string | null; token?: string | null; host?: string } = {},
): Promise<Opened> {
  const own = `127.0.0.1:${server.port}`;
  const token = options.token === undefined ? server.token : options.token;
  const query = token === null ? "" : `?token=${encodeURIComponent(token)}`;
  const headers: Record<string, string> = {};
  const origin = options.origin === undefined ? `http://${own}` : options.origin;
  if (origin !== null) headers.Origin = origin;
  if (options.host !== undefined) headers.Host = options.host;
  const ws = new WebSocket(`ws://${own}/live${query}`, { headers });
  return new Promise((resolve, reject) => {
    ws.once("unexpected-response", (_req, res) => {
      res.resume();
      resolve({ ok: false, status: res.statusCode ?? 0 });
    });
    ws.once("error", reject);
    ws.once("open", () => {
      const received: ServerMessage[] = [];
      /** Received and not yet taken by `next`. */
      const unread: ServerMessage[] = [];
      const waiting: { type: string; take: (m: ServerMessage) => void }[] = [];
      const match = () => {
        for (const w of [...waiting]) {
          const index = unread.findIndex((m) => m.type === w.type);
          if (index < 0) continue;
          const [message] = unread.splice(index, 1);
          waiting.splice(waiting.indexOf(w), 1);
          w.take(message as ServerMessage);
        }
      };
      ws.on("message", (data) => {
        const message = JSON.parse(String(data)) as ServerMessage;
        received.push(message);
        unread.push(message);
        match();
      });
      const closed = new Promise<void>((done) => ws.once("close", () => done()));
      resolve({
        ok: true,
        page: {
          ws,
          received,
          closed,
          send: (message) => ws.send(JSON.stringify(message)),
          next: (type) =>
            new Promise((resolveNext, rejectNext) => {
              const timer = setTimeout(
                () =>
                  rejectNext(new Error(`no "${type}" within ${WAIT_MS} ms; got ${JSON.stringify(received)}`)),
                WAIT_MS,
              );
              waiting.push({
                type,
                take: (m) => {
                  clearTimeout(timer);
                  resolveNext(m as never);
                },
              });
              match();
            }),
        },
      });
    });
  });
}

async function page(server: LabServer): Promise<Page> {
  const opened = await open(server);
  if (!opened.ok) throw new Error(`the WebSocket was refused with ${opened.status}`);
  return opened.page;
}

/** TCP sockets and servers open in this process (the lab server's, the runs', the test's). */
function tcpHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => r === "TCPSocketWrap" || r === "TCPServerWrap")
    .length;
}

/** Waits until `check` holds, polling; fails with `what` after WAIT_MS. */
async function eventually(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`still not so after ${WAIT_MS} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A trace without what depends on timing or on the port the run's broker got. */
function untimed(trace: LiveTrace): string[] {
  const strip = (e: LiveEvent): Record<string, unknown> => {
    const rest: Record<string, unknown> = { ...e };
    delete rest.t;
    delete rest.arrives;
    return rest;
  };
  // Events of different hops may interleave differently from run to run: compare them as a set,
  // each reference to another event replaced by that event.
  return trace.events
    .map((e) => {
      const plain = strip(e);
      if ("causedBy" in plain && typeof plain.causedBy === "number")
        plain.causedBy = strip(trace.events[plain.causedBy] as LiveEvent);
      return JSON.stringify(plain);
    })
    .sort();
}

describe("the lab server", () => {
  let server: LabServer;
  let dist: string;

  beforeAll(async () => {
    dist = await mkdtemp(path.join(tmpdir(), "qoslab-dist-"));
    await writeFile(path.join(dist, "index.html"), APP_HTML);
    await writeFile(path.join(dist, "embed.html"), APP_HTML.replace("MQTT QoS Lab", "embed"));
    await mkdir(path.join(dist, "assets"));
    await writeFile(path.join(dist, "assets", "app.js"), "export {};\n");
    await writeFile(path.join(dist, "assets", "app.css"), "body{}\n");
    await writeFile(path.join(dist, "favicon.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>\n");
    // Outside the app: what no request may read.
    await writeFile(path.join(dist, "..", `${path.basename(dist)}-secret.txt`), "SECRET\n");
    await symlink(path.join(dist, "..", `${path.basename(dist)}-secret.txt`), path.join(dist, "link.txt"));
    server = await startLabServer({
      port: 0,
      app: { kind: "dist", dir: dist },
      maxRuns: 1,
      runTimeoutMs: 30_000,
    });
  }, TEST.timeout);

  afterAll(async () => {
    await server?.close();
    await rm(dist, { recursive: true, force: true });
    await rm(path.join(dist, "..", `${path.basename(dist)}-secret.txt`), { force: true });
  }, TEST.timeout);

  describe("who may open the WebSocket", () => {
    it("a page from another origin is refused with 403", TEST, async () => {
      expect(await open(server, { origin: "http://evil.example" })).toEqual({ ok: false, status: 403 });
      expect(await open(server, { origin: `http://127.0.0.1:${server.port + 1}` })).toEqual({
        ok: false,
        status: 403,
      });
      expect(await open(server, { origin: `https://127.0.0.1:${server.port}` })).toEqual({
        ok: false,
        status: 403,
      });
      expect(await open(server, { origin: "null" })).toEqual({ ok: false, status: 403 });
    });

    it("a request without an Origin is refused with 403", TEST, async () => {
      expect(await open(server, { origin: null })).toEqual({ ok: false, status: 403 });
    });

    it("without the token, or with a wrong one, it is refused with 403", TEST, async () => {
      expect(await open(server, { token: null })).toEqual({ ok: false, status: 403 });
      expect(await open(server, { token: "" })).toEqual({ ok: false, status: 403 });
      expect(await open(server, { token: `${server.token}x` })).toEqual({ ok: false, status: 403 });
      const flipped = `${server.token.slice(0, -1)}${server.token.endsWith("A") ? "B" : "A"}`;
      expect(await open(server, { token: flipped })).toEqual({ ok: false, status: 403 });
    });

    it("a Host that is not the server's own is refused with 403 (DNS rebinding)", TEST, async () => {
      const evil = `evil.example:${server.port}`;
      expect(await open(server, { host: evil, origin: `http://${evil}` })).toEqual({
        ok: false,
        status: 403,
      });
      expect(await open(server, { host: `127.0.0.1:${server.port + 1}` })).toEqual({
        ok: false,
        status: 403,
      });
    });

    it("the server's own names, its origin and the token open it, and it says hello", TEST, async () => {
      for (const name of ["127.0.0.1", "localhost"]) {
        const own = `${name}:${server.port}`;
        const opened = await open(server, { host: own, origin: `http://${own}` });
        expect(opened.ok).toBe(true);
        if (!opened.ok) continue;
        const hello = await opened.page.next("hello");
        expect(hello).toMatchObject({ version: 1, limits: { maxRuns: 1, runTimeoutMs: 30_000 } });
        expect(hello.brokers.map((b) => b.id)).toEqual(["aedes", "mosquitto"]);
        expect(hello.brokers[0]).toMatchObject({ available: true });
        const mosquitto = hello.brokers[1];
        if (mosquitto?.available === false) expect(mosquitto.reason).toMatch(/apt-get install/);
        opened.page.ws.close();
        await opened.page.closed;
      }
    });

    it("hello says whether the environment holds credentials (a non-empty MQTT_USERNAME)", TEST, async () => {
      const saved = process.env.MQTT_USERNAME;
      try {
        for (const [value, expected] of [
          [undefined, false],
          ["", false],
          ["plant-operator", true],
        ] as const) {
          if (value === undefined) delete process.env.MQTT_USERNAME;
          else process.env.MQTT_USERNAME = value;
          const p = await page(server);
          expect((await p.next("hello")).credentialsFromEnv).toBe(expected);
          p.ws.close();
          await p.closed;
        }
      } finally {
        if (saved === undefined) delete process.env.MQTT_USERNAME;
        else process.env.MQTT_USERNAME = saved;
      }
    });

    it("any other path is no WebSocket (404)", TEST, async () => {
      const status = await new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${server.port}/other?token=${server.token}`, {
          headers: { Origin: `http://127.0.0.1:${server.port}` },
        });
        ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
        ws.once("open", () => reject(new Error("opened")));
      });
      expect(status).toBe(404);
    });
  });

  describe("runs", () => {
    it(
      "a run against Aedes streams its events, then done with the trace runLive gives (up to timing)",
      TEST,
      async () => {
        const p = await page(server);
        await p.next("hello");
        p.send({ type: "run", id: "r1", request: { scenario: SCENARIO, broker: "aedes" } });
        expect(await p.next("started")).toEqual({
          type: "started",
          id: "r1",
          broker: { name: "aedes", url: "aedes" },
        });
        const done = await p.next("done");
        expect(done.id).toBe("r1");
        const streamed = p.received.filter((m) => m.type === "event").map((m) => m.event);
        // Every event, streamed as recorded, in the order of the trace.
        expect(streamed).toEqual(done.result.trace.events);
        expect(done.result.timedOut).toBe(false);
        expect(done.result.cuts).toHaveLength(1);
        const direct = await runLive(SCENARIO, { broker: "aedes", timeoutMs: 30_000 });
        const real = done.result.trace as LiveTrace;
        expect(untimed(real)).toEqual(untimed(direct.trace));
        expect(real.outcome.messages).toEqual(direct.trace.outcome.messages);
        expect(real.unusedFaults).toEqual(direct.trace.unusedFaults);
        expect(done.result.cuts.map((c) => c.fault)).toEqual(direct.cuts.map((c) => c.fault));
        p.ws.close();
        await p.closed;
      },
    );

    it.runIf(mosquittoPath() !== undefined)(
      "a run against Mosquitto (MQTT 5.0), started by the server for the run, ends in done",
      TEST,
      async () => {
        const p = await page(server);
        await p.next("hello");
        const scenario = { ...SCENARIO, protocol: "5.0" };
        p.send({ type: "run", id: "m", request: { scenario, broker: "mosquitto" } });
        expect(await p.next("started")).toMatchObject({ broker: { name: "mosquitto" } });
        const done = await p.next("done");
        expect(done.result.broker.name).toBe("mosquitto");
        expect(done.result.timedOut).toBe(false);
        expect(done.result.cuts.map((c) => c.fault)).toEqual([
          { hop: "publisher-broker", packet: "PUBACK", message: 1, attempt: 1 },
        ]);
        p.ws.close();
        await p.closed;
      },
    );

    it("cancel ends a run with cancelled and leaves no socket of the run open", TEST, async () => {
      const p = await page(server);
      await p.next("hello");
      const before = tcpHandles();
      p.send({ type: "run", id: "long", request: { scenario: LONG_SCENARIO, broker: "aedes" } });
      await p.next("started");
      await p.next("event");
      // The run's broker, relay and clients are open now.
      expect(tcpHandles()).toBeGreaterThan(before);
      expect(server.stats().runs).toBe(1);
      p.send({ type: "cancel", id: "long" });
      expect(await p.next("cancelled")).toEqual({ type: "cancelled", id: "long" });
      expect(p.received.some((m) => m.type === "done" || m.type === "failed")).toBe(false);
      expect(server.stats().runs).toBe(0);
      await eventually("the run's sockets closed", () => tcpHandles() === before);
      // A cancelled id is no longer running.
      p.send({ type: "cancel", id: "long" });
      expect(await p.next("failed")).toMatchObject({ id: "long", field: "id" });
      p.ws.close();
      await p.closed;
    });

    it("one run more than --max-runs is refused with a message saying how many run", TEST, async () => {
      const a = await page(server);
      const b = await page(server);
      await a.next("hello");
      await b.next("hello");
      a.send({ type: "run", id: "a", request: { scenario: LONG_SCENARIO, broker: "aedes" } });
      await a.next("started");
      b.send({ type: "run", id: "b", request: { scenario: SCENARIO, broker: "aedes" } });
      const refused = await b.next("failed");
      expect(refused.id).toBe("b");
      expect(refused.message).toMatch(/1 run is already running.*--max-runs 1/);
      expect(b.received.some((m) => m.type === "started")).toBe(false);
      a.send({ type: "cancel", id: "a" });
      await a.next("cancelled");
      for (const p of [a, b]) {
        p.ws.close();
        await p.closed;
      }
    });

    it(
      "a broker URL nobody listens on gives failed naming the broker, within the run's bound",
      TEST,
      async () => {
        const port = await freePort();
        const p = await page(server);
        await p.next("hello");
        const broker = `mqtt://127.0.0.1:${port}`;
        p.send({ type: "run", id: "nobody", request: { scenario: SCENARIO, broker, timeoutMs: 5000 } });
        await p.next("started");
        const failed = await p.next("failed");
        expect(failed).toMatchObject({ id: "nobody", field: "request.broker" });
        expect(failed.message).toContain(broker);
        expect(failed.message).toMatch(/connection refused/);
        expect(server.stats().runs).toBe(0);
        p.ws.close();
        await p.closed;
      },
    );

    it.each<[string, (socket: net.Socket) => void]>([
      ["closes each connection at once", (socket) => void socket.destroy()],
      ["never answers", () => undefined],
    ])(
      "a broker that %s gives failed naming it, and no socket stays open",
      TEST,
      async (_what, onConnection) => {
        const sockets = new Set<net.Socket>();
        const silent = net.createServer((socket) => {
          sockets.add(socket);
          onConnection(socket);
        });
        await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
        try {
          const broker = `mqtt://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
          const p = await page(server);
          await p.next("hello");
          const before = tcpHandles();
          p.send({ type: "run", id: "mute", request: { scenario: SCENARIO, broker, timeoutMs: 3000 } });
          const failed = await p.next("failed");
          expect(failed.id).toBe("mute");
          expect(failed.message).toContain(`the run against ${broker} failed: `);
          expect(failed.message).toMatch(/no answer from the broker within 3000 ms/);
          expect(server.stats().runs).toBe(0);
          // The broker's side of the run's connections is this test's: close it, then count.
          for (const socket of sockets) socket.destroy();
          await eventually("the run's sockets closed", () => tcpHandles() <= before);
          p.ws.close();
          await p.closed;
        } finally {
          for (const socket of sockets) socket.destroy();
          await new Promise<void>((resolve) => silent.close(() => resolve()));
        }
      },
    );

    it("a bad request gives failed naming the field at fault", TEST, async () => {
      const p = await page(server);
      await p.next("hello");
      const cases: [unknown, string][] = [
        [
          { type: "run", id: "s1", request: { scenario: { ...SCENARIO, publishQos: 7 }, broker: "aedes" } },
          "request.scenario.publishQos",
        ],
        [
          {
            type: "run",
            id: "s2",
            request: { scenario: { ...SCENARIO, faults: [{ packet: "PUBACKS" }] }, broker: "aedes" },
          },
          "request.scenario.faults[0].packet",
        ],
        [
          {
            type: "run",
            id: "s3",
            request: { scenario: { ...SCENARIO, retransmit: "on-timeout" }, broker: "aedes" },
          },
          "request.scenario.retransmit",
        ],
        [{ type: "run", id: "s4", request: { scenario: SCENARIO, broker: "nats://x" } }, "request.broker"],
        [
          { type: "run", id: "s5", request: { scenario: SCENARIO, broker: "aedes", timeoutMs: 5 } },
          "request.timeoutMs",
        ],
        [
          { type: "run", id: "s6", request: { scenario: SCENARIO, broker: "aedes", extra: 1 } },
          "request.extra",
        ],
        [{ type: "launch", id: "s7" }, "type"],
      ];
      for (const [message, field] of cases) {
        p.send(message);
        const failed = await p.next("failed");
        expect(failed.field).toBe(field);
        expect(failed.message.length).toBeGreaterThan(field.length);
        expect(failed.id).toBe((message as { id: string }).id);
      }
      // A refused credential is named, never echoed.
      p.send({
        type: "run",
        id: "s8",
        request: { scenario: SCENARIO, broker: "aedes", credentials: { username: "u", password: 918273 } },
      });
      const credentials = await p.next("failed");
      expect(credentials.field).toBe("request.credentials.password");
      expect(credentials.message).not.toContain("918273");
      p.ws.send("{not json");
      const notJson = await p.next("failed");
      expect(notJson.message).toMatch(/^not JSON/);
      expect(p.received.some((m) => m.type === "started")).toBe(false);
      p.ws.close();
      await p.closed;
    });

    it("a page that closes its WebSocket mid-run cancels the run and its sockets close", TEST, async () => {
      const before = tcpHandles();
      const p = await page(server);
      await p.next("hello");
      p.send({ type: "run", id: "gone", request: { scenario: LONG_SCENARIO, broker: "aedes" } });
      await p.next("started");
      await p.next("event");
      expect(server.stats()).toEqual({ runs: 1, webSockets: 1 });
      p.ws.close();
      await p.closed;
      await eventually("the run ended", () => server.stats().runs === 0 && server.stats().webSockets === 0);
      await eventually("every socket of the run and the page closed", () => tcpHandles() === before);
    });
  });

  describe("the app", () => {
    const get = (
      target: string,
      options: { method?: string; host?: string } = {},
    ): Promise<{
      status: number;
      type: string | undefined;
      body: string;
      headers: http.IncomingHttpHeaders;
    }> =>
      new Promise((resolve, reject) => {
        // http.request sends the path as given: no URL parser normalizes "/../" away first.
        const req = http.request(
          {
            host: "127.0.0.1",
            port: server.port,
            path: target,
            method: options.method ?? "GET",
            headers: { Host: options.host ?? `127.0.0.1:${server.port}` },
          },
          (res) => {
            let body = "";
            res.setEncoding("utf8");
            res.on("data", (chunk: string) => (body += chunk));
            res.on("end", () =>
              resolve({
                status: res.statusCode ?? 0,
                type: res.headers["content-type"],
                body,
                headers: res.headers,
              }),
            );
          },
        );
        req.on("error", reject);
        req.end();
      });

    const metaOf = (html: string) => {
      const m = new RegExp(`<meta name="${LIVE_META_NAME}" content='([^']*)' />`).exec(html);
      return m === null ? undefined : v.parse(LiveEndpointSchema, JSON.parse(m[1] as string));
    };

    it("index.html carries the meta tag with this start's token; embed.html does not", TEST, async () => {
      for (const target of ["/", "/?view=live", "/index.html"]) {
        const page = await get(target);
        expect(page.status).toBe(200);
        expect(page.type).toBe("text/html; charset=utf-8");
        expect(metaOf(page.body)).toEqual({ ws: "/live", token: server.token });
        expect(page.headers["cache-control"]).toBe("no-store");
        expect(page.headers["access-control-allow-origin"]).toBeUndefined();
        expect(page.headers["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
      }
      const embed = await get("/embed.html");
      expect(embed.status).toBe(200);
      expect(embed.body).toContain("<title>embed</title>");
      expect(embed.body).not.toContain(LIVE_META_NAME);
    });

    it("each file with its content type", TEST, async () => {
      expect((await get("/assets/app.js")).type).toBe("text/javascript; charset=utf-8");
      expect((await get("/assets/app.css")).type).toBe("text/css; charset=utf-8");
      expect((await get("/favicon.svg")).type).toBe("image/svg+xml");
      expect((await get("/assets/missing.js")).status).toBe(404);
      const head = await get("/assets/app.js", { method: "HEAD" });
      expect(head).toMatchObject({ status: 200, body: "" });
      expect((await get("/", { method: "POST" })).status).toBe(405);
    });

    it("no path reaches a file outside the app", TEST, async () => {
      const secret = `${path.basename(dist)}-secret.txt`;
      for (const target of [
        `/../${secret}`,
        `/assets/../../${secret}`,
        `/%2e%2e/${secret}`,
        `/%2E%2E/${secret}`,
        `/..%2f${secret}`,
        `/%2e%2e%2f${secret}`,
        `/assets/%2e%2e%2f%2e%2e%2f${secret}`,
        `/..%5c${secret}`,
        `/assets\\..\\..\\${secret}`,
        `/%252e%252e/${secret}`,
        `/index.html%00.js`,
        `/link.txt`,
        `/%`,
      ]) {
        const res = await get(target);
        expect([400, 403, 404], target).toContain(res.status);
        expect(res.body, target).not.toContain("SECRET");
      }
      expect((await get(`/../${secret}`)).status).toBe(403);
      expect((await get(`/%2e%2e/${secret}`)).status).toBe(403);
      expect((await get("/link.txt")).status).toBe(403);
    });

    it("a request naming another Host is refused (DNS rebinding cannot read the token)", TEST, async () => {
      const res = await get("/", { host: `evil.example:${server.port}` });
      expect(res.status).toBe(403);
      expect(res.body).not.toContain(server.token);
    });
  });

  it("close() cancels the runs and closes every WebSocket", TEST, async () => {
    const local = await startLabServer({ port: 0, app: { kind: "dist", dir: dist } });
    const p = await page(local);
    await p.next("hello");
    p.send({ type: "run", id: "x", request: { scenario: LONG_SCENARIO, broker: "aedes" } });
    await p.next("started");
    await p.next("event");
    await local.close();
    await p.closed;
    expect(local.stats()).toEqual({ runs: 0, webSockets: 0 });
    expect(p.received.some((m) => m.type === "done")).toBe(false);
  });
});

const APP_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <title>MQTT QoS Lab</title>
    <script type="module" src="/assets/app.js"></script>
  </head>
  <body><div id="root"></div></body>
</html>
`;
