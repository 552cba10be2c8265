/**
 * Scenarios that between them exercise everything an export draws: lost packets (by a fault and
 * with their connection), a lost CONNECT, timer resends (MQTT 3.1.1, on-timeout), reconnects with
 * and without Session Present, discarded sessions, messages not forwarded, duplicates, an
 * application that ignores duplicates, several messages. Shared by the unit and browser tests.
 */
import type { ScenarioInput } from "../sim/scenario.ts";

export const EXPORT_EXAMPLES: Readonly<Record<string, ScenarioInput>> = {
  "qos2 pubrec lost, two hops": {
    publishQos: 2,
    subscriber: { qos: 2 },
    faults: [{ packet: "PUBREC" }],
  },
  "qos1 puback lost: duplicate": {
    publishQos: 1,
    subscriber: { qos: 1 },
    faults: [{ hop: "broker-subscriber", packet: "PUBACK" }],
  },
  "on-timeout, MQTT 3.1.1": {
    protocol: "3.1.1",
    retransmit: "on-timeout",
    publishQos: 2,
    subscriber: { qos: 2 },
    faults: [
      { packet: "PUBREC" },
      { hop: "broker-subscriber", packet: "PUBLISH" },
      { hop: "broker-subscriber", packet: "PUBCOMP" },
    ],
  },
  "clean sessions, connect lost": {
    session: "clean",
    publishQos: 1,
    subscriber: { qos: 1 },
    messages: [{}, { payload: "Batch #102; completed <ok>" }],
    faults: [
      { packet: "PUBLISH" },
      { packet: "CONNECT" },
      { hop: "broker-subscriber", packet: "PUBLISH", message: 2 },
    ],
  },
  "clean subscriber offline: not forwarded": {
    session: { publisher: "persistent", subscriber: "clean" },
    publishQos: 1,
    subscriber: { qos: 1 },
    messages: [{}, {}],
    timing: { publishIntervalMs: 100 },
    faults: [{ hop: "broker-subscriber", packet: "PUBLISH" }],
  },
  "dedupe, persistent": {
    publishQos: 1,
    subscriber: { qos: 1 },
    dedupe: true,
    faults: [{ hop: "broker-subscriber", packet: "PUBACK" }],
  },
};
