import { defineProfile, type ProfileNote } from "./profile.ts";

const CONF = "https://mosquitto.org/man/mosquitto-conf-5.html";
const PUBREL = "https://github.com/eclipse-mosquitto/mosquitto/blob/master/lib/handle_pubrel.c";
const PUBLISH = "https://github.com/eclipse-mosquitto/mosquitto/blob/master/src/handle_publish.c";
const MAIN = "https://github.com/eclipse-mosquitto/mosquitto/blob/v2.0.11/src/mosquitto.c";
const PERSIST = "https://github.com/eclipse-mosquitto/mosquitto/blob/v2.0.11/src/persist_write.c";
/** What Mosquitto 2.0.11 did on loopback in this project's own lab runs. */
const FINDINGS = "https://github.com/mqtt-qos-lab/mqtt-qos-lab/blob/main/lab/findings/findings.md";

/** Eclipse Mosquitto 2.0, the broker. */
export const mosquitto = defineProfile({
  id: "mosquitto-2.0",
  name: "Mosquitto 2.0",
  label: "Mosquitto 2.0",
  versions: "2.0.x",
  roles: ["broker"],
  behaviour: {
    qos2Delivery: "on-pubrel",
    receiveMaximum: 20,
    receiveMaximumExcess: 1,
    overrunReason: 0x97,
    noMatchingSubscribers: { puback: 0x10, pubrec: 0x00 },
    maxQueued: 1000,
    shutdownDisconnect: false,
    restartWills: "sent-at-shutdown",
  },
  sources: {
    // Stores the incoming QoS 2 message and releases it to subscribers on PUBREL (Method A).
    qos2Delivery: [PUBLISH, PUBREL],
    // max_inflight_messages 20, advertised as Receive Maximum; lab/findings: 3 unacknowledged
    // toward a subscriber with Receive Maximum 2, PUBREC 0x97 past the quota.
    receiveMaximum: [CONF, FINDINGS],
    receiveMaximumExcess: [FINDINGS],
    overrunReason: [PUBLISH, FINDINGS],
    noMatchingSubscribers: [PUBLISH, FINDINGS],
    maxQueued: [CONF],
    // Closes every socket on shutdown without a DISCONNECT (src/mosquitto.c; lab/findings).
    shutdownDisconnect: [MAIN, FINDINGS],
    // At exit: context__send_will for every client, then will_delay__send_all, then persist__backup
    // (src/mosquitto.c, lines 566-575); the saved client record (struct P_client in src/persist.h,
    // written by persist_write.c) has no will, so a crash restores none.
    restartWills: [MAIN, PERSIST],
  },
});

/** Facts no knob holds: documentation, kept out of the record the engine loads (notes.ts lists them). */
export const mosquittoNotes: readonly ProfileNote[] = [
  {
    text: "No resend on a live connection since 1.5 (retry_interval removed): resends only after a reconnect, with DUP=1.",
    sources: ["https://github.com/eclipse-mosquitto/mosquitto/blob/master/ChangeLog.txt"],
  },
  {
    text: "An unknown PUBREL is answered with PUBCOMP 0x00, not 0x92 (knob unknownPubrelReason).",
    sources: [PUBREL],
  },
  {
    text: "MQTT 5.0: a QoS 1 PUBLISH nobody subscribes to gets PUBACK 0x10; a QoS 2 one gets PUBREC 0x00 (knob noMatchingSubscribers).",
    sources: [PUBLISH],
  },
  {
    text: "A QoS 2 PUBLISH repeated with an id still held: the first repeat gets PUBREC, a later one DISCONNECT 0x82.",
    sources: ["https://github.com/eclipse-mosquitto/mosquitto/issues/3602"],
  },
  {
    text: "max_inflight_messages 20, max_queued_messages 1000, queue_qos0_messages false, autosave_interval 1800 s, persistence false by default.",
    sources: [CONF],
  },
];
