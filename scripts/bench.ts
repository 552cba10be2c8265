/**
 * `npm run bench`: how fast the simulator runs, on this machine, in Node. Not a test: it prints
 * medians (these machines are noisy) and the README records them.
 *
 * 1. Simulated message exchanges per second, QoS 0, 1 and 2 over two hops, with random faults
 *    (seeded, ~5 % of messages lose one packet): whole scenarios of BATCH messages through
 *    simulate() (validation included), counting completed application messages.
 * 2. The median time of one simulate() of a single QoS 2 two-hop message with two faults.
 */
import os from "node:os";
import { seededRandom } from "../src/sim/random.ts";
import { simulate } from "../src/sim/simulate.ts";
import type { Qos } from "../src/sim/types.ts";

const BATCH = Number(process.env.BENCH_BATCH ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const FAULT_SHARE = 0.05;

const PACKETS_BY_QOS: Record<Qos, string[]> = {
  0: ["PUBLISH"],
  1: ["PUBLISH", "PUBACK"],
  2: ["PUBLISH", "PUBREC", "PUBREL", "PUBCOMP"],
};

function scenarioWithRandomFaults(qos: Qos, seed: number) {
  const random = seededRandom(seed);
  const faults = [];
  for (let m = 1; m <= BATCH; m++) {
    if (random() >= FAULT_SHARE) continue;
    const packets = PACKETS_BY_QOS[qos];
    faults.push({
      hop: random() < 0.5 ? "publisher-broker" : "broker-subscriber",
      packet: packets[Math.floor(random() * packets.length)],
      message: m,
    });
  }
  return {
    publishQos: qos,
    subscriber: { qos },
    messages: Array.from({ length: BATCH }, (_, i) => ({ payload: `reading ${i}` })),
    faults: faults.slice(0, 1000),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function exchangesPerSecond(qos: Qos): number {
  const scenario = scenarioWithRandomFaults(qos, 1000 + qos);
  simulate(scenario); // warm-up
  simulate(scenario);
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    const trace = simulate(scenario);
    const seconds = (performance.now() - start) / 1000;
    rates.push(trace.outcome.messages.length / seconds);
  }
  return median(rates);
}

function singleRunMs(): number {
  const scenario = {
    publishQos: 2,
    subscriber: { qos: 2 },
    faults: [
      { hop: "publisher-broker", packet: "PUBREC" },
      { hop: "broker-subscriber", packet: "PUBCOMP" },
    ],
  };
  for (let i = 0; i < 200; i++) simulate(scenario);
  const times: number[] = [];
  for (let round = 0; round < 2000; round++) {
    const start = performance.now();
    simulate(scenario);
    times.push(performance.now() - start);
  }
  return median(times);
}

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
console.log(`MQTT QoS Lab simulator benchmark: Node ${process.version}, ${cpu}, ${os.cpus().length} cores`);
console.log(
  `${BATCH} messages per scenario, two hops, ~${FAULT_SHARE * 100} % random faults; median of ${ROUNDS}\n`,
);
console.log("| QoS (two hops) | message exchanges per second |");
console.log("|---|---|");
for (const qos of [0, 1, 2] as Qos[]) {
  console.log(`| ${qos} | ${Math.round(exchangesPerSecond(qos)).toLocaleString("en-US")} |`);
}
console.log(`\nOne simulate(), QoS 2, two hops, two faults: median ${(singleRunMs() * 1000).toFixed(0)} µs`);
