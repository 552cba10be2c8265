import { describe, expect, it } from "vitest";
import { runLive, type LiveOptions } from "../lab/run.ts";
import { mosquittoPath } from "../lab/brokers/mosquitto.ts";
import { EXIT_AGREE, EXIT_DIFFER, EXIT_FAILURE, EXIT_INVALID_INPUT, runLabCli } from "./lab-cli.ts";

const TIMEOUT = { timeout: 60_000 };
const noStdin = () => Promise.reject(new Error("no standard input in this test"));
const files = (scenario: unknown) => () => Promise.resolve(JSON.stringify(scenario));
const neverRun = () => Promise.reject(new Error("the run must not start"));

const pubrecLost = (protocol: string) => ({
  protocol,
  publishQos: 2,
  subscriber: { qos: 2 },
  faults: [{ hop: "publisher-broker", packet: "PUBREC" }],
});

describe("npm run lab", () => {
  it("exits 2 naming the field of a bad scenario, before any run", TIMEOUT, async () => {
    const result = await runLabCli(["s.json"], files({ publishQos: 3 }), noStdin, neverRun);
    expect(result.code).toBe(EXIT_INVALID_INPUT);
    expect(result.stderr).toMatch(/^publishQos: expected one of 0, 1, 2; got 3/);
  });

  it("exits 2 on a broker URL with credentials, saying where they belong", TIMEOUT, async () => {
    const result = await runLabCli(
      ["s.json", "--broker", "mqtt://user:secret@localhost"],
      files(pubrecLost("3.1.1")),
      noStdin,
      neverRun,
    );
    expect(result.code).toBe(EXIT_INVALID_INPUT);
    expect(result.stderr).toMatch(/MQTT_USERNAME/);
    expect(result.stderr).not.toMatch(/secret/);
  });

  it("exits 1 on an unknown option, with the usage", TIMEOUT, async () => {
    const result = await runLabCli(["s.json", "--colour"], files({}), noStdin, neverRun);
    expect(result.code).toBe(EXIT_FAILURE);
    expect(result.stderr).toMatch(/unknown option --colour/);
  });

  it("exits 3 when the embedded Aedes differs from the model, naming Method B", TIMEOUT, async () => {
    const result = await runLabCli(
      ["s.json", "--format", "md"],
      files(pubrecLost("3.1.1")),
      noStdin,
      runLive,
    );
    expect(result.code).toBe(EXIT_DIFFER);
    expect(result.stdout).toMatch(/Method B/);
  });

  it("exits 1 with the broker's refusal when it does not speak the protocol", TIMEOUT, async () => {
    const result = await runLabCli(["s.json"], files(pubrecLost("5.0")), noStdin, runLive);
    expect(result.code).toBe(EXIT_FAILURE);
    expect(result.stderr).toMatch(/refused .* MQTT 5\.0 CONNECT/);
  });

  it.skipIf(mosquittoPath() === undefined)(
    "exits 0 when a real Mosquitto agrees with the model",
    TIMEOUT,
    async () => {
      const result = await runLabCli(
        ["s.json", "--broker", "mosquitto"],
        files(pubrecLost("5.0")),
        noStdin,
        runLive,
      );
      expect(result.code).toBe(EXIT_AGREE);
      const report = JSON.parse(result.stdout) as { agree: boolean; real: { events: { cut?: true }[] } };
      expect(report.agree).toBe(true);
      expect(report.real.events.filter((e) => e.cut)).toHaveLength(1);
    },
  );
});

describe("npm run lab: client, TLS and credential options", () => {
  const noPrompt = () => Promise.reject(new Error("no prompt in this test"));
  const io = { env: {}, askPassword: noPrompt };

  it("exits 1 on an unknown client, naming both", TIMEOUT, async () => {
    const result = await runLabCli(["s.json", "--client", "paho"], files({}), noStdin, neverRun, io);
    expect(result.code).toBe(EXIT_FAILURE);
    expect(result.stderr).toMatch(/--client: expected own or mqttjs; got "paho"/);
  });

  it("exits 2 on TLS options for a broker without TLS", TIMEOUT, async () => {
    for (const extra of [["--insecure"], ["--ca", "ca.pem"]]) {
      const result = await runLabCli(
        ["s.json", "--broker", "ws://127.0.0.1:9001/", ...extra],
        files(pubrecLost("3.1.1")),
        noStdin,
        neverRun,
        io,
      );
      expect(result.code).toBe(EXIT_INVALID_INPUT);
      expect(result.stderr).toMatch(/apply to mqtts:\/\/ and wss:\/\/ brokers only/);
    }
  });

  it("exits 2 on --cert without --key, and on a --ca file it cannot read", TIMEOUT, async () => {
    const read = (path: string) =>
      path === "s.json"
        ? Promise.resolve(JSON.stringify(pubrecLost("3.1.1")))
        : path === "cert.pem"
          ? Promise.resolve("PEM")
          : Promise.reject(new Error("ENOENT"));
    const alone = await runLabCli(
      ["s.json", "--broker", "mqtts://localhost", "--cert", "cert.pem"],
      read,
      noStdin,
      neverRun,
      io,
    );
    expect(alone.code).toBe(EXIT_INVALID_INPUT);
    expect(alone.stderr).toMatch(/--cert and --key go together/);
    const missing = await runLabCli(
      ["s.json", "--broker", "mqtts://localhost", "--ca", "nowhere.pem"],
      read,
      noStdin,
      neverRun,
      io,
    );
    expect(missing.code).toBe(EXIT_INVALID_INPUT);
    expect(missing.stderr).toMatch(/--ca: cannot read nowhere\.pem/);
  });

  it("--ask-password needs MQTT_USERNAME, and says so before any run", TIMEOUT, async () => {
    const result = await runLabCli(
      ["s.json", "--ask-password"],
      files(pubrecLost("3.1.1")),
      noStdin,
      neverRun,
      io,
    );
    expect(result.code).toBe(EXIT_FAILURE);
    expect(result.stderr).toMatch(/--ask-password: set MQTT_USERNAME/);
  });

  it("passes the client, the TLS files and the credentials to the run", TIMEOUT, async () => {
    const read = (path: string) =>
      Promise.resolve(path === "s.json" ? JSON.stringify(pubrecLost("3.1.1")) : `PEM of ${path}`);
    const seen: LiveOptions[] = [];
    const spy = (_: unknown, options: LiveOptions) => {
      seen.push(options);
      return Promise.reject(new Error("stop here"));
    };
    const result = await runLabCli(
      ["s.json", "--broker", "wss://broker.example:8884/mqtt", "--client", "mqttjs"].concat([
        "--ca",
        "ca.pem",
        "--cert",
        "c.pem",
        "--key",
        "k.pem",
        "--insecure",
      ]),
      read,
      noStdin,
      spy,
      { env: { MQTT_USERNAME: "u", MQTT_PASSWORD: "p" }, askPassword: noPrompt },
    );
    expect(result.stderr).toMatch(/stop here/);
    expect(seen[0]).toMatchObject({
      broker: { kind: "url", scheme: "wss", host: "broker.example", port: 8884, path: "/mqtt" },
      client: "mqttjs",
      credentials: { username: "u", password: "p" },
      tls: { ca: "PEM of ca.pem", cert: "PEM of c.pem", key: "PEM of k.pem", insecure: true },
    });
  });
});
