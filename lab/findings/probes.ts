/**
 * The scenarios behind the findings (lab/findings/findings.md): one or a few per issue-14
 * dimension, each run against real Mosquitto 2.0.11 (MQTT 5.0, and 3.1.1 where it differs) and the
 * embedded Aedes (3.1.1) by `npm run lab:findings`, which stores their real traces in
 * lab/findings/traces.json. lab/profiles.test.ts runs some of them against the model.
 */
import type { Protocol } from "../../src/sim/types.ts";

export interface Probe {
  id: string;
  /** What it shows, one line. */
  about: string;
  /** Scenario JSON without `protocol` (each run sets it). */
  scenario: Record<string, unknown>;
  /** Where it runs: Aedes only speaks 3.1.1; restarts need a process. */
  runs: { broker: "mosquitto" | "aedes"; protocol: Protocol }[];
}

const BOTH: Probe["runs"] = [
  { broker: "mosquitto", protocol: "5.0" },
  { broker: "aedes", protocol: "3.1.1" },
];
const MOSQUITTO_5: Probe["runs"] = [{ broker: "mosquitto", protocol: "5.0" }];
const MOSQUITTO_BOTH: Probe["runs"] = [
  { broker: "mosquitto", protocol: "5.0" },
  { broker: "mosquitto", protocol: "3.1.1" },
];

const at = (payloads: string[], atMs: number, extra: Record<string, unknown> = {}) =>
  payloads.map((payload) => ({ payload, atMs, ...extra }));

const offlineSubscriber = (qos: number, extra: Record<string, unknown> = {}) => ({
  qos,
  offline: [{ atMs: 100, forMs: 1200, end: "disconnect" }],
  ...extra,
});

