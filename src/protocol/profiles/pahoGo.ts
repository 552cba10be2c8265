import { defineProfile, type ProfileNote } from "./profile.ts";

const NET = "https://github.com/eclipse-paho/paho.mqtt.golang/blob/master/net.go";

/** Eclipse Paho Go client (paho.mqtt.golang) 1.x. */
export const pahoGo = defineProfile({
  id: "paho-go-1",
  name: "Paho Go 1",
  label: "Paho Go 1.x",
  versions: "paho.mqtt.golang 1.x",
  roles: ["client"],
  behaviour: { qos2Delivery: "on-publish", deliversRepeatedQos2: true },
  sources: {
    // Every incoming PUBLISH goes to the application-facing router on arrival (Method B).
    qos2Delivery: [NET, "https://github.com/eclipse-paho/paho.mqtt.golang/issues/768"],
    // ... including a repeated QoS 2 PUBLISH whose id it still holds.
    deliversRepeatedQos2: ["https://github.com/eclipse-paho/paho.mqtt.golang/issues/791"],
  },
});

/** Facts no knob holds: documentation, kept out of the record the engine loads (notes.ts lists them). */
export const pahoGoNotes: readonly ProfileNote[] = [
  {
    text: "After a reconnect it can replay a QoS 2 PUBLISH whose PUBREL was already sent.",
    sources: ["https://github.com/eclipse-paho/paho.mqtt.golang/issues/788"],
  },
  {
    text: "Speaks MQTT 3.1 and 3.1.1 only (MQTT 5.0 is the separate paho.golang).",
    sources: ["https://github.com/eclipse-paho/paho.mqtt.golang"],
  },
];
