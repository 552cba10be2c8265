/**
 * The lab server's runs without sockets: what a request is checked for (each refusal names its
 * field), the time bound, and the run's messages with a stand-in for runLive (a run that fails, one
 * that will not end at its bound, the limit, cancel, shutting down).
 */
import { describe, expect, it } from "vitest";
import type { LiveRequest, ServerMessage } from "../../src/live/index.ts";
import { parseScenarioOrThrow } from "../../src/sim/scenario.ts";
import { mosquittoPath } from "../brokers/mosquitto.ts";
import type { LiveOptions } from "../run.ts";
import type { LiveEvent, LiveRun } from "../types.ts";
import { prepareRun, Runs, type RunLive, type RunOwner } from "./runs.ts";

const SCENARIO = { protocol: "3.1.1", publishQos: 1, faults: [{ packet: "PUBACK" }] };

function request(fields: Partial<LiveRequest> = {}): LiveRequest {
  return {
    scenario: SCENARIO,
    broker: "aedes",
    client: "own",
    faultMode: "cut",
    tlsInsecure: false,
    ...fields,
  };
}

describe("prepareRun", () => {
  it("runs a valid request against the broker it names, bounded by the shorter timeout", () => {
    expect(prepareRun(request(), 30_000)).toMatchObject({
      ok: true,
      options: { broker: "aedes", timeoutMs: 30_000 },
      broker: { name: "aedes", url: "aedes" },
    });
    expect(prepareRun(request({ timeoutMs: 5000 }), 30_000)).toMatchObject({ options: { timeoutMs: 5000 } });
    expect(prepareRun(request({ timeoutMs: 60_000 }), 30_000)).toMatchObject({
      options: { timeoutMs: 30_000 },
    });
    const url = prepareRun(request({ broker: "mqtt://[::1]:1884" }), 30_000);
    expect(url).toMatchObject({
      ok: true,
      options: { broker: { kind: "url", scheme: "mqtt", host: "[::1]", port: 1884 } },
      broker: { url: "mqtt://[::1]:1884" },
      probe: { host: "::1", port: 1884 },
    });
    if (mosquittoPath() !== undefined)
      expect(
        prepareRun(request({ broker: "mosquitto", scenario: { ...SCENARIO, protocol: "5.0" } }), 30_000),
      ).toMatchObject({ ok: true, options: { broker: "mosquitto" } });
  });

  it.each<[string, Partial<LiveRequest>, string, RegExp]>([
    [
      "a scenario problem",
      { scenario: { ...SCENARIO, publishQos: 3 } },
      "request.scenario.publishQos",
      /publishQos/,
    ],
    [
      "a fault's problem",
      { scenario: { ...SCENARIO, faults: [{ packet: "PUBACK", attempt: 0 }] } },
      "request.scenario.faults[0].attempt",
      /attempt/,
    ],
    ["a scenario that is not an object", { scenario: "qos1" }, "request.scenario", /scenario/],
    [
      "a scenario that resends on a timer",
      { scenario: { ...SCENARIO, retransmit: "on-timeout" } },
      "request.scenario.retransmit",
      /on-reconnect/,
    ],
    [
      "MQTT 5.0 on the embedded Aedes (3.1.1 only)",
      { scenario: { ...SCENARIO, protocol: "5.0" } },
      "request.scenario.protocol",
      /3\.1\.1 only/,
    ],
    ["an unknown broker", { broker: "nats://x" }, "request.broker", /^unsupported scheme "nats:\/\/"/],
    [
      "credentials in the broker URL",
      { broker: "mqtt://u:p@host" },
      "request.broker",
      /never taken from the URL/,
    ],
    [
      "accepting any certificate on a broker without TLS",
      { tlsInsecure: true },
      "request.tlsInsecure",
      /mqtts:\/\/ and wss:\/\/ brokers only/,
    ],
  ])("refuses %s, naming %s", (_what, fields, field, message) => {
    const prepared = prepareRun(request(fields), 30_000);
    expect(prepared).toMatchObject({ ok: false, field });
    if (!prepared.ok) expect(prepared.message).toMatch(message);
  });

  it("passes the client, fault mode, random loss, credentials and TLS on to runLive", () => {
    const prepared = prepareRun(
      request({
        broker: "wss://broker.example:8884/mqtt",
        client: "mqttjs",
        faultMode: "hold",
        loss: { rate: 0.1, seed: 7 },
        credentials: { username: "u", password: "p" },
        tlsInsecure: true,
      }),
      30_000,
    );
    expect(prepared).toMatchObject({
      ok: true,
      options: {
        broker: { kind: "url", scheme: "wss", host: "broker.example", port: 8884, path: "/mqtt" },
        client: "mqttjs",
        faultMode: "hold",
        loss: { rate: 0.1, seed: 7 },
        credentials: { username: "u", password: "p" },
        tls: { insecure: true },
      },
      probe: { host: "broker.example", port: 8884 },
    });
    // The server's environment gives credentials only when the page typed none.
    const plain = prepareRun(request(), 30_000);
    if (plain.ok && process.env.MQTT_USERNAME === undefined)
      expect(plain.options.credentials).toBeUndefined();
  });

  it("lists a scenario's first problems and counts the rest", () => {
    const prepared = prepareRun(
      request({ scenario: { ...SCENARIO, faults: Array.from({ length: 8 }, () => ({ packet: "X" })) } }),
      30_000,
    );
    expect(prepared).toMatchObject({ ok: false, field: "request.scenario.faults[0].packet" });
    if (!prepared.ok) expect(prepared.message).toMatch(/faults\[4\]\.packet.*; and 3 more$/);
  });
});

