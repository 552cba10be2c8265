/**
 * Properties of retained messages, late subscribers and wills over random valid scenarios
 * (arbitrary.ts plus this area's fields): a retained message never arrives above min(published,
 * granted) QoS, a will is never published after a graceful DISCONNECT without 0x04, nothing is
 * forwarded before the subscription exists, and every cause holds. With and without random loss,
 * which also loses SUBSCRIBE, SUBACK and DISCONNECT.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraryMessage, arbitraryScenario } from "./arbitrary.ts";
import { causeProblems } from "./causeRules.ts";
import { runScenario } from "./runScenario.ts";
import { parseScenario } from "./scenario.ts";
import type { PacketEvent, Qos, Scenario, Trace } from "./types.ts";

/** Each property takes a few seconds on an idle 2-core machine; the timeout holds on a busy one. */
const SLOW = { timeout: 120_000 };
const RUNS = 300;

/** A base scenario (two hops) with this area's fields added, parsed so that it is valid and complete. */
const arbitraryRetainScenario: fc.Arbitrary<Scenario> = arbitraryScenario({ subscriber: "always" }).chain(
  (base) =>
    fc
      .record({
        retained: fc.array(fc.boolean(), {
          minLength: base.messages.length,
          maxLength: base.messages.length,
        }),
        empty: fc.array(fc.boolean(), { minLength: base.messages.length, maxLength: base.messages.length }),
        topic: fc.option(
          arbitraryMessage.map((m) => m.topic),
          { nil: undefined },
        ),
        joinAtMs: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined }),
        retainAsPublished: fc.option(fc.boolean(), { nil: undefined }),
        retainHandling: fc.option(fc.constantFrom<0 | 1 | 2>(0, 1, 2), { nil: undefined }),
        will: fc.option(
          fc.record({
            qos: fc.constantFrom<Qos>(0, 1, 2),
            retain: fc.boolean(),
            delayS: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
          }),
          { nil: undefined },
        ),
        // Broker restarts (one after another), its persistence, and Mosquitto's wills at a restart.
        restarts: fc.option(
          fc.array(
            fc.record({
              gap: fc.integer({ min: 0, max: 3000 }),
              kind: fc.constantFrom("crash", "graceful"),
              downMs: fc.integer({ min: 0, max: 2000 }),
            }),
            { minLength: 1, maxLength: 2 },
          ),
          { nil: undefined },
        ),
        persistence: fc.constantFrom("off", "on", { autosaveMs: 500 }),
        broker: fc.constantFrom("spec", "mosquitto-2.0"),
        end: fc.option(
          fc.record({
            afterMs: fc.integer({ min: 1, max: 3000 }),
            kind: fc.constantFrom("disconnect", "disconnect-with-will", "crash"),
          }),
          { nil: undefined },
        ),
      })
      .map((r) => {
        const v5 = base.protocol === "5.0";
        const messages = base.messages.map((m, i) => ({
          // One shared topic now and then, so that retained messages replace and clear each other.
          topic: r.topic ?? m.topic,
          payload: r.empty[i] ? "" : m.payload,
          retain: r.retained[i] === true,
        }));
        const lastPublish = (messages.length - 1) * base.timing.publishIntervalMs;
        let endsAt = 0;
        const restarts = r.restarts?.map(({ gap, kind, downMs }) => {
          const atMs = endsAt + gap;
          endsAt = atMs + downMs;
          return { atMs, kind, downMs };
        });
        // Restarts need "on-reconnect" (scenarioRules.ts).
        const withRestarts = restarts !== undefined && base.retransmit === "on-reconnect";
        const input = {
          ...base,
          messages,
          subscriber: {
            qos: base.subscriber?.qos ?? 0,
            ...(r.joinAtMs !== undefined && { joinAtMs: r.joinAtMs }),
            ...(v5 && r.retainAsPublished !== undefined && { retainAsPublished: r.retainAsPublished }),
            ...(v5 && r.retainHandling !== undefined && { retainHandling: r.retainHandling }),
          },
          ...(r.will && {
            will: {
              qos: r.will.qos,
              retain: r.will.retain,
              ...(v5 && r.will.delayS !== undefined && { delayS: r.will.delayS }),
            },
          }),
          ...(withRestarts && {
            broker: { restarts, persistence: r.persistence },
            profiles: { broker: r.broker },
          }),
          ...(r.end && {
            publisherEnd: {
              atMs: lastPublish + r.end.afterMs,
              kind: !v5 && r.end.kind === "disconnect-with-will" ? "disconnect" : r.end.kind,
            },
          }),
        };
        const parsed = parseScenario(input);
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
        return parsed.scenario;
      }),
);

