import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ScenarioError } from "../sim/scenario.ts";
import { MAX_PROBABILITY, PUBLISH_INTERVAL_MS } from "./input.ts";
import { compareQos, lossCurve, runStatistics, StatisticsRun } from "./randomLoss.ts";

/**
 * Tolerances: every run is seeded, so each assertion is deterministic; the bounds are ~4 standard
 * deviations of the sampling noise, so a different seed or engine change of no consequence passes too.
 */
const sd = (share: number, n: number) => Math.sqrt((share * (1 - share)) / n);

// Thousands of simulated messages per test and a property: a limit that holds on a loaded machine.
describe("statistics converge to values computed by hand", { timeout: 60_000 }, () => {
  it("QoS 0, one hop, on-reconnect: lost share → p; every delivery takes one latency", () => {
    // The message is lost exactly when its one PUBLISH is lost; nothing is ever resent.
    const p = 0.1;
    const n = 3000;
    const s = runStatistics({ qos: 0, probability: p, messages: n, seed: 11 });
    expect(Math.abs(s.lost.share - p)).toBeLessThan(4 * sd(p, n));
    expect(s.duplicated.count).toBe(0);
    expect(s.once.count + s.lost.count).toBe(n);
    expect(s.delivery).toMatchObject({ meanMs: 40, p95Ms: 40, maxMs: 40, meanLatencies: 1 });
    // A loss breaks the connection; each reconnect attempt fails unless CONNECT and CONNACK both
    // arrive ((1-p)^2) and costs 1 + (1-p) packets: breaks p/(1-p)^2, packets 1 + p(2-p)/(1-p)^2.
    expect(s.connectionLossesPerMessage).toBeCloseTo(p / (1 - p) ** 2, 1);
    expect(s.packetsPerMessage).toBeCloseTo(1 + (p * (2 - p)) / (1 - p) ** 2, 1);
    expect(s.isolated).toBe(true);
  });

  it("QoS 1, one hop, on-timeout (3.1.1): P(duplicate) = p, nothing lost", () => {
    // Derivation. The timer (500 ms) is longer than the round trip (80 ms), so attempts are
    // sequential: each PUBLISH arrives with 1-p and is delivered (a QoS 1 receiver delivers every
    // PUBLISH it gets, [MQTT-4.3.2-5]); its PUBACK arrives with 1-p and ends the exchange. Look at the
    // first PUBLISH that arrives: that is the first delivery. If its PUBACK arrives (1-p), nothing is
    // sent again: once. If it is lost (p), the sender resends until some PUBACK arrives, and the PUBLISH
    // whose PUBACK arrives was itself delivered: at least twice. So P(duplicate) = p, P(lost) = 0.
    // First delivery after k lost PUBLISHes (P = p^k (1-p)): latency + k·timeout, mean L + T·p/(1-p).
    // Attempts are geometric with success (1-p)^2, each 1 + (1-p) packets: (2-p)/(1-p)^2 per message.
    const p = 0.1;
    const n = 3000;
    const s = runStatistics({ qos: 1, probability: p, messages: n, seed: 12, retransmit: "on-timeout" });
    expect(s.lost.count).toBe(0);
    expect(Math.abs(s.duplicated.share - p)).toBeLessThan(4 * sd(p, n));
    const meanDelivery = 40 + (500 * p) / (1 - p);
    expect(Math.abs((s.delivery?.meanMs ?? 0) - meanDelivery)).toBeLessThan(12);
    expect(s.packetsPerMessage).toBeCloseTo((2 - p) / (1 - p) ** 2, 1);
    expect(s.connectionLosses).toBe(0);
  });

  it("QoS 1, one hop, on-reconnect: persistent duplicates with p, clean loses with p", () => {
    // Persistent: the same argument as with the timer (a reconnect replaces the timeout).
    // Clean: a lost PUBLISH breaks the connection and the clean start discards the message (lost);
    // a lost PUBACK comes after the delivery and the discarded message is never resent (once).
    const p = 0.08;
    const n = 2500;
    const persistent = runStatistics({ qos: 1, probability: p, messages: n, seed: 13 });
    expect(persistent.lost.count).toBe(0);
    expect(Math.abs(persistent.duplicated.share - p)).toBeLessThan(4 * sd(p, n));
    const clean = runStatistics({ qos: 1, probability: p, messages: n, seed: 13, session: "clean" });
    expect(clean.duplicated.count).toBe(0);
    expect(Math.abs(clean.lost.share - p)).toBeLessThan(4 * sd(p, n));
  });

  it("QoS 2 with persistent sessions: every message exactly once, for any p up to the bound", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: MAX_PROBABILITY, noNaN: true }),
        fc.constantFrom(1 as const, 2 as const),
        fc.constantFrom("on-reconnect" as const, "on-timeout" as const),
        fc.constantFrom("on-pubrel" as const, "on-publish" as const),
        fc.nat(),
        (probability, hops, retransmit, qos2Delivery, seed) => {
          const s = runStatistics({
            qos: 2,
            probability,
            messages: 60,
            seed,
            hops,
            retransmit,
            qos2Delivery,
          });
          expect(s.once.count).toBe(60);
          expect(s.once.share).toBe(1);
          expect(s.isolated).toBe(true);
        },
      ),
      { numRuns: 12, seed: 2024 },
    );
  });

  it("without loss every QoS is the textbook exchange, times in whole latencies", () => {
    const { results } = compareQos({ probability: 0, messages: 5, seed: 1, hops: 2 });
    expect(results.map((r) => r.packetsPerMessage)).toEqual([2, 4, 8]);
    expect(results.map((r) => r.once.share)).toEqual([1, 1, 1]);
    // Method A delivers QoS 2 at PUBREL: three flights per hop; QoS 0 and 1 deliver on PUBLISH.
    expect(results.map((r) => r.delivery?.meanLatencies)).toEqual([2, 2, 6]);
    expect(results.map((r) => r.completion?.meanLatencies)).toEqual([1, 2, 4]);
    // Real sizes: topic "plant/line1/batch", 20-byte payload, 5.0: PUBLISH 42 (QoS 0) / 44, acks 4.
    expect(results.map((r) => r.bytesPerMessage)).toEqual([84, 2 * (44 + 4), 2 * (44 + 12)]);
  });
});

