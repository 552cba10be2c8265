/**
 * The RabbitMQ profile (src/protocol/profiles/rabbitmq.ts, "rabbitmq-3") against a real RabbitMQ
 * 3.10.8 (Debian's package, MQTT plugin), started as a child process by lab/brokers/rabbitmq.ts:
 * each fact of the profile on the wire (raw packets, mqtt-packet over TCP), then a run of the same
 * scenario with the lab's own clients through the relays, set beside the model of it under
 * rabbitmq-3 (src/sim/simulate.ts): same packets, packet ids, QoS, flags and deliveries.
 */
import net from "node:net";
import mqtt, { type Packet } from "mqtt-packet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { modelScenarioFor } from "../src/live/index.ts";
import { parseScenarioOrThrow } from "../src/sim/scenario.ts";
import { simulate } from "../src/sim/simulate.ts";
import type { Scenario, Trace } from "../src/sim/types.ts";
import { rabbitmqPath, startRabbitmq, type RabbitmqHandle } from "./brokers/rabbitmq.ts";
import { compareWithModel } from "./compare.ts";
import { exchange } from "./rawProbe.ts";
import { runLive } from "./run.ts";
import { expectSameAsModel } from "./sameAsModel.testing.ts";
import type { LiveRun } from "./types.ts";

/** Start and stop each take 10 to 30 s alone; on a loaded 2-core machine, several times that. */
const BROKER_TIMEOUT_MS = 120_000;
const TEST_TIMEOUT = { timeout: 60_000 };
const RUN_TIMEOUT_MS = 20_000;
const PROFILE = "rabbitmq-3";

const connect = (clientId: string, extra: Record<string, unknown> = {}): Packet =>
  ({
    cmd: "connect",
    protocolId: "MQTT",
    protocolVersion: 4,
    clientId,
    clean: true,
    keepalive: 60,
    ...extra,
  }) as Packet;

/**
 * One raw MQTT 3.1.1 connection: every packet the broker sends, and whether it closed the socket.
 * For what the lab's clients would not show plainly (a SUBACK's grant, a CONNECT never answered).
 */
class Raw {
  readonly got: Packet[] = [];
  closed = false;
  private readonly socket: net.Socket;
  private readonly opened: Promise<void>;
  private readonly ended: Promise<void>;

  constructor(target: { host: string; port: number }, version: 4 | 5 = 4) {
    this.socket = net.connect(target);
    const parser = mqtt.parser({ protocolVersion: version });
    parser.on("packet", (p: Packet) => this.got.push(p));
    this.socket.on("data", (chunk: Buffer) => parser.parse(chunk));
    this.socket.on("error", () => undefined);
    this.opened = new Promise((resolve) => this.socket.once("connect", () => resolve()));
    this.ended = new Promise((resolve) =>
      this.socket.once("close", () => {
        this.closed = true;
        resolve();
      }),
    );
  }

  async send(packet: Packet, version: 4 | 5 = 4): Promise<void> {
    await this.opened;
    this.socket.write(mqtt.generate(packet, { protocolVersion: version }));
  }

