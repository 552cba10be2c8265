import { describe, expect, it } from "vitest";
import { simulate } from "../sim/simulate.ts";
import { diffTraces } from "./diff.ts";
import type { RealPacketEvent, RealTraceEvent } from "./realTrace.ts";
import { asReal } from "./testing.ts";

const base = { protocol: "5.0", publishQos: 2, session: "persistent" } as const;

describe("diffTraces", () => {
  it("finds nothing between a trace and itself", () => {
    const t = simulate({
      ...base,
      subscriber: { qos: 2 },
      faults: [{ hop: "publisher-broker", packet: "PUBREC" }],
    });
    expect(diffTraces(t, asReal(t))).toEqual([]);
  });

  it("compares no QoS 2 hand-on point where the broker's profile took the flows to QoS 1", () => {
    // RabbitMQ 3 answers a QoS 2 PUBLISH with PUBACK and grants a QoS 2 subscription QoS 1.
    const t = simulate({
      protocol: "3.1.1",
      publishQos: 2,
      subscriber: { qos: 2 },
      profiles: { broker: "rabbitmq-3" },
    });
    expect(diffTraces(t, asReal(t))).toEqual([]);
  });

  it("names a Method B broker as the only difference from a Method A model", () => {
    const a = simulate(base);
    const b = simulate({ ...base, qos2Delivery: { broker: "on-publish" } });
    const diff = diffTraces(a, asReal(b, a));
    expect(diff).toEqual([
      expect.objectContaining({
        kind: "hand-on",
        party: "broker",
        message: 1,
        model: "PUBREL",
        real: "PUBLISH",
        sentence:
          "The broker handed message 1 on when the PUBLISH arrived (Method B); the model, set to Method A, waits for the PUBREL.",
      }),
    ]);
  });

  it("names a Method A subscriber against a Method B model, seen through the packets alone", () => {
    const scenario = { ...base, subscriber: { qos: 2 }, qos2Delivery: { subscriber: "on-publish" } } as const;
    const model = simulate(scenario);
    const real = asReal(simulate({ ...scenario, qos2Delivery: { subscriber: "on-pubrel" } }), model);
    // Without causedBy the trigger is the last PUBLISH or PUBREL that reached the subscriber.
    real.events = real.events.map((e) => {
      const copy = { ...e };
      if ("causedBy" in copy) delete copy.causedBy;
      return copy;
    });
    const diff = diffTraces(model, real);
    expect(diff.map((d) => [d.kind, d.party, d.real])).toEqual([["hand-on", "subscriber", "PUBREL"]]);
    expect(diff[0]?.sentence).toBe(
      "The subscriber handed message 1 on when the PUBREL arrived (Method A); the model, set to Method B, hands it on at the PUBLISH.",
    );
  });

  it("sees a broker's hand-on in its onward PUBLISH when no broker delivery is recorded", () => {
    const scenario = { ...base, subscriber: { qos: 1 } } as const;
    const model = simulate(scenario);
    const real = asReal(simulate({ ...scenario, qos2Delivery: { broker: "on-publish" } }), model);
    real.events = real.events.filter((e) => !(e.type === "deliver" && e.at === "broker"));
    expect(diffTraces(model, real).map((d) => [d.kind, d.party, d.real])).toEqual([
      ["hand-on", "broker", "PUBLISH"],
    ]);
  });

  it("names a missing packet and a different delivery count (clean QoS 2, PUBREC lost, Method A vs B)", () => {
    const fault = { hop: "publisher-broker", packet: "PUBREC" } as const;
    const scenario = { ...base, session: "clean", subscriber: { qos: 2 }, faults: [fault] } as const;
    const modelB = simulate({ ...scenario, qos2Delivery: { broker: "on-publish" } });
    const realA = asReal(simulate(scenario), modelB);
    const diff = diffTraces(modelB, realA);
    expect(diff.map((d) => d.kind)).toContain("missing");
    const deliveries = diff.find((d) => d.kind === "deliveries");
    expect(deliveries).toMatchObject({ party: "subscriber", message: 1, model: 1, real: 0 });
    expect(deliveries?.sentence).toBe("The subscriber never got message 1; the model delivers it once.");
    const missing = diff.find(
      (d) => d.kind === "missing" && d.hop === "broker-subscriber" && d.packet === "PUBLISH",
    );
    expect(missing?.sentence).toBe(
      "The broker did not send the PUBLISH of message 1 on the broker → subscriber hop, which the model expects.",
    );
  });

  it("names a resend on a live connection (a 3.1.1 timer resend against the on-reconnect model)", () => {
    const scenario = {
      protocol: "3.1.1",
      publishQos: 1,
      faults: [{ hop: "publisher-broker", packet: "PUBACK" }],
    } as const;
    const model = simulate({ ...scenario, faults: [] });
    const timer = simulate({ ...scenario, retransmit: "on-timeout" });
    const diff = diffTraces(model, asReal(timer, model));
    const resend = diff.filter((d) => d.kind === "unexpected" && d.packet === "PUBLISH");
    expect(resend).toHaveLength(1);
    expect(resend[0]?.sentence).toBe(
      "The publisher resent the second PUBLISH of message 1 on the publisher → broker hop on a live connection; the model resends only after a reconnect, as MQTT 3.1.1 requires [MQTT-4.4.0-1].",
    );
    expect(diff.find((d) => d.kind === "cut")?.sentence).toBe(
      "The relay cut the PUBACK of message 1 on the publisher → broker hop, which the model does not lose.",
    );
  });

  it("names a different reason code, packet id and flags on a paired packet", () => {
    const model = simulate({
      ...base,
      publishQos: 1,
      messages: [{ topic: "a", payload: "x", retain: false }],
    });
    const real = asReal(model);
    real.events = real.events.map((e): RealTraceEvent => {
      if (e.type !== "packet") return e;
      if (e.packet === "PUBACK") return { ...e, reasonCode: 0x10 } satisfies RealPacketEvent;
      return { ...e, packetId: 7, dup: true, retain: true, qos: 2 };
    });
    const diff = diffTraces(model, real);
    expect(diff.map((d) => [d.kind, d.flag ?? "", d.model, d.real])).toEqual([
      ["flag", "qos", 1, 2],
      ["flag", "dup", false, true],
      ["flag", "retain", false, true],
      ["reason-code", "", 0, 0x10],
      ["packet-id", "", 1, 1],
    ]);
    expect(diff[3]?.sentence).toBe(
      "The broker sent the PUBACK of message 1 on the publisher → broker hop with reason code 0x10; the model sends 0x00.",
    );
    // The PUBLISH's id 7 is the publisher's choice; the PUBACK must answer with it.
    expect(diff[4]?.sentence).toBe(
      "The broker sent the PUBACK of message 1 on the publisher → broker hop with packet id 1; in the model it carries the id this message already has on this hop (7 here).",
    );
  });

  it("compares packet ids up to renaming: a broker's own ids are no difference, a resend with a new id is", () => {
    const model = simulate({
      ...base,
      subscriber: { qos: 1 },
      faults: [{ hop: "broker-subscriber", packet: "PUBACK" }],
    });
    const renamed = asReal(model);
    renamed.events = renamed.events.map((e) =>
      e.type === "packet" && e.hop === "broker-subscriber" && e.packetId !== undefined
        ? { ...e, packetId: 9949 }
        : e,
    );
    expect(diffTraces(model, renamed)).toEqual([]);
    let publishes = 0;
    const newId = asReal(model);
    newId.events = newId.events.map((e) => {
      if (e.type !== "packet" || e.hop !== "broker-subscriber" || e.packetId === undefined) return e;
      if (e.packet === "PUBLISH") publishes += 1;
      return { ...e, packetId: publishes === 2 ? 2 : 1 };
    });
    const diff = diffTraces(model, newId);
    expect(diff.map((d) => [d.kind, d.packet, d.model, d.real])).toEqual([
      ["packet-id", "PUBLISH", 1, 2],
      ["packet-id", "PUBACK", 1, 2],
    ]);
    expect(diff[0]?.sentence).toBe(
      "The broker sent the second PUBLISH of message 1 on the broker → subscriber hop with packet id 2; in the model it carries the id this message already has on this hop (1 here).",
    );
  });

  it("ignores the initial connection and packets the model never draws", () => {
    const model = simulate({ ...base, publishQos: 0 });
    const real = asReal(model);
    const connect: RealPacketEvent = {
      t: 0,
      type: "packet",
      hop: "publisher-broker",
      from: "publisher",
      to: "broker",
      packet: "CONNECT",
      dup: false,
      retain: false,
      bytes: 2,
      hex: "10 00",
    };
    const ping: RealPacketEvent = { ...connect, packet: "PINGREQ", hex: "c0 00" };
    real.events = [connect, ping, ...real.events];
    expect(diffTraces(model, real)).toEqual([]);
  });

  it("does not compare one-hop deliveries the run could not see", () => {
    const model = simulate({ ...base, publishQos: 1 });
    const real = asReal(model);
    real.events = real.events.filter((e) => e.type !== "deliver");
    expect(diffTraces(model, real)).toEqual([]);
    expect(diffTraces(model, { ...real, deliveriesSeenAt: ["broker"] })).toEqual([
      expect.objectContaining({ kind: "deliveries", party: "broker", model: 1, real: 0 }),
    ]);
  });
});

