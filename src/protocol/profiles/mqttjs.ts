import { defineProfile, type ProfileNote } from "./profile.ts";

const CLIENT = "https://github.com/mqttjs/MQTT.js/blob/main/src/lib/client.ts";

/** MQTT.js 5, the JavaScript client library. */
export const mqttjs = defineProfile({
  id: "mqttjs-5",
  name: "MQTT.js 5",
  label: "MQTT.js 5",
  versions: "5.x",
  roles: ["client"],
  behaviour: { qos2Delivery: "on-pubrel", dupOnResend: false, resendsAfterSessionLost: true },
  sources: {
    // Emits 'message' for an incoming QoS 2 PUBLISH when its PUBREL arrives (Method A).
    qos2Delivery: [CLIENT],
    // Resends its outgoing store as stored, without setting DUP.
    dupOnResend: ["https://github.com/mqttjs/MQTT.js/issues/692"],
    // Resends the outgoing store after every CONNACK, whatever Session Present says.
    resendsAfterSessionLost: ["https://github.com/mqttjs/MQTT.js/issues/1651"],
  },
});

/** Facts no knob holds: documentation, kept out of the record the engine loads (notes.ts lists them). */
export const mqttjsNotes: readonly ProfileNote[] = [
  { text: "Does not enforce the server's Receive Maximum.", sources: [CLIENT] },
];
