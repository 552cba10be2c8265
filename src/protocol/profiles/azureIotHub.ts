import { defineProfile, type ProfileNote } from "./profile.ts";

const MQTT = "https://learn.microsoft.com/en-us/azure/iot/iot-mqtt-connect-to-iot-hub";

/** Azure IoT Hub's MQTT endpoint. */
export const azureIotHub = defineProfile({
  id: "azure-iot-hub",
  name: "Azure IoT Hub",
  label: "Azure IoT Hub",
  versions: "the service as documented",
  roles: ["broker"],
  behaviour: { maximumQos: 1, aboveMaximumQos: "disconnect" },
  sources: {
    // A QoS 2 subscription is granted QoS 1 in SUBACK.
    maximumQos: [MQTT],
    // "If a device app publishes a message with QoS 2, IoT Hub closes the network connection."
    aboveMaximumQos: [MQTT],
  },
});

/** Facts no knob holds: documentation, kept out of the record the engine loads (notes.ts lists them). */
export const azureIotHubNotes: readonly ProfileNote[] = [
  {
    text: "MQTT 3.1.1 on port 8883 (and over WebSocket); its MQTT 5 preview is deprecated.",
    sources: [MQTT, "https://learn.microsoft.com/en-us/azure/iot/iot-mqtt-5-preview"],
  },
];
