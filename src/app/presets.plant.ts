/**
 * The plant examples: one message's handshake and what a lost packet does to it, on the plant
 * examples trainers use (shared/docs/domain.md). Loaded with the preset menu; the page opens on
 * one of them without it (presets.opening.ts). presets.test.ts parses each one and finds it unchanged.
 */
import { batch, batchQos2, OPENING_PRESET, scenarioOf, type Preset } from "./presets.opening.ts";

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
  OPENING_PRESET,
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
