/**
 * A subscriber whose hop opens with CONNECT at 0 (a will, sessionExpiryS, Receive Maximum or a
 * profile put one on the wire) and whose offline period starts at 0 has no connection yet to leave
 * or to lose: it first connects when the period ends, as a late subscriber joins. Its session
 * predates the trace, so meanwhile a persistent session queues, a clean one keeps nothing.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { causeProblems } from "./causeRules.ts";
import { simulate } from "./simulate.ts";
import type { PacketEvent, Trace } from "./types.ts";

const SUBSCRIBER_HOP = "broker-subscriber";

/** Messages at 0 (while the subscriber is away) and 900 (after it connected). */
function scenario(offline: object[], extra: object = {}): object {
  const s: Record<string, unknown> = {
    protocol: "5.0",
    publishQos: 1,
    session: { publisher: "persistent", subscriber: "persistent" },
    sessionExpiryS: { publisher: 600, subscriber: 600 },
    messages: [
      { topic: "a", payload: "1", atMs: 0 },
      { topic: "a", payload: "2", atMs: 900 },
    ],
    ...extra,
    subscriber: { qos: 1, offline },
  };
  // `undefined` in `extra` leaves a field out.
  for (const [key, value] of Object.entries(s)) if (value === undefined) delete s[key];
  return s;
}

function hopPackets(trace: Trace): PacketEvent[] {
  return trace.events.filter((e): e is PacketEvent => e.type === "packet" && e.hop === SUBSCRIBER_HOP);
}

function hopEvents(trace: Trace): string[] {
  return trace.events.flatMap((e) =>
    (e.type === "disconnected" || e.type === "connection-lost" || e.type === "reconnected") &&
    e.hop === SUBSCRIBER_HOP
      ? [e.type]
      : [],
  );
}

describe("an offline period at 0 on a subscriber hop that opens with CONNECT", () => {
  for (const end of ["cut", "disconnect"] as const) {
    it(`${end}, persistent: it first connects at the period's end and gets what was queued`, () => {
      const trace = simulate(scenario([{ atMs: 0, forMs: 500, end }]));
      const packets = hopPackets(trace);
      expect(packets.filter((p) => p.t < 500)).toEqual([]);
      expect(packets.filter((p) => p.dropped)).toEqual([]);
      expect(packets.slice(0, 3).map((p) => [p.t, p.packet, p.attempt, p.sessionPresent])).toEqual([
        [500, "CONNECT", 0, undefined],
        [540, "CONNACK", 0, true],
        [540, "PUBLISH", 1, undefined],
      ]);
      // An opening connection: no leaving, no break, no reconnect drawn for it.
      expect(hopEvents(trace)).toEqual([]);
      expect(trace.outcome.messages.map((m) => m.verdict)).toEqual(["once", "once"]);
      expect(causeProblems(trace)).toEqual([]);
    });
  }

  it("clean: nothing is kept for it while it is away", () => {
    const trace = simulate(
      scenario([{ atMs: 0, forMs: 500, end: "cut" }], {
        session: { publisher: "persistent", subscriber: "clean" },
        sessionExpiryS: { publisher: 600 },
      }),
    );
    expect(hopPackets(trace)[0]?.t).toBe(500);
    expect(trace.events.filter((e) => e.type === "not-forwarded").map((e) => e.reason)).toEqual([
      "no-session",
    ]);
    expect(trace.outcome.messages.map((m) => m.verdict)).toEqual(["lost", "once"]);
    expect(causeProblems(trace)).toEqual([]);
  });

  it("a period that follows at once moves the first connection to its end too; a later one goes offline", () => {
    const trace = simulate(
      scenario([
        { atMs: 0, forMs: 500, end: "cut" },
        { atMs: 500, forMs: 100, end: "disconnect" },
        { atMs: 1200, forMs: 100, end: "disconnect" },
      ]),
    );
    expect(hopPackets(trace)[0]?.t).toBe(600);
    expect(hopEvents(trace)).toEqual(["disconnected", "reconnected"]);
    expect(causeProblems(trace)).toEqual([]);
  });

  it("Receive Maximum opens the hop too: the same first connection at the period's end", () => {
    const trace = simulate(
      scenario([{ atMs: 0, forMs: 500, end: "cut" }], {
        sessionExpiryS: undefined,
        receiveMaximum: { subscriber: 5 },
      }),
    );
    expect(hopPackets(trace)[0]).toMatchObject({ t: 500, packet: "CONNECT", attempt: 0, dropped: false });
    expect(hopEvents(trace)).toEqual([]);
  });

  it("a subscriber connected before the trace still leaves at 0 (no opening CONNECT)", () => {
    const trace = simulate(
      scenario([{ atMs: 0, forMs: 500, end: "disconnect" }], { sessionExpiryS: undefined }),
    );
    expect(hopPackets(trace)[0]).toMatchObject({ t: 0, packet: "DISCONNECT" });
    expect(hopEvents(trace)).toEqual(["disconnected", "reconnected"]);
  });

  it("property: nothing on the subscriber's hop before the period ends, its first CONNECT never lost", () => {
    const arbitrary = fc.record({
      forMs: fc.integer({ min: 1, max: 2000 }),
      end: fc.constantFrom("cut", "disconnect"),
      subscriber: fc.constantFrom("clean", "persistent"),
      protocol: fc.constantFrom("3.1.1", "5.0"),
      publishQos: fc.constantFrom(0, 1, 2),
      at: fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 4 }),
    });
    fc.assert(
      fc.property(arbitrary, ({ forMs, end, subscriber, protocol, publishQos, at }) => {
        const times = [...at].sort((a, b) => a - b);
        const trace = simulate({
          protocol,
          publishQos,
          session: { publisher: "persistent", subscriber },
          // A will opens both hops in either protocol.
          will: { topic: "w", payload: "gone", qos: 1, retain: false },
          messages: times.map((atMs, i) => ({ topic: "a", payload: String(i), atMs })),
          subscriber: { qos: 2, offline: [{ atMs: 0, forMs, end }] },
        });
        const packets = hopPackets(trace);
        expect(packets.filter((p) => p.t < forMs)).toEqual([]);
        expect(packets[0]).toMatchObject({ t: forMs, packet: "CONNECT", attempt: 0, dropped: false });
        expect(hopEvents(trace)).toEqual([]);
        expect(causeProblems(trace)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});