describe("the delivery sentence", () => {
  it("counts both sides in words", () => {
    const scenario = {
      ...base,
      session: "clean",
      subscriber: { qos: 2 },
      faults: [{ hop: "publisher-broker", packet: "PUBREL" }],
    } as const;
    const model = simulate(scenario);
    const real = asReal(simulate({ ...scenario, qos2Delivery: { broker: "on-publish" } }), model);
    expect(diffTraces(model, real).find((d) => d.kind === "deliveries")?.sentence).toBe(
      "The subscriber got message 1 once; the model never delivers it.",
    );
  });
});

describe("connections", () => {
  const scenario = {
    ...base,
    publishQos: 1,
    faults: [{ hop: "publisher-broker", packet: "PUBACK" }],
  } as const;
  const model = simulate(scenario);

  it("names a CONNACK whose Session Present differs, read from its bytes when the field is absent", () => {
    const real = asReal(model);
    real.events = real.events.map((e): RealTraceEvent => {
      if (e.type !== "packet" || e.packet !== "CONNACK") return e;
      const copy: RealPacketEvent = { ...e, hex: "20 03 00 00 00" };
      delete copy.sessionPresent;
      return copy;
    });
    const diff = diffTraces(model, real);
    expect(diff.map((d) => [d.kind, d.flag, d.model, d.real])).toEqual([
      ["flag", "sessionPresent", true, false],
    ]);
    expect(diff[0]?.sentence).toBe(
      "The broker sent the CONNACK on the publisher → broker hop with Session Present=0; the model sends Session Present=1.",
    );
  });

  it("names a connection that broke more often than the model's", () => {
    const real = asReal(model);
    real.events = [...real.events, { t: 5_000, type: "connection-lost", hop: "publisher-broker" }];
    const diff = diffTraces(model, real);
    expect(diff).toEqual([
      {
        kind: "connection-lost",
        hop: "publisher-broker",
        model: 1,
        real: 2,
        sentence:
          "The connection between the publisher and the broker broke twice; the model breaks it once.",
      },
    ]);
  });
});
