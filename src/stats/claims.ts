/**
 * checkClaims: the circulating QoS claims of domain.md (packets per message, "QoS 0 ~10 ms with ~5 %
 * lost, QoS 1 ~25 ms all delivered ~5 % duplicates, QoS 2 ~60 ms all delivered no duplicates")
 * against simulation, for the model the caller chose (hops, sessions, retransmission, timing).
 * Pure and deterministic; progress and stopping as in randomLoss.ts.
 */
import { percent, num, type ClaimCheck } from "./claim.ts";
import { MAX_PROBABILITY, type ResolvedInput, type StatisticsInput } from "./input.ts";
import {
  Driver,
  qosRuns,
  StatisticsRun,
  type QosStatistics,
  type QosTriple,
  type StatisticsOptions,
} from "./randomLoss.ts";

export type { ClaimCheck } from "./claim.ts";

/** "~5 % duplicates", "~5 % lost": what the claim says, and how close counts as "~" (±1 point). */
export const CLAIMED_SHARE = 0.05;
export const SHARE_TOLERANCE = 0.01;
/** Packets per message with loss: within 10 % of the claimed count still counts as "holds". */
export const PACKET_TOLERANCE = 0.1;
/** Latency ratios (25/10, 60/10): within 20 % counts as "holds". */
export const RATIO_TOLERANCE = 0.2;
/** Bisection steps over 0 … MAX_PROBABILITY: the answer is within 0.3 / 2^11 ≈ 0.00015 of the crossing. */
export const SEARCH_STEPS = 10;
/** Messages per QoS without loss: every message is then identical, a few suffice. */
const LOSSLESS_MESSAGES = 20;

const CLAIMED_PACKETS = [1, 2, 4] as const;
const CLAIMED_MS = [10, 25, 60] as const;

export type ClaimsInput = Omit<StatisticsInput, "qos" | "probability">;

export interface ClaimsReport {
  /**
   * The per-transmission loss probability at which QoS 1 shows ~5 % duplicates (bisection on the
   * simulation, same seed at every step), or null when no p up to MAX_PROBABILITY gets there.
   */
  duplicateLossRate: number | null;
  /**
   * The "lossy link" of the comparison: duplicateLossRate, or when that is null the p at which
   * QoS 0 loses 5 % in theory, 1 − 0.95^(1/hops).
   */
  lossyProbability: number;
  lossless: QosTriple<QosStatistics> | null;
  lossy: QosTriple<QosStatistics> | null;
  /** Empty when stopped. */
  rows: ClaimCheck[];
  stopped: boolean;
}

/** Compares the claims with the simulation. Work: ~(SEARCH_STEPS + 4) × messages simulated messages. */
export function checkClaims(input: ClaimsInput, options: StatisticsOptions = {}): ClaimsReport {
  const n = input.messages;
  const losslessN = Math.min(n, LOSSLESS_MESSAGES);
  const driver = new Driver(3 * losslessN + (SEARCH_STEPS + 1) * n + 3 * n, options);
  const stopped = (): ClaimsReport => ({
    duplicateLossRate: null,
    lossyProbability: 0,
    lossless: null,
    lossy: null,
    rows: [],
    stopped: true,
  });

  const losslessRuns = qosRuns({ ...input, probability: 0, messages: losslessN }, options.chunk);
  if (!driver.run(losslessRuns)) return stopped();
  const lossless = results(losslessRuns);

  const duplicates = (probability: number): number | null => {
    const run = new StatisticsRun({ ...input, qos: 1, probability }, options.chunk);
    return driver.run([run]) ? run.result().duplicated.share : null;
  };
  let duplicateLossRate: number | null = null;
  const atMax = duplicates(MAX_PROBABILITY);
  if (atMax === null) return stopped();
  if (atMax >= CLAIMED_SHARE) {
    let lo = 0;
    let hi = MAX_PROBABILITY;
    for (let i = 0; i < SEARCH_STEPS; i++) {
      const mid = (lo + hi) / 2;
      const share = duplicates(mid);
      if (share === null) return stopped();
      if (share < CLAIMED_SHARE) lo = mid;
      else hi = mid;
    }
    duplicateLossRate = (lo + hi) / 2;
  } else {
    driver.advance(SEARCH_STEPS * n);
  }

  const hops = input.hops ?? 1;
  const lossyProbability = duplicateLossRate ?? 1 - (1 - CLAIMED_SHARE) ** (1 / hops);
  const lossyRuns = qosRuns({ ...input, probability: lossyProbability }, options.chunk);
  if (!driver.run(lossyRuns)) return stopped();
  const lossy = results(lossyRuns);
  const model = lossyRuns[0].input;
  return {
    duplicateLossRate,
    lossyProbability,
    lossless,
    lossy,
    rows: [
      ...packetRows(lossless, lossy, model),
      ...deliveryRows(lossy, duplicateLossRate, model),
      ...latencyRows(lossless, lossy, model),
    ],
    stopped: false,
  };
}

