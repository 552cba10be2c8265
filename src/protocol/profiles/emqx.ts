import { defineProfile, type ProfileNote } from "./profile.ts";

const RETRANSMISSION = "https://docs.emqx.com/en/emqx/latest/design/retransmission.html";
const SESSION = "https://github.com/emqx/emqx/blob/master/apps/emqx/src/emqx_session_mem.erl";

/** EMQX 5, the broker. */
export const emqx = defineProfile({
  id: "emqx-5",
  name: "EMQX 5",
  label: "EMQX 5",
  versions: "5.x",
  roles: ["broker"],
  behaviour: { qos2Delivery: "on-publish", liveResendMs: 30_000 },
  sources: {
    // Keeps only the packet id in awaiting_rel and dispatches the message at once (Method B).
    qos2Delivery: [SESSION, RETRANSMISSION],
    // retry_interval, default 30 s: resends an unacknowledged PUBLISH or PUBREL on a live connection.
    liveResendMs: [
      RETRANSMISSION,
      "https://docs.emqx.com/en/emqx/latest/configuration/configuration-manual.html",
    ],
  },
});

/** Facts no knob holds: documentation, kept out of the record the engine loads (notes.ts lists them). */
export const emqxNotes: readonly ProfileNote[] = [
  {
    text: "An unknown PUBREL is answered with PUBCOMP 0x92 (knob unknownPubrelReason).",
    sources: [SESSION],
  },
  {
    text: "max_inflight 32 per client; further messages wait in the message queue (max_mqueue_len 1000, oldest dropped first).",
    sources: ["https://docs.emqx.com/en/emqx/latest/design/inflight-window-and-message-queue.html"],
  },
];
