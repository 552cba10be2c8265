/**
 * A late subscriber whose offline period starts at its `joinAtMs` has not connected yet: it joins
 * (CONNECT, SUBSCRIBE) when the period ends, and nothing on its hop is sent, lost or cut before.
 */
import { describe, expect, it } from "vitest";
import { causeProblems } from "./causeRules.ts";
import { simulate } from "./simulate.ts";
import type { PacketEvent, Trace } from "./types.ts";

const SUBSCRIBER_HOP = "broker-subscriber";

/** Messages at 0, 300 (both before the join ends) and 900 (after it), on one topic. */
function scenario(subscriber: object, extra: object = {}): object {
  return {
    protocol: "5.0",
    publishQos: 1,
    session: { publisher: "persistent", subscriber: "persistent" },
    messages: [
      { topic: "a", payload: "1", atMs: 0 },
      { topic: "a", payload: "2", atMs: 300 },
      { topic: "a", payload: "3", atMs: 900 },
    ],
    ...extra,
    subscriber: { qos: 1, joinAtMs: 200, ...subscriber },
  };
}

function hopPackets(trace: Trace): PacketEvent[] {
  return trace.events.filter((e): e is PacketEvent => e.type === "packet" && e.hop === SUBSCRIBER_HOP);
}

function hopEvents(trace: Trace, type: "disconnected" | "connection-lost" | "reconnected"): number[] {
  return trace.events.flatMap((e) => (e.type === type && e.hop === SUBSCRIBER_HOP ? [e.t] : []));
}

describe("an offline period that starts when the late subscriber joins", () => {
  for (const end of ["cut", "disconnect"] as const) {
    for (const session of ["persistent", "clean"] as const) {
      it(`${end}, ${session}: the subscriber first connects when the period ends, nothing lost`, () => {
        const trace = simulate(
          scenario(
            { offline: [{ atMs: 200, forMs: 500, end }] },
            { session: { publisher: "persistent", subscriber: session } },
          ),
        );
        const packets = hopPackets(trace);
        expect(packets.filter((p) => p.t < 700)).toEqual([]);
        expect(packets.filter((p) => p.dropped)).toEqual([]);
        expect(packets.slice(0, 2).map((p) => [p.t, p.packet])).toEqual([
          [700, "CONNECT"],
          [740, "CONNACK"],
        ]);
        // An opening connection: no leaving, no break, no reconnect drawn for it.
        expect(hopEvents(trace, "disconnected")).toEqual([]);
        expect(hopEvents(trace, "connection-lost")).toEqual([]);
        expect(hopEvents(trace, "reconnected")).toEqual([]);
        // Before its SUBSCRIBE nobody has subscribed; after it, the live message arrives once.
        expect(trace.outcome.messages.map((m) => m.verdict)).toEqual(["lost", "lost", "once"]);
        const early = trace.events.filter((e) => e.type === "not-forwarded").map((e) => e.reason);
        expect(early).toEqual(["no-subscription", "no-subscription"]);
        expect(causeProblems(trace)).toEqual([]);
      });
    }
  }

  it("3.1.1: the trace is that of a subscriber that joins when the period ends", () => {
    const base = { protocol: "3.1.1", session: { publisher: "clean", subscriber: "persistent" } };
    const away = simulate(scenario({ offline: [{ atMs: 200, forMs: 500, end: "cut" }] }, base));
    const later = simulate(scenario({ joinAtMs: 700 }, base));
    expect(away.events).toEqual(later.events);
    expect(away.outcome).toEqual(later.outcome);
  });

  it("a period that follows at once moves the join to its end too", () => {
    const trace = simulate(
      scenario({
        offline: [
          { atMs: 200, forMs: 500, end: "cut" },
          { atMs: 700, forMs: 100, end: "disconnect" },
        ],
      }),
    );
    const packets = hopPackets(trace);
    expect(packets[0]?.t).toBe(800);
    expect(packets[0]?.packet).toBe("CONNECT");
    expect(packets.filter((p) => p.dropped)).toEqual([]);
    expect(hopEvents(trace, "disconnected")).toEqual([]);
    expect(trace.outcome.messages.map((m) => m.verdict)).toEqual(["lost", "lost", "once"]);
    expect(causeProblems(trace)).toEqual([]);
  });

  it("a later period still takes the joined subscriber offline, and its session queues for it", () => {
    const trace = simulate(
      scenario({
        offline: [
          { atMs: 200, forMs: 500, end: "cut" },
          { atMs: 880, forMs: 400, end: "disconnect" },
        ],
      }),
    );
    const packets = hopPackets(trace);
    expect(packets.filter((p) => p.t < 700)).toEqual([]);
    expect(packets.filter((p) => p.dropped)).toEqual([]);
    // Joined at 700 and subscribed at 860 (SUBACK), it leaves gracefully at 880; its CONNECT at
    // 1280 reaches the broker at 1320, whose CONNACK arrives at 1360.
    expect(hopEvents(trace, "disconnected")).toEqual([880]);
    expect(hopEvents(trace, "reconnected")).toEqual([1360]);
    // Message 3 (at the broker at 940) waits in the persistent session; the broker sends it right
    // after its CONNACK.
    const third = packets.find((p) => p.packet === "PUBLISH" && p.message === 3);
    expect(third?.t).toBe(1320);
    expect(trace.outcome.messages.map((m) => m.verdict)).toEqual(["lost", "lost", "once"]);
    expect(causeProblems(trace)).toEqual([]);
  });
});
