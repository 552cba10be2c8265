import { describe, expect, it } from "vitest";
import { parseScenarioOrThrow } from "../src/sim/scenario.ts";
import { brokerLines } from "./brokers/mosquitto.ts";
import { mosquittoOptionsOf } from "./run.ts";
import {
  horizonMs,
  isTimed,
  knownMessages,
  publishTimes,
  qosOf,
  subscriptionTopics,
} from "./scenarioTime.ts";

describe("scenarioTime", () => {
  it("publish times: atMs where given, else the previous one's + publishIntervalMs, first 0", () => {
    const scenario = parseScenarioOrThrow({
      publishQos: 1,
      timing: { publishIntervalMs: 100 },
      messages: [{}, { atMs: 500 }, {}, { atMs: 650 }],
    });
    expect(publishTimes(scenario)).toEqual([0, 500, 600, 650]);
  });

  it("a message's QoS is its own, else publishQos", () => {
    const scenario = parseScenarioOrThrow({ publishQos: 1, messages: [{}, { qos: 2 }, { qos: 0 }] });
    expect([1, 2, 3].map((m) => qosOf(scenario, m))).toEqual([1, 2, 0]);
  });

  it("the will is message N + 1 and its topic is subscribed to, once", () => {
    const scenario = parseScenarioOrThrow({
      publishQos: 1,
      subscriber: { qos: 1 },
      messages: [{ topic: "a" }, { topic: "a" }],
      will: { topic: "w", payload: "gone" },
    });
    expect(knownMessages(scenario).at(-1)).toEqual({ topic: "w", payload: "gone", retain: false });
    expect(subscriptionTopics(scenario)).toEqual(["a", "w"]);
    const noWill = parseScenarioOrThrow({ publishQos: 1, messages: [{ topic: "a" }] });
    expect(knownMessages(noWill)).toHaveLength(1);
  });

  it("timed only with an issue-14 field; the horizon is the last planned event", () => {
    expect(isTimed(parseScenarioOrThrow({ publishQos: 1, subscriber: { qos: 1 } }))).toBe(false);
    const scenario = parseScenarioOrThrow({
      publishQos: 1,
      subscriber: { qos: 1, offline: [{ atMs: 100, forMs: 900 }], joinAtMs: 50 },
      messages: [{ atMs: 200 }],
      will: { delayS: 2 },
      publisherEnd: { atMs: 300, kind: "crash" },
      broker: { restarts: [{ atMs: 400, kind: "crash", downMs: 200 }] },
    });
    expect(isTimed(scenario)).toBe(true);
    expect(horizonMs(scenario)).toBe(2300);
    expect(isTimed(parseScenarioOrThrow({ publishQos: 1, profiles: { broker: "spec" } }))).toBe(true);
  });
});

describe("Mosquitto's config from the scenario", () => {
  it("persistence off, on (every change) or autosave in whole seconds; the queue and window", () => {
    expect(brokerLines({}, "/d")).toEqual(["persistence false"]);
    expect(brokerLines({ persistence: "on" }, "/d")).toEqual([
      "persistence true",
      "persistence_location /d/",
      "autosave_on_changes true",
      "autosave_interval 1",
    ]);
    expect(
      brokerLines({ persistence: { autosaveMs: 1500 }, queueQos0: true, maxQueued: 2, maxInflight: 1 }, "/d"),
    ).toEqual([
      "persistence true",
      "persistence_location /d/",
      "autosave_interval 2",
      "queue_qos0_messages true",
      "max_queued_messages 2",
      "max_inflight_messages 1",
    ]);
  });

  it("takes broker.* and receiveMaximum.broker from the scenario", () => {
    const scenario = parseScenarioOrThrow({
      publishQos: 1,
      receiveMaximum: { broker: 3 },
      broker: { persistence: "on", queueQos0: false, maxQueued: 10 },
    });
    expect(mosquittoOptionsOf(scenario)).toEqual({
      persistence: "on",
      queueQos0: false,
      maxQueued: 10,
      maxInflight: 3,
    });
    expect(mosquittoOptionsOf(parseScenarioOrThrow({ publishQos: 1 }))).toEqual({});
  });
});
