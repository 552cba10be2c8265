/**
 * The real-world cases of issue 14: what brokers and clouds people run do around one message's
 * handshake (a crash, a full queue, a refused QoS 2, a retained value, a will, QoS 1 overtaking
 * QoS 2). Data only, written as the parser gives it back (presets.test.ts), like the plant examples.
 */
import { DEFAULT_TIMING } from "../sim/scenarioDefaults.ts";
import type { MessageSpec, Qos, Scenario } from "../sim/types.ts";
import type { Preset } from "./presets.opening.ts";

type Subscriber = NonNullable<Scenario["subscriber"]>;
type Extensions = Pick<
  Scenario,
  "profiles" | "receiveMaximum" | "refusals" | "sessionExpiryS" | "broker" | "will" | "publisherEnd"
>;

/** MQTT 5.0, resend after reconnect, persistent sessions, Method A, no faults; keys in the parser's order. */
function scenarioOf(
  publishQos: Qos,
  subscriber: Subscriber | undefined,
  messages: MessageSpec[],
  extensions: Extensions,
): Scenario {
  const { profiles, receiveMaximum, refusals, sessionExpiryS, broker, will, publisherEnd } = extensions;
  return {
    protocol: "5.0",
    retransmit: "on-reconnect",
    session: { publisher: "persistent", subscriber: "persistent" },
    publishQos,
    ...(subscriber ? { subscriber } : {}),
    qos2Delivery: { broker: "on-pubrel", subscriber: "on-pubrel" },
    dedupe: false,
    messages,
    faults: [],
    timing: { ...DEFAULT_TIMING },
    ...(profiles ? { profiles } : {}),
    ...(receiveMaximum ? { receiveMaximum } : {}),
    ...(refusals ? { refusals } : {}),
    ...(sessionExpiryS ? { sessionExpiryS } : {}),
    ...(broker ? { broker } : {}),
    ...(will ? { will } : {}),
    ...(publisherEnd ? { publisherEnd } : {}),
  };
}

const message = (topic: string, payload: string, more: Partial<MessageSpec> = {}): MessageSpec => ({
  topic,
  payload,
  retain: false,
  ...more,
});

const BATCH = "plant/line1/batch";
const TEMPERATURE = "plant/line1/tt-101/temperature";

export const REAL_WORLD_PRESETS: readonly Preset[] = [
  {
    id: "broker-crash-loses-qos2",
    label: "Broker crash loses QoS 2",
    story:
      "The broker, without persistence, crashes while the PLC's PUBREL is on its way: look for the session " +
      "discarded after the reconnect and the batch report that never reaches the MES.",
    scenario: scenarioOf(2, { qos: 2 }, [message(BATCH, "Batch #101 completed")], {
      broker: { persistence: "off", restarts: [{ atMs: 100, kind: "crash", downMs: 500 }] },
    }),
  },
  {
    id: "offline-queue-overflows",
    label: "Offline subscriber's queue overflows",
    story:
      "The MES is offline for five readings and the broker queues at most three for it: look for the " +
      "messages marked queue full, lost, while the queued ones arrive when it is back.",
    scenario: scenarioOf(
      1,
      { qos: 1, offline: [{ atMs: 500, forMs: 5000, end: "disconnect" }] },
      ["45.2", "45.3", "45.4", "45.5", "45.6", "45.7"].map((t) => message(TEMPERATURE, `${t} °C`)),
      { broker: { maxQueued: 3 } },
    ),
  },
  {
    id: "cloud-refuses-qos2",
    label: "AWS IoT Core refuses QoS 2",
    story:
      "The PLC publishes the batch report at QoS 2 to AWS IoT Core, which supports only QoS 0 and 1: look for " +
      "the PUBLISH that is never acknowledged and the finding that says why.",
    scenario: scenarioOf(2, undefined, [message(BATCH, "Batch #101 completed")], {
      profiles: { broker: "aws-iot-core", publisher: "spec", subscriber: "spec" },
    }),
  },
  {
    id: "late-subscriber-retained",
    label: "Late subscriber gets the retained value",
    story:
      "The set-point is published retained before the HMI subscribes at 2 s: look for the broker sending it " +
      "right after the SUBACK, with RETAIN set.",
    scenario: scenarioOf(
      1,
      { qos: 1, joinAtMs: 2000 },
      [message("plant/line1/fic-101/setpoint", "12.5 m³/h", { retain: true })],
      {},
    ),
  },
  {
    id: "will-dead-sensor",
    label: "The will announces a dead sensor",
    story:
      "The temperature transmitter dies after two readings without saying goodbye: look for the broker " +
      "publishing its will, “offline”, to the subscriber in its place.",
    scenario: scenarioOf(
      1,
      { qos: 1 },
      ["45.2", "45.3"].map((t) => message(TEMPERATURE, `${t} °C`)),
      {
        will: { topic: "plant/line1/tt-101/status", payload: "offline", qos: 1, retain: true },
        publisherEnd: { atMs: 1500, kind: "crash" },
      },
    ),
  },
  {
    id: "mosquitto-qos1-overtakes-qos2",
    label: "Mosquitto: QoS 1 overtakes QoS 2",
    story:
      "Six messages at QoS 1, 2, 1, 2, 1, 2 published back to back through Mosquitto 2.0, which hands QoS 2 on " +
      "at PUBREL: look for the subscriber getting m1 m3 m5 before m2 m4 m6.",
    scenario: scenarioOf(
      1,
      { qos: 2 },
      ([1, 2, 1, 2, 1, 2] as const).map((qos, i) => message(BATCH, `m${i + 1}`, { qos, atMs: 0 })),
      { profiles: { broker: "mosquitto-2.0", publisher: "spec", subscriber: "spec" } },
    ),
  },
];
