/**
 * The relay's hold mode and seeded random loss against real brokers: the embedded Aedes (MQTT
 * 3.1.1) and a Mosquitto child process (3.1.1 and 5.0; skipped, with the reason, only when the
 * binary is absent: .ci/run installs it).
 *
 * Hold: the planned packet is held, not cut; the connection stays up until keep-alive ends it; the
 * client reconnects; the diff against the model (the same fault as a cut) is empty for Mosquitto
 * and, for Aedes, names the same differences as a cut does.
 * Random loss: a fixed seed run twice cuts the same packets (as faults) and records the same trace
 * up to timing; the model of what happened (modelScenarioFor) agrees with Mosquitto; the command
 * line reports exactly that diff.
 */
import { describe, expect, it } from "vitest";
import { PRESETS } from "../src/app/presets.ts";
import { parseBack } from "../src/protocol/testing.ts";
import { parseScenarioOrThrow } from "../src/sim/scenario.ts";
import { simulate } from "../src/sim/simulate.ts";
import { HOPS, type Party, type Protocol, type Scenario } from "../src/sim/types.ts";
import { diffTraces, modelScenarioFor, type Difference } from "../src/live/index.ts";
import { EXIT_AGREE, EXIT_DIFFER, runLabCli } from "../scripts/lab-cli.ts";
import { mosquittoPath } from "./brokers/mosquitto.ts";
import { runLive, type LiveOptions } from "./run.ts";
import { isFlowPacket, type LiveEvent, type LivePacketEvent, type LiveRun } from "./types.ts";

const RUN_TIMEOUT_MS = 25_000;
const TEST_TIMEOUT = { timeout: 120_000 };

type BrokerCase = { broker: "aedes" | "mosquitto"; protocol: Protocol };
const BROKERS: BrokerCase[] = [
  { broker: "aedes", protocol: "3.1.1" },
  ...(mosquittoPath() === undefined
    ? []
    : ([
        { broker: "mosquitto", protocol: "3.1.1" },
        { broker: "mosquitto", protocol: "5.0" },
      ] as const)),
];

function preset(id: string, protocol: Protocol): Scenario {
  const found = PRESETS.find((p) => p.id === id);
  if (found === undefined) throw new Error(`no preset ${id}`);
  return {
    ...structuredClone(found.scenario),
    protocol,
    session: { publisher: "persistent", subscriber: "persistent" },
  };
}

type PacketLike = Extract<LiveEvent, { type: "packet" }>;
const isPacket = (e: LiveEvent): e is PacketLike => e.type === "packet";

/** The differences as the reader sees them: kind and sentence (indices shift with pings). */
const named = (diff: Difference[]) => diff.map((d) => `${d.kind}: ${d.sentence}`);

/** Every recorded packet's bytes parse back to what was recorded. */
function checkBytes(run: LiveRun, protocol: Protocol): void {
  for (const e of run.trace.events) {
    if (!isPacket(e) || !isFlowPacket(e)) continue;
    const parsed = parseBack(e.hex, protocol);
    expect(parsed.cmd).toBe(e.packet.toLowerCase());
    expect(e.hex.split(" ")).toHaveLength(e.bytes);
  }
}

