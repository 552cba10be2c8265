import { defineProfile } from "./profile.ts";
import { MQTT311, MQTT5 } from "./sources.ts";

/** The specification, strictly: any role, and no knob turned. */
export const spec = defineProfile({
  id: "spec",
  name: "the specification",
  label: "Specification",
  versions: "MQTT 3.1.1 and 5.0",
  roles: ["broker", "client"],
  behaviour: {},
  sources: {},
  notes: [
    {
      text: "An unknown PUBREL is answered with PUBCOMP 0x92 Packet Identifier not found [MQTT-4.3.3-11] (knob unknownPubrelReason, owned by the flow work).",
      sources: [MQTT5],
    },
    { text: "Every rule the simulator enforces cites these standards.", sources: [MQTT311, MQTT5] },
  ],
});
