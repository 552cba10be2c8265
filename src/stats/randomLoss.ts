/**
 * Statistics over random loss: many isolated messages through the real simulator, each transmission
 * lost with probability p, summarised per QoS (exactly once / lost / duplicated, packets and bytes
 * per message, time to delivery, connection losses). Pure and deterministic per input, seed and chunk
 * size; no DOM, no clock, no Math.random, so it runs in a Web Worker as it is.
 *
 * Runs go a chunk at a time (one simulate per chunk, each with its own derived seed, see
 * input.ts): between chunks progress is reported and a run can be stopped, and no trace outlives
 * its chunk.
 */
import { runScenario } from "../sim/runScenario.ts";
import type { Qos, Scenario } from "../sim/types.ts";
import {
  chunkScenario,
  chunkSeed,
  DEFAULT_CHUNK,
  MAX_CHUNK,
  PUBLISH_INTERVAL_MS,
  resolveInput,
  type ResolvedInput,
  type StatisticsInput,
} from "./input.ts";
import { Tally, type TallySummary } from "./tally.ts";

export type { StatisticsInput } from "./input.ts";
export { MAX_PROBABILITY } from "./input.ts";

export interface StatisticsOptions {
  /** After every chunk: messages simulated so far and in all (monotonic, ends at total unless stopped). */
  onProgress?(done: number, total: number): void;
  /** Asked before every chunk but the first; true stops the run there, with partial results. */
  shouldStop?(): boolean;
  /** Messages per simulate() call, 1 … 10,000 (default 2,000). Part of what makes a run repeatable. */
  chunk?: number;
}

/**
 * The result for one QoS level. Shares are of the messages simulated. Packets and bytes count every
 * transmission on every hop, lost ones and CONNECT/CONNACK included, with their real encoded sizes.
 * `delivery`: first delivery at the final receiver minus the message's publish time, over delivered
 * messages only (null when none was). `completion`: until the publisher's exchange ended — its
 * PUBACK (QoS 1) or PUBCOMP (QoS 2) arrived, or for QoS 0 its PUBLISH reached the broker.
 */
export interface QosStatistics extends TallySummary {
  qos: Qos;
  probability: number;
  hops: 1 | 2;
  /** Messages asked for; `messages` is how many were simulated (fewer when stopped). */
  requested: number;
  stopped: boolean;
  seed: number;
  chunk: number;
  latencyMs: number;
  /** Gap between publishes, one simulated hour, to keep messages isolated (input.ts). */
  publishIntervalMs: number;
  /** True when no message's exchange reached the next publish (longestExchangeMs < publishIntervalMs). */
  isolated: boolean;
}

/**
 * One statistics run, stepped a chunk at a time by the caller: for a Web Worker that has to return to
 * its message loop between chunks. Not pure (it accumulates), but deterministic.
 */
export class StatisticsRun {
  readonly input: ResolvedInput;
  readonly chunk: number;
  private readonly scenario: Scenario;
  private readonly tally: Tally;
  private index = 0;
  private simulated = 0;

  constructor(input: StatisticsInput, chunk: number = DEFAULT_CHUNK) {
    if (!Number.isInteger(chunk) || chunk < 1 || chunk > MAX_CHUNK) {
      throw new RangeError(`chunk: expected an integer 1 … ${MAX_CHUNK}; got ${chunk}`);
    }
    this.input = resolveInput(input);
    this.chunk = chunk;
    this.scenario = chunkScenario(this.input, Math.min(chunk, this.input.messages));
    this.tally = new Tally(this.input.qos, this.input.hops === 2 ? "subscriber" : "broker");
  }

  get done(): number {
    return this.simulated;
  }

  get total(): number {
    return this.input.messages;
  }

  get finished(): boolean {
    return this.simulated >= this.input.messages;
  }

  /** Simulates the next chunk and returns how many messages it held (0 when finished). */
  step(): number {
    const size = Math.min(this.chunk, this.input.messages - this.simulated);
    if (size <= 0) return 0;
    const full = this.scenario.messages.length;
    const scenario =
      size === full ? this.scenario : { ...this.scenario, messages: this.scenario.messages.slice(0, size) };
    const { probability, seed } = this.input;
    this.tally.add(runScenario(scenario, { randomLoss: { probability, seed: chunkSeed(seed, this.index) } }));
    this.index++;
    this.simulated += size;
    return size;
  }

