import { describe, expect, it } from "vitest";
import type { RealTrace } from "../src/live/index.ts";
import { simulate } from "../src/sim/simulate.ts";
import type { PacketEvent, TraceEvent } from "../src/sim/types.ts";
import { compareWithModel } from "./compare.ts";

const scenario = { protocol: "5.0", publishQos: 1, subscriber: { qos: 1 }, messages: [{}, {}] } as const;

/** The model's own trace as a "real" one: what a run that did exactly that records. */
function asReal(events: TraceEvent[]): RealTrace {
  const model = simulate(scenario);
  return { scenario: model.scenario, events, deliveriesSeenAt: ["subscriber"] };
}

const packet = (over: Partial<PacketEvent>): PacketEvent => ({
  t: 0,
  type: "packet",
  hop: "broker-subscriber",
  from: "subscriber",
  to: "broker",
  packet: "SUBSCRIBE",
  dup: false,
  retain: false,
  bytes: 0,
  hex: "",
  arrives: 0,
  dropped: false,
  attempt: 0,
  ...over,
});

describe("compareWithModel", () => {
  it("finds nothing when the real run did what the model did", () => {
    const model = simulate(scenario);
    expect(compareWithModel(model, asReal(model.events))).toEqual([]);
  });

  it("names a different delivery order at the subscriber", () => {
    const model = simulate(scenario);
    const delivers = model.events.filter((e) => e.type === "deliver" && e.at === "subscriber");
    const others = model.events.filter((e) => !(e.type === "deliver" && e.at === "subscriber"));
    const real = asReal([...others, ...[...delivers].reverse()]);
    const order = compareWithModel(model, real).filter((d) => d.kind === "deliveries" && d.model === "1 2");
    expect(order).toMatchObject([
      { real: "2 1", sentence: "The subscriber got messages in the order 2 1, the model 1 2." },
    ]);
  });

  it("compares SUBSCRIBE, SUBACK and DISCONNECT with their reason codes when the model has them", () => {
    const model = simulate(scenario);
    const subscribe = packet({});
    const suback = packet({ from: "broker", to: "subscriber", packet: "SUBACK", reasonCode: 1 });
    const withSub = { ...model, events: [subscribe, suback, ...model.events] };
    // The same in the real run: nothing to say.
    expect(compareWithModel(withSub, asReal(withSub.events))).toEqual([]);
    // The broker granted QoS 0 instead.
    const real = asReal([subscribe, { ...suback, reasonCode: 0 }, ...model.events]);
    expect(compareWithModel(withSub, real).map((d) => d.sentence)).toEqual([
      "On broker-subscriber, connection packet 2: the model has broker SUBACK 0x01, the real run broker SUBACK 0x00.",
    ]);
    // A DISCONNECT only the real run has.
    const disconnect = packet({ packet: "DISCONNECT", reasonCode: 4 });
    const extra = compareWithModel(withSub, asReal([...withSub.events, disconnect]));
    expect(extra).toMatchObject([{ kind: "unexpected", real: "subscriber DISCONNECT 0x04" }]);
  });

  it("leaves the run's own opening handshake and subscription out when the model has none", () => {
    const model = simulate(scenario);
    const connect = packet({ packet: "CONNECT" });
    const connack = packet({ from: "broker", to: "subscriber", packet: "CONNACK", sessionPresent: false });
    const real = asReal([connect, connack, packet({}), ...model.events]);
    expect(compareWithModel(model, real)).toEqual([]);
  });
});
