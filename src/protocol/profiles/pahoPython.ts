import { defineProfile } from "./profile.ts";

const CLIENT = "https://github.com/eclipse-paho/paho.mqtt.python/blob/master/src/paho/mqtt/client.py";

/** Eclipse Paho Python client 2.x. */
export const pahoPython = defineProfile({
  id: "paho-python-2",
  name: "Paho Python 2",
  label: "Paho Python 2.x",
  versions: "2.x",
  roles: ["client"],
  behaviour: { qos2Delivery: "on-pubrel" },
  sources: {
    // Keeps an incoming QoS 2 message in _in_messages and calls on_message when PUBREL arrives.
    qos2Delivery: [CLIENT],
  },
});
