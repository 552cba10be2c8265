import { defineProfile, type ProfileNote } from "./profile.ts";

const PLUGIN = "https://www.rabbitmq.com/docs/3.13/mqtt";
const PROCESSOR =
  "https://github.com/rabbitmq/rabbitmq-server/blob/v3.12.x/deps/rabbitmq_mqtt/src/rabbit_mqtt_processor.erl";
const PROCESSOR_310 =
  "https://github.com/rabbitmq/rabbitmq-server/blob/v3.10.x/deps/rabbitmq_mqtt/src/rabbit_mqtt_processor.erl";
/** Checked against RabbitMQ 3.10.8 (Debian package) as a child process by this test. */
const LAB = "https://github.com/mqtt-qos-lab/mqtt-qos-lab/blob/main/lab/rabbitmq.test.ts";

/** RabbitMQ 3.x (before 3.13) with its MQTT plugin. */
export const rabbitmq = defineProfile({
  id: "rabbitmq-3",
  name: "RabbitMQ 3",
  label: "RabbitMQ 3.x (MQTT plugin)",
  versions: "3.8 to 3.12 (MQTT plugin)",
  roles: ["broker"],
  behaviour: {
    maximumQos: 1,
    aboveMaximumQos: "downgrade",
    protocols: ["3.1.1"],
    unsupportedProtocol: "close",
    sessionPresentNeedsSubscriptions: true,
  },
  sources: {
    // QoS 0 and 1 only; a QoS 2 subscription is granted QoS 1.
    maximumQos: [PLUGIN, "https://www.rabbitmq.com/blog/2012/09/12/mqtt-adapter"],
    // A QoS 2 PUBLISH is handled as QoS 1 and answered with PUBACK.
    aboveMaximumQos: [PROCESSOR],
    // MQTT 5.0 arrived in 3.13; before it, a 5.0 CONNECT is closed without CONNACK.
    protocols: [PLUGIN],
    unsupportedProtocol: [PROCESSOR],
    // Checked against RabbitMQ 3.10.8, Debian package, lab/rabbitmq.test.ts: a persistent session
    // is "present" only while its QoS 1 subscription queue exists, so a publisher reconnecting with
    // clean session 0 gets Session Present 0.
    sessionPresentNeedsSubscriptions: [PROCESSOR_310, LAB],
  },
});

/** Facts no knob holds: documentation, kept out of the record the engine loads (notes.ts lists them). */
export const rabbitmqNotes: readonly ProfileNote[] = [
  { text: "Wills are capped at QoS 1 too.", sources: [PLUGIN] },
  {
    // Checked against RabbitMQ 3.10.8, Debian package, lab/rabbitmq.test.ts.
    text: "Session Present is 1 only for a session with a QoS 1 subscription: one with only QoS 0 subscriptions gets 0 (the model answers 1).",
    sources: [PROCESSOR_310, LAB],
  },
  {
    // Seen with 3.10.8 in lab/rabbitmq.test.ts: DUP=1, ids counted from 1 again on the new connection.
    text: "After a reconnect it resends unacknowledged messages with new packet ids (the model keeps the ids).",
    sources: [PROCESSOR, LAB],
  },
  {
    text: "3.13 and later speak MQTT 5.0 and refuse a 5.0 QoS 2 PUBLISH with reason 0x9B.",
    sources: [PLUGIN],
  },
];
