import { describe, expect, it } from "vitest";
import { runLive } from "../lab/run.ts";
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
