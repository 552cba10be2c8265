/**
 * The relay against real brokers: the embedded Aedes (MQTT 3.1.1: Aedes 1.x refuses 5.0) and a
 * Mosquitto child process (3.1.1 and 5.0; skipped, with the reason, only when the binary is absent
 * here: .ci/run installs it). For each seed case (src/app/presets.ts), with a persistent and a clean
 * session: the relay cut exactly the planned packet and nothing else, the trace holds the real
 * bytes, the diff against the model is empty for Mosquitto and names Aedes's Method B, and a second
 * run gives the same trace up to timing.
 */
import { describe, expect, it } from "vitest";
// The seeds: the plant examples (the real-world presets need timed runs, lab/profiles.test.ts).
import { PLANT_PRESETS as PRESETS } from "../src/app/presets.ts";
import { parseBack } from "../src/protocol/testing.ts";
import type { Protocol, Scenario, SessionKind } from "../src/sim/types.ts";
import { DIFFERENCE_KINDS, diffTraces } from "../src/live/index.ts";
import { simulate } from "../src/sim/simulate.ts";
import { startAedes } from "./brokers/aedes.ts";
import { mosquittoPath } from "./brokers/mosquitto.ts";
import { runLive } from "./run.ts";
import { isFlowPacket, type LivePacketEvent, type LiveRun } from "./types.ts";

const RUN_TIMEOUT_MS = 20_000;
const TEST_TIMEOUT = { timeout: 90_000 };

function variant(scenario: Scenario, protocol: Protocol, session: SessionKind): Scenario {
  return { ...structuredClone(scenario), protocol, session: { publisher: session, subscriber: session } };
}

const packets = (run: LiveRun) =>
  run.trace.events.filter((e): e is LivePacketEvent => e.type === "packet" && isFlowPacket(e));

/** What must not change between two runs: every packet but its timing, per hop and direction. */
function shape(run: LiveRun): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  // Ids the broker picks (Aedes starts from a random one) are compared by order of first use.
  const ids = new Map<string, Map<number, number>>();
  for (const e of packets(run)) {
    const key = `${e.hop} ${e.from}->${e.to}`;
    const perHop = ids.get(e.hop) ?? new Map<number, number>();
    ids.set(e.hop, perHop);
    let id = "";
    if (e.packetId !== undefined) {
      if (!perHop.has(e.packetId)) perHop.set(e.packetId, perHop.size + 1);
      id = `#${perHop.get(e.packetId)}`;
    }
    const brokerIds = e.hop === "broker-subscriber";
    const line = [
      e.packet,
      `m${e.message ?? "-"}`,
      `a${e.attempt}`,
      `q${e.qos ?? "-"}`,
      e.dup ? "dup" : "",
      e.sessionPresent === undefined ? "" : `sp${e.sessionPresent ? 1 : 0}`,
      id,
      `${e.bytes}B`,
      brokerIds ? "" : e.hex,
      e.cut ? "CUT" : "",
      e.reasonCode === undefined ? "" : `rc${e.reasonCode}`,
    ].join(" ");
    (out[key] ??= []).push(line);
  }
  out.outcome = run.trace.outcome.messages.map((m) => `${m.message}:${m.deliveries}`);
  return out;
}

function checkRun(run: LiveRun, scenario: Scenario): void {
  expect(run.timedOut).toBe(false);
  // Exactly the planned packet was cut, and nothing else was touched.
  const [fault] = scenario.faults;
  expect(run.cuts).toHaveLength(1);
  const cut = run.cuts[0];
  expect(cut?.fault).toEqual(fault);
  const event = run.trace.events[cut?.event ?? -1] as LivePacketEvent | undefined;
  expect(event).toMatchObject({
    type: "packet",
    hop: fault?.hop,
    packet: fault?.packet,
    message: fault?.message,
    attempt: fault?.attempt,
    dropped: true,
    lostBy: "fault",
    cut: true,
  });
  expect(packets(run).filter((e) => e.dropped)).toEqual([event]);
  expect(run.trace.unusedFaults).toEqual([]);
  // The cut broke that hop's connection, and the client came back on it.
  const lost = run.trace.events.findIndex((e) => e.type === "connection-lost");
  expect(run.trace.events[lost]).toMatchObject({ hop: fault?.hop, causedBy: cut?.event });
  expect(run.trace.events.slice(lost).some((e) => e.type === "reconnected" && e.hop === fault?.hop)).toBe(
    true,
  );
  // The real bytes: each parses back to the packet recorded, and its size is what was counted.
  for (const e of packets(run)) {
    const parsed = parseBack(e.hex, scenario.protocol);
    expect(parsed.cmd).toBe(e.packet.toLowerCase());
    expect(e.hex.split(" ")).toHaveLength(e.bytes);
    if (e.packetId !== undefined) expect(parsed).toMatchObject({ messageId: e.packetId });
    if (parsed.cmd === "publish") {
      const spec = scenario.messages[(e.message ?? 0) - 1];
      expect(parsed.topic).toBe(spec?.topic);
      expect(String(parsed.payload)).toBe(spec?.payload);
      expect(parsed.dup).toBe(e.dup);
    }
  }
}

