import { describe, expect, it } from "vitest";
import { simulate } from "../sim/simulate.ts";
import type { Party, Trace } from "../sim/types.ts";
import { holdingsAt, holdingsIn, holdingsTimeline, type PartyHoldings } from "./holdings.ts";

const run = (scenario: Record<string, unknown>) => simulate(scenario, { states: true });

function of(holdings: PartyHoldings[], party: Party, role: "sender" | "receiver"): PartyHoldings {
  const found = holdings.find((h) => h.party === party && h.role === role);
  if (!found) throw new Error(`no ${party} ${role}`);
  return found;
}

describe("holdingsAt: the QoS 2 handshake", () => {
  const trace = run({ publishQos: 2 });

  it("shows the publisher awaiting PUBREC with the machine's state name", () => {
    const publisher = of(holdingsAt(trace, 0), "publisher", "sender");
    expect(publisher.lines).toEqual(["message 1: awaiting PUBREC for id 1"]);
    expect(publisher.holdings[0]?.state).toBe("awaitingPubrec");
    expect(publisher.hop).toBe("publisher-broker");
  });

  it("shows a Method A broker storing the message until PUBREL", () => {
    const at40 = holdingsAt(trace, 40);
    expect(of(at40, "broker", "receiver").lines).toEqual(["id 1: message 1 stored, waiting for PUBREL"]);
    expect(of(at40, "broker", "receiver").holdings[0]?.state).toBe("stored");
    expect(of(holdingsAt(trace, 80), "publisher", "sender").lines).toEqual([
      "message 1: PUBREL sent, awaiting PUBCOMP for id 1",
    ]);
  });

  it("shows a Method B broker holding only the id of a message already delivered", () => {
    const b = run({ publishQos: 2, qos2Delivery: { broker: "on-publish" } });
    expect(of(holdingsAt(b, 40), "broker", "receiver").lines).toEqual([
      "id 1: id stored, message 1 already delivered, waiting for PUBREL",
    ]);
  });

  it("says nothing is in flight once the handshake is complete, and before it starts", () => {
    for (const h of holdingsAt(trace, 10_000)) expect(h.lines).toEqual(["nothing in flight"]);
    for (const h of holdingsAt(trace, -1)) expect(h.lines).toEqual(["nothing in flight"]);
  });
});

describe("holdingsAt: connections and sessions", () => {
  const trace = run({ publishQos: 1, faults: [{ packet: "PUBACK" }] });

  it("tracks a hop going down, reconnecting and coming back with Session Present", () => {
    const link = (t: number) => of(holdingsAt(trace, t), "publisher", "sender").link;
    expect(link(0)).toMatchObject({ state: "up", since: 0, session: "persistent" });
    expect(link(0).sessionPresent).toBeUndefined();
    expect(link(100)).toMatchObject({ state: "down", since: 60 });
    expect(link(100).text).toBe("down since 60 ms; persistent session");
    expect(link(380)).toMatchObject({ state: "reconnecting", since: 360 });
    expect(link(440)).toMatchObject({ state: "up", since: 440, sessionPresent: true });
    expect(link(440).text).toBe(
      "connected again since 440 ms; persistent session; last reconnect: Session Present 1",
    );
  });

  it("keeps the unacknowledged message across the outage of a persistent session", () => {
    expect(of(holdingsAt(trace, 200), "publisher", "sender").lines).toEqual([
      "message 1: awaiting PUBACK for id 1",
    ]);
  });

  it("empties both ends when a clean reconnect discards the session", () => {
    const clean = run({ publishQos: 2, session: "clean", faults: [{ packet: "PUBREL" }] });
    expect(of(holdingsAt(clean, 200), "broker", "receiver").lines).toEqual([
      "id 1: message 1 stored, waiting for PUBREL",
    ]);
    const after = holdingsAt(clean, 480);
    expect(of(after, "broker", "receiver").lines).toEqual(["nothing in flight"]);
    expect(of(after, "publisher", "sender").lines).toEqual(["nothing in flight"]);
    expect(of(after, "publisher", "sender").link).toMatchObject({ session: "clean", sessionPresent: false });
  });

  it("drops a message queued while offline when the clean reconnect discards it", () => {
    const queued = run({
      publishQos: 1,
      session: "clean",
      messages: [{}, {}],
      timing: { publishIntervalMs: 30 },
      faults: [{ packet: "PUBLISH" }],
    });
    expect(of(holdingsAt(queued, 100), "publisher", "sender").lines).toEqual([
      "message 1: awaiting PUBACK for id 1",
      "message 2: queued, not sent yet",
    ]);
    expect(of(holdingsAt(queued, 10_000), "publisher", "sender").lines).toEqual(["nothing in flight"]);
  });
});

