/**
 * Brokers over TLS and WebSocket, and credentials: the relay's upstream through lab/transport
 * (mqtts with --ca, with --insecure, refused without either; ws to Aedes and to Mosquitto's
 * websockets listener; wss), and Mosquitto with a password file (MQTT_USERNAME / MQTT_PASSWORD let
 * in, wrong ones refused as "not authorized", the password nowhere in the output).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseBrokerUrl } from "../../src/live/index.ts";
import { startAedes, type AedesHandle } from "../brokers/aedes.ts";
import { mosquittoPath, startMosquitto } from "../brokers/mosquitto.ts";
import { runLive, type BrokerUrl } from "../run.ts";
import { EXIT_AGREE, EXIT_DIFFER, EXIT_FAILURE, runLabCli } from "../../scripts/lab-cli.ts";
import { selfSignedCertificate, type SelfSigned } from "./testing.ts";
import type { LiveRun } from "../types.ts";

const TIMEOUT = { timeout: 60_000 };
const RUN_MS = 20_000;

/** QoS 2 through one subscriber, the publisher's PUBREC lost: a cut, a reconnect, a resend. */
const scenario = (protocol: "3.1.1" | "5.0") => ({
  protocol,
  publishQos: 2,
  subscriber: { qos: 2 },
  faults: [{ hop: "publisher-broker", packet: "PUBREC" }],
});

function url(text: string): BrokerUrl {
  const parsed = parseBrokerUrl(text);
  if (!parsed.ok || parsed.broker.kind !== "url") throw new Error(`not a broker URL: ${text}`);
  return parsed.broker;
}

function checkCutAndDelivered(run: LiveRun): void {
  expect(run.timedOut).toBe(false);
  expect(run.cuts).toHaveLength(1);
  expect(run.trace.events[run.cuts[0]?.event ?? -1]).toMatchObject({ packet: "PUBREC", cut: true });
  expect(run.trace.outcome.messages.map((m) => m.deliveries)).toEqual([1]);
}

const noStdin = () => Promise.reject(new Error("no standard input in this test"));
const noPrompt = () => Promise.reject(new Error("no prompt in this test"));