describe.each(BROKERS)("hold mode, $broker, MQTT $protocol", ({ broker, protocol }) => {
  it.each(["pump-qos1-puback-lost", "batch-pubrec-lost"])(
    "%s: held, not cut; keep-alive ends the half-open connection; the client reconnects",
    TEST_TIMEOUT,
    async (id) => {
      const scenario = preset(id, protocol);
      const [fault] = scenario.faults;
      const client: Party = fault?.hop === "publisher-broker" ? "publisher" : "subscriber";
      const run = await runLive(scenario, { broker, faultMode: "hold", timeoutMs: RUN_TIMEOUT_MS });
      expect(run.timedOut).toBe(false);
      checkBytes(run, protocol);
      const events = run.trace.events;

      // Exactly the planned packet was held (marked as the relay's cut, and held).
      expect(run.cuts).toHaveLength(1);
      const cut = run.cuts[0];
      expect(cut?.fault).toEqual(fault);
      const index = cut?.event ?? -1;
      const held = events[index] as LivePacketEvent;
      expect(held).toMatchObject({
        type: "packet",
        hop: fault?.hop,
        packet: fault?.packet,
        message: fault?.message,
        attempt: fault?.attempt,
        cut: true,
        held: true,
        dropped: true,
        lostBy: "fault",
      });

      // The connection was not reset at the hold: it stayed up until keep-alive ended it. The
      // client pinged on it, the ping or its answer waited behind the held packet, and nothing
      // behind it in its direction was forwarded.
      const lost = events.findIndex(
        (e, i) => i > index && e.type === "connection-lost" && e.hop === held.hop,
      );
      expect(events[lost]).toMatchObject({ type: "connection-lost", causedBy: index });
      const between = events
        .slice(index + 1, lost)
        .filter(isPacket)
        .filter((e) => e.hop === held.hop);
      expect(between.some((e) => e.packet === "PINGREQ" && e.from === client)).toBe(true);
      expect(between.some((e) => (e.packet === "PINGREQ" || e.packet === "PINGRESP") && e.held)).toBe(true);
      for (const e of between)
        if (e.from === held.from) expect(e).toMatchObject({ dropped: true, held: true });
      expect([client, "broker"]).toContain(cut?.endedBy);
      // It was the only loss, and the client came back on that hop.
      expect(events.filter((e) => e.type === "connection-lost")).toHaveLength(1);
      expect(events.slice(lost).some((e) => e.type === "reconnected" && e.hop === held.hop)).toBe(true);

      // Against the model, a hold is the same fault as a cut.
      expect(modelScenarioFor(scenario, run)).toBe(scenario);
      const diff = diffTraces(simulate(scenario), run.trace);
      for (const d of diff) expect(d.sentence).toMatch(/^[A-Z].*\.$/);
      if (broker === "mosquitto") {
        // Mosquitto and the own clients resend only on reconnect, as the model does.
        expect(diff).toEqual([]);
      } else {
        // Aedes differs from the model where it differs after a cut (Method B, Session Present):
        // holding the packet on a live connection adds no difference of its own.
        const cutRun = await runLive(scenario, { broker, timeoutMs: RUN_TIMEOUT_MS });
        expect(named(diff)).toEqual(named(diffTraces(simulate(scenario), cutRun.trace)));
      }
    },
  );
});

/**
 * Two hops at QoS 2, six messages: on each hop every packet answers the one before, and the next
 * message waits for both hops, so each hop's order is fixed.
 */
function lossScenario(protocol: Protocol): Scenario {
  return parseScenarioOrThrow({
    protocol,
    publishQos: 2,
    subscriber: { qos: 2 },
    session: "persistent",
    messages: Array.from({ length: 6 }, (_, i) => ({
      topic: "plant/line1/batch",
      payload: `Batch #${101 + i}`,
    })),
  });
}
const LOSS = { rate: 0.2, seed: 3 };

/**
 * What must not change between two runs with the same seed: every flow packet but its timing, per
 * hop (the two hops' packets interleave as timing has it).
 */
function shape(run: LiveRun): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of run.trace.events) {
    if (!isPacket(e) || !isFlowPacket(e)) continue;
    (out[e.hop] ??= []).push(
      [
        `${e.from}->${e.to}`,
        e.packet,
        `m${e.message ?? "-"}`,
        `a${e.attempt}`,
        e.dup ? "dup" : "",
        e.sessionPresent === undefined ? "" : `sp${e.sessionPresent ? 1 : 0}`,
        e.cut ? `CUT by ${e.lostBy ?? ""}` : "",
      ].join(" "),
    );
  }
  return out;
}

/** The faults the random cuts amount to, per hop, in the order each hop saw them. */
const cutsPerHop = (run: LiveRun) =>
  Object.fromEntries(HOPS.map((hop) => [hop, run.cuts.map((c) => c.fault).filter((f) => f.hop === hop)]));

