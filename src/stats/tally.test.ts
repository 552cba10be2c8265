import { describe, expect, it } from "vitest";
import { Histogram } from "./tally.ts";

describe("Histogram", () => {
  it("gives the mean and the nearest-rank 95th percentile", () => {
    const h = new Histogram();
    for (let v = 1; v <= 100; v++) h.add(v);
    expect(h.summary(10)).toEqual({
      count: 100,
      meanMs: 50.5,
      p95Ms: 95,
      maxMs: 100,
      meanLatencies: 5.05,
      p95Latencies: 9.5,
    });
  });

  it("keeps float noise out of its bins, and is empty without values", () => {
    const h = new Histogram();
    h.add(0.1 + 0.2);
    h.add(0.3);
    expect(h.summary(1)).toMatchObject({ count: 2, p95Ms: 0.3, maxMs: 0.3 });
    expect(new Histogram().summary(1)).toBeNull();
  });
});
