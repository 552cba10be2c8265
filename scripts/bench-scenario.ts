/**
 * `npm run bench:scenario`: how long parsing a scenario takes, on this machine, in Node. Not a
 * test: it prints the median and range of several rounds (these machines are noisy), beside the
 * hand-written parser the schema replaced (src/sim/scenario.legacy.testing.ts).
 *
 * Each figure after ten warm-up calls, but for the first row: the first call in the process.
 * Scenarios: 1,000 messages (topic, payload, retain each) over two hops with 100 faults, as an
 * object and as JSON text; and 100,000 messages, the format's limit.
 */
import { parseScenario, parseScenarioJson } from "../src/sim/scenario.ts";
import { parseScenario as parseLegacy } from "../src/sim/scenario.legacy.testing.ts";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 21);

function scenario(messages: number) {
  return {
    protocol: "3.1.1",
    publishQos: 2,
    subscriber: { qos: 1 },
    session: { publisher: "clean" },
    messages: Array.from({ length: messages }, (_, i) => ({
      topic: `plant/line${i % 7}/batch`,
      payload: `Batch #${i} completed`,
      retain: i % 2 === 0,
    })),
    faults: Array.from({ length: Math.min(100, messages) }, (_, i) => ({
      hop: i % 2 ? "publisher-broker" : "broker-subscriber",
      packet: "PUBREC",
      message: 1 + i * Math.floor(messages / 100),
    })),
    timing: { latencyMs: 20 },
  };
}

/** Milliseconds per call: median and range over `rounds` rounds, after ten warm-up calls. */
function measure(run: () => { ok: boolean }, rounds = ROUNDS): string {
  for (let i = 0; i < 10; i++) if (!run().ok) throw new Error("the benchmark scenario must be valid");
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[times.length >> 1]!;
  return `${median.toFixed(2)} ms (range ${times[0]!.toFixed(2)}–${times.at(-1)!.toFixed(2)})`;
}

const thousand = scenario(1000);
const thousandText = JSON.stringify(thousand);
const limit = scenario(100_000);

/** The first call in the process, before the JIT has seen the parser: what a page pays once. */
function first(run: () => unknown): string {
  const start = performance.now();
  run();
  return `${(performance.now() - start).toFixed(2)} ms (first call)`;
}

const rows: [string, string, string][] = [
  ["1,000 messages, cold", first(() => parseScenario(thousand)), first(() => parseLegacy(thousand))],
  ["1,000 messages, object", measure(() => parseScenario(thousand)), measure(() => parseLegacy(thousand))],
  [
    "1,000 messages, JSON text",
    measure(() => parseScenarioJson(thousandText)),
    measure(() => parseLegacy(JSON.parse(thousandText))),
  ],
  ["100,000 messages, object", measure(() => parseScenario(limit), 5), measure(() => parseLegacy(limit), 5)],
];
console.log(`Scenario parsing, Node ${process.version}, median of ${ROUNDS} rounds (5 at 100,000):`);
console.log(`${"".padEnd(28)}${"schema (valibot)".padEnd(36)}hand-written (before)`);
for (const [name, now, before] of rows) console.log(`${name.padEnd(28)}${now.padEnd(36)}${before}`);