export const PROBES: readonly Probe[] = [
  {
    id: "in-flight-qos-mix",
    about: "QoS 1, 2, 1, 2, 1, 2 published back-to-back, subscriber at QoS 2: the order it gets them",
    scenario: {
      publishQos: 1,
      subscriber: { qos: 2 },
      messages: ["m1", "m2", "m3", "m4", "m5", "m6"].map((payload, i) => ({
        payload,
        qos: i % 2 === 0 ? 1 : 2,
        atMs: 0,
      })),
    },
    runs: BOTH,
  },
  {
    id: "receive-maximum-2",
    about: "a subscriber with Receive Maximum 2 that acks after 300 ms; six QoS 1 messages at once",
    scenario: {
      publishQos: 1,
      subscriber: { qos: 1 },
      receiveMaximum: { subscriber: 2 },
      timing: { latencyMs: 300 },
      messages: at(["m1", "m2", "m3", "m4", "m5", "m6"], 0),
    },
    runs: MOSQUITTO_5,
  },
  {
    id: "no-subscriber",
    about: "QoS 1 and QoS 2 published with nobody subscribed: the acks' reason codes",
    scenario: {
      publishQos: 1,
      messages: [
        { payload: "m1", qos: 1, atMs: 0 },
        { payload: "m2", qos: 2, atMs: 100 },
      ],
    },
    runs: BOTH,
  },
  {
    id: "offline-queue",
    about: "persistent subscriber (QoS 2) away while QoS 1, 0, 2 are published: what it gets on return",
    scenario: {
      publishQos: 1,
      subscriber: offlineSubscriber(2),
      messages: [
        { payload: "m1", qos: 1, atMs: 300 },
        { payload: "m2", qos: 0, atMs: 350 },
        { payload: "m3", qos: 2, atMs: 400 },
      ],
    },
    runs: BOTH,
  },
  {
    id: "offline-queue-downgrade",
    about: "a QoS 1 subscription away while QoS 2 and QoS 1 are published: the QoS of what it gets on return",
    scenario: {
      publishQos: 1,
      subscriber: offlineSubscriber(1),
      messages: [
        { payload: "m1", qos: 2, atMs: 300 },
        // After m1's QoS 2 flow at the model's 40 ms latency (on loopback it takes under 1 ms).
        { payload: "m2", qos: 1, atMs: 500 },
      ],
    },
    runs: BOTH,
  },
  {
    id: "offline-queue-qos0",
    about: "the same with queue_qos0_messages true",
    scenario: {
      publishQos: 0,
      broker: { queueQos0: true },
      subscriber: offlineSubscriber(1),
      messages: at(["m1", "m2"], 300, { qos: 0 }),
    },
    runs: MOSQUITTO_5,
  },
  {
    id: "offline-queue-full",
    about: "max_queued_messages 2, five QoS 1 messages while the subscriber is away",
    scenario: {
      publishQos: 1,
      broker: { maxQueued: 2 },
      subscriber: offlineSubscriber(1),
      messages: at(["m1", "m2", "m3", "m4", "m5"], 300),
    },
    runs: MOSQUITTO_5,
  },
  {
    id: "offline-queue-full-inflight-1",
    about: "max_queued_messages 2 with max_inflight_messages 1 (receiveMaximum.broker 1)",
    scenario: {
      publishQos: 1,
      broker: { maxQueued: 2 },
      receiveMaximum: { broker: 1 },
      subscriber: offlineSubscriber(1),
      messages: at(["m1", "m2", "m3", "m4", "m5"], 300),
    },
    runs: MOSQUITTO_5,
  },
  {
    id: "offline-clean",
    about: "a clean subscriber away while a QoS 1 message is published",
    scenario: {
      publishQos: 1,
      session: { publisher: "persistent", subscriber: "clean" },
      subscriber: offlineSubscriber(1),
      messages: at(["m1"], 300),
    },
    runs: BOTH,
  },
  {
    id: "retained-late-subscriber",
    about: "a retained QoS 2 message, then a subscriber joins at QoS 1, then a second retained message",
    scenario: {
      publishQos: 2,
      subscriber: { qos: 1, joinAtMs: 400 },
      messages: [
        { payload: "m1", retain: true, atMs: 0 },
        { payload: "m2", retain: true, atMs: 700 },
      ],
    },
    runs: BOTH,
  },
  {
    id: "retained-as-published",
    about: "5.0 Retain As Published: an existing subscriber gets a retained message with RETAIN=1",
    scenario: {
      publishQos: 1,
      subscriber: { qos: 1, joinAtMs: 200, retainAsPublished: true },
      messages: [{ payload: "m1", retain: true, atMs: 500 }],
    },
    runs: MOSQUITTO_5,
  },
  {
    id: "retain-handling-2",
    about: "5.0 Retain Handling 2: a late subscriber gets no retained message",
    scenario: {
      publishQos: 1,
      subscriber: { qos: 1, joinAtMs: 400, retainHandling: 2 },
      messages: [{ payload: "m1", retain: true, atMs: 0 }],
    },
    runs: MOSQUITTO_5,
  },
  ...(["crash", "disconnect", "disconnect-with-will"] as const).map((kind): Probe => ({
    id: `will-${kind}`,
    about: `the publisher's will (QoS 2, retained) when it ends by ${kind}`,
    scenario: {
      publishQos: 1,
      subscriber: { qos: 2 },
      will: { topic: "plant/line1/status", payload: "offline", qos: 2, retain: true },
      publisherEnd: { atMs: 300, kind },
      messages: at(["m1"], 0),
    },
    runs: kind === "disconnect-with-will" ? MOSQUITTO_5 : BOTH,
  })),
  {
    id: "will-delay",
    about: "5.0 Will Delay Interval 1 s on a crash",
    scenario: {
      publishQos: 1,
      subscriber: { qos: 1 },
      will: { topic: "plant/line1/status", payload: "offline", qos: 1, delayS: 1 },
      publisherEnd: { atMs: 300, kind: "crash" },
      messages: at(["m1"], 0),
    },
    runs: MOSQUITTO_5,
  },
  ...(
    [
      ["off", "crash"],
      ["off", "graceful"],
      ["on", "crash"],
      ["on", "graceful"],
      [{ autosaveMs: 1_800_000 }, "crash"],
      [{ autosaveMs: 1_800_000 }, "graceful"],
    ] as const
  ).map(([persistence, kind]): Probe => ({
    id: `restart-${typeof persistence === "string" ? persistence : "autosave-1800s"}-${kind}`,
    about: `a queued QoS 2 message for an offline subscriber, broker ${kind} with persistence ${JSON.stringify(persistence)}`,
    scenario: {
      publishQos: 2,
      subscriber: { qos: 2, offline: [{ atMs: 100, forMs: 1500, end: "disconnect" }] },
      broker: { persistence, restarts: [{ atMs: 800, kind, downMs: 200 }] },
      messages: at(["m1"], 300),
    },
    runs: MOSQUITTO_BOTH,
  })),
  ...(["crash", "graceful"] as const).map((kind): Probe => ({
    id: `will-restart-on-${kind}`,
    about: `the publisher's will (QoS 1, Will Delay 60 s) across a broker ${kind} with persistence on`,
    scenario: {
      publishQos: 1,
      subscriber: { qos: 1 },
      will: { topic: "plant/line1/status", payload: "offline", qos: 1, delayS: 60 },
      broker: { persistence: "on", restarts: [{ atMs: 800, kind, downMs: 200 }] },
      messages: at(["m1"], 0),
    },
    runs: MOSQUITTO_5,
  })),
  {
    id: "restart-on-crash-right-after-pubcomp",
    about: "broker killed 30 ms after the publisher's QoS 2 flow, persistence on (autosave on changes)",
    scenario: {
      publishQos: 2,
      subscriber: { qos: 2, offline: [{ atMs: 100, forMs: 1500, end: "disconnect" }] },
      broker: { persistence: "on", restarts: [{ atMs: 330, kind: "crash", downMs: 200 }] },
      messages: at(["m1"], 300),
    },
    runs: MOSQUITTO_5,
  },
  {
    id: "session-expiry",
    about: "5.0 subscriber Session Expiry 1 s, away 2.5 s while a QoS 1 message is published",
    scenario: {
      publishQos: 1,
      sessionExpiryS: { subscriber: 1 },
      subscriber: { qos: 1, offline: [{ atMs: 100, forMs: 2500, end: "disconnect" }] },
      messages: at(["m1"], 300),
    },
    runs: MOSQUITTO_5,
  },
  {
    id: "message-expiry",
    about: "5.0 Message Expiry 1 s on a message queued for a subscriber away 2.5 s; another with 60 s",
    scenario: {
      publishQos: 1,
      subscriber: { qos: 1, offline: [{ atMs: 100, forMs: 2500, end: "disconnect" }] },
      messages: [
        { payload: "m1", atMs: 300, expiryS: 1 },
        { payload: "m2", atMs: 350, expiryS: 60 },
      ],
    },
    runs: MOSQUITTO_5,
  },
];
