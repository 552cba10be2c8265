import { defineProfile, type ProfileNote } from "./profile.ts";
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
});

/** Facts no knob holds: documentation, kept out of the record the engine loads (notes.ts lists them). */
export const specNotes: readonly ProfileNote[] = [
  {
    text: "A PUBREL for a packet id the receiver no longer holds (its PUBCOMP was lost) is still answered with PUBCOMP [MQTT-4.3.3-11]. MQTT 5.0 offers 0x92 Packet Identifier not found for it and calls it no error during recovery (§3.7.2.1); this profile answers 0x00, as every trace before profiles did, and EMQX's profile shows 0x92.",
    sources: [MQTT5],
  },
  { text: "Every rule the simulator enforces cites these standards.", sources: [MQTT311, MQTT5] },
];
