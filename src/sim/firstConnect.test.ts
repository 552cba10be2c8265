/**
 * Session Present on a client's first connection: a late subscriber has never connected, so the
 * broker holds no session for it and answers Session Present 0 (3.1.1 and 5.0 [MQTT-3.2.2-3]); a
 * hop that opens at 0 resumes the session that predates the trace (Session Present 1 when
 * persistent), and a later reconnect of the late subscriber finds the session its first made.
 */
import { describe, expect, it } from "vitest";
import { causeProblems } from "./causeRules.ts";
import { simulate } from "./simulate.ts";
import type { PacketEvent, Trace } from "./types.ts";

function connacks(trace: Trace, hop: string): [number, boolean | undefined][] {
  return trace.events
    .filter((e): e is PacketEvent => e.type === "packet" && e.packet === "CONNACK" && e.hop === hop)
    .map((e) => [e.t, e.sessionPresent]);
}

const base = {
  protocol: "5.0",
  publishQos: 1,
  session: { publisher: "persistent", subscriber: "persistent" },
  messages: [
    { topic: "a", payload: "1", atMs: 0 },
    { topic: "a", payload: "2", atMs: 900 },
  ],
};

describe("Session Present on a first connection", () => {
  for (const protocol of ["3.1.1", "5.0"] as const) {
    it(`${protocol}: a late persistent subscriber's first CONNACK says Session Present 0`, () => {
      const trace = simulate({ ...base, protocol, subscriber: { qos: 1, joinAtMs: 500 } });
      expect(connacks(trace, "broker-subscriber")).toEqual([[540, false]]);
      // Nothing to discard on either side: it had no session.
      expect(trace.events.filter((e) => e.type === "session-discarded")).toEqual([]);
      expect(trace.outcome.messages.map((m) => m.verdict)).toEqual(["lost", "once"]);
      expect(causeProblems(trace)).toEqual([]);
    });
  }

  it("a later reconnect of the late subscriber finds the session its first connection made", () => {
    const trace = simulate({
      ...base,
      subscriber: { qos: 1, joinAtMs: 500, offline: [{ atMs: 700, forMs: 400, end: "cut" }] },
    });
    expect(connacks(trace, "broker-subscriber")).toEqual([
      [540, false],
      [1140, true],
    ]);
    // The copy queued meanwhile comes after the reconnect.
    expect(trace.outcome.messages.map((m) => m.verdict)).toEqual(["lost", "once"]);
  });

  it("a hop that opens at 0 resumes the session that predates the trace: Session Present 1", () => {
    const trace = simulate({
      ...base,
      sessionExpiryS: { publisher: 60, subscriber: 60 },
      subscriber: { qos: 1 },
    });
    expect(connacks(trace, "publisher-broker")).toEqual([[40, true]]);
    expect(connacks(trace, "broker-subscriber")).toEqual([[40, true]]);
  });

  it("a clean late subscriber's first CONNACK says Session Present 0 as before", () => {
    const trace = simulate({
      ...base,
      session: { publisher: "persistent", subscriber: "clean" },
      subscriber: { qos: 1, joinAtMs: 500 },
    });
    expect(connacks(trace, "broker-subscriber")).toEqual([[540, false]]);
  });

  it("a restart before the join keeps no session of the late subscriber: Session Present 0 at its join", () => {
    const trace = simulate({
      ...base,
      session: { publisher: "clean", subscriber: "persistent" },
      broker: { restarts: [{ atMs: 200, kind: "crash", downMs: 100 }], persistence: "on" },
      subscriber: { qos: 1, joinAtMs: 500 },
    });
    expect(connacks(trace, "broker-subscriber")).toEqual([[540, false]]);
    // The clean publisher has no session either: the broker keeps none through the crash.
    const down = trace.events.find((e) => e.type === "broker-down");
    expect(down?.type === "broker-down" && down.sessionsKept).toBe(false);
    expect(causeProblems(trace)).toEqual([]);
  });

  it("a first CONNECT lost with a crash: the retry still finds no session, and nobody discards one", () => {
    const trace = simulate({
      ...base,
      broker: { restarts: [{ atMs: 520, kind: "crash", downMs: 100 }], persistence: "on" },
      subscriber: { qos: 1, joinAtMs: 500 },
    });
    expect(connacks(trace, "broker-subscriber")).toEqual([[860, false]]);
    expect(trace.events.filter((e) => e.type === "session-discarded")).toEqual([]);
    expect(causeProblems(trace)).toEqual([]);
  });

  it("Aedes (a profile) still answers a late subscriber Session Present 0, with no finding at the first", () => {
    const trace = simulate({
      ...base,
      protocol: "3.1.1",
      profiles: { broker: "aedes-1" },
      subscriber: { qos: 1, joinAtMs: 500 },
    });
    expect(connacks(trace, "broker-subscriber")).toEqual([[540, false]]);
    expect((trace.findings ?? []).filter((f) => f.code === "session-present-0")).toEqual([]);
  });
});
