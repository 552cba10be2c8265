/**
 * Receive Maximum not honoured: a publisher that ignores it (MQTT.js) and a broker that refuses the
 * overrun with PUBREC 0x97 "Quota exceeded" (what Mosquitto did on loopback). The behaviours are set
 * here by mocking behavioursOf, as an implementation profile would set them.
 */
import { describe, expect, it, vi } from "vitest";
import { SPEC_BEHAVIOUR } from "../protocol/behaviour.ts";
import { causeProblems } from "./causeRules.ts";
import { sequence } from "./sequence.ts";
import { simulate } from "./simulate.ts";

vi.mock("./behaviours.ts", async (importOriginal) => ({
  ...(await importOriginal<typeof import("./behaviours.ts")>()),
  behavioursOf: () => ({
    publisher: { ...SPEC_BEHAVIOUR, receiveMaximumExcess: 65_535 },
    broker: { ...SPEC_BEHAVIOUR, overrunReason: 0x97 },
    subscriber: SPEC_BEHAVIOUR,
  }),
}));

describe("a publisher past the broker's Receive Maximum", () => {
  it("gets PUBREC 0x97 for the messages beyond it; those flows end there, never resent nor delivered", () => {
    const trace = simulate({
      publishQos: 2,
      receiveMaximum: { broker: 2 },
      messages: [{ atMs: 0 }, { atMs: 0 }, { atMs: 0 }, { atMs: 0 }],
    });
    expect(sequence(trace)).toEqual([
      "0 publisher>broker CONNECT",
      "40 broker>publisher CONNACK sp=1 receiveMaximum=2",
      "80 publisher>broker PUBLISH id=1 qos=2",
      "80 publisher>broker PUBLISH id=2 qos=2",
      "80 publisher>broker PUBLISH id=3 qos=2",
      "80 publisher>broker PUBLISH id=4 qos=2",
      "120 broker>publisher PUBREC id=1",
      "120 broker>publisher PUBREC id=2",
      "120 broker>publisher PUBREC id=3 rc=0x97",
      "120 broker>publisher PUBREC id=4 rc=0x97",
      "160 publisher>broker PUBREL id=1",
      "160 publisher>broker PUBREL id=2",
      "200 deliver@broker m1 #1",
      "200 process@broker m1",
      "200 broker>publisher PUBCOMP id=1",
      "200 deliver@broker m2 #1",
      "200 process@broker m2",
      "200 broker>publisher PUBCOMP id=2",
    ]);
    expect(trace.outcome.messages.map((m) => m.verdict)).toEqual(["once", "once", "lost", "lost"]);
    expect(causeProblems(trace)).toEqual([]);
  });

  it("3.1.1 has no reason codes: the overrun is taken (the broker's limit is its own window)", () => {
    const trace = simulate({
      protocol: "3.1.1",
      publishQos: 2,
      receiveMaximum: { broker: 1 },
      messages: [{ atMs: 0 }, { atMs: 0 }],
    });
    expect(trace.outcome.messages.map((m) => m.verdict)).toEqual(["once", "once"]);
  });
});
