import { defineProfile, type ProfileNote } from "./profile.ts";

const FLOW =
  "https://github.com/hivemq/hivemq-community-edition/blob/master/src/main/java/com/hivemq/mqtt/handler/publish/PublishFlowHandler.java";

/** HiveMQ Community Edition, the broker. */
export const hivemq = defineProfile({
  id: "hivemq-ce",
  name: "HiveMQ CE",
  label: "HiveMQ CE 2020.1+",
  versions: "2020.1 and later",
  roles: ["broker"],
  behaviour: { qos2Delivery: "on-publish" },
  sources: {
    // firstPublishForMessageIdReceived hands the PUBLISH on at once and keeps its id (Method B).
    qos2Delivery: [FLOW],
  },
});

/** Facts no knob holds: documentation, kept out of the record the engine loads (notes.ts lists them). */
export const hivemqNotes: readonly ProfileNote[] = [
  {
    text: "A repeated QoS 1/2 PUBLISH with an id in use and DUP=0 starts a new flow and is handed on again (resentWithoutDUPFlag); with DUP=1 it is ignored.",
    sources: [FLOW],
  },
];
