/**
 * `npm run bench`: how fast the simulator runs, on this machine, in Node, on one core. Not a test: it
 * prints each figure as the median and range of several runs (these machines are noisy and shared),
 * beside its target from issue 9 where there is one; the README records them.
 *
 * On Linux it re-runs itself under `taskset -c 0` so that the process, the garbage collector's
 * threads included, has one core, and says whether that worked. Beside each wall-clock rate it
 * prints the rate per CPU-second of this process: on a shared machine, time spent waiting for the
 * core slows the first and not the second.
 *
 * 1. Message exchanges per second, QoS 0, 1 and 2 over two hops with random faults (seeded, ~5 % of
 *    messages lose one packet): whole scenarios of BATCH messages through simulate() (validation
 *    included), counting completed application messages. QoS 2 also with the live-actor driver, the
 *    reference the pure driver must match.
 * 2. Statistics over random loss (runStatistics, what the Web Worker runs), each QoS on its own,
 *    p = 5 %, one hop and two hops.
 * 3. The median time of one simulate() of a single QoS 2 two-hop message with two faults.
 *
 * Environment: BENCH_BATCH (messages per scenario, default 2000), BENCH_ROUNDS (runs per figure,
 * default 7), BENCH_STATS_MESSAGES (messages per statistics run, default 10000).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import type { DriverKind } from "../src/sim/driver.ts";
import { seededRandom } from "../src/sim/random.ts";
import { simulate } from "../src/sim/simulate.ts";
import type { Qos } from "../src/sim/types.ts";
import { runStatistics } from "../src/stats/randomLoss.ts";

const PINNED_ENV = "MQTT_QOS_LAB_BENCH_PINNED";

/** Re-runs this script pinned to CPU 0 when it can; returns why not when it cannot. */
function pinToOneCore(): string | null {
  if (process.env[PINNED_ENV] !== undefined) return null;
  if (process.platform !== "linux") return `not pinned: taskset is Linux-only (platform ${process.platform})`;
  const probe = spawnSync("taskset", ["-c", "0", "true"], { stdio: "ignore" });
  if (probe.error !== undefined || probe.status !== 0) {
    const why =
      probe.error !== undefined ? "taskset not found (apt-get install util-linux)" : "taskset -c 0 failed";
    return `not pinned: ${why}`;
  }
  const child = spawnSync(
    "taskset",
    ["-c", "0", process.execPath, ...process.execArgv, ...process.argv.slice(1)],
    {
      stdio: "inherit",
      env: { ...process.env, [PINNED_ENV]: "1" },
    },
  );
  process.exit(child.status ?? 1);
}

/** The CPUs this process may run on, as the kernel says (Linux), or null. */
function allowedCpus(): string | null {
  try {
    return (
      /^Cpus_allowed_list:\s*(.+)$/m.exec(readFileSync("/proc/self/status", "utf8"))?.[1]?.trim() ?? null
    );
  } catch {
    return null;
  }
}

const notPinned = pinToOneCore();

const BATCH = Number(process.env.BENCH_BATCH ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const STATS_MESSAGES = Number(process.env.BENCH_STATS_MESSAGES ?? 10_000);
const FAULT_SHARE = 0.05;
const LOSS = 0.05;

/** Issue 9's targets. */
const TARGET_EXCHANGES_QOS2 = 20_000;
const TARGET_STATISTICS_QOS2 = 50_000;

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

interface Figure {
  median: number;
  min: number;
  max: number;
}

function summarise(values: number[]): Figure {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

interface Rate {
  /** Messages per second of wall-clock time. */
  wall: Figure;
  /** Messages per CPU-second of this process (user + system). */
  cpu: Figure;
}

function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** Runs `work` (which returns how many messages it handled) `rounds` times: messages per second. */
function rate(work: (round: number) => number, rounds = ROUNDS): Rate {
  work(-1); // warm-up
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    const startCpu = cpuSeconds();
    const messages = work(round);
    wall.push(messages / ((performance.now() - start) / 1000));
    cpu.push(messages / (cpuSeconds() - startCpu));
  }
  return { wall: summarise(wall), cpu: summarise(cpu) };
}

const n = (x: number) => Math.round(x).toLocaleString("en-US");
const range = (f: Figure) => `${n(f.median)} (${n(f.min)} – ${n(f.max)})`;
const row = (r: Rate) => `${range(r.wall)} | ${range(r.cpu)}`;

/** Whether the wall-clock figure reaches the target: in every run, by the median, or not. */
function verdict(r: Rate, target: number | undefined): string {
  if (target === undefined) return "";
  const f = r.wall;
  const where = f.min >= target ? "met in every run" : f.median >= target ? "met by the median" : "missed";
  return `≥ ${n(target)}: ${where}`;
}

function exchanges(qos: Qos, driver: DriverKind): Rate {
  const scenario = scenarioWithRandomFaults(qos, 1000 + qos);
  return rate(() => simulate(scenario, { driver }).outcome.messages.length, driver === "actor" ? 3 : ROUNDS);
}

function statistics(qos: Qos, hops: 1 | 2): Rate {
  return rate(
    (round) =>
      runStatistics({
        qos,
        hops,
        probability: LOSS,
        messages: round < 0 ? 2000 : STATS_MESSAGES,
        seed: round + 2,
      }).messages,
  );
}

function singleRunMicroseconds(): Figure {
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
    times.push((performance.now() - start) * 1000);
  }
  return summarise(times);
}

const cpus = os.cpus();
const allowed = allowedCpus();
const load = os
  .loadavg()
  .map((l) => l.toFixed(2))
  .join(", ");
console.log(`MQTT QoS Lab simulator benchmark: Node ${process.version}, ${cpus[0]?.model ?? "unknown CPU"}`);
console.log(
  notPinned ??
    `pinned to one core with taskset -c 0 (CPUs allowed: ${allowed ?? "unknown"}; the machine has ${cpus.length})`,
);
console.log(`load average before: ${load} (other work on the machine slows the wall-clock figures)`);
console.log(`each figure: median (min – max) of ${ROUNDS} runs after a warm-up run; targets from issue 9\n`);

console.log(
  `Message exchanges per second: simulate() of ${BATCH} messages, two hops, ~${FAULT_SHARE * 100} % faults`,
);
console.log("| QoS (two hops) | driver | exchanges per second | per CPU-second | target (wall clock) |");
console.log("|---|---|---|---|---|");
for (const qos of [0, 1, 2] as Qos[]) {
  const r = exchanges(qos, "pure");
  console.log(`| ${qos} | pure | ${row(r)} | ${verdict(r, qos === 2 ? TARGET_EXCHANGES_QOS2 : undefined)} |`);
}
console.log(`| 2 | actor (reference, 3 runs) | ${row(exchanges(2, "actor"))} | |`);

console.log(
  `\nStatistics over random loss (runStatistics, what the Web Worker runs): ${n(STATS_MESSAGES)} messages per run, p = ${LOSS * 100} %, each QoS alone`,
);
console.log("| QoS | hops | messages per second | per CPU-second | target (wall clock) |");
console.log("|---|---|---|---|---|");
for (const hops of [1, 2] as const) {
  for (const qos of [0, 1, 2] as Qos[]) {
    const r = statistics(qos, hops);
    console.log(
      `| ${qos} | ${hops} | ${row(r)} | ${verdict(r, qos === 2 ? TARGET_STATISTICS_QOS2 : undefined)} |`,
    );
  }
}

const single = singleRunMicroseconds();
console.log(`\nOne simulate(), QoS 2, two hops, two faults: ${range(single)} µs (2,000 runs)`);
