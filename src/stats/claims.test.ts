import { describe, expect, it } from "vitest";
import { checkClaims, SEARCH_STEPS, type ClaimCheck } from "./claims.ts";

const byId = (rows: ClaimCheck[]) => new Map(rows.map((r) => [r.id, r]));

describe("checkClaims", () => {
  it("one hop, persistent, MQTT as written: 5 % duplicates need p ≈ 5 %; QoS 2 exactly once", () => {
    const progress: number[] = [];
    const report = checkClaims({ messages: 500, seed: 1 }, { onProgress: (done) => progress.push(done) });
    // Theory for this model: P(duplicate) = p (see randomLoss.test.ts); 500 messages add ~±2 points.
    expect(report.duplicateLossRate).toBeGreaterThan(0.025);
    expect(report.duplicateLossRate).toBeLessThan(0.075);
    const rows = byId(report.rows);
    for (const qos of [0, 1, 2]) expect(rows.get(`packets-lossless-qos${qos}`)?.holds).toBe(true);
    expect(rows.get("duplicates-qos1")?.holds).toBe(true);
    expect(rows.get("delivered-qos1")?.holds).toBe(true);
    expect(rows.get("once-qos2")?.holds).toBe(true);
    // A lost packet costs a reconnect: CONNECT/CONNACK push QoS 1 beyond "2 packets" by > 10 %.
    expect(rows.get("packets-lossy-qos1")?.holds).toBe(false);
    expect(rows.get("latency-qos0")).toMatchObject({ checkable: false, holds: false });
    expect(rows.get("latency-qos1")).toMatchObject({ checkable: true, expectedValue: 2.5 });
    // Progress: 3 × 20 lossless, 1 + SEARCH_STEPS search runs, 3 lossy runs of 500 messages.
    expect(progress.at(-1)).toBe(60 + (SEARCH_STEPS + 1) * 500 + 1500);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  it("clean sessions: QoS 1 never duplicates, it loses, and QoS 2 is not exactly once", () => {
    const report = checkClaims({ messages: 300, seed: 2, session: "clean" });
    expect(report.duplicateLossRate).toBeNull();
    expect(report.lossyProbability).toBeCloseTo(0.05, 10);
    const rows = byId(report.rows);
    expect(rows.get("duplicates-qos1")?.holds).toBe(false);
    expect(rows.get("delivered-qos1")?.holds).toBe(false);
    expect(rows.get("once-qos2")?.holds).toBe(false);
    expect(rows.get("lost-qos0")?.holds).toBe(true);
  });

  it("stops between chunks with no rows", () => {
    let asked = 0;
    const report = checkClaims({ messages: 200, seed: 3 }, { chunk: 100, shouldStop: () => ++asked > 5 });
    expect(report).toMatchObject({ stopped: true, rows: [] });
  });
});
