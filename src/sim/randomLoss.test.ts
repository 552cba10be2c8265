import { describe, expect, it } from "vitest";
import { simulate } from "./simulate.ts";

const many = (n: number) => Array.from({ length: n }, () => ({}));

describe("random loss", () => {
  it("repeats exactly with the same seed and differs with another", () => {
    const scenario = { publishQos: 1, subscriber: { qos: 1 }, messages: many(200) };
    const a = simulate(scenario, { randomLoss: { probability: 0.1, seed: 7 } });
    const b = simulate(scenario, { randomLoss: { probability: 0.1, seed: 7 } });
    const c = simulate(scenario, { randomLoss: { probability: 0.1, seed: 8 } });
    expect(a).toEqual(b);
    expect(a.events).not.toEqual(c.events);
  });

  it("changes nothing at probability 0", () => {
    const scenario = { publishQos: 2, messages: many(5), faults: [{ packet: "PUBREC" as const }] };
    expect(simulate(scenario, { randomLoss: { probability: 0, seed: 3 } })).toEqual(simulate(scenario));
  });

  it("marks its losses as random, apart from the scenario's faults", () => {
    const trace = simulate(
      { publishQos: 1, messages: many(50), faults: [{ packet: "PUBLISH" as const }] },
      { randomLoss: { probability: 0.2, seed: 1 } },
    );
    const causes = new Set(trace.events.flatMap((e) => (e.type === "packet" && e.dropped ? [e.lostBy] : [])));
    expect(causes.has("fault")).toBe(true);
    expect(causes.has("random")).toBe(true);
  });

  it("loses about p of QoS 0 messages, the value computed by hand", () => {
    // One hop, QoS 0: a message is lost exactly when its single PUBLISH is lost (the reconnect is
    // over long before the next message), so the lost share converges to p.
    const n = 20_000;
    const trace = simulate(
      { publishQos: 0, messages: many(n) },
      { randomLoss: { probability: 0.1, seed: 42 } },
    );
    const lost = trace.outcome.messages.filter((m) => m.verdict === "lost").length / n;
    expect(lost).toBeGreaterThan(0.09);
    expect(lost).toBeLessThan(0.11);
  });
});
