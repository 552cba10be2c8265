import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraryScenario } from "./arbitrary.ts";
import {
  compareLabel,
  compareLabelParts,
  DEFAULT_COMPARE,
  faultFit,
  faultStatuses,
  hopQos,
  scenarioFor,
  type CompareSetup,
} from "./compare.ts";
import { runScenario } from "./runScenario.ts";
import { faultOf } from "./interventions.ts";
import { parseScenario, parseScenarioOrThrow } from "./scenario.ts";
import { QOS_LEVELS, SESSION_KINDS, type Fault, type PacketEvent, type Scenario } from "./types.ts";

const batchPubrecLost = parseScenarioOrThrow({
  publishQos: 2,
  subscriber: { qos: 2 },
  faults: [{ hop: "publisher-broker", packet: "PUBREC" }],
});

const arbitrarySetup: fc.Arbitrary<CompareSetup> = fc.record(
  { qos: fc.constantFrom(...QOS_LEVELS), session: fc.constantFrom(...SESSION_KINDS) },
  { requiredKeys: ["qos"], noNullPrototype: true },
);

function fault(partial: Partial<Fault> & Pick<Fault, "packet">): Fault {
  return { hop: "publisher-broker", message: 1, attempt: 1, ...partial };
}

describe("scenarioFor", () => {
  it("runs the column's QoS on every hop and keeps the fault plan item for item", () => {
    const mapped = scenarioFor(batchPubrecLost, { qos: 1 });
    expect(mapped.publishQos).toBe(1);
    expect(mapped.subscriber).toEqual({ qos: 1 });
    expect(mapped.faults).toBe(batchPubrecLost.faults);
    expect(mapped.session).toBe(batchPubrecLost.session);
    expect({ ...mapped, publishQos: 2, subscriber: { qos: 2 } }).toEqual(batchPubrecLost);
  });

  it("keeps one hop one hop, and sets both clients' session when the column names one", () => {
    const oneHop = parseScenarioOrThrow({
      publishQos: 1,
      session: { publisher: "clean", subscriber: "persistent" },
    });
    const mapped = scenarioFor(oneHop, { qos: 2, session: "persistent" });
    expect("subscriber" in mapped).toBe(false);
    expect(mapped.session).toEqual({ publisher: "persistent", subscriber: "persistent" });
    expect(scenarioFor(oneHop, { qos: 2 }).session).toEqual(oneHop.session);
  });

  it("gives a valid scenario for any valid one and any set-up, the same when the set-up is its own", () => {
    fc.assert(
      fc.property(arbitraryScenario(), arbitrarySetup, (base, setup) => {
        const mapped = scenarioFor(base, setup);
        const parsed = parseScenario(mapped);
        expect(parsed.ok && parsed.scenario).toEqual(mapped);
        expect(mapped.faults).toEqual(base.faults);
        // A column set up as the scenario already is changes nothing.
        const uniform = base.session.publisher === base.session.subscriber;
        if (uniform && (!base.subscriber || base.subscriber.qos === base.publishQos)) {
          expect(scenarioFor(base, { qos: base.publishQos, session: base.session.publisher })).toEqual(base);
          expect(scenarioFor(base, { qos: base.publishQos })).toEqual(base);
        }
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it("labels a column by its set-up", () => {
    expect(DEFAULT_COMPARE.map((s) => compareLabel(s))).toEqual(["QoS 0", "QoS 1", "QoS 2"]);
    expect(compareLabel({ qos: 1, session: "clean" })).toBe("QoS 1 · clean session");
    expect(compareLabel({ qos: 2, profile: "mosquitto-2.0" })).toBe("QoS 2 · mosquitto-2.0");
    expect(compareLabel({ qos: 2, session: "clean", profile: "emqx-5" }, () => "EMQX 5")).toBe(
      "QoS 2 · clean session · EMQX 5",
    );
    expect(compareLabelParts({ qos: 2, session: "clean", profile: "emqx-5" }, () => "EMQX 5")).toEqual([
      "QoS 2",
      "clean session",
      "EMQX 5",
    ]);
    expect(compareLabelParts({ qos: 0 })).toEqual(["QoS 0"]);
  });

  it("a column naming a broker profile sets only the broker's, keeping the clients' and the plan", () => {
    const base = parseScenarioOrThrow({
      publishQos: 2,
      subscriber: { qos: 2 },
      faults: [{ packet: "PUBREC" }],
      profiles: { publisher: "mqttjs-5" },
    });
    const column = scenarioFor(base, { qos: 2, profile: "emqx-5" });
    expect(column.profiles).toEqual({ broker: "emqx-5", publisher: "mqttjs-5", subscriber: "spec" });
    expect(column.faults).toEqual(base.faults);
    expect({ ...column, profiles: base.profiles }).toEqual(base);
    // A scenario without profiles gets them only in a column that names one ("spec" included).
    const plain = parseScenarioOrThrow({ publishQos: 2 });
    expect(scenarioFor(plain, { qos: 2 }).profiles).toBeUndefined();
    expect(scenarioFor(plain, { qos: 2, profile: "spec" }).profiles).toEqual({
      broker: "spec",
      publisher: "spec",
      subscriber: "spec",
    });
    // What a column runs is a valid scenario: the parser gives it back unchanged.
    expect(parseScenarioOrThrow(column)).toEqual(column);
  });
});

describe("faultFit", () => {
  it("says a PUBREC is not in a QoS 1 set-up, and why", () => {
    const qos1 = scenarioFor(batchPubrecLost, { qos: 1 });
    expect(faultFit(qos1, fault({ packet: "PUBREC" }))).toEqual({
      fits: false,
      reason: "QoS 1 has no PUBREC (only PUBLISH, PUBACK)",
    });
    expect(faultFit(qos1, fault({ packet: "PUBACK" }))).toEqual({ fits: true });
    expect(faultFit(batchPubrecLost, fault({ packet: "PUBACK" })).fits).toBe(false);
  });

  it("says QoS 0 has no acknowledgements and never sends a PUBLISH twice", () => {
    const qos0 = scenarioFor(batchPubrecLost, { qos: 0 });
    for (const packet of ["PUBACK", "PUBREC", "PUBREL", "PUBCOMP"] as const) {
      expect(faultFit(qos0, fault({ packet })).fits).toBe(false);
    }
    expect(faultFit(qos0, fault({ packet: "PUBLISH" }))).toEqual({ fits: true });
    expect(faultFit(qos0, fault({ packet: "PUBLISH", attempt: 2 }))).toEqual({
      fits: false,
      reason: "QoS 0 never sends a PUBLISH twice",
    });
    expect(faultFit(qos0, fault({ packet: "CONNECT", attempt: 2 }))).toEqual({ fits: true });
  });

  it("reads the second hop at the QoS the broker forwards with", () => {
    const downgrade = parseScenarioOrThrow({ publishQos: 2, subscriber: { qos: 1 } });
    expect(hopQos(downgrade, "publisher-broker")).toBe(2);
    expect(hopQos(downgrade, "broker-subscriber")).toBe(1);
    expect(faultFit(downgrade, fault({ hop: "broker-subscriber", packet: "PUBREC" }))).toEqual({
      fits: false,
      reason: "QoS 1 from the broker has no PUBREC (only PUBLISH, PUBACK)",
    });
    expect(faultFit(downgrade, fault({ hop: "broker-subscriber", packet: "PUBACK" })).fits).toBe(true);
    const oneHop = parseScenarioOrThrow({ publishQos: 2 });
    expect(faultFit(oneHop, fault({ hop: "broker-subscriber", packet: "PUBLISH" })).fits).toBe(false);
  });

  it("says no CONNECT or CONNACK is sent when timer resends keep the connection up", () => {
    const timer = parseScenarioOrThrow({ protocol: "3.1.1", retransmit: "on-timeout", publishQos: 1 });
    expect(faultFit(timer, fault({ packet: "CONNACK" })).fits).toBe(false);
    expect(faultFit({ ...timer, retransmit: "on-reconnect" }, fault({ packet: "CONNACK" })).fits).toBe(true);
  });

  // Soundness: "not in this set-up" is never said of a transmission the set-up makes.
  it("fits every transmission a trace has, and every unfit fault is unused, over random scenarios", () => {
    fc.assert(
      fc.property(arbitraryScenario(), arbitrarySetup, (base, setup) => {
        const scenario = scenarioFor(base, setup);
        const trace = runScenario(scenario);
        for (const e of trace.events) {
          if (e.type !== "packet") continue;
          const fault = faultOf(e as PacketEvent);
          if (fault === null) continue;
          const fit = faultFit(scenario, fault);
          if (!fit.fits) throw new Error(`${e.hop} ${e.packet} #${e.attempt} was sent, yet: ${fit.reason}`);
        }
        const statuses = faultStatuses(trace);
        expect(statuses.map((s) => s.fault)).toEqual(scenario.faults);
        const unused = statuses.filter((s) => s.status !== "lost").map((s) => s.fault);
        expect(unused).toEqual(trace.unusedFaults);
        for (const s of statuses) {
          if (s.status === "not-in-setup") expect(trace.unusedFaults).toContainEqual(s.fault);
        }
      }),
      { numRuns: 400 },
    );
  }, 120_000);
});

describe("faultStatuses", () => {
  function statusesUnder(base: Scenario, setup: CompareSetup) {
    return faultStatuses(runScenario(scenarioFor(base, setup))).map((s) => s.status);
  }

  it("tells the lost PUBREC apart from the one QoS 0 and 1 never send", () => {
    expect(statusesUnder(batchPubrecLost, { qos: 2 })).toEqual(["lost"]);
    expect(statusesUnder(batchPubrecLost, { qos: 1 })).toEqual(["not-in-setup"]);
    expect(statusesUnder(batchPubrecLost, { qos: 0 })).toEqual(["not-in-setup"]);
    const trace = runScenario(scenarioFor(batchPubrecLost, { qos: 1 }));
    expect(trace.unusedFaults).toEqual(batchPubrecLost.faults);
  });

  it("says a fitting fault that matched nothing never happened, and counts equal faults apart", () => {
    const plan = parseScenarioOrThrow({
      publishQos: 1,
      faults: [{ packet: "PUBLISH", attempt: 3 }, { packet: "PUBLISH" }, { packet: "PUBLISH" }],
    });
    // One reconnect resends the PUBLISH once: no third attempt; the first PUBLISH is lost once.
    expect(statusesUnder(plan, { qos: 1 })).toEqual(["never-happened", "lost", "never-happened"]);
    expect(statusesUnder(plan, { qos: 0 })).toEqual(["not-in-setup", "lost", "never-happened"]);
  });
});