describe("runs", () => {
  const input = { qos: 1 as const, probability: 0.1, messages: 600, seed: 5 };

  it("repeat exactly with the same seed and differ with another", () => {
    const a = runStatistics({ ...input }, { chunk: 200 });
    const b = runStatistics({ ...input }, { chunk: 200 });
    const c = runStatistics({ ...input, seed: 6 }, { chunk: 200 });
    expect(a).toEqual(b);
    expect(c.packetsPerMessage).not.toBe(a.packetsPerMessage);
  });

  it("stop between chunks when asked, with the partial result", () => {
    const progress: number[] = [];
    let asked = 0;
    const s = runStatistics(
      { qos: 1, probability: 0.1, messages: 1000, seed: 5 },
      {
        chunk: 100,
        onProgress: (done) => progress.push(done),
        shouldStop: () => ++asked === 3,
      },
    );
    expect(progress).toEqual([100, 200, 300]);
    expect(s).toMatchObject({ messages: 300, requested: 1000, stopped: true });
  });

  it("report monotonic progress that ends at the total", () => {
    const seen: [number, number][] = [];
    const curve = lossCurve({ messages: 150, seed: 3 }, [0, 0.1], {
      chunk: 100,
      onProgress: (done, total) => seen.push([done, total]),
    });
    expect(curve.stopped).toBe(false);
    expect(seen.every(([, total]) => total === 900)).toBe(true);
    for (let i = 1; i < seen.length; i++) expect(seen[i]![0]).toBeGreaterThan(seen[i - 1]![0]);
    expect(seen.at(-1)?.[0]).toBe(900);
  });

  it("compare QoS levels round-robin, so a stopped comparison stays balanced", () => {
    let asked = 0;
    const c = compareQos(
      { probability: 0.05, messages: 500, seed: 9 },
      { chunk: 100, shouldStop: () => ++asked === 4 },
    );
    expect(c.stopped).toBe(true);
    expect(c.results.map((r) => r.messages)).toEqual([200, 100, 100]);
    expect(c.results.map((r) => r.probability)).toEqual([0.05, 0.05, 0.05]);
  });

  it("can be stepped by hand (for a worker that yields between chunks)", () => {
    const run = new StatisticsRun({ qos: 0, probability: 0.2, messages: 250, seed: 1 }, 100);
    const sizes: number[] = [];
    while (!run.finished) sizes.push(run.step());
    expect(sizes).toEqual([100, 100, 50]);
    expect(run.step()).toBe(0);
    expect(run.result()).toEqual(
      runStatistics({ qos: 0, probability: 0.2, messages: 250, seed: 1 }, { chunk: 100 }),
    );
  });

  it("depend on the chunk size only through the draws: one message per chunk agrees with 800", () => {
    const input = { qos: 1 as const, probability: 0.2, messages: 800, seed: 21 };
    const single = runStatistics(input, { chunk: 1 });
    const whole = runStatistics(input, { chunk: 800 });
    expect(Math.abs(single.duplicated.share - whole.duplicated.share)).toBeLessThan(
      4 * Math.SQRT2 * sd(0.2, 800),
    );
    expect(Math.abs(single.packetsPerMessage - whole.packetsPerMessage)).toBeLessThan(0.3);
  });

  it("keep messages isolated: no exchange reaches the next publish", () => {
    const s = runStatistics({ qos: 1, probability: MAX_PROBABILITY, messages: 300, seed: 4, hops: 2 });
    expect(s.publishIntervalMs).toBe(PUBLISH_INTERVAL_MS);
    expect(s.longestExchangeMs).toBeGreaterThan(0);
    expect(s.isolated).toBe(true);
  });

  it("refuse bad input before any work", () => {
    expect(() => runStatistics({ qos: 0, probability: 0.9, messages: 10, seed: 1 })).toThrow(RangeError);
    expect(() => runStatistics({ qos: 0, probability: 0.1, messages: 0, seed: 1 })).toThrow(/messages/);
    expect(() => runStatistics({ qos: 0, probability: 0.1, messages: 10, seed: 1 }, { chunk: 0 })).toThrow(
      /chunk/,
    );
    expect(() =>
      runStatistics({
        qos: 1,
        probability: 0.1,
        messages: 10,
        seed: 1,
        retransmit: "on-timeout",
        protocol: "5.0",
      }),
    ).toThrow(ScenarioError);
  });
});

describe("loss curve", () => {
  it("has a point per p and QoS; loss and duplicates grow with p, QoS 2 stays exactly once", () => {
    const { points } = lossCurve({ messages: 250, seed: 8 }, [0, 0.1, 0.3]);
    expect(points.map((p) => [p.probability, p.qos])).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [0.1, 0],
      [0.1, 1],
      [0.1, 2],
      [0.3, 0],
      [0.3, 1],
      [0.3, 2],
    ]);
    const at = (probability: number, qos: number) =>
      points.find((p) => p.probability === probability && p.qos === qos)!;
    expect([at(0, 0).lost, at(0, 1).duplicated]).toEqual([0, 0]);
    expect(at(0.3, 0).lost).toBeGreaterThan(at(0.1, 0).lost);
    expect(at(0.3, 1).duplicated).toBeGreaterThan(at(0.1, 1).duplicated);
    expect(points.filter((p) => p.qos === 2).map((p) => p.once)).toEqual([1, 1, 1]);
  });
});
