/**
 * The profile picker's notes: for each implementation, one line on what it does differently from
 * the specification (from the profiles' sources, src/protocol/profiles/; its name on screen is the
 * record's label, profileName). Pure data; the ids are the scenario's (protocol/profileIds.ts).
 */
import { BROKER_PROFILE_IDS, CLIENT_PROFILE_IDS } from "../../protocol/profileIds.ts";

export type BrokerProfileId = (typeof BROKER_PROFILE_IDS)[number];
export type ClientProfileId = (typeof CLIENT_PROFILE_IDS)[number];

/** What differs from the specification, in one line. */
export const PROFILE_NOTES: Readonly<Record<BrokerProfileId | ClientProfileId, string>> = {
  spec: "Strictly as written: resends only after a reconnect; a PUBREL it no longer holds still gets PUBCOMP 0x00.",
  "mosquitto-2.0":
    "Hands QoS 2 on at PUBREL (so QoS 1 can overtake it); PUBACK 0x10 with no subscriber; QoS 0 not queued.",
  "emqx-5": "Hands QoS 2 on at PUBLISH; resends an unacknowledged message every 30 s on a live connection.",
  "hivemq-ce": "Hands QoS 2 on at PUBLISH, keeping the id until PUBREL.",
  vernemq: "Hands QoS 2 on at PUBLISH; resends on a live connection every 20 s.",
  "aedes-1": "Hands QoS 2 on at PUBLISH and resends without DUP; speaks MQTT 3.1.1 only.",
  "rabbitmq-3": "No QoS 2: answers a QoS 2 PUBLISH with PUBACK, grants at most QoS 1; closes a 5.0 CONNECT.",
  "aws-iot-core": "No QoS 2: sends no PUBACK or SUBACK at all when QoS 2 is asked for.",
  "azure-iot-hub": "No QoS 2: closes the connection on a QoS 2 PUBLISH and grants QoS 1 on subscribe.",
  "mqttjs-5": "Resends its outgoing store after a reconnect without DUP, even when the session was lost.",
  "paho-go-1": "Hands QoS 2 on at PUBLISH and hands a repeated QoS 2 PUBLISH on twice.",
  "paho-python-2": "Hands QoS 2 on at PUBREL, as the specification's Method A.",
};
