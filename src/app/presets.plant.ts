/**
 * The classic cases, built on the plant examples trainers use (shared/docs/domain.md). Data only:
 * what happens is the simulator's business.
 *
 * Each scenario is written as the parser gives it back (every default filled in, keys in the
 * parser's order), so the page opens on a preset without loading the scenario validator: the
 * first diagram does not wait for it. presets.test.ts parses each one and finds it unchanged.
 * The real-world cases (presets.realWorld.ts) load with the preset menu; presets.ts lists both.
 */
import { DEFAULT_MESSAGE, DEFAULT_TIMING } from "../sim/scenarioDefaults.ts";
import type { Fault, MessageSpec, Qos, Scenario, SessionKind } from "../sim/types.ts";

export interface Preset {
  id: string;
  /** A short title. */
  label: string;
  /** One line for the trainer to tell (the real-world cases: what to look for). */
  story: string;
  /** Valid as it is, defaults included (see above). */
  scenario: Scenario;
}

/** MQTT 5.0, resend after reconnect, both Method A deliveries, one lost transmission. */
function scenarioOf(fields: {
  publishQos: Qos;
  /** Two hops with this subscription QoS; one hop when absent. */
  subscriberQos?: Qos;
  session?: SessionKind;
  messages: Partial<MessageSpec>[];
  lost: Pick<Fault, "hop" | "packet"> & { message?: number };
}): Scenario {
  const { publishQos, subscriberQos, session = "persistent", messages, lost } = fields;
  return {
    protocol: "5.0",
    retransmit: "on-reconnect",
    session: { publisher: session, subscriber: session },
    publishQos,
    ...(subscriberQos === undefined ? {} : { subscriber: { qos: subscriberQos } }),
    qos2Delivery: { broker: "on-pubrel", subscriber: "on-pubrel" },
    dedupe: false,
    messages: messages.map((message) => ({ ...DEFAULT_MESSAGE, ...message })),
    faults: [{ hop: lost.hop, packet: lost.packet, message: lost.message ?? 1, attempt: 1 }],
    timing: { ...DEFAULT_TIMING },
  };
}

const batch = { topic: "plant/line1/batch", payload: "Batch #101 completed" };
const batchQos2 = (packet: Fault["packet"]) =>
  scenarioOf({
    publishQos: 2,
    subscriberQos: 2,
    messages: [batch],
    lost: { hop: "publisher-broker", packet },
  });

/** The plant examples: one message's handshake and what a lost packet does to it. */
export const PLANT_PRESETS: readonly Preset[] = [
  {
    id: "temperature-qos0",
    label: "Temperature, QoS 0",
    story:
      "A transmitter publishes the line temperature every second at QoS 0. The 45.4 °C reading is lost in a " +
      "short network drop; nothing resends it, and the next reading a second later makes up for it.",
    scenario: scenarioOf({
      publishQos: 0,
      messages: ["45.2", "45.3", "45.4", "45.5", "45.6"].map((t) => ({
        topic: "plant/line1/tt-101/temperature",
        payload: `${t} °C`,
      })),
      lost: { hop: "publisher-broker", packet: "PUBLISH", message: 3 },
    }),
  },
  {
    id: "pump-qos1-puback-lost",
    label: "Start Pump P-101, QoS 1",
    story:
      "SCADA sends Start Pump P-101 at QoS 1. The PLC acts on it, but its PUBACK is lost, so the broker sends " +
      "the command again and the PLC gets it twice: harmless only because starting a running pump changes nothing.",
    scenario: scenarioOf({
      publishQos: 1,
      subscriberQos: 1,
      messages: [{ topic: "plant/pumps/p-101/cmd", payload: "START" }],
      lost: { hop: "broker-subscriber", packet: "PUBACK" },
    }),
  },
  {
    id: "batch-publish-lost",
    label: "Batch #101: PUBLISH lost",
    story:
      "The PLC reports Batch #101 completed to the MES at QoS 2. The first PUBLISH never arrives; after the " +
      "reconnect it goes out again with DUP set, and the MES records the batch once.",
    scenario: batchQos2("PUBLISH"),
  },
  {
    id: "batch-pubrec-lost",
    label: "Batch #101: PUBREC lost",
    story:
      "The broker stored the batch report and answered PUBREC, which is lost. The PLC resends the PUBLISH; the " +
      "broker knows the packet id, answers PUBREC again and does not pass the report on twice.",
    scenario: batchQos2("PUBREC"),
  },
  {
    id: "batch-pubrel-lost",
    label: "Batch #101: PUBREL lost",
    story:
      "The PLC's PUBREL is lost. After the reconnect it resends the PUBREL, never the PUBLISH, and the broker " +
      "releases the stored report exactly once.",
    scenario: batchQos2("PUBREL"),
  },
  {
    id: "batch-pubcomp-lost",
    label: "Batch #101: PUBCOMP lost",
    story:
      "The report was already handed on when the PUBCOMP is lost. The PLC resends PUBREL, the broker answers " +
      "PUBCOMP for an id it has released, and the MES still has one record.",
    scenario: batchQos2("PUBCOMP"),
  },
  {
    id: "downgrade-qos2-to-qos1",
    label: "QoS 2 into a QoS 1 subscription",
    story:
      "The PLC publishes at QoS 2, but the MES subscribed at QoS 1. The broker forwards at QoS 1, the MES's " +
      "PUBACK is lost, and the batch is recorded twice: QoS 2 only protects the hop it is used on.",
    scenario: scenarioOf({
      publishQos: 2,
      subscriberQos: 1,
      messages: [batch],
      lost: { hop: "broker-subscriber", packet: "PUBACK" },
    }),
  },
  {
    id: "clean-session-qos2-lost",
    label: "Clean session loses QoS 2",
    story:
      "The same batch report at QoS 2, but the PLC connects with a clean session. Its PUBREL is lost, the " +
      "reconnect starts a new session, the broker throws away the stored report, and the MES never hears of it.",
    scenario: scenarioOf({
      publishQos: 2,
      subscriberQos: 2,
      session: "clean",
      messages: [batch],
      lost: { hop: "publisher-broker", packet: "PUBREL" },
    }),
  },
];

function presetById(id: string): Preset {
  const preset = PLANT_PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`presets.plant.ts: no preset "${id}"`);
  return preset;
}

/** The preset the page opens on when its link names no scenario: Batch #101, PUBREC lost. */
export const OPENING_PRESET: Preset = presetById("batch-pubrec-lost");

/**
 * A preset's scenario, a fresh copy each time (the page tells a new scenario by a new object, and
 * nothing may change the preset's own).
 */
export function presetScenario(preset: Preset): Scenario {
  return structuredClone(preset.scenario);
}
