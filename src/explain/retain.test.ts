/**
 * Narration and verdicts of retained messages, late subscribers and wills: each new event gets its
 * sentence, and the verdict says why the will went out or did not and how a late subscriber got a
 * retained message.
 */
import { describe, expect, it } from "vitest";
import { runScenario } from "../sim/runScenario.ts";
import { RETAIN_SCENARIOS } from "../sim/retain.testing.ts";
import { narrateAll } from "./narrate.ts";
import { explainOutcome } from "./verdict.ts";

const traceOf = (name: keyof typeof RETAIN_SCENARIOS) => runScenario(RETAIN_SCENARIOS[name]!);

describe("retained messages and wills in words", () => {
  it("narrates every step of every scenario, each new event with its own sentence", () => {
    for (const name of Object.keys(RETAIN_SCENARIOS)) {
      const lines = narrateAll(traceOf(name));
      expect(
        lines.every((l) => l.length > 0),
        name,
      ).toBe(true);
    }
    const late = narrateAll(traceOf("lateSubscriber"));
    expect(late).toContain(
      "The broker keeps message 1 as the retained message of plant/line1/batch: a new subscription gets it at once.",
    );
    expect(late).toContain(
      "Nobody subscribes yet: the late subscriber has not joined, so message 1 goes to no one.",
    );
    expect(narrateAll(traceOf("emptyPayloadClears"))).toContain(
      "An empty retained payload: the broker removes the retained message of plant/line1/batch and keeps none.",
    );
    const crash = narrateAll(traceOf("willOnCrash"));
    expect(crash).toContain("The publisher crashes and never comes back.");
    expect(crash).toContain(
      "The publisher crashes: its connection breaks, losing anything in flight, and it never comes back.",
    );
    expect(crash).toContain(
      `The broker publishes the publisher's will "offline" on plant/line1/status (QoS 1, retained) as message 2: the publisher's connection ended without DISCONNECT.`,
    );
    expect(narrateAll(traceOf("noWillOnDisconnect"))).toContain(
      "No will: the publisher said goodbye with DISCONNECT 0x00, so the broker deletes its will unsent.",
    );
  });

  it("says in the verdict why the will went out, or why it never did", () => {
    const [, published] = explainOutcome(traceOf("willOnCrash"));
    expect(published?.headline).toBe("processed exactly once");
    expect(published?.why).toMatch(
      /^It is the publisher's will, published by the broker because the connection ended without DISCONNECT/,
    );
    const [, discarded] = explainOutcome(traceOf("noWillOnDisconnect"));
    expect(discarded?.headline).toBe("the will, never published");
    expect(discarded?.why).toMatch(
      /^It is the publisher's will, never published: DISCONNECT 0x00 deleted it/,
    );
    const [, waited] = explainOutcome(traceOf("willDelayReconnect"));
    expect(waited?.why).toMatch(/never published: the publisher reconnected within the Will Delay Interval/);
  });

  it("tells how a late subscriber got the retained message", () => {
    const [first, second] = explainOutcome(traceOf("lateSubscriber"));
    expect(first?.why).toMatch(
      /nobody had subscribed yet; the broker kept it as its topic's retained message and sent it with RETAIN=1 when the subscriber subscribed/,
    );
    expect(second?.why).not.toMatch(/retained message/);
    const [, sensor] = explainOutcome(traceOf("deadSensor"));
    expect(sensor?.why).toMatch(
      /publisher sent DISCONNECT 0x04.*sent it with RETAIN=1 when the subscriber subscribed/,
    );
  });
});
