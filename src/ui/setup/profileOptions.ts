/**
 * The profile picker's options: each implementation named with its version and one line on what
 * it does differently from the specification (from the profiles' sources, src/protocol/profiles/).
 * Pure data; the ids are the scenario's (protocol/profileIds.ts).
 */
import { BROKER_PROFILE_IDS, CLIENT_PROFILE_IDS } from "../../protocol/profileIds.ts";

export type BrokerProfileId = (typeof BROKER_PROFILE_IDS)[number];
export type ClientProfileId = (typeof CLIENT_PROFILE_IDS)[number];

interface ProfileLabel {
  /** Name and version: "Mosquitto 2.0". */
  label: string;
  /** What differs from the specification, in one line. */
  note: string;
}

export const PROFILE_LABELS: Readonly<Record<BrokerProfileId | ClientProfileId, ProfileLabel>> = {
  spec: {
    label: "Specification",
    note: "Strictly as written: PUBCOMP 0x92 for an unknown PUBREL, resends only after a reconnect.",
  },
  "mosquitto-2.0": {
    label: "Mosquitto 2.0",
    note: "Hands QoS 2 on at PUBREL (so QoS 1 can overtake it); PUBACK 0x10 with no subscriber; QoS 0 not queued.",
  },
  "emqx-5": {
    label: "EMQX 5",
    note: "Hands QoS 2 on at PUBLISH; resends an unacknowledged message every 30 s on a live connection.",
  },
  "hivemq-ce": {
    label: "HiveMQ CE 2020.1+",
    note: "Hands QoS 2 on at PUBLISH, keeping the id until PUBREL.",
  },
  vernemq: {
    label: "VerneMQ 1.x",
    note: "Hands QoS 2 on at PUBLISH; resends on a live connection every 20 s.",
  },
  "aedes-1": {
    label: "Aedes 1.x",
    note: "Hands QoS 2 on at PUBLISH and resends without DUP; speaks MQTT 3.1.1 only.",
  },
  "rabbitmq-3": {
    label: "RabbitMQ 3.x (MQTT plugin)",
    note: "No QoS 2: answers a QoS 2 PUBLISH with PUBACK, grants at most QoS 1; closes a 5.0 CONNECT.",
  },
  "aws-iot-core": {
    label: "AWS IoT Core",
    note: "No QoS 2: sends no PUBACK or SUBACK at all when QoS 2 is asked for.",
  },
  "azure-iot-hub": {
    label: "Azure IoT Hub",
    note: "No QoS 2: closes the connection on a QoS 2 PUBLISH and grants QoS 1 on subscribe.",
  },
  "mqttjs-5": {
    label: "MQTT.js 5",
    note: "Resends its outgoing store after a reconnect without DUP, even when the session was lost.",
  },
  "paho-go-1": {
    label: "Paho Go 1.x",
    note: "Hands QoS 2 on at PUBLISH and hands a repeated QoS 2 PUBLISH on twice.",
  },
  "paho-python-2": {
    label: "Paho Python 2.x",
    note: "Hands QoS 2 on at PUBREL, as the specification's Method A.",
  },
};
