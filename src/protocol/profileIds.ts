/**
 * The ids of the implementation profiles a scenario may name (`profiles`), by the role each can
 * play. The records themselves live in src/protocol/profiles/. Pure data.
 */

/** Brokers and cloud services. */
export const BROKER_PROFILE_IDS = [
  "spec",
  "mosquitto-2.0",
  "emqx-5",
  "hivemq-ce",
  "vernemq",
  "aedes-1",
  "rabbitmq-3",
  "aws-iot-core",
  "azure-iot-hub",
] as const;

/** Client libraries (the publisher's and the subscriber's). */
export const CLIENT_PROFILE_IDS = ["spec", "mqttjs-5", "paho-go-1", "paho-python-2"] as const;
