import { defineProfile } from "./profile.ts";

const FSM = "https://github.com/vernemq/vernemq/blob/main/apps/vmq_server/src/vmq_mqtt_fsm.erl";
const SCHEMA = "https://github.com/vernemq/vernemq/blob/main/apps/vmq_server/priv/vmq_server.schema";

/** VerneMQ, the broker. */
export const vernemq = defineProfile({
  id: "vernemq",
  name: "VerneMQ",
  label: "VerneMQ 1.x",
  versions: "1.x",
  roles: ["broker"],
  behaviour: { qos2Delivery: "on-publish", liveResendMs: 20_000 },
  sources: {
    // A QoS 2 PUBLISH is routed on arrival; only its id waits for PUBREL (Method B).
    qos2Delivery: [FSM],
    // retry_interval, default 20 s: unacknowledged QoS 1/2 messages are resent on a live connection.
    liveResendMs: [SCHEMA, "https://docs.vernemq.com/configuring-vernemq/the-vernemq-conf-file"],
  },
});