  result(): QosStatistics {
    const { input } = this;
    const summary = this.tally.summary(input.latencyMs);
    const publishIntervalMs = PUBLISH_INTERVAL_MS;
    return {
      qos: input.qos,
      probability: input.probability,
      hops: input.hops,
      requested: input.messages,
      stopped: !this.finished,
      seed: input.seed,
      chunk: this.chunk,
      latencyMs: input.latencyMs,
      publishIntervalMs,
      isolated: summary.longestExchangeMs < publishIntervalMs,
      ...summary,
    };
  }
}

/**
 * Steps runs round-robin a chunk at a time (so a stopped comparison has about as many messages per
 * QoS), reporting progress over everything it is given and asking shouldStop between chunks.
 */
export class Driver {
  readonly total: number;
  private readonly options: StatisticsOptions;
  private done = 0;
  private started = false;
  stopped = false;

  constructor(total: number, options: StatisticsOptions) {
    this.total = total;
    this.options = options;
  }

  /** Runs `runs` to the end; false once stopped. */
  run(runs: readonly StatisticsRun[]): boolean {
    while (!this.stopped && runs.some((r) => !r.finished)) {
      for (const run of runs) {
        if (run.finished) continue;
        if (this.started && this.options.shouldStop?.() === true) {
          this.stopped = true;
          return false;
        }
        this.started = true;
        this.advance(run.step());
      }
    }
    return !this.stopped;
  }

  /** Counts work that turned out unnecessary as done, so progress still ends at the total. */
  advance(messages: number): void {
    this.done += messages;
    this.options.onProgress?.(this.done, this.total);
  }
}

/** One QoS level over random loss. Pure and deterministic per input, seed and chunk size. */
export function runStatistics(input: StatisticsInput, options: StatisticsOptions = {}): QosStatistics {
  const run = new StatisticsRun(input, options.chunk);
  new Driver(run.total, options).run([run]);
  return run.result();
}

export type QosTriple<T> = readonly [T, T, T];

export interface Comparison {
  results: QosTriple<QosStatistics>;
  stopped: boolean;
}

/** Creates the three runs of a side-by-side comparison (same p, same seed). */
export function qosRuns(input: Omit<StatisticsInput, "qos">, chunk?: number): QosTriple<StatisticsRun> {
  const make = (qos: Qos) => new StatisticsRun({ ...input, qos }, chunk);
  return [make(0), make(1), make(2)];
}

/** QoS 0, 1 and 2 side by side with the same p and seed. Pure and deterministic. */
export function compareQos(input: Omit<StatisticsInput, "qos">, options: StatisticsOptions = {}): Comparison {
  const runs = qosRuns(input, options.chunk);
  const driver = new Driver(input.messages * 3, options);
  driver.run(runs);
  return { results: [runs[0].result(), runs[1].result(), runs[2].result()], stopped: driver.stopped };
}

/** Loss probabilities of the default curve. */
export const CURVE_PROBABILITIES: readonly number[] = [0, 0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3];

/** One point of the loss curve: one QoS at one p. Shares are of the messages simulated. */
export interface LossCurvePoint {
  probability: number;
  qos: Qos;
  messages: number;
  once: number;
  lost: number;
  duplicated: number;
  packetsPerMessage: number;
  bytesPerMessage: number;
  /** Mean time to delivery (ms), null when nothing was delivered. */
  meanDeliveryMs: number | null;
}

export interface LossCurve {
  /** Ordered by probability, then QoS; only probabilities completed before a stop. */
  points: LossCurvePoint[];
  stopped: boolean;
}

/**
 * Losses and duplicates against p for QoS 0, 1 and 2, for a chart. Every p uses the same seed, so
 * the curves are smooth rather than independently noisy. Pure and deterministic.
 */
export function lossCurve(
  input: Omit<StatisticsInput, "qos" | "probability">,
  probabilities: readonly number[] = CURVE_PROBABILITIES,
  options: StatisticsOptions = {},
): LossCurve {
  // Created up front so that a bad input fails before any work is done.
  const all = probabilities.map((probability) => qosRuns({ ...input, probability }, options.chunk));
  const driver = new Driver(input.messages * 3 * probabilities.length, options);
  const points: LossCurvePoint[] = [];
  for (const runs of all) {
    if (!driver.run(runs)) break;
    for (const run of runs) points.push(curvePoint(run.result()));
  }
  return { points, stopped: driver.stopped };
}

function curvePoint(s: QosStatistics): LossCurvePoint {
  return {
    probability: s.probability,
    qos: s.qos,
    messages: s.messages,
    once: s.once.share,
    lost: s.lost.share,
    duplicated: s.duplicated.share,
    packetsPerMessage: s.packetsPerMessage,
    bytesPerMessage: s.bytesPerMessage,
    meanDeliveryMs: s.delivery?.meanMs ?? null,
  };
}