function results(runs: QosTriple<StatisticsRun>): QosTriple<QosStatistics> {
  return [runs[0].result(), runs[1].result(), runs[2].result()];
}

function describe(m: ResolvedInput): string {
  const session =
    m.session.publisher === m.session.subscriber
      ? `${m.session.publisher} sessions`
      : `${m.session.publisher} publisher, ${m.session.subscriber} subscriber`;
  return `${m.hops} hop${m.hops === 2 ? "s" : ""}, ${session}, ${m.retransmit}, MQTT ${m.protocol}`;
}

function packetRows(
  lossless: QosTriple<QosStatistics>,
  lossy: QosTriple<QosStatistics>,
  m: ResolvedInput,
): ClaimCheck[] {
  const rows: ClaimCheck[] = [];
  const perHop = m.hops === 2 ? " The claim counts one hop; two hops carry the exchange twice." : "";
  for (const qos of [0, 1, 2] as const) {
    const expected = CLAIMED_PACKETS[qos] * m.hops;
    const clean = lossless[qos].packetsPerMessage;
    rows.push({
      id: `packets-lossless-qos${qos}`,
      claim: `QoS ${qos}: ${CLAIMED_PACKETS[qos]} packet${qos ? "s" : ""} per message`,
      expected: `${expected} per message`,
      measured: `${num(clean)} per message without loss`,
      expectedValue: expected,
      measuredValue: clean,
      holds: clean === expected,
      checkable: true,
      note: `Without loss every exchange is the textbook one.${perHop}`,
    });
    const s = lossy[qos];
    const t = s.packetsPerMessageByType;
    const excess = s.packetsPerMessage / expected - 1;
    rows.push({
      id: `packets-lossy-qos${qos}`,
      claim: `QoS ${qos}: ${CLAIMED_PACKETS[qos]} packet${qos ? "s" : ""} per message (on a lossy link)`,
      expected: `${expected} per message (within ${percent(PACKET_TOLERANCE, 0)})`,
      measured: `${num(s.packetsPerMessage)} per message at p = ${num(s.probability, 4)}`,
      expectedValue: expected,
      measuredValue: s.packetsPerMessage,
      holds: Math.abs(excess) <= PACKET_TOLERANCE,
      checkable: true,
      note:
        `${percent(Math.abs(excess), 1)} ${excess < 0 ? "fewer" : "more"} than the claim: per message ` +
        `${num(t.PUBLISH)} PUBLISH, ` +
        `${num(t.CONNECT + t.CONNACK)} CONNECT/CONNACK (${describe(m)}). Lost transmissions count: ` +
        `they were sent.${perHop}`,
    });
  }
  return rows;
}

function deliveryRows(
  lossy: QosTriple<QosStatistics>,
  duplicateLossRate: number | null,
  m: ResolvedInput,
): ClaimCheck[] {
  const [q0, q1, q2] = lossy;
  const p = num(q0.probability, 4);
  const near = (x: number) => Math.abs(x - CLAIMED_SHARE) <= SHARE_TOLERANCE;
  const band = `${percent(CLAIMED_SHARE, 0)} ± ${percent(SHARE_TOLERANCE, 0)}`;
  const theory =
    m.hops === 1 && m.session.publisher === "persistent"
      ? " For one hop with a persistent session theory gives P(duplicate) = p exactly in both retransmission " +
        "modes: a duplicate happens exactly when the acknowledgement of the first PUBLISH to arrive is lost."
      : "";
  const clean =
    m.retransmit === "on-reconnect" && (m.session.publisher === "clean" || m.session.subscriber === "clean")
      ? " With a clean session a lost packet breaks the connection and the session state is discarded: " +
        "QoS 1/2 messages are lost instead of resent."
      : "";
  return [
    {
      id: "duplicates-qos1",
      claim: "QoS 1: ~5 % duplicates on a lossy link",
      expected: band,
      measured:
        duplicateLossRate === null
          ? `never reached: ${percent(q1.duplicated.share)} at p = ${p}`
          : `${percent(q1.duplicated.share)} at p ≈ ${p} per transmission`,
      expectedValue: CLAIMED_SHARE,
      measuredValue: q1.duplicated.share,
      holds: duplicateLossRate !== null && near(q1.duplicated.share),
      checkable: true,
      note:
        (duplicateLossRate === null
          ? `No loss probability up to ${MAX_PROBABILITY} gives 5 % duplicates with ${describe(m)}.`
          : `Holds only for a link losing ~${percent(duplicateLossRate, 1)} of transmissions ` +
            `(${describe(m)}; found by bisection to ±${num(MAX_PROBABILITY / 2 ** (SEARCH_STEPS + 1), 5)}, plus the sampling noise of ${q1.messages} messages).`) +
        theory +
        clean,
    },
    {
      id: "lost-qos0",
      claim: "QoS 0: ~5 % of messages lost on the same link",
      expected: band,
      measured: `${percent(q0.lost.share)} lost at p = ${p}`,
      expectedValue: CLAIMED_SHARE,
      measuredValue: q0.lost.share,
      holds: near(q0.lost.share),
      checkable: true,
      note:
        `A QoS 0 message is lost when any of its ${m.hops} PUBLISH transmission${m.hops === 2 ? "s is" : " is"} ` +
        `lost: 1 − (1 − p)^${m.hops} in theory.`,
    },
    {
      id: "delivered-qos1",
      claim: "QoS 1: all messages delivered",
      expected: "0 % lost",
      measured: `${percent(q1.lost.share)} lost (${q1.lost.count} of ${q1.messages}) at p = ${p}`,
      expectedValue: 0,
      measuredValue: q1.lost.share,
      holds: q1.lost.count === 0,
      checkable: true,
      note: `At least once needs the sender to keep the message until PUBACK, across reconnects.${clean}`,
    },
    {
      id: "once-qos2",
      claim: "QoS 2: all delivered, no duplicates",
      expected: "100 % processed exactly once",
      measured:
        `${percent(q2.once.share)} once, ${percent(q2.lost.share)} lost, ` +
        `${percent(q2.duplicated.share)} duplicated at p = ${p}`,
      expectedValue: 1,
      measuredValue: q2.once.share,
      holds: q2.once.count === q2.messages,
      checkable: true,
      note:
        `Exactly once needs both ends to keep their QoS 2 state until PUBCOMP, across reconnects.${clean}` +
        (m.retransmit === "on-timeout" && m.timeoutMs < 2 * m.latencyMs
          ? " A resend timer shorter than the round trip resends before the answer can arrive."
          : ""),
    },
  ];
}

