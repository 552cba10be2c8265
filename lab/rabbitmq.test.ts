/**
 * The RabbitMQ profile (src/protocol/profiles/rabbitmq.ts, "rabbitmq-3") against a real RabbitMQ
 * 3.10.8 (Debian's package, MQTT plugin), started as a child process by lab/brokers/rabbitmq.ts:
 * each fact of the profile on the wire (raw packets, mqtt-packet over TCP), then a run of the same
 * scenario with the lab's own clients through the relays, set beside the model of it under
 * rabbitmq-3 (src/sim/simulate.ts): same packets, packet ids, QoS, flags and deliveries.
 */
import net from "node:net";
import type { Packet } from "mqtt-packet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rabbitmqPath, startRabbitmq, type RabbitmqHandle } from "./brokers/rabbitmq.ts";
import { exchange } from "./rawProbe.ts";

/** Start and stop each take 10 to 30 s alone; on a loaded 2-core machine, several times that. */
const BROKER_TIMEOUT_MS = 120_000;

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