function publishedQos(s: Scenario, message: number): Qos {
  return message === s.messages.length + 1 && s.will ? s.will.qos : s.publishQos;
}

/** The broker's retained message for each topic just before event `index`, from the trace. */
function retainedBefore(trace: Trace, index: number): Map<string, number> {
  const held = new Map<string, number>();
  const topicOf = new Map<number, string>();
  trace.events.slice(0, index).forEach((e) => {
    if (e.type === "broker-down" && e.retained !== undefined) {
      // The restart changed the store: it holds exactly these again (lost, or an older save).
      held.clear();
      for (const m of e.retained) held.set(topicOf.get(m) ?? "", m);
    }
    if (e.type !== "retained") return;
    topicOf.set(e.message, e.topic);
    if (e.action === "stored") held.set(e.topic, e.message);
    else held.delete(e.topic);
  });
  return held;
}

function check(s: Scenario, trace: Trace): void {
  expect(causeProblems(trace)).toEqual([]);
  const granted = s.subscriber?.qos ?? 0;
  const events = trace.events;
  const subscribeArrival = events.findIndex(
    (e) => e.type === "packet" && e.packet === "SUBSCRIBE" && !e.dropped,
  );
  for (const [i, e] of events.entries()) {
    if (e.type !== "packet" || e.packet !== "PUBLISH" || e.hop !== "broker-subscriber") continue;
    const message = e.message ?? 0;
    // Never above min(published, granted) [MQTT-3.8.4-8] (3.1.1 [MQTT-3.8.4-6]), retained or not.
    expect(e.qos ?? 0).toBeLessThanOrEqual(Math.min(publishedQos(s, message), granted));
    const cause = e.causedBy === undefined ? undefined : events[e.causedBy];
    const retainedDelivery = cause?.type === "packet" && cause.packet === "SUBSCRIBE";
    if (retainedDelivery) {
      // A retained delivery carries RETAIN=1 and is the message the broker held for that topic.
      expect(e.retain).toBe(true);
      const topic = message === s.messages.length + 1 ? s.will?.topic : s.messages[message - 1]?.topic;
      expect(retainedBefore(trace, i).get(topic ?? "")).toBe(message);
      expect(s.protocol === "5.0" && s.subscriber?.retainHandling === 2).toBe(false);
    } else if (e.resend !== true) {
      // A live copy: RETAIN=0 unless Retain As Published keeps the publisher's flag.
      const published = message === s.messages.length + 1 ? s.will?.retain : s.messages[message - 1]?.retain;
      expect(e.retain).toBe(s.subscriber?.retainAsPublished === true && published === true);
    }
    // Nothing goes to a late subscriber before its SUBSCRIBE arrived.
    if (s.subscriber?.joinAtMs !== undefined) {
      expect(subscribeArrival).toBeGreaterThanOrEqual(0);
      expect(e.t).toBeGreaterThanOrEqual((events[subscribeArrival] as PacketEvent).arrives);
    }
  }
}

/**
 * A graceful DISCONNECT (0x00) that reached the broker removes the will [MQTT-3.1.2-10]: no will is
 * published after it, and none is ever published because of it.
 */
function checkNoWillAfterGracefulDisconnect(s: Scenario, trace: Trace): void {
  const events = trace.events;
  for (const e of events) {
    if (e.type !== "will" || e.action !== "published") continue;
    const cause = e.causedBy === undefined ? undefined : events[e.causedBy];
    if (cause?.type === "packet")
      expect(cause.packet === "DISCONNECT" && (cause.reasonCode ?? 0) === 0).toBe(false);
  }
  const graceful = events.find(
    (e) => e.type === "packet" && e.packet === "DISCONNECT" && !e.dropped && (e.reasonCode ?? 0) === 0,
  );
  if (graceful?.type !== "packet") return;
  const after = events.filter(
    (e) =>
      (e.type === "will" && e.action === "published" && e.t >= graceful.arrives) ||
      (e.type === "packet" &&
        e.packet === "PUBLISH" &&
        e.message === s.messages.length + 1 &&
        e.resend !== true &&
        e.t >= graceful.arrives &&
        !(e.causedBy !== undefined && events[e.causedBy]?.type === "packet")),
  );
  expect(after).toEqual([]);
}