function latencyRows(
  lossless: QosTriple<QosStatistics>,
  lossy: QosTriple<QosStatistics>,
  m: ResolvedInput,
): ClaimCheck[] {
  const units = (s: QosStatistics) => num(s.delivery?.meanLatencies ?? NaN);
  const doneUnits = (s: QosStatistics) => num(s.completion?.meanLatencies ?? NaN);
  const without =
    `Without loss, in one-way latencies L: delivery ${lossless.map(units).join(" / ")}, first hop's ` +
    `exchange complete ${lossless.map(doneUnits).join(" / ")} for QoS 0 / 1 / 2.`;
  const pause = m.retransmit === "on-reconnect" ? m.reconnectDelayMs : m.timeoutMs;
  const why =
    `With loss the means also include ${m.retransmit === "on-reconnect" ? "reconnect pauses (reconnectDelayMs" : "resend timers (timeoutMs"} ` +
    `= ${pause} ms = ${num(pause / m.latencyMs)} L), so the ratio depends on these settings, not on MQTT alone.`;
  const q0 = lossy[0].delivery?.meanMs ?? NaN;
  const rows: ClaimCheck[] = [
    {
      id: "latency-qos0",
      claim: "QoS 0: ~10 ms",
      expected: "10 ms",
      measured: `${units(lossy[0])} L = ${num(q0)} ms at latencyMs = ${m.latencyMs}`,
      expectedValue: CLAIMED_MS[0],
      measuredValue: q0,
      holds: false,
      checkable: false,
      note:
        "Absolute milliseconds cannot be checked without a model of the link: here a QoS 0 delivery " +
        `takes ${m.hops === 1 ? "one one-way latency" : "two one-way latencies"}, so "10 ms" describes a link ` +
        `with ~${10 / m.hops} ms latency${m.hops === 1 ? "" : " per hop"}. ${without}`,
    },
  ];
  for (const qos of [1, 2] as const) {
    const claimed = CLAIMED_MS[qos] / CLAIMED_MS[0];
    const ratio = (lossy[qos].delivery?.meanMs ?? NaN) / q0;
    rows.push({
      id: `latency-qos${qos}`,
      claim: `QoS ${qos}: ~${CLAIMED_MS[qos]} ms (vs. QoS 0 ~10 ms)`,
      expected: `${num(claimed)} × the QoS 0 time`,
      measured: `${num(ratio)} × (mean delivery ${units(lossy[qos])} L at p = ${num(lossy[qos].probability, 4)})`,
      expectedValue: claimed,
      measuredValue: ratio,
      holds: Math.abs(ratio / claimed - 1) <= RATIO_TOLERANCE,
      checkable: true,
      note:
        `Only the ratio to QoS 0 is checkable (within ${percent(RATIO_TOLERANCE, 0)}), here on the lossy ` +
        `link. ${without} ${why}`,
    });
  }
  return rows;
}