describe("holdingsAt: two hops", () => {
  it("shows the broker as receiver on the first hop and as sender on the second", () => {
    const trace = run({
      publishQos: 1,
      subscriber: { qos: 1 },
      faults: [{ hop: "broker-subscriber", packet: "PUBLISH" }],
    });
    const at100 = holdingsAt(trace, 100);
    expect(at100.map((h) => `${h.party} ${h.role} ${h.hop}`)).toEqual([
      "publisher sender publisher-broker",
      "broker receiver publisher-broker",
      "broker sender broker-subscriber",
      "subscriber receiver broker-subscriber",
    ]);
    expect(of(at100, "broker", "sender").lines).toEqual(["message 1: awaiting PUBACK for id 1"]);
    expect(of(at100, "broker", "sender").link.state).toBe("down");
    expect(of(at100, "publisher", "sender").link.state).toBe("up");
  });
});

describe("holdingsTimeline", () => {
  const busy: Trace = run({
    publishQos: 2,
    subscriber: { qos: 1 },
    messages: [{}, {}, {}, {}, {}],
    timing: { publishIntervalMs: 20 },
    faults: [
      { packet: "PUBREC", message: 2 },
      { hop: "broker-subscriber", packet: "PUBACK", message: 4 },
    ],
  });

  it("answers every instant exactly like a replay of the events up to it", () => {
    const timeline = holdingsTimeline(busy);
    const instants = [...new Set(busy.events.map((e) => e.t))];
    for (const t of instants) {
      const upToT: Trace = { ...busy, events: busy.events.filter((e) => e.t <= t) };
      const replayed = holdingsTimeline(upToT);
      const last = replayed.times.length - 1;
      expect(holdingsIn(timeline, t)).toEqual(last >= 0 ? replayed.snapshot(last) : replayed.initial);
      expect(holdingsIn(timeline, t + 0.5)).toEqual(holdingsIn(timeline, t));
    }
  });

  it("answers instants far from its first checkpoint, in any order, like a replay up to them", () => {
    const long: Trace = run({
      publishQos: 2,
      subscriber: { qos: 2 },
      messages: Array.from({ length: 40 }, () => ({})),
      faults: [
        { packet: "PUBREL", message: 9 },
        { hop: "broker-subscriber", packet: "PUBLISH", message: 17 },
      ],
    });
    const timeline = holdingsTimeline(long);
    expect(timeline.times.length).toBeGreaterThan(3 * 64);
    for (const t of [...timeline.times].reverse().filter((_, i) => i % 7 === 0)) {
      const replayed = holdingsTimeline({ ...long, events: long.events.filter((e) => e.t <= t) });
      expect(holdingsIn(timeline, t)).toEqual(replayed.snapshot(replayed.times.length - 1));
    }
  });

  it("is built once per trace, so a query per animation frame stays cheap", () => {
    expect(busy.events.filter((e) => e.type === "packet").length).toBeGreaterThan(40);
    expect(holdingsAt(busy, 100)).toBe(holdingsAt(busy, 100));
  });

  it("still reports connections when the trace has no state events", () => {
    const plain = simulate({ publishQos: 1, faults: [{ packet: "PUBACK" }] });
    const timeline = holdingsTimeline(plain);
    expect(timeline.recorded).toBe(false);
    const publisher = of(holdingsIn(timeline, 100), "publisher", "sender");
    expect(publisher.holdings).toEqual([]);
    expect(publisher.lines[0]).toMatch(/not recorded/);
    expect(publisher.link.state).toBe("down");
  });
});

describe("holdingsAt: connections opened in the trace", () => {
  it("a scenario that starts with CONNECT: connecting, then connected once CONNACK arrives", () => {
    const trace = run({ publishQos: 1, subscriber: { qos: 1 }, will: { qos: 1 } });
    const link = (t: number) => of(holdingsAt(trace, t), "publisher", "sender").link;
    expect(link(-1).text).toBe("not connected yet; persistent session");
    expect(link(0)).toMatchObject({ state: "connecting", since: 0 });
    expect(link(0).text).toBe("connecting since 0 ms (CONNECT sent); persistent session");
    expect(link(80)).toMatchObject({ state: "up", since: 80 });
    expect(link(80).text).toBe("connected since 80 ms; persistent session");
    expect(link(80)).not.toHaveProperty("upAt");
    // It stays up to the end: no reconnect ever happened.
    expect(link(trace.events.at(-1)?.t ?? 0).text).toBe("connected since 80 ms; persistent session");
  });

  it("a late subscriber is not connected before it joins, and connected from its CONNACK on", () => {
    const trace = run({ publishQos: 1, subscriber: { qos: 1, joinAtMs: 500 } });
    const link = (t: number) => of(holdingsAt(trace, t), "subscriber", "receiver").link;
    expect(link(100).state).toBe("not-connected");
    expect(link(500).text).toBe("connecting since 500 ms (CONNECT sent); persistent session");
    expect(link(580).text).toBe("connected since 580 ms; persistent session");
    expect(of(holdingsAt(trace, 100), "publisher", "sender").link.text).toBe("connected; persistent session");
  });
});