const cases = PRESETS.flatMap((preset) =>
  (["persistent", "clean"] as const).map((session) => ({ preset, session })),
);

function suite(broker: "aedes" | "mosquitto", protocol: Protocol) {
  describe(`${broker}, MQTT ${protocol}`, () => {
    it.each(cases)(
      "$preset.id, $session session: the planned packet cut, real bytes, the same trace twice",
      TEST_TIMEOUT,
      async ({ preset, session }) => {
        const scenario = variant(preset.scenario, protocol, session);
        const first = await runLive(scenario, { broker, timeoutMs: RUN_TIMEOUT_MS });
        checkRun(first, scenario);
        expect(first.broker.name).toBe(broker);
        const differences = diffTraces(simulate(scenario), first.trace);
        for (const d of differences) {
          expect(DIFFERENCE_KINDS).toContain(d.kind);
          expect(d.sentence).toMatch(/^[A-Z].*\.$/);
        }
        if (broker === "mosquitto") {
          // The model covers Mosquitto here (Method A, resend only on reconnect): no difference.
          expect(differences).toEqual([]);
        } else if (
          scenario.publishQos === 2 &&
          ["PUBLISH", "PUBREC", "PUBREL"].includes(scenario.faults[0]?.packet ?? "") &&
          first.trace.outcome.messages[0]?.deliveries === 1
        ) {
          // Aedes 1.x hands a QoS 2 message on at PUBLISH: where a loss before PUBCOMP shows it,
          // the difference is named, not hidden.
          expect(differences.map((d) => d.kind)).toContain("hand-on");
        }
        const second = await runLive(scenario, { broker, timeoutMs: RUN_TIMEOUT_MS });
        expect(shape(second)).toEqual(shape(first));
      },
    );
  });
}

suite("aedes", "3.1.1");

it(
  "a broker that refuses the protocol gets a clear message, not a hung run (Aedes 1.x and MQTT 5.0)",
  TEST_TIMEOUT,
  async () => {
    const scenario = variant(PRESETS[0]?.scenario as Scenario, "5.0", "persistent");
    await expect(runLive(scenario, { broker: "aedes", timeoutMs: RUN_TIMEOUT_MS })).rejects.toThrow(
      /the broker refused observer's MQTT 5\.0 CONNECT \(code 0x01\)/,
    );
  },
);

describe("a broker the lab did not start", () => {
  it(
    "starts each run from no session, so a persistent run repeats on the same broker",
    TEST_TIMEOUT,
    async () => {
      const broker = await startAedes();
      try {
        const preset = PRESETS.find((p) => p.id === "batch-pubrec-lost");
        const scenario = variant(preset?.scenario as Scenario, "3.1.1", "persistent");
        const address = { name: "aedes", host: broker.host, port: broker.port };
        const first = await runLive(scenario, { broker: address, timeoutMs: RUN_TIMEOUT_MS });
        checkRun(first, scenario);
        const second = await runLive(scenario, { broker: address, timeoutMs: RUN_TIMEOUT_MS });
        expect(shape(second)).toEqual(shape(first));
      } finally {
        await broker.stop();
      }
    },
  );
});

const mosquitto = mosquittoPath();
if (mosquitto === undefined) {
  describe.skip("mosquitto: not installed here (apt-get install -y mosquitto; .ci/run installs it)", () => {
    it("runs the seed cases", () => undefined);
  });
} else {
  suite("mosquitto", "3.1.1");
  suite("mosquitto", "5.0");
}
