/**
 * TEST-ONLY: representative scenarios of retained messages, late subscribers and wills, for the
 * readers' tests (diagram, narration, verdict, exports). Never imported by the app.
 */
import { parseScenarioOrThrow } from "./scenario.ts";
import type { Scenario } from "./types.ts";

export const RETAIN_SCENARIOS: Readonly<Record<string, Scenario>> = {
  lateSubscriber: parseScenarioOrThrow({
    publishQos: 2,
    subscriber: { qos: 1, joinAtMs: 500 },
    messages: [
      { retain: true, payload: "P-101 running" },
      { retain: true, payload: "P-101 stopped" },
    ],
  }),
  emptyPayloadClears: parseScenarioOrThrow({
    publishQos: 1,
    subscriber: { qos: 1, joinAtMs: 1500 },
    messages: [
      { retain: true, payload: "P-101 running" },
      { retain: true, payload: "" },
    ],
  }),
  willOnCrash: parseScenarioOrThrow({
    publishQos: 1,
    subscriber: { qos: 1 },
    will: { qos: 1, retain: true },
    publisherEnd: { atMs: 500, kind: "crash" },
  }),
  noWillOnDisconnect: parseScenarioOrThrow({
    publishQos: 1,
    subscriber: { qos: 1 },
    will: { qos: 1 },
    publisherEnd: { atMs: 500, kind: "disconnect" },
  }),
  willDelayReconnect: parseScenarioOrThrow({
    publishQos: 1,
    subscriber: { qos: 1 },
    will: { qos: 1, delayS: 5 },
    faults: [{ packet: "PUBACK" }],
  }),
  deadSensor: parseScenarioOrThrow({
    publishQos: 1,
    subscriber: { qos: 1, joinAtMs: 1000 },
    will: { payload: "offline", qos: 1, retain: true },
    publisherEnd: { atMs: 500, kind: "disconnect-with-will" },
  }),
};

/**
 * Two retained values on one topic, a broker crash at 300 ms with the given persistence, and a
 * subscriber that joins only at 1000 ms: which value it gets shows what the restart kept.
 */
export const retainedThenCrash = (persistence: unknown): unknown => ({
  publishQos: 1,
  subscriber: { qos: 1, joinAtMs: 1000 },
  messages: [
    { topic: "a", payload: "21.5", retain: true },
    { topic: "a", payload: "22.0", retain: true, atMs: 200 },
  ],
  broker: { persistence, restarts: [{ atMs: 300, kind: "crash", downMs: 200 }] },
});
