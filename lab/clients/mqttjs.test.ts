/**
 * MQTT.js as the client, for each seed case (src/app/presets.ts), persistent and clean: against
 * Mosquitto (3.1.1 and 5.0; skipped only when the binary is absent) and the embedded Aedes (3.1.1).
 * The relay cut exactly the planned packet; the MQTT.js quirks the trace shows are the ones the case
 * must show; and every difference from the model is one of them (on Aedes: or one the broker makes
 * with this project's own client too, in a run of the same case).
 */
import { describe, expect, it } from "vitest";
// The seeds: the plant examples (the real-world presets need timed runs, lab/profiles.test.ts).
import { PLANT_PRESETS as PRESETS } from "../../src/app/presets.ts";
import { diffTraces, type Difference } from "../../src/live/index.ts";
import { simulate } from "../../src/sim/simulate.ts";
import type { Protocol, Scenario, SessionKind } from "../../src/sim/types.ts";
import { mosquittoPath } from "../brokers/mosquitto.ts";
import { runLive } from "../run.ts";
import type { LivePacketEvent, LiveRun } from "../types.ts";
import { mqttjsQuirksIn, quirkOf, type MqttjsQuirk } from "./mqttjsQuirks.ts";

const RUN_MS = 20_000;
const TEST_TIMEOUT = { timeout: 90_000 };

function variant(scenario: Scenario, protocol: Protocol, session: SessionKind): Scenario {
  return { ...structuredClone(scenario), protocol, session: { publisher: session, subscriber: session } };
}

/**
 * The quirks a case must show: MQTT.js's publisher resends after a cut on its hop; a PUBLISH
 * (the cut came before PUBREC/PUBACK arrived) goes out with DUP=0 (#692), and any resend after a
 * CONNACK with Session Present=0 ignores it (#1651). Aedes answers the publisher Session
 * Present=0 even for a kept session when it holds no subscription for it (`keepsPublisherSession`).
 */
function expectedQuirks(scenario: Scenario, keepsPublisherSession: boolean): MqttjsQuirk[] {
  const fault = scenario.faults[0];
  if (fault?.hop !== "publisher-broker" || scenario.publishQos === 0) return [];
  const quirks: MqttjsQuirk[] = [];
  if (["PUBLISH", "PUBACK", "PUBREC"].includes(fault.packet)) quirks.push("resend-without-dup");
  const session = typeof scenario.session === "string" ? scenario.session : scenario.session.publisher;
  if (session === "clean" || !keepsPublisherSession) quirks.push("resend-ignoring-session-present");
  return quirks;
}

function checkCut(run: LiveRun, scenario: Scenario): void {
  expect(run.timedOut).toBe(false);
  const [fault] = scenario.faults;
  expect(run.cuts.map((c) => c.fault)).toEqual([fault]);
  expect(run.trace.events[run.cuts[0]?.event ?? -1] as LivePacketEvent).toMatchObject({
    hop: fault?.hop,
    packet: fault?.packet,
    message: fault?.message,
    attempt: fault?.attempt,
    cut: true,
  });
  expect(run.trace.unusedFaults).toEqual([]);
}

const key = (d: Difference) => [d.kind, d.hop, d.party, d.packet, d.message, d.flag].join("|");

const cases = PRESETS.flatMap((preset) =>
  (["persistent", "clean"] as const).map((session) => ({ preset, session })),
);

function suite(broker: "aedes" | "mosquitto", protocol: Protocol) {
  describe(`MQTT.js against ${broker}, MQTT ${protocol}`, () => {
    it.each(cases)(
      "$preset.id, $session session: the planned cut; the differences are MQTT.js's named quirks",
      TEST_TIMEOUT,
      async ({ preset, session }) => {
        const scenario = variant(preset.scenario, protocol, session);
        const run = await runLive(scenario, { broker, client: "mqttjs", timeoutMs: RUN_MS });
        checkCut(run, scenario);
        const seen = mqttjsQuirksIn(run.trace);
        expect([...new Set(seen.map((s) => s.quirk))]).toEqual(
          expectedQuirks(scenario, broker === "mosquitto"),
        );
        const differences = diffTraces(simulate(scenario), run.trace);
        // What the broker does with any client (Aedes's Method B, ...) is not MQTT.js's.
        const brokers = new Set<string>();
        if (broker === "aedes") {
          const own = await runLive(scenario, { broker, timeoutMs: RUN_MS });
          for (const d of diffTraces(simulate(scenario), own.trace)) brokers.add(key(d));
        }
        // Aedes hands QoS 2 on at PUBLISH (Method B) whatever the client; the hand-on shows only
        // where the real trace has a PUBLISH and PUBREL of the message, which MQTT.js's resend after
        // a clean reconnect can add and the own run lacks, and only when the observer's delivery
        // comes before the PUBREL, which timing decides.
        const aedesMethodB = (d: Difference) =>
          broker === "aedes" && d.kind === "hand-on" && d.party === "broker";
        const unexplained = differences.filter(
          (d) => quirkOf(d, seen) === undefined && !brokers.has(key(d)) && !aedesMethodB(d),
        );
        expect(unexplained).toEqual([]);
        // A quirk is named on a difference wherever the model sends other packets: with a kept
        // session the model resends too, but with DUP=1; with a clean one it resends nothing.
        for (const quirk of new Set(seen.map((s) => s.quirk)))
          if ((quirk === "resend-without-dup") === (session === "persistent"))
            expect(differences.some((d) => quirkOf(d, seen) === quirk)).toBe(true);
      },
    );
  });
}

if (mosquittoPath() === undefined) {
  describe.skip("mosquitto: not installed here (apt-get install -y mosquitto; .ci/run installs it)", () => {
    it("runs the seed cases with MQTT.js", () => undefined);
  });
} else {
  suite("mosquitto", "3.1.1");
  suite("mosquitto", "5.0");
}
suite("aedes", "3.1.1");

describe.skipIf(mosquittoPath() === undefined)("MQTT.js as a QoS 2 receiver", () => {
  it(
    "hands on at PUBREL (Method A) where the scenario asks for Method B: named, not hidden",
    TEST_TIMEOUT,
    async () => {
      const scenario = {
        protocol: "3.1.1",
        publishQos: 2,
        subscriber: { qos: 2 },
        qos2Delivery: { subscriber: "on-publish" },
        faults: [{ hop: "broker-subscriber", packet: "PUBREL" }],
      };
      const run = await runLive(scenario, { broker: "mosquitto", client: "mqttjs", timeoutMs: RUN_MS });
      expect(run.cuts).toHaveLength(1);
      const seen = mqttjsQuirksIn(run.trace);
      const differences = diffTraces(simulate(run.trace.scenario), run.trace);
      expect(differences.map((d) => [d.kind, quirkOf(d, seen)])).toEqual([["hand-on", "hands-on-at-pubrel"]]);
    },
  );
});
