import { describe, expect, it } from "vitest";
import { SPEC_BEHAVIOUR, type Behaviour } from "../protocol/behaviour.ts";
import { ACK_REASON_CODES, ackReasonCode, REFUSAL_CODES, reasonCodeLabel } from "../protocol/reasonCodes.ts";
import type { Behaviours } from "./behaviours.ts";
import { FlowControl, SendQuota } from "./flowControl.ts";
import { parseScenarioOrThrow } from "./scenario.ts";

const spec: Behaviours = { publisher: SPEC_BEHAVIOUR, broker: SPEC_BEHAVIOUR, subscriber: SPEC_BEHAVIOUR };
const entry = (n: number) => ({ n });

describe("SendQuota", () => {
  it("admits up to Receive Maximum, queues the rest in order and lets them go as quota returns", () => {
    const q = new SendQuota<{ n: number }>(2, 0);
    const [a, b, c, d] = [1, 2, 3, 4].map(entry) as [
      { n: number },
      { n: number },
      { n: number },
      { n: number },
    ];
    expect([a, b, c, d].map((x) => q.admit(x))).toEqual([true, true, false, false]);
    expect(q.inFlight).toBe(2);
    q.release(b);
    expect(q.drain()).toEqual([c]);
    q.release(a);
    q.release(c);
    expect(q.drain()).toEqual([d]);
    expect(q.drain()).toEqual([]);
  });

  it("a later message waits behind an earlier waiting one even when there is room (order kept)", () => {
    const q = new SendQuota<{ n: number }>(1, 0);
    const [a, b, c] = [1, 2, 3].map(entry) as [{ n: number }, { n: number }, { n: number }];
    q.admit(a);
    expect(q.admit(b)).toBe(false);
    q.release(a);
    expect(q.admit(c)).toBe(false);
    expect(q.drain()).toEqual([b]);
  });

  it("an implementation's excess lets more than Receive Maximum be unacknowledged (Mosquitto had 3 toward 2)", () => {
    const q = new SendQuota<{ n: number }>(2, 1);
    expect([1, 2, 3, 4].map((n) => q.admit(entry(n)))).toEqual([true, true, true, false]);
    expect(q.receiveMaximum).toBe(2);
  });

  it("a message discarded while waiting never goes out; a wait is reported once per message", () => {
    const q = new SendQuota<{ n: number }>(1, 0);
    const [a, b] = [1, 2].map(entry) as [{ n: number }, { n: number }];
    q.admit(a);
    q.admit(b);
    expect(q.firstWait(b)).toBe(true);
    expect(q.firstWait(b)).toBe(false);
    q.release(b);
    q.release(a);
    expect(q.drain()).toEqual([]);
  });
});

describe("SendQuota after a restart", () => {
  it("a flow restored as sent holds quota: what was queued waits for its acknowledgement", () => {
    const q = new SendQuota<{ n: number }>(1, 0);
    const [restored, queued] = [1, 2].map(entry) as [{ n: number }, { n: number }];
    q.restored(restored);
    q.reconnected();
    expect(q.inFlight).toBe(1);
    expect(q.admit(queued)).toBe(false);
    q.release(restored);
    expect(q.drain()).toEqual([queued]);
  });
});