  /** Resolves with the first packet (after those already seen) that `test` accepts. */
  async next(test: (p: Packet) => boolean, ms = 10_000): Promise<Packet> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.got.find(test);
      if (found !== undefined) return found;
      if (Date.now() > deadline)
        throw new Error(`no such packet within ${ms} ms; got ${JSON.stringify(this.got)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Whether the broker closed the connection within `ms`. */
  closedWithin(ms: number): Promise<boolean> {
    return Promise.race([
      this.ended.then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), ms)),
    ]);
  }

  /** Ends the connection without DISCONNECT (a crash, for the will). */
  drop(): void {
    this.socket.destroy();
  }
}

/** Connected and, when `topic` is given, subscribed at `qos`: the CONNACK and SUBACK it got. */
async function rawClient(
  target: { host: string; port: number },
  clientId: string,
  options: { topic?: string; qos?: 0 | 1 | 2; connect?: Record<string, unknown> } = {},
): Promise<Raw> {
  const raw = new Raw(target);
  await raw.send(connect(clientId, options.connect));
  await raw.next((p) => p.cmd === "connack");
  if (options.topic !== undefined) {
    await raw.send({
      cmd: "subscribe",
      messageId: 1,
      subscriptions: [{ topic: options.topic, qos: options.qos ?? 0 }],
    });
    await raw.next((p) => p.cmd === "suback");
  }
  return raw;
}

const scenario = (input: Record<string, unknown>): Scenario =>
  parseScenarioOrThrow({ protocol: "3.1.1", ...input, profiles: { broker: PROFILE } });

/** The model's packets on a hop, as `PACKET qos=` lines (the model's own packet ids). */
function modelPackets(trace: Trace): string[] {
  return trace.events.flatMap((e) =>
    e.type === "packet"
      ? [`${e.hop} ${e.packet}${"qos" in e && e.qos !== undefined ? ` qos=${e.qos}` : ""}`]
      : [],
  );
}

async function live(input: Scenario, broker: RabbitmqHandle): Promise<LiveRun> {
  const run = await runLive(input, {
    broker: { name: "rabbitmq", host: broker.host, port: broker.port },
    timeoutMs: RUN_TIMEOUT_MS,
  });
  expect(run.timedOut).toBe(false);
  return run;
}

const livePackets = (run: LiveRun) => run.trace.events.filter((e) => e.type === "packet");

/** Whether anything accepts connections on the port (the broker, its epmd) right now. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Whether a process group still has a member. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(rabbitmqPath() === undefined)(
  "RabbitMQ 3.10.8 (MQTT plugin) against profile rabbitmq-3",
  () => {
    let broker: RabbitmqHandle;
    beforeAll(async () => {
      broker = await startRabbitmq({ startTimeoutMs: BROKER_TIMEOUT_MS });
    }, BROKER_TIMEOUT_MS);
    afterAll(async () => {
      await broker.stop();
    }, BROKER_TIMEOUT_MS);

    it("runs as its own child process on loopback ports of its own", () => {
      expect(broker.pid).toBeGreaterThan(0);
      expect(new Set([broker.port, broker.ports.amqp, broker.ports.dist, broker.ports.epmd]).size).toBe(4);
      expect(broker.url).toBe(`mqtt://127.0.0.1:${broker.port}`);
    });

    it(
      "(a, b) grants a QoS 2 subscription QoS 1, answers a QoS 2 PUBLISH with PUBACK and forwards it at QoS 1",
      TEST_TIMEOUT,
      async () => {
        const subscriber = new Raw(broker);
        await subscriber.send(connect("lab-a-sub"));
        await subscriber.send({
          cmd: "subscribe",
          messageId: 3,
          subscriptions: [{ topic: "lab/a", qos: 2 }],
        });
        const suback = await subscriber.next((p) => p.cmd === "suback");
        // SUBACK return code 1: a lower QoS than asked may be granted [MQTT-3.9.3-1].
        expect(suback).toMatchObject({ messageId: 3, granted: [1] });
        const publisher = await rawClient(broker, "lab-a-pub");
        await publisher.send({
          cmd: "publish",
          messageId: 7,
          qos: 2,
          dup: false,
          retain: false,
          topic: "lab/a",
          payload: "m1",
        });
        const ack = await publisher.next((p) => p.cmd === "puback" || p.cmd === "pubrec");
        expect(ack).toMatchObject({ cmd: "puback", messageId: 7 });
        const forwarded = await subscriber.next((p) => p.cmd === "publish");
        expect(forwarded).toMatchObject({ qos: 1, topic: "lab/a" });
        expect(String((forwarded as { payload: Buffer }).payload)).toBe("m1");
        publisher.drop();
        subscriber.drop();

        // The model under rabbitmq-3: the same grant, the same acknowledgement and forwarded QoS.
        const model = simulate(
          scenario({
            publishQos: 2,
            subscriber: { qos: 2, joinAtMs: 0 },
            messages: [{ payload: "m1", atMs: 100 }],
          }),
        );
        const subscribed = model.events.find((e) => e.type === "packet" && e.packet === "SUBACK");
        expect(subscribed).toMatchObject({ reasonCode: 1 });
        expect(modelPackets(model).filter((p) => !/CONNECT|CONNACK|SUBSCRIBE|SUBACK/.test(p))).toEqual([
          "publisher-broker PUBLISH qos=2",
          "broker-subscriber PUBLISH qos=1",
          "publisher-broker PUBACK",
          "broker-subscriber PUBACK",
        ]);
      },
    );

    it(
      "(a, b) the lab's clients through the relays: the model under rabbitmq-3 draws what RabbitMQ did",
      TEST_TIMEOUT,
      async () => {
        const input = scenario({
          publishQos: 2,
          subscriber: { qos: 2 },
          messages: [{ payload: "m1" }, { payload: "m2" }],
        });
        const run = await live(input, broker);
        const flows = livePackets(run).map(
          (e) => `${e.hop} ${e.packet}${e.packet === "PUBLISH" ? ` q${e.qos}` : ""}`,
        );
        expect(
          flows.filter((f) => f.includes("PUBREC") || f.includes("PUBREL") || f.includes("PUBCOMP")),
        ).toEqual([]);
        expect(flows.filter((f) => f.startsWith("broker-subscriber PUBLISH"))).toEqual([
          "broker-subscriber PUBLISH q1",
          "broker-subscriber PUBLISH q1",
        ]);
        expectSameAsModel(input, run);
      },
    );

    it(
      "(c) closes an MQTT 5.0 CONNECT without CONNACK, as the model under rabbitmq-3 does",
      TEST_TIMEOUT,
      async () => {
        const raw = new Raw(broker, 5);
        await raw.send({ ...connect("lab-c"), protocolVersion: 5 } as Packet, 5);
        expect(await raw.closedWithin(10_000)).toBe(true);
        expect(raw.got).toEqual([]);

        const model = simulate(
          parseScenarioOrThrow({
            protocol: "5.0",
            publishQos: 1,
            subscriber: { qos: 1 },
            profiles: { broker: PROFILE },
          }),
        );
        const publisherHop = model.events.filter((e) => "hop" in e && e.hop === "publisher-broker");
        expect(publisherHop.map((e) => (e.type === "packet" ? e.packet : e.type))).toEqual([
          "CONNECT",
          "connection-lost",
        ]);
      },
    );

    it(
      "(d) accepts a QoS 2 will and publishes it at QoS 1 to a QoS 2 subscription",
      TEST_TIMEOUT,
      async () => {
        const subscriber = await rawClient(broker, "lab-d-sub", { topic: "lab/will", qos: 2 });
        const will = { topic: "lab/will", payload: Buffer.from("offline"), qos: 2, retain: false };
        const leaving = new Raw(broker);
        await leaving.send(connect("lab-d-pub", { will }));
        expect(await leaving.next((p) => p.cmd === "connack")).toMatchObject({ returnCode: 0 });
        leaving.drop();
        const published = await subscriber.next((p) => p.cmd === "publish");
        expect(published).toMatchObject({ topic: "lab/will", qos: 1 });
        expect(String((published as { payload: Buffer }).payload)).toBe("offline");
        subscriber.drop();
      },
    );

    it(
      "(d) the will on a crash, through the relays: the model under rabbitmq-3 draws what RabbitMQ did",
      TEST_TIMEOUT,
      async () => {
        const input = scenario({
          publishQos: 1,
          subscriber: { qos: 2 },
          will: { topic: "plant/line1/status", payload: "offline", qos: 2 },
          publisherEnd: { atMs: 300, kind: "crash" },
          messages: [{ payload: "m1", atMs: 0 }],
        });
        const run = await live(input, broker);
        const forwarded = livePackets(run).filter(
          (e) => e.hop === "broker-subscriber" && e.packet === "PUBLISH",
        );
        // The will is message 2 (N + 1).
        expect(forwarded.map((e) => [e.message, e.qos])).toEqual([
          [1, 1],
          [2, 1],
        ]);
        expectSameAsModel(input, run);
      },
    );

    it(
      "(f) answers Session Present 1 only to a persistent session that holds a subscription",
      TEST_TIMEOUT,
      async () => {
        /** Connects with clean = false, subscribes to what it is given, leaves; then the next CONNACK's Session Present. */
        const presentAfter = async (clientId: string, qos?: 0 | 1 | 2) => {
          const first = await rawClient(broker, clientId, {
            connect: { clean: false },
            ...(qos !== undefined ? { topic: `lab/f/${clientId}`, qos } : {}),
          });
          await first.send({ cmd: "disconnect" });
          await first.closedWithin(5000);
          const again = await rawClient(broker, clientId, { connect: { clean: false } });
          const connack = await again.next((p) => p.cmd === "connack");
          // Leaves nothing behind for the other cases: a clean session ends the stored one.
          await again.send({ cmd: "disconnect" });
          await again.closedWithin(5000);
          const clean = await rawClient(broker, clientId);
          await clean.send({ cmd: "disconnect" });
          return (connack as { sessionPresent: boolean }).sessionPresent;
        };
        expect(await presentAfter("lab-f-none")).toBe(false);
        expect(await presentAfter("lab-f-q0", 0)).toBe(false);
        expect(await presentAfter("lab-f-q1", 1)).toBe(true);
      },
    );

    it(
      "(e) resends an unacknowledged message to a reconnected persistent subscriber with DUP=1 and a new packet id (the model keeps the id)",
      TEST_TIMEOUT,
      async () => {
        const input = scenario({
          publishQos: 1,
          subscriber: { qos: 1 },
          messages: [{ payload: "m1" }, { payload: "m2" }, { payload: "m3" }],
          faults: [{ hop: "broker-subscriber", packet: "PUBACK", message: 2 }],
        });
        const run = await live(input, broker);
        const forwarded = livePackets(run).filter(
          (e) => e.hop === "broker-subscriber" && e.packet === "PUBLISH",
        );
        // The new connection numbers from 1 again: message 2 comes back as packet id 1.
        expect(forwarded.map((e) => [e.message, e.packetId, e.dup === true])).toEqual([
          [1, 1, false],
          [2, 2, false],
          [2, 1, true],
          [3, 2, false],
        ]);
        // Everything else is the model's: the resend, its PUBACK, the deliveries, Session Present.
        const model = simulate(modelScenarioFor(input, run));
        const differences = compareWithModel(model, run.trace);
        expect(differences.map((d) => [d.kind, d.hop, d.packet, d.message])).toEqual([
          ["packet-id", "broker-subscriber", "PUBLISH", 2],
          ["packet-id", "broker-subscriber", "PUBACK", 2],
        ]);
      },
    );
  },
);

describe.skipIf(rabbitmqPath() === undefined)("a RabbitMQ the lab started", () => {
  it(
    "stops by its pid and leaves neither its VM nor its epmd behind",
    { timeout: 2 * BROKER_TIMEOUT_MS },
    async () => {
      const broker = await startRabbitmq({ startTimeoutMs: BROKER_TIMEOUT_MS });
      const pid = broker.pid ?? 0;
      expect(groupAlive(pid)).toBe(true);
      expect(await listening(broker.ports.epmd)).toBe(true);
      const got = await exchange(broker, 4, [connect("lab-stop")]);
      expect(got.map((p) => p.cmd)).toEqual(["connack"]);
      await broker.stop();
      expect(groupAlive(pid)).toBe(false);
      expect(await listening(broker.port)).toBe(false);
      expect(await listening(broker.ports.epmd)).toBe(false);
    },
  );
});
