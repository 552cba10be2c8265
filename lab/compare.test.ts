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

describe("compareWithModel, the issue-14 connection packets", () => {
  const offline = {
    protocol: "5.0",
    publishQos: 1,
    subscriber: { qos: 1, offline: [{ atMs: 100, forMs: 500, end: "disconnect" }] },
    messages: [{ atMs: 300 }],
  } as const;
  const opening = [
    packet({ packet: "CONNECT" }),
    packet({ from: "broker", to: "subscriber", packet: "CONNACK", sessionPresent: true }),
  ];

  it("leaves out the run's opening CONNECT/CONNACK when the model's first CONNECT ends an offline period", () => {
    const model = simulate(offline);
    const real = { scenario: model.scenario, events: [...opening, ...model.events], deliveriesSeenAt: [] };
    expect(compareWithModel(model, real)).toEqual([]);
    // The return's own CONNACK is still compared.
    const events = model.events.map((e) =>
      e.type === "packet" && e.packet === "CONNACK" ? { ...e, sessionPresent: false } : e,
    );
    const wrong = compareWithModel(model, { ...real, events: [...opening, ...events] });
    expect(wrong.map((d) => d.sentence)).toContain(
      "On broker-subscriber, connection packet 3: the model has broker CONNACK Session Present 1 0x00, the real run broker CONNACK Session Present 0 0x00.",
    );
  });

  it("keeps a model's opening handshake (a late subscriber) paired with the run's", () => {
    const model = simulate({ ...offline, subscriber: { qos: 1, joinAtMs: 200 } });
    const real = { scenario: model.scenario, events: model.events, deliveriesSeenAt: [] };
    expect(compareWithModel(model, real)).toEqual([]);
    // A second opening in the run is not dropped: the model opens this hop itself.
    const twice = compareWithModel(model, { ...real, events: [...opening, ...model.events] });
    expect(twice.filter((d) => d.kind === "unexpected").map((d) => d.real)).toEqual([
      "subscriber SUBSCRIBE",
      "broker SUBACK 0x01",
    ]);
  });

  it("does not read a broker's hand-on point from a retained message it sent at SUBSCRIBE", () => {
    const late = {
      protocol: "3.1.1",
      publishQos: 2,
      subscriber: { qos: 1, joinAtMs: 400 },
      messages: [{ retain: true, atMs: 0 }],
      profiles: { broker: "aedes-1" },
    } as const;
    const model = simulate(late);
    // The onward PUBLISH comes after the PUBREL, as with a Method A broker: not a hand-on point.
    const real = {
      scenario: model.scenario,
      events: model.events.filter((e) => e.type !== "deliver" || e.at !== "broker"),
      deliveriesSeenAt: ["subscriber" as const],
    };
    expect(compareWithModel(model, real).filter((d) => d.kind === "hand-on")).toEqual([]);
  });
});
