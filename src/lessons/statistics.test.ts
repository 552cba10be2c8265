import { describe, expect, it } from "vitest";
import { parseScenarioOrThrow } from "../sim/scenario.ts";
import { runStatistics } from "../stats/randomLoss.ts";
import { statisticsFigure, statisticsInput } from "./statistics.ts";

describe("statisticsFigure", () => {
  const scenario = parseScenarioOrThrow({
    publishQos: 1,
    subscriber: { qos: 1 },
    session: { publisher: "persistent", subscriber: "clean" },
    qos2Delivery: { broker: "on-publish" },
    messages: [{ topic: "plant/p-101/cmd", payload: "START ✓" }],
    timing: { latencyMs: 25 },
  });
  const statistics = { lossPercent: 10, messages: 300, seed: 7 };

  it("runs src/stats for the step's set-up at QoS 0, 1 and 2", { timeout: 60_000 }, () => {
    const figure = statisticsFigure(scenario, statistics);
    expect(figure.rows.map((r) => r.qos)).toStrictEqual([0, 1, 2]);
    expect(figure.rows.map((r) => r.messages)).toStrictEqual([300, 300, 300]);
    figure.rows.forEach((row, qos) => {
      expect(row).toStrictEqual(runStatistics(statisticsInput(scenario, statistics, qos as 0 | 1 | 2)));
    });
    // Over 10 % loss QoS 0 loses some of 300 messages, and QoS 1 duplicates some.
    expect(figure.rows[0].lost.count).toBeGreaterThan(0);
    expect(figure.rows[1].duplicated.count).toBeGreaterThan(0);
  });

  it("carries the scenario's hops, sessions, timing, method and first message over", () => {
    expect(statisticsInput(scenario, statistics, 2)).toStrictEqual({
      qos: 2,
      probability: 0.1,
      messages: 300,
      seed: 7,
      hops: 2,
      session: { publisher: "persistent", subscriber: "clean" },
      retransmit: "on-reconnect",
      protocol: "5.0",
      payloadBytes: 9, // "START ✓": the check mark takes 3 bytes in UTF-8
      topic: "plant/p-101/cmd",
      latencyMs: 25,
      timeoutMs: 500,
      reconnectDelayMs: 300,
      qos2Delivery: "on-publish",
      dedupe: false,
    });
  });
});