/** An owner that keeps what it is sent. */
function recorder(): RunOwner & { messages: ServerMessage[]; next(type: string): Promise<ServerMessage> } {
  const messages: ServerMessage[] = [];
  const waiting: { type: string; resolve: (m: ServerMessage) => void }[] = [];
  return {
    messages,
    send(message) {
      messages.push(message);
      for (const w of waiting.filter((w) => w.type === message.type)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(message);
      }
    },
    next(type) {
      const seen = messages.find((m) => m.type === type);
      return seen !== undefined
        ? Promise.resolve(seen)
        : new Promise((resolve) => waiting.push({ type, resolve }));
    },
  };
}

const EVENT: LiveEvent = { t: 1, type: "connection-lost", hop: "publisher-broker" };

function fakeRun(options: LiveOptions): LiveRun {
  const broker = { name: "fake", url: "mqtt://fake" };
  return {
    trace: {
      scenario: parseScenarioOrThrow(SCENARIO),
      events: [EVENT],
      deliveriesSeenAt: ["broker"],
      broker,
      unusedFaults: [],
      outcome: { messages: [], packets: 0, bytes: 0, durationMs: options.timeoutMs ?? 0 },
    },
    cuts: [],
    durationMs: 1,
    broker,
    timedOut: false,
  };
}

/** A runLive that records one event and ends only when aborted (or never resolves on its own). */
const untilAborted: RunLive = (_scenario, options) =>
  new Promise((resolve) => {
    options.onEvent?.(EVENT);
    options.signal?.addEventListener("abort", () => resolve(fakeRun(options)));
  });

describe("Runs", () => {
  it("streams a run's events, then done", { timeout: 60_000 }, async () => {
    const runs = new Runs({
      maxRuns: 1,
      runTimeoutMs: 30_000,
      runLive: (_s, options) => {
        options.onEvent?.(EVENT);
        return Promise.resolve(fakeRun(options));
      },
    });
    const owner = recorder();
    runs.start(owner, "r", request());
    await owner.next("done");
    expect(owner.messages.map((m) => m.type)).toEqual(["started", "event", "done"]);
    expect(owner.messages[1]).toEqual({ type: "event", id: "r", event: EVENT });
  });

  it("a run that throws ends in failed naming the broker", { timeout: 60_000 }, async () => {
    const runs = new Runs({
      maxRuns: 1,
      runTimeoutMs: 30_000,
      runLive: () =>
        Promise.reject(new Error("the broker refused publisher's MQTT 3.1.1 CONNECT (code 0x05)")),
    });
    const owner = recorder();
    runs.start(owner, "r", request());
    expect(await owner.next("failed")).toEqual({
      type: "failed",
      id: "r",
      message: "the run against aedes failed: the broker refused publisher's MQTT 3.1.1 CONNECT (code 0x05)",
    });
    expect(runs.count).toBe(0);
  });

  it(
    "a run that does not end at its bound is aborted by the server and fails",
    { timeout: 60_000 },
    async () => {
      const runs = new Runs({ maxRuns: 1, runTimeoutMs: 1000, runLive: untilAborted });
      const owner = recorder();
      runs.start(owner, "r", request());
      const failed = await owner.next("failed");
      expect(failed).toEqual({
        type: "failed",
        id: "r",
        message: "the run did not end within its bound of 1000 ms",
      });
      expect(owner.messages.some((m) => m.type === "done")).toBe(false);
      expect(runs.count).toBe(0);
    },
  );

  it(
    "refuses a second run with the same id, and a cancel of an id that is not running",
    { timeout: 60_000 },
    async () => {
      const runs = new Runs({ maxRuns: 2, runTimeoutMs: 30_000, runLive: untilAborted });
      const owner = recorder();
      runs.start(owner, "r", request());
      runs.start(owner, "r", request());
      expect(owner.messages.filter((m) => m.type === "failed")).toEqual([
        { type: "failed", id: "r", field: "id", message: 'run "r" is already running' },
      ]);
      const other = recorder();
      runs.cancel(other, "r");
      expect(other.messages).toEqual([
        { type: "failed", id: "r", field: "id", message: 'no run "r" is running' },
      ]);
      expect(runs.count).toBe(1);
      runs.cancel(owner, "r");
      expect(await owner.next("cancelled")).toEqual({ type: "cancelled", id: "r" });
    },
  );

  it(
    "counts runs across owners; cancelAll ends one owner's; close ends all and refuses more",
    { timeout: 60_000 },
    async () => {
      const runs = new Runs({ maxRuns: 2, runTimeoutMs: 30_000, runLive: untilAborted });
      const a = recorder();
      const b = recorder();
      runs.start(a, "1", request());
      runs.start(b, "1", request());
      runs.start(b, "2", request());
      expect(b.messages.at(-1)).toMatchObject({
        type: "failed",
        id: "2",
        message: expect.stringMatching(/^2 runs are already running/),
      });
      await runs.cancelAll(a);
      expect(runs.count).toBe(1);
      // A closed page gets no more messages: cancelAll's runs end silently for it only if it is gone;
      // here it is still listening, so it hears cancelled.
      expect(a.messages.at(-1)).toEqual({ type: "cancelled", id: "1" });
      await runs.close();
      expect(runs.count).toBe(0);
      expect(b.messages.at(-1)).toEqual({ type: "cancelled", id: "1" });
      runs.start(b, "3", request());
      expect(b.messages.at(-1)).toEqual({
        type: "failed",
        id: "3",
        message: "the lab server is shutting down",
      });
    },
  );
});