/**
 * A broker that is down publishes nothing: no will goes out between a restart's stop and its start
 * (a graceful shutdown publishes before it stops, at the same instant). After a crash a will comes
 * back only with the publisher's session (5.0 §4.1), and never with Mosquitto's persistence, which
 * saves no will (behaviour `restartWills`).
 */
function checkNoWillWhileDown(s: Scenario, trace: Trace): void {
  const events = trace.events;
  events.forEach((e, i) => {
    if (e.type !== "will" || e.action !== "published") return;
    for (const r of s.broker?.restarts ?? []) {
      expect(e.t > r.atMs && e.t < r.atMs + r.downMs, `will at ${e.t} while down`).toBe(false);
    }
    // At a crash's instant, nothing after it while the broker is gone; a restart with `downMs: 0`
    // brings it back at that instant, and the restarted broker may publish a restored will.
    const crashedBefore = events.some(
      (d, j) =>
        j < i &&
        d.type === "broker-down" &&
        d.kind === "crash" &&
        d.t === e.t &&
        !events.slice(j + 1, i).some((u) => u.type === "broker-up"),
    );
    expect(crashedBefore, `will at ${e.t} after the crash`).toBe(false);
    const cause = e.causedBy === undefined ? undefined : events[e.causedBy];
    if (cause?.type !== "broker-down" || cause.kind !== "crash") return;
    expect(cause.sessionsKept).toBe(true);
    expect(s.profiles?.broker ?? "spec").not.toBe("mosquitto-2.0");
  });
}

describe("retained messages, late subscribers and wills: properties", () => {
  it(
    "a retained message arrives at most at min(published, granted) QoS, with RETAIN=1, as the broker held it",
    SLOW,
    () => {
      fc.assert(
        fc.property(arbitraryRetainScenario, (s) => check(s, runScenario(s))),
        { numRuns: RUNS },
      );
    },
  );

  it("a will is never published after a graceful DISCONNECT without 0x04", SLOW, () => {
    fc.assert(
      fc.property(arbitraryRetainScenario, (s) => checkNoWillAfterGracefulDisconnect(s, runScenario(s))),
      { numRuns: RUNS },
    );
  });

  it("a will is never published while the broker is down, nor after a crash that lost it", SLOW, () => {
    fc.assert(
      fc.property(arbitraryRetainScenario, (s) => {
        const trace = runScenario(s);
        checkNoWillWhileDown(s, trace);
        expect(causeProblems(trace)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it("the generated scenarios reach wills across restarts", () => {
    const traces = fc.sample(arbitraryRetainScenario, { numRuns: 300, seed: 14 }).map((s) => runScenario(s));
    const wills = (reason: string, action: string) =>
      traces.filter((t) =>
        t.events.some((e) => e.type === "will" && e.reason === reason && e.action === action),
      ).length;
    expect(wills("broker-restart", "published")).toBeGreaterThan(5);
    expect(wills("broker-restart", "discarded")).toBeGreaterThan(5);
  });

  it("both hold under random loss (SUBSCRIBE, SUBACK and DISCONNECT lost too)", SLOW, () => {
    fc.assert(
      fc.property(arbitraryRetainScenario, fc.integer({ min: 1, max: 1_000_000 }), (s, seed) => {
        const trace = runScenario(s, { randomLoss: { probability: 0.15, seed } });
        check(s, trace);
        checkNoWillAfterGracefulDisconnect(s, trace);
        checkNoWillWhileDown(s, trace);
      }),
      { numRuns: RUNS },
    );
  });

  it("the live-actor driver gives the same trace", SLOW, () => {
    fc.assert(
      fc.property(arbitraryRetainScenario, (s) => {
        expect(JSON.stringify(runScenario(s, { driver: "actor" }))).toBe(JSON.stringify(runScenario(s)));
      }),
      { numRuns: 60 },
    );
  });
});