describe("FlowControl reason codes and knobs", () => {
  const scenario = (extra: Record<string, unknown>) => parseScenarioOrThrow({ publishQos: 1, ...extra });
  const knobs = (broker: Partial<Behaviour>): Behaviours => ({
    ...spec,
    broker: { ...SPEC_BEHAVIOUR, ...broker },
  });

  it("the specification's behaviour answers 0x00 everywhere: no reason code, as every trace before profiles", () => {
    const flow = new FlowControl(scenario({}), spec);
    expect(flow.ackReason("broker", { type: "send", packet: "PUBACK" }, undefined, false)).toBeUndefined();
    expect(
      flow.ackReason("broker", { type: "send", packet: "PUBCOMP", unknownId: true }, undefined, true),
    ).toBeUndefined();
  });

  it("unknownPubrelReason and noMatchingSubscribers are read from the receiving party's behaviour (5.0 only)", () => {
    const mosquittoLike = knobs({
      noMatchingSubscribers: { puback: 0x10, pubrec: 0x00 },
      unknownPubrelReason: 0x92,
    });
    const flow = new FlowControl(scenario({}), mosquittoLike);
    expect(flow.ackReason("broker", { type: "send", packet: "PUBACK" }, undefined, false)).toBe(0x10);
    expect(flow.ackReason("broker", { type: "send", packet: "PUBREC" }, undefined, false)).toBeUndefined();
    expect(flow.ackReason("broker", { type: "send", packet: "PUBACK" }, undefined, true)).toBeUndefined();
    expect(
      flow.ackReason("broker", { type: "send", packet: "PUBCOMP", unknownId: true }, undefined, true),
    ).toBe(0x92);
    const v311 = new FlowControl(scenario({ protocol: "3.1.1" }), mosquittoLike);
    expect(v311.ackReason("broker", { type: "send", packet: "PUBACK" }, undefined, false)).toBeUndefined();
  });

  it("a refusal carries the scenario's code for that hop and message", () => {
    const flow = new FlowControl(scenario({ refusals: [{ message: 1, reasonCode: 0x97 }] }), spec);
    expect(flow.refusalOf("publisher-broker", 1, 0, false)).toBe(0x97);
    expect(flow.refusalOf("broker-subscriber", 1, 0, false)).toBeUndefined();
    expect(flow.ackReason("broker", { type: "send", packet: "PUBACK", refusal: true }, 0x97, true)).toBe(
      0x97,
    );
  });

  it("overrunReason: a receiver whose Receive Maximum is full refuses a new PUBLISH (Mosquitto's 0x97); spec takes it", () => {
    const rm2 = scenario({ receiveMaximum: { broker: 2 } });
    const mosquittoLike = new FlowControl(rm2, knobs({ overrunReason: 0x97 }));
    expect(mosquittoLike.refusalOf("publisher-broker", 3, 1, false)).toBeUndefined();
    expect(mosquittoLike.refusalOf("publisher-broker", 3, 2, false)).toBe(0x97);
    // A repeated PUBLISH of an id it holds is not a new one: answered as before [MQTT-4.3.3-10].
    expect(mosquittoLike.refusalOf("publisher-broker", 3, 2, true)).toBeUndefined();
    expect(new FlowControl(rm2, spec).refusalOf("publisher-broker", 3, 5, false)).toBeUndefined();
    const v311 = new FlowControl(
      scenario({ protocol: "3.1.1", receiveMaximum: { broker: 2 } }),
      knobs({ overrunReason: 0x97 }),
    );
    expect(v311.refusalOf("publisher-broker", 3, 2, false)).toBeUndefined();
  });

  it("the broker's default Receive Maximum goes in CONNACK when it is not 65535; the scenario's value wins", () => {
    expect(new FlowControl(scenario({}), spec).connackProperties()).toBeUndefined();
    expect(new FlowControl(scenario({}), knobs({ receiveMaximum: 20 })).connackProperties()).toEqual({
      receiveMaximum: 20,
    });
    const given = scenario({ receiveMaximum: { broker: 5 } });
    expect(new FlowControl(given, knobs({ receiveMaximum: 20 })).connackProperties()).toEqual({
      receiveMaximum: 5,
    });
    expect(
      new FlowControl(
        scenario({ protocol: "3.1.1", receiveMaximum: { broker: 5 } }),
        spec,
      ).connackProperties(),
    ).toBeUndefined();
  });

  it("per-message QoS and times default to publishQos and the interval", () => {
    const flow = new FlowControl(
      scenario({ messages: [{ qos: 2 }, {}, { atMs: 1500 }, {}], timing: { publishIntervalMs: 100 } }),
      spec,
    );
    expect([1, 2, 3, 4].map((m) => flow.qosOf(m))).toEqual([2, 1, 1, 1]);
    expect(flow.publishAt(1, 0)).toBe(0);
    expect(flow.publishAt(2, 0)).toBe(100);
    expect(flow.publishAt(3, 100)).toBe(1500);
    expect(flow.publishAt(4, 1500)).toBe(1600);
  });
});

describe("reason codes table", () => {
  it("says each code's meaning, and which codes refuse a PUBLISH", () => {
    expect(REFUSAL_CODES).toEqual([0x80, 0x83, 0x87, 0x90, 0x91, 0x97, 0x99]);
    expect(ackReasonCode(0x92)?.packets).toEqual(["PUBREL", "PUBCOMP"]);
    expect(reasonCodeLabel(0x87)).toBe("0x87 Not authorized");
    expect(reasonCodeLabel(0x42)).toBe("0x42");
    for (const info of ACK_REASON_CODES) expect(info.meaning.length).toBeGreaterThan(10);
  });
});