describe("Aedes over TLS and WebSocket", () => {
  let cert: SelfSigned;
  let broker: AedesHandle;
  beforeAll(async () => {
    cert = selfSignedCertificate();
    broker = await startAedes({ tls: { key: cert.key, cert: cert.cert }, websocket: true });
  }, 60_000);
  afterAll(async () => {
    await broker.stop();
    cert.remove();
  });

  it("mqtts:// with --ca: the planned packet cut, the message through", TIMEOUT, async () => {
    const run = await runLive(scenario("3.1.1"), {
      broker: url(`mqtts://127.0.0.1:${broker.ports.mqtts}`),
      tls: { ca: cert.cert },
      timeoutMs: RUN_MS,
    });
    checkCutAndDelivered(run);
    expect(run.broker.url).toBe(`mqtts://127.0.0.1:${broker.ports.mqtts}`);
  });

  it("mqtts:// with --insecure, and MQTT.js as the client", TIMEOUT, async () => {
    const run = await runLive(scenario("3.1.1"), {
      broker: url(`mqtts://localhost:${broker.ports.mqtts}`),
      tls: { insecure: true },
      client: "mqttjs",
      timeoutMs: RUN_MS,
    });
    checkCutAndDelivered(run);
  });

  it("mqtts:// without --ca or --insecure is refused, saying what to pass", TIMEOUT, async () => {
    await expect(
      runLive(scenario("3.1.1"), {
        broker: url(`mqtts://127.0.0.1:${broker.ports.mqtts}`),
        timeoutMs: RUN_MS,
      }),
    ).rejects.toThrow(/TLS: the broker's certificate .* was not accepted .*--ca FILE.*--insecure/);
  });

  it("the command line reads --ca from a file; without it, exit 1 with the reason", TIMEOUT, async () => {
    const { readFile } = await import("node:fs/promises");
    const read = (file: string) =>
      file === "s.json" ? Promise.resolve(JSON.stringify(scenario("3.1.1"))) : readFile(file, "utf8");
    const io = { env: {}, askPassword: noPrompt };
    const target = `mqtts://127.0.0.1:${broker.ports.mqtts}`;
    const ok = await runLabCli(
      ["s.json", "--broker", target, "--ca", cert.certFile],
      read,
      noStdin,
      runLive,
      io,
    );
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(EXIT_DIFFER); // Aedes hands QoS 2 on at PUBLISH (Method B)
    expect(JSON.parse(ok.stdout)).toMatchObject({ real: { broker: { url: target } } });
    const refused = await runLabCli(["s.json", "--broker", target], read, noStdin, runLive, io);
    expect(refused.code).toBe(EXIT_FAILURE);
    expect(refused.stderr).toMatch(/certificate .* not accepted/);
  });

  it("ws:// (subprotocol mqtt): the planned packet cut, the message through", TIMEOUT, async () => {
    const run = await runLive(scenario("3.1.1"), {
      broker: url(`ws://127.0.0.1:${broker.ports.ws}/mqtt`),
      client: "mqttjs",
      timeoutMs: RUN_MS,
    });
    checkCutAndDelivered(run);
  });

  it("wss:// with --ca", TIMEOUT, async () => {
    const run = await runLive(scenario("3.1.1"), {
      broker: url(`wss://localhost:${broker.ports.wss}/`),
      tls: { ca: cert.cert },
      timeoutMs: RUN_MS,
    });
    checkCutAndDelivered(run);
  });

  it("a broker URL where nothing listens fails at once with the reason", TIMEOUT, async () => {
    const closed = await startAedes();
    const port = closed.port;
    await closed.stop();
    await expect(
      runLive(scenario("3.1.1"), { broker: url(`ws://127.0.0.1:${port}/`), timeoutMs: RUN_MS }),
    ).rejects.toThrow(/connection refused/);
  });
});

const hasMosquitto = mosquittoPath() !== undefined;

describe.skipIf(!hasMosquitto)("Mosquitto: websockets listener and a password file", () => {
  it("ws:// to Mosquitto's websockets listener, MQTT 5.0, agrees with the model", TIMEOUT, async () => {
    const broker = await startMosquitto({ websockets: true });
    try {
      const run = await runLive(scenario("5.0"), {
        broker: url(`ws://127.0.0.1:${broker.ports.ws}/`),
        timeoutMs: RUN_MS,
      });
      checkCutAndDelivered(run);
    } finally {
      await broker.stop();
    }
  });

  it(
    "MQTT_USERNAME / MQTT_PASSWORD let in; wrong ones refused as not authorized; never in the output",
    TIMEOUT,
    async () => {
      const password = "s3cret-Pa55word";
      const broker = await startMosquitto({ user: { username: "lab-user", password } });
      try {
        const target = `mqtt://127.0.0.1:${broker.port}`;
        const files = () => Promise.resolve(JSON.stringify(scenario("3.1.1")));
        for (const client of ["own", "mqttjs"]) {
          const io = { env: { MQTT_USERNAME: "lab-user", MQTT_PASSWORD: password }, askPassword: noPrompt };
          const ok = await runLabCli(
            ["s.json", "--broker", target, "--client", client],
            files,
            noStdin,
            runLive,
            io,
          );
          const report = JSON.parse(ok.stdout) as {
            real: { events: { packet?: string; hex?: string }[] };
            clientQuirks?: { quirk: string }[];
          };
          // Mosquitto agrees with the model; MQTT.js's resend of the PUBLISH lacks DUP (MQTT.js#692).
          if (client === "own") expect(ok.code).toBe(EXIT_AGREE);
          else {
            expect(ok.code).toBe(EXIT_DIFFER);
            expect(report.clientQuirks?.map((q) => q.quirk)).toEqual(["resend-without-dup"]);
          }
          expect(report.real.events.filter((e) => e.packet === "CONNECT").length).toBeGreaterThan(1);
          // Neither the text nor its bytes: the relay masks CONNECT's user name and password.
          const hexOf = (s: string) =>
            [...Buffer.from(s)].map((b) => b.toString(16).padStart(2, "0")).join(" ");
          for (const secret of [password, hexOf(password), "lab-user", hexOf("lab-user")])
            expect(ok.stdout + ok.stderr).not.toContain(secret);
        }
        const wrong = "not-the-password";
        const io = { env: { MQTT_USERNAME: "lab-user", MQTT_PASSWORD: wrong }, askPassword: noPrompt };
        const refused = await runLabCli(["s.json", "--broker", target], files, noStdin, runLive, io);
        expect(refused.code).toBe(EXIT_FAILURE);
        expect(refused.stderr).toMatch(/refused .* CONNECT \(code 0x05\): not authorized/);
        expect(refused.stderr).not.toContain(wrong);
        // The prompt: asked for MQTT_USERNAME's password, used instead of MQTT_PASSWORD.
        const prompts: string[] = [];
        const asked = await runLabCli(
          ["s.json", "--broker", target, "--ask-password"],
          files,
          noStdin,
          runLive,
          {
            env: { MQTT_USERNAME: "lab-user" },
            askPassword: (prompt) => {
              prompts.push(prompt);
              return Promise.resolve(password);
            },
          },
        );
        expect(asked.code).toBe(EXIT_AGREE);
        expect(prompts).toEqual([`Password for lab-user at ${target}: `]);
        expect(asked.stdout).not.toContain(password);
      } finally {
        await broker.stop();
      }
    },
  );
});

describe("Aedes asking for a client certificate", () => {
  it("mqtts:// with --cert/--key gets in; without them the handshake is refused", TIMEOUT, async () => {
    const server = selfSignedCertificate();
    const client = selfSignedCertificate();
    const broker = await startAedes({ tls: { key: server.key, cert: server.cert, clientCa: client.cert } });
    try {
      const target = url(`mqtts://127.0.0.1:${broker.ports.mqtts}`);
      const run = await runLive(scenario("3.1.1"), {
        broker: target,
        tls: { ca: server.cert, cert: client.cert, key: client.key },
        timeoutMs: RUN_MS,
      });
      checkCutAndDelivered(run);
      await expect(
        runLive(scenario("3.1.1"), { broker: target, tls: { ca: server.cert }, timeoutMs: RUN_MS }),
      ).rejects.toThrow(
        /TLS: the broker at mqtts:\/\/127\.0\.0\.1:\d+ refused .* client certificate .*--cert FILE/,
      );
    } finally {
      await broker.stop();
      server.remove();
      client.remove();
    }
  });
});
