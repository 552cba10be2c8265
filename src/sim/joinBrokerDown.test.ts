/**
 * A late subscriber that would first connect while the broker is down (a restart) gets no
 * connection: it tries again every reconnectDelayMs, as a reconnecting client does, and its first
 * CONNECT goes out once the broker runs; whether it joins at `joinAtMs` or when an offline period
 * that starts there ends.
 */
import { describe, expect, it } from "vitest";
import { causeProblems } from "./causeRules.ts";
import { simulate } from "./simulate.ts";
import type { PacketEvent, Trace } from "./types.ts";

function subscriberPackets(trace: Trace): PacketEvent[] {
  return trace.events.filter((e): e is PacketEvent => e.type === "packet" && e.hop === "broker-subscriber");
}

/** A crash at 200, up again at 500; clients retry every 120 ms; one message at 1000. */
function scenario(subscriber: object): object {
  return {
    protocol: "5.0",
    publishQos: 1,
    session: "persistent",
    messages: [{ topic: "a", payload: "1", atMs: 1000 }],
    timing: { latencyMs: 40, reconnectDelayMs: 120 },
    broker: { restarts: [{ atMs: 200, kind: "crash", downMs: 300 }] },
    subscriber: { qos: 1, ...subscriber },
  };
}

describe("a late subscriber's first connection while the broker is down", () => {
  const cases: [string, object][] = [
    ["joinAtMs inside the restart", { joinAtMs: 300 }],
    [
      "an offline period from the join that ends inside the restart",
      { joinAtMs: 100, offline: [{ atMs: 100, forMs: 200, end: "cut" }] },
    ],
  ];
  for (const [name, subscriber] of cases) {
    it(`${name}: its CONNECT goes out at its first try after the broker is up`, () => {
      const trace = simulate(scenario(subscriber));
      const packets = subscriberPackets(trace);
      // Tries at 300, 420, then 540: the first at or after 500, when the broker runs again.
      expect(packets.slice(0, 4).map((p) => [p.t, p.packet])).toEqual([
        [540, "CONNECT"],
        [580, "CONNACK"],
        [620, "SUBSCRIBE"],
        [660, "SUBACK"],
      ]);
      expect(packets.filter((p) => p.dropped)).toEqual([]);
      const breaks = trace.events.filter(
        (e) => e.type === "connection-lost" && e.hop === "broker-subscriber",
      );
      expect(breaks).toEqual([]);
      expect(trace.outcome.messages.map((m) => m.verdict)).toEqual(["once"]);
      expect(causeProblems(trace)).toEqual([]);
    });
  }

  it("an offline period that starts while it waits: it abandons the wait, connects when the period ends", () => {
    const trace = simulate(scenario({ joinAtMs: 300, offline: [{ atMs: 450, forMs: 300, end: "cut" }] }));
    const packets = subscriberPackets(trace);
    expect(packets[0]).toMatchObject({ t: 750, packet: "CONNECT", dropped: false });
    expect(packets.filter((p) => p.packet === "CONNECT")).toHaveLength(1);
    expect(trace.outcome.messages.map((m) => m.verdict)).toEqual(["once"]);
    expect(causeProblems(trace)).toEqual([]);
  });
});
