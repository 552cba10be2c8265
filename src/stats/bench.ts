/**
 * Throughput of runStatistics on this machine: `npx tsx src/stats/bench.ts`. Not a test and not
 * part of the app (nothing imports it): prints medians, since shared machines are noisy.
 * Messages per second per QoS, one and two hops, p = 0.05, defaults otherwise (on-reconnect, 5.0).
 */
import { runStatistics } from "./randomLoss.ts";

// Fixed rather than read from the environment: this file is type-checked with the app (no Node types).
const MESSAGES = 10_000;
const ROUNDS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? NaN;
}

console.log(`runStatistics, ${MESSAGES} messages, p = 0.05, chunk 2000; median of ${ROUNDS}`);
console.log("| hops | QoS 0 msg/s | QoS 1 msg/s | QoS 2 msg/s |\n|---|---|---|---|");
for (const hops of [1, 2] as const) {
  const cells: string[] = [];
  for (const qos of [0, 1, 2] as const) {
    const input = { qos, probability: 0.05, messages: MESSAGES, seed: 1, hops };
    runStatistics({ ...input, messages: 2000 }); // warm-up
    const rates: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const start = performance.now();
      runStatistics({ ...input, seed: round + 1 });
      rates.push(MESSAGES / ((performance.now() - start) / 1000));
    }
    cells.push(Math.round(median(rates)).toLocaleString("en-US"));
  }
  console.log(`| ${hops} | ${cells.join(" | ")} |`);
}
