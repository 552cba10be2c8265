/**
 * `npm run bench:views`: how long the views of one trace take to compute in Node, at 10, 100 and
 * 1,000 messages: the playback steps, the narration of every step, the verdict explanations and
 * the diagram's layout, and the state panel at one instant. Not a test: it prints the median and the range of a few rounds (these
 * machines are noisy) next to the target, and never fails on timing.
 *
 * The scenario: QoS 2 over two hops, on reconnect, one seeded fault per ~20 messages, with state
 * events recorded (as the page runs it). The simulation itself is timed too, for scale.
 *
 * After the table, for 1,000 messages: a click's layout with `layoutFrom` beside a full `layout` of
 * the same toggled trace: a PUBLISH dropped late in the trace (the previous layout taken over up to
 * a safe cut), and one dropped at message 3 (the tail taken over, moved down), in this scenario and
 * in the click benchmark's long one (scripts/bench-ui.ts: no faults).
 *
 * Options (environment): BENCH_ROUNDS (default 7), BENCH_SIZES (default "10,100,1000").
 */
import os from "node:os";
import { layout } from "../src/diagram/layout.ts";
import { lastLayoutFrom, layoutFrom } from "../src/diagram/layoutFrom.ts";
import { holdingsIn, holdingsTimeline } from "../src/explain/holdings.ts";
import { narrate, narrateAll } from "../src/explain/narrate.ts";
import { explainOutcome } from "../src/explain/verdict.ts";
import { seededRandom } from "../src/sim/random.ts";
import { simulate } from "../src/sim/simulate.ts";
import { stepsOf } from "../src/sim/steps.ts";
import type { Trace } from "../src/sim/types.ts";

const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 7));
const SIZES = (process.env.BENCH_SIZES ?? "10,100,1000").split(",").map(Number);
const FAULT_SHARE = 0.05;
const PACKETS = ["PUBLISH", "PUBREC", "PUBREL", "PUBCOMP"];
/** The target: narration of 1,000 messages in under 50 ms. */
const NARRATION_TARGET_MS = 50;

function scenario(messages: number) {
  const random = seededRandom(9000 + messages);
  const faults = [];
  for (let m = 1; m <= messages; m++) {
    if (random() >= FAULT_SHARE) continue;
    faults.push({
      hop: random() < 0.5 ? "publisher-broker" : "broker-subscriber",
      packet: PACKETS[Math.floor(random() * PACKETS.length)],
      message: m,
    });
  }
  return {
    publishQos: 2,
    subscriber: { qos: 2 },
    messages: Array.from({ length: messages }, (_, i) => ({ payload: `reading ${i}` })),
    faults,
  };
}

/** Median and range (min–max) of `ROUNDS` timed runs of `run`, after one warm-up. */
function time(run: () => unknown): { median: number; min: number; max: number } {
  run();
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const mid = samples.length >> 1;
  const median = samples.length % 2 ? samples[mid]! : (samples[mid - 1]! + samples[mid]!) / 2;
  return { median, min: samples[0]!, max: samples[samples.length - 1]! };
}

const fmt = ({ median, min, max }: ReturnType<typeof time>) =>
  `${median.toFixed(2)} ms (${min.toFixed(2)}–${max.toFixed(2)})`;

function row(cells: string[]) {
  console.log(`| ${cells.join(" | ")} |`);
}

function main() {
  const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
  console.log(
    `# Views of one trace, in Node ${process.version} (${cpu}, ${os.cpus().length} cores, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(", ")})\n`,
  );
  console.log(`Median of ${ROUNDS} rounds after a warm-up, (min–max) in brackets.\n`);
  row([
    "messages",
    "events",
    "steps",
    "simulate",
    "stepsOf",
    "narrateAll (every step)",
    "narrate (one step)",
    "explainOutcome",
    "state panel (timeline + one instant)",
    "layout",
  ]);
  row(["---:", "---:", "---:", "---", "---", "---", "---", "---", "---", "---"]);
  let narration1000: number | null = null;
  for (const n of SIZES) {
    const input = scenario(n);
    const trace: Trace = simulate(input, { states: true });
    const steps = stepsOf(trace);
    const middle = steps[steps.length >> 1];
    // A fresh copy per round: nothing may be cached on the trace object between rounds.
    const fresh = () => ({ ...trace });
    const narration = time(() => narrateAll(fresh()));
    if (n === 1000) narration1000 = narration.median;
    row([
      String(n),
      String(trace.events.length),
      String(steps.length),
      fmt(time(() => simulate(input, { states: true }))),
      fmt(time(() => stepsOf(fresh()))),
      fmt(narration),
      middle ? fmt(time(() => narrate(fresh(), middle))) : "n/a",
      fmt(time(() => explainOutcome(fresh()))),
      middle ? fmt(time(() => holdingsIn(holdingsTimeline(fresh()), middle.t))) : "n/a",
      fmt(time(() => layout(fresh(), { width: 960 }))),
    ]);
  }
  if (SIZES.includes(1000)) {
    const input = scenario(1000);
    toggleRow("", input, 900);
    toggleRow("", input, 3);
    const long = {
      publishQos: 2,
      subscriber: { qos: 2 },
      messages: Array.from({ length: 1000 }, () => ({})),
    };
    toggleRow(" in the click benchmark's scenario", long, 3);
  }
  if (narration1000 !== null) {
    const met = narration1000 < NARRATION_TARGET_MS ? "met" : "**not met**";
    console.log(
      `\nNarration of 1,000 messages: ${narration1000.toFixed(1)} ms, target < ${NARRATION_TARGET_MS} ms: ${met}.`,
    );
  }
}

/** A click: the full layout against `layoutFrom` taking over the layout before (head and tail). */
function toggleRow(where: string, input: { messages: unknown[]; faults?: object[] }, message: number) {
  const trace = simulate(input, { states: true });
  const before = layout(trace, { width: 960 });
  const toggled = {
    ...input,
    faults: [...(input.faults ?? []), { hop: "publisher-broker", packet: "PUBLISH", message }],
  };
  const next = simulate(toggled, { states: true });
  // A fresh copy per round, as a click gives a new trace: nothing cached on it from the last round.
  const full = time(() => layout({ ...next }, { width: 960 }));
  const taken = time(() => layoutFrom(before, trace, { ...next }, { width: 960 }));
  const { kept, moved, anew, full: why } = lastLayoutFrom();
  const n = before.arrows.length;
  const reused =
    why ??
    `${kept.arrows} of ${n} arrows taken over as they were, ${moved.arrows} moved (${anew} items placed anew)`;
  console.log(
    `\nA click at message ${message} of ${input.messages.length}${where} (a PUBLISH dropped): ` +
      `full layout ${fmt(full)}; layoutFrom ${fmt(taken)}, ${reused}.`,
  );
}

main();
