import { describe, expect, it } from "vitest";
import { parseScenarioOrThrow } from "../sim/scenario.ts";
import { simulate } from "../sim/simulate.ts";
import type { Fault, Trace } from "../sim/types.ts";
import { diffTraces } from "./diff.ts";
import { modelScenarioFor } from "./modelScenario.ts";
import { asReal } from "./testing.ts";

const scenario = parseScenarioOrThrow({
  protocol: "5.0",
  publishQos: 2,
  subscriber: { qos: 2 },
  messages: [{}, {}],
  faults: [{ hop: "publisher-broker", packet: "PUBREC", message: 1 }],
});
const planned = scenario.faults[0] as Fault;
const fault = (f: Partial<Fault> & Pick<Fault, "packet">): Fault => ({
  hop: "publisher-broker",
  message: 1,
  attempt: 1,
  ...f,
});

/** When the packets of `message`'s flows (CONNECT/CONNACK aside) start and end, simulated ms. */
function span(trace: Trace, message: number): { first: number; last: number } {
  const times = trace.events.flatMap((e) =>
    e.type === "packet" && e.message === message && e.packet !== "CONNECT" && e.packet !== "CONNACK"
      ? [e.t]
      : [],
  );
  return { first: Math.min(...times), last: Math.max(...times) };
}

describe("modelScenarioFor", () => {
  it("is the scenario itself when random loss cut nothing", () => {
    expect(modelScenarioFor(scenario, { cuts: [] })).toBe(scenario);
    expect(modelScenarioFor(scenario, { cuts: [{ fault: { ...planned } }] })).toBe(scenario);
  });

  it("appends each random cut as a fault, in the order cut, and changes nothing else", () => {
    const random = [
      fault({ hop: "broker-subscriber", packet: "PUBCOMP", message: 2 }),
      fault({ packet: "CONNECT", attempt: 1 }),
    ];
    const before = structuredClone(scenario);
    const model = modelScenarioFor(scenario, {
      cuts: [{ fault: random[0] as Fault }, { fault: planned }, { fault: random[1] as Fault }],
    });
    const { timing, ...rest } = model;
    const { timing: given, ...same } = scenario;
    expect(rest).toEqual({ ...same, faults: [planned, ...random] });
    expect(timing).toEqual({ ...given, publishIntervalMs: timing.publishIntervalMs });
    expect(scenario).toEqual(before);
  });

  it("counts a planned fault once: the same transmission cut again is a random cut", () => {
    // The relay never meets one transmission twice; were it to, the second cut would be random.
    const model = modelScenarioFor(scenario, { cuts: [{ fault: planned }, { fault: { ...planned } }] });
    expect(model.faults).toEqual([planned, planned]);
  });

  it("keeps two identical planned faults for one cut, as the relay applies only the first", () => {
    const twice = { ...scenario, faults: [planned, { ...planned }] };
    expect(modelScenarioFor(twice, { cuts: [{ fault: planned }] })).toBe(twice);
  });

  it("matches CONNECT and CONNACK faults by attempt, whatever their message says", () => {
    const connect = fault({ packet: "CONNACK", message: 2, attempt: 1 });
    const withConnack = { ...scenario, faults: [connect] };
    const cut = { fault: { ...connect, message: 1 } };
    expect(modelScenarioFor(withConnack, { cuts: [cut] })).toBe(withConnack);
    expect(
      modelScenarioFor(withConnack, { cuts: [{ fault: { ...connect, attempt: 2 } }] }).faults,
    ).toHaveLength(2);
  });

  it("stretches the model's interval so each message's flow, every reconnect included, ends before the next", () => {
    // Many losses on message 1: with the scenario's interval the model would publish message 2
    // during the reconnects, which the real publisher (one message at a time) never does.
    const losses = [1, 2, 3, 4].map((attempt) => fault({ packet: "PUBREC", attempt }));
    const model = modelScenarioFor(scenario, { cuts: losses.map((f) => ({ fault: f })) });
    expect(model.timing.publishIntervalMs).toBeGreaterThan(scenario.timing.publishIntervalMs);
    const stretched = simulate(model);
    expect(span(stretched, 2).first).toBeGreaterThan(span(stretched, 1).last);
    // The same losses on the scenario's own interval overlap: the stretch is needed.
    const tight = simulate({ ...scenario, faults: [...scenario.faults, ...losses] });
    expect(span(tight, 2).first).toBeLessThan(span(tight, 1).last);
  });

  it("gives a model that loses the packets random loss cut, so a run that did the same agrees", () => {
    const random = fault({ hop: "broker-subscriber", packet: "PUBREC", message: 2 });
    const model = simulate(modelScenarioFor(scenario, { cuts: [{ fault: planned }, { fault: random }] }));
    const lost = model.events.filter((e) => e.type === "packet" && e.lostBy === "fault");
    expect(lost.map((e) => e.type === "packet" && [e.hop, e.packet, e.message])).toEqual([
      ["publisher-broker", "PUBREC", 1],
      ["broker-subscriber", "PUBREC", 2],
    ]);
    // A real run that lost the same two packets agrees with this model, not with the scenario's.
    const real = asReal(model);
    expect(diffTraces(model, real)).toEqual([]);
    expect(diffTraces(simulate(scenario), real).map((d) => d.kind)).toContain("cut");
  });
});