describe.each(BROKERS)("seeded random loss, $broker, MQTT $protocol", ({ broker, protocol }) => {
  it(
    "the same seed cuts the same packets, each reported as the fault it amounts to, and records the same trace",
    TEST_TIMEOUT,
    async () => {
      const scenario = lossScenario(protocol);
      const options: LiveOptions = { broker, loss: LOSS, timeoutMs: RUN_TIMEOUT_MS };
      const first = await runLive(scenario, options);
      expect(first.timedOut).toBe(false);
      checkBytes(first, protocol);
      // This seed cuts on both hops.
      expect(new Set(first.cuts.map((c) => c.fault.hop)).size).toBe(2);
      for (const { fault, event } of first.cuts) {
        const e = first.trace.events[event] as LivePacketEvent;
        expect(e).toMatchObject({
          cut: true,
          dropped: true,
          lostBy: "random",
          hop: fault.hop,
          packet: fault.packet,
        });
        expect(e.attempt).toBe(fault.attempt);
        if (fault.packet !== "CONNECT" && fault.packet !== "CONNACK") expect(e.message).toBe(fault.message);
        // Every cut broke its connection.
        expect(first.trace.events.some((l) => l.type === "connection-lost" && l.causedBy === event)).toBe(
          true,
        );
      }

      const model = simulate(modelScenarioFor(scenario, first));
      expect(model.unusedFaults).toEqual([]);
      const diff = diffTraces(model, first.trace);
      if (broker === "mosquitto") expect(diff).toEqual([]);
      for (const d of diff) expect(d.sentence).toMatch(/^[A-Z].*\.$/);

      const second = await runLive(scenario, options);
      expect(cutsPerHop(second)).toEqual(cutsPerHop(first));
      expect(shape(second)).toEqual(shape(first));
    },
  );
});

describe("npm run lab with --loss and --fault-mode", () => {
  const files = (scenario: unknown) => () => Promise.resolve(JSON.stringify(scenario));
  const noStdin = () => Promise.reject(new Error("no standard input in this test"));

  it(
    "reports the diff against the model of what happened, with the options passed on",
    TEST_TIMEOUT,
    async () => {
      const scenario = lossScenario("3.1.1");
      let seen: { options: LiveOptions; run: LiveRun } | undefined;
      const result = await runLabCli(
        ["s.json", "--loss", String(LOSS.rate), "--seed", String(LOSS.seed), "--fault-mode", "cut"],
        files(scenario),
        noStdin,
        async (input, options) => {
          const run = await runLive(input, options);
          seen = { options, run };
          return run;
        },
      );
      expect(seen?.options).toMatchObject({ loss: LOSS, faultMode: "cut" });
      const run = seen?.run as LiveRun;
      const expected = diffTraces(simulate(modelScenarioFor(scenario, run)), run.trace);
      const report = JSON.parse(result.stdout) as { agree: boolean; differences: Difference[] };
      expect(report.differences).toEqual(expected);
      expect(result.code).toBe(expected.length === 0 ? EXIT_AGREE : EXIT_DIFFER);
    },
  );

  it("refuses bad fault options before any run, naming the option", TEST_TIMEOUT, async () => {
    const neverRun = () => Promise.reject(new Error("the run must not start"));
    const scenario = files(lossScenario("3.1.1"));
    for (const [args, message] of [
      [["--fault-mode", "drop"], /--fault-mode: expected cut or hold; got "drop"/],
      [["--loss", "0.7"], /--loss: expected a probability from 0 to 0\.5; got "0\.7"/],
      [["--loss", "0.1", "--seed", "-2"], /--seed: expected an integer/],
      [["--seed", "4"], /--seed: only with --loss/],
      [["--keepalive", "0"], /--keepalive: expected an integer from 1 to 65535/],
    ] as const) {
      const result = await runLabCli(["s.json", ...args], scenario, noStdin, neverRun);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
    }
  });
});
