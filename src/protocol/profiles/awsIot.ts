import { defineProfile } from "./profile.ts";

const MQTT = "https://docs.aws.amazon.com/iot/latest/developerguide/mqtt.html";

/** AWS IoT Core's message broker. */
export const awsIot = defineProfile({
  id: "aws-iot-core",
  name: "AWS IoT Core",
  label: "AWS IoT Core",
  versions: "the service as documented",
  roles: ["broker"],
  behaviour: { maximumQos: 1, aboveMaximumQos: "ignore" },
  sources: {
    // "AWS IoT Core doesn't support publishing and subscribing with QoS 2."
    maximumQos: [MQTT],
    // "The AWS IoT Core message broker doesn't send a PUBACK or SUBACK when QoS 2 is requested."
    aboveMaximumQos: [MQTT],
  },
});
