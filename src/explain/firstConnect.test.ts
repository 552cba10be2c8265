/**
 * A hop's first connection (its opening at 0, or a late subscriber's join) is told as a first
 * connection: "connects", no "again", the session found or started as the CONNACK says; a real
 * reconnect keeps its words.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraryExtendedScenario } from "../sim/arbitrary.ts";
import { parseScenario } from "../sim/scenario.ts";
import { runScenario } from "../sim/runScenario.ts";
import type { Hop, PacketEvent, Trace, TraceEvent } from "../sim/types.ts";
import { narrateArrival } from "./arrival.ts";
import { narrateSend } from "./send.ts";
import { packet, run, sentence, sentences } from "./testing.ts";

const late = (session: "clean" | "persistent") => ({
  protocol: "5.0",
  publishQos: 1,
  session: { publisher: "persistent", subscriber: session },
  messages: [
    { topic: "a", payload: "1", atMs: 0 },
    { topic: "a", payload: "2", atMs: 900 },
  ],
  subscriber: { qos: 1, joinAtMs: 500 },
});

/** The `n`th CONNECT and CONNACK of a hop as told: CONNECT sent, arrived; CONNACK sent, arrived. */
function handshake(trace: Trace, hop: Hop, n = 0): (string | undefined)[] {
  const steps = [
    ["send", "CONNECT"],
    ["arrive", "CONNECT"],
    ["send", "CONNACK"],
    ["arrive", "CONNACK"],
  ] as const;
  return steps.map(([kind, type]) => sentences(trace, kind, packet(type, { hop }))[n]);
}

describe("a late subscriber's first connection", () => {
  it("clean: it connects and the broker starts a new session, no reconnect told", () => {
    const trace = run(late("clean"));
    expect(handshake(trace, "broker-subscriber")).toEqual([
      "The subscriber connects: CONNECT with Clean Start 1, asking for a new, empty session.",
      "The broker accepts the subscriber's CONNECT and starts a new session for it.",
      "The broker answers CONNACK with Session Present 0: it holds no session for the subscriber, so a new one starts.",
      "CONNACK reaches the subscriber: it is connected to the broker.",
    ]);
    expect(sentence(trace, "send", packet("SUBSCRIBE"))).toMatch(/^The subscriber sends SUBSCRIBE/);
  });

  it("persistent: it asks to resume a session, and the broker has none yet (Session Present 0)", () => {
    expect(handshake(run(late("persistent")), "broker-subscriber")).toEqual([
      "The subscriber connects: CONNECT with Clean Start 0, asking to resume its session if the broker has one.",
      "The broker accepts the subscriber's CONNECT and starts a new session for it.",
      "The broker answers CONNACK with Session Present 0: it holds no session for the subscriber, so a new one starts.",
      "CONNACK reaches the subscriber: it is connected to the broker.",
    ]);
  });
});

describe("a hop that opens at 0", () => {
  // A will makes the publisher's hop open with CONNECT at 0; its session predates the trace.
  const scenario = {
    protocol: "5.0",
    publishQos: 1,
    session: { publisher: "persistent", subscriber: "persistent" },
    messages: [{ topic: "a", payload: "1", atMs: 0 }],
    subscriber: { qos: 1 },
    will: { topic: "w", payload: "gone", qos: 1, retain: false },
  };

  it("connects, finds the session from before the trace, and sends what waited for the connection", () => {
    const trace = run(scenario);
    expect(handshake(trace, "publisher-broker")).toEqual([
      "The publisher connects: CONNECT with Clean Start 0, asking to resume its session if the broker has one.",
      "The broker accepts the publisher's CONNECT and finds the session it kept for it from before.",
      "The broker answers CONNACK with Session Present 1: it kept the session.",
      "CONNACK reaches the publisher: it is connected to the broker.",
    ]);
    expect(sentence(trace, "send", packet("PUBLISH", { hop: "publisher-broker" }))).toBe(
      "Now connected, the publisher sends message 1, published while it was connecting, as PUBLISH id 1 at QoS 1.",
    );
  });

  it("a message published while the publisher connects waits for the connection, not for a reconnect", () => {
    expect(sentence(run(scenario), "event", (e) => e.type === "publish")).toBe(
      "The publisher's application publishes message 1; it is still connecting, so the message waits in the client's queue.",
    );
  });

  it("a subscriber away from 0 is told as away, then connected, with what its session kept", () => {
    const trace = run({
      ...scenario,
      sessionExpiryS: { publisher: 600, subscriber: 600 },
      will: undefined,
      subscriber: { qos: 1, offline: [{ atMs: 0, forMs: 500, end: "cut" }] },
    });
    expect(sentence(trace, "event", (e) => e.type === "deliver" && e.at === "broker")).toBe(
      "The broker accepts message 1; the subscriber is away, so it waits in the subscriber's queue.",
    );
    expect(sentence(trace, "send", packet("PUBLISH", { hop: "broker-subscriber" }))).toBe(
      "The subscriber is connected now: the broker sends message 1, kept in its session meanwhile, as PUBLISH id 1 at QoS 1.",
    );
    expect(handshake(trace, "broker-subscriber")[3]).toBe(
      "CONNACK reaches the subscriber: it is connected to the broker.",
    );
  });

  it("a real reconnect after a lost packet keeps its words", () => {
    const trace = run({
      ...scenario,
      faults: [{ hop: "publisher-broker", packet: "PUBACK", message: 1, attempt: 1 }],
    });
    expect(handshake(trace, "publisher-broker", 1)).toEqual([
      "The publisher reconnects: CONNECT with Clean Start 0, asking to resume its session.",
      "The broker accepts the publisher's CONNECT and finds its session still there.",
      "The broker answers CONNACK with Session Present 1: it kept the session.",
      "CONNACK reaches the publisher: it is connected to the broker again.",
    ]);
  });
});

describe("first connections of random scenarios", { timeout: 120_000 }, () => {
  it("are never told as reconnects, and every later CONNECT is", () => {
    const isConnection = (e: TraceEvent): e is PacketEvent =>
      e.type === "packet" && (e.packet === "CONNECT" || e.packet === "CONNACK");
    fc.assert(
      fc.property(arbitraryExtendedScenario({ timeout: "above-round-trip" }), (scenario) => {
        // The extended fields are drawn independently: keep the combinations the parser accepts.
        fc.pre(parseScenario(scenario).ok);
        const trace = runScenario(scenario);
        trace.events.forEach((e, i) => {
          if (!isConnection(e)) return;
          const told = [narrateSend(trace, i), ...(e.dropped ? [] : [narrateArrival(trace, i)])].join(" ");
          if (e.attempt === 0) expect(told).not.toMatch(/reconnect|again|still there/);
          else if (e.packet === "CONNECT") expect(told).toMatch(/reconnects/);
        });
      }),
      { numRuns: 200 },
    );
  });
});
