/**
 * An explain step's statistics: the figures src/stats computes for the step's scenario over random
 * loss at QoS 0, 1 and 2 (delivered once, lost, duplicated), never typed into a lesson. Pure and
 * deterministic per scenario, loss, message count and seed; a run of 10,000 messages per QoS takes
 * a moment, so a page runs it off the main thread or once per step.
 */
import { runStatistics, type QosStatistics, type StatisticsInput } from "../stats/randomLoss.ts";
import type { Qos, Scenario } from "../sim/types.ts";
import type { Statistics } from "./lessonSchema.ts";

/** UTF-8 bytes of a string (src/stats sizes payloads in bytes). */
function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** What src/stats simulates for `scenario` at `qos`: its hops, sessions, protocol, timing, first message. */
export function statisticsInput(scenario: Scenario, statistics: Statistics, qos: Qos): StatisticsInput {
  const message = scenario.messages[0];
  return {
    qos,
    probability: statistics.lossPercent / 100,
    messages: statistics.messages,
    seed: statistics.seed,
    hops: scenario.subscriber ? 2 : 1,
    session: scenario.session,
    retransmit: scenario.retransmit,
    protocol: scenario.protocol,
    ...(message ? { payloadBytes: utf8Bytes(message.payload), topic: message.topic } : {}),
    latencyMs: scenario.timing.latencyMs,
    timeoutMs: scenario.timing.timeoutMs,
    reconnectDelayMs: scenario.timing.reconnectDelayMs,
    // src/stats uses one method for both QoS 2 receivers: the broker's.
    qos2Delivery: scenario.qos2Delivery.broker,
    dedupe: scenario.dedupe,
  };
}

export interface StatisticsFigure {
  lossPercent: number;
  messages: number;
  seed: number;
  /** QoS 0, 1 and 2, in that order. */
  rows: readonly [QosStatistics, QosStatistics, QosStatistics];
}

export function statisticsFigure(scenario: Scenario, statistics: Statistics): StatisticsFigure {
  const run = (qos: Qos) => runStatistics(statisticsInput(scenario, statistics, qos));
  return { ...statistics, rows: [run(0), run(1), run(2)] };
}
