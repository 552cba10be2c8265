/**
 * Properties of broker restarts: with persistence "on" and graceful restarts, QoS 2 stays exactly
 * once on one hop whatever is lost and whenever the broker stops; without persistence no session
 * survives a restart. Every trace also keeps the cause rules.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { causeProblems } from "./causeRules.ts";
import { parseScenarioOrThrow } from "./scenario.ts";
import { runScenario } from "./runScenario.ts";
import { simulate } from "./simulate.ts";
import type { Trace } from "./types.ts";

const TIMEOUT = { timeout: 120_000 };

/** 1..3 restarts of the given kinds, each after the previous one ended. */
function arbitraryRestarts(kinds: readonly ("crash" | "graceful")[]) {
  return fc
    .array(
      fc.record({
        gapMs: fc.integer({ min: 0, max: 1500 }),
        kind: fc.constantFrom(...kinds),
        downMs: fc.integer({ min: 0, max: 1200 }),
      }),
      { minLength: 1, maxLength: 3 },
    )
    .map((list) => {
      let end = 0;
      return list.map(({ gapMs, kind, downMs }) => {
        const atMs = end + gapMs;
        end = atMs + downMs;
        return { atMs, kind, downMs };
      });
    });
}

const arbitraryTiming = fc.record({
  latencyMs: fc.integer({ min: 5, max: 100 }),
  reconnectDelayMs: fc.integer({ min: 0, max: 500 }),
  publishIntervalMs: fc.integer({ min: 0, max: 800 }),
});

/** The first CONNACK the broker sent on `hop` after `t`, if any. */
function firstConnackAfter(trace: Trace, hop: string, t: number) {
  return trace.events.find((e) => e.type === "packet" && e.packet === "CONNACK" && e.hop === hop && e.t > t);
}

/**
 * What a late subscription got as retained copies (RETAIN=1 PUBLISHes answering its SUBSCRIBE), and
 * what the broker's retained events say it held when that SUBSCRIBE arrived: per topic the last
 * message stored and not cleared since, and when it was stored.
 */
function retainedAtSubscribe(
  trace: Trace,
): { sent: number[]; held: Map<number, number>; at: number } | undefined {
  const subscribe = trace.events.find((e) => e.type === "packet" && e.packet === "SUBSCRIBE");
  if (subscribe?.type !== "packet" || subscribe.dropped) return undefined;
  const index = trace.events.indexOf(subscribe);
  const sent = trace.events.flatMap((e) =>
    e.type === "packet" && e.packet === "PUBLISH" && e.retain && e.causedBy === index ? [e.message ?? 0] : [],
  );
  // What the broker held when it answered: the retained events recorded before its SUBACK.
  const suback = trace.events.findIndex((e) => e.type === "packet" && e.packet === "SUBACK");
  if (suback < 0) return undefined;
  const byTopic = new Map<string, [message: number, t: number]>();
  for (const e of trace.events.slice(0, suback)) {
    if (e.type !== "retained") continue;
    if (e.action === "stored") byTopic.set(e.topic, [e.message, e.t]);
    else byTopic.delete(e.topic);
  }
  return { sent, held: new Map([...byTopic.values()]), at: subscribe.arrives };
}

describe("broker restarts (properties)", () => {
  it("with persistence on and graceful restarts, QoS 2 on one hop is processed exactly once", TIMEOUT, () => {
    const scenario = fc.record({
      protocol: fc.constantFrom("3.1.1", "5.0"),
      publishQos: fc.constant(2),
      qos2Delivery: fc.record({ broker: fc.constantFrom("on-pubrel", "on-publish") }),
      messages: fc.array(fc.constant({}), { minLength: 1, maxLength: 4 }),
      timing: arbitraryTiming,
      broker: fc.record({ persistence: fc.constant("on"), restarts: arbitraryRestarts(["graceful"]) }),
    });
    const withFaults = scenario.chain((s) =>
      fc
        .array(
          fc.record({
            packet: fc.constantFrom("PUBLISH", "PUBREC", "PUBREL", "PUBCOMP", "CONNECT", "CONNACK"),
            message: fc.integer({ min: 1, max: s.messages.length }),
            attempt: fc.integer({ min: 1, max: 2 }),
          }),
          { maxLength: 3 },
        )
        .map((faults) => ({ ...s, faults })),
    );
    fc.assert(
      fc.property(withFaults, (s) => {
        const trace = simulate(s);
        expect(causeProblems(trace)).toEqual([]);
        for (const m of trace.outcome.messages) expect(m.processed).toBe(1);
      }),
      { numRuns: 300 },
    );
  });

  it(
    "without persistence no session survives: nothing is kept and the next CONNACK on each hop says Session Present 0",
    TIMEOUT,
    () => {
      const scenario = fc.record({
        protocol: fc.constantFrom("3.1.1", "5.0"),
        publishQos: fc.constantFrom(0, 1, 2),
        session: fc.constantFrom("persistent", "clean"),
        subscriber: fc.option(fc.record({ qos: fc.constantFrom(0, 1, 2) }), { nil: undefined }),
        messages: fc.array(fc.constant({}), { minLength: 1, maxLength: 3 }),
        timing: arbitraryTiming,
        broker: fc.record(
          { persistence: fc.constant("off"), restarts: arbitraryRestarts(["crash", "graceful"]) },
          { requiredKeys: ["restarts"] },
        ),
      });
      fc.assert(
        fc.property(scenario, (s) => {
          const { subscriber, ...oneHop } = s;
          const trace = simulate(subscriber === undefined ? oneHop : s);
          expect(causeProblems(trace)).toEqual([]);
          const hops =
            s.subscriber === undefined ? ["publisher-broker"] : ["publisher-broker", "broker-subscriber"];
          for (const e of trace.events) {
            if (e.type !== "broker-down") continue;
            expect(e.kept).toEqual([]);
            expect(e.sessionsKept).toBe(false);
            for (const hop of hops) {
              const connack = firstConnackAfter(trace, hop, e.t);
              if (connack?.type === "packet") expect(connack.sessionPresent).toBe(false);
            }
          }
        }),
        { numRuns: 300 },
      );
    },
  );

  it(
    "any restarts and persistence: the run settles, keeps the cause rules, and both drivers agree",
    TIMEOUT,
    () => {
      const scenario = fc.record({
        protocol: fc.constantFrom("3.1.1", "5.0"),
        publishQos: fc.constantFrom(0, 1, 2),
        session: fc.constantFrom("persistent", "clean"),
        subscriber: fc.record({ qos: fc.constantFrom(0, 1, 2) }),
        qos2Delivery: fc.record({
          broker: fc.constantFrom("on-pubrel", "on-publish"),
          subscriber: fc.constantFrom("on-pubrel", "on-publish"),
        }),
        messages: fc.array(fc.constant({}), { minLength: 1, maxLength: 3 }),
        timing: arbitraryTiming,
        broker: fc.record({
          persistence: fc.oneof(
            fc.constantFrom("off", "on"),
            fc.record({ autosaveMs: fc.integer({ min: 1, max: 2000 }) }),
          ),
          restarts: arbitraryRestarts(["crash", "graceful"]),
        }),
      });
      const withFaults = scenario.chain((s) =>
        fc
          .array(
            fc.record({
              hop: fc.constantFrom("publisher-broker", "broker-subscriber"),
              packet: fc.constantFrom("PUBLISH", "PUBACK", "PUBREC", "PUBREL", "PUBCOMP", "CONNECT"),
              message: fc.integer({ min: 1, max: s.messages.length }),
            }),
            { maxLength: 2 },
          )
          .map((faults) => ({ ...s, faults })),
      );
      fc.assert(
        fc.property(withFaults, (s) => {
          const parsed = parseScenarioOrThrow(s);
          const trace = runScenario(parsed);
          expect(causeProblems(trace)).toEqual([]);
          expect(runScenario(parsed, { driver: "actor" })).toEqual(trace);
        }),
        { numRuns: 150 },
      );
    },
  );
  it(
    "retained messages across restarts: without persistence a late subscriber gets none stored before the last restart; with it (spec: every change saved) exactly the latest per topic",
    TIMEOUT,
    () => {
      const scenario = fc
        .record({
          protocol: fc.constantFrom("3.1.1", "5.0"),
          persistence: fc.constantFrom("off", "on"),
          messages: fc.array(
            fc.record({
              topic: fc.constantFrom("a", "b"),
              payload: fc.constantFrom("x", "y", ""),
              retain: fc.boolean(),
              gapMs: fc.integer({ min: 0, max: 600 }),
            }),
            { minLength: 1, maxLength: 4 },
          ),
          timing: arbitraryTiming,
          restarts: arbitraryRestarts(["crash", "graceful"]),
          joinAfterMs: fc.integer({ min: 0, max: 2000 }),
        })
        .map(({ protocol, persistence, messages, timing, restarts, joinAfterMs }) => {
          let at = 0;
          const last = restarts[restarts.length - 1] as { atMs: number; downMs: number };
          return {
            protocol,
            publishQos: 1,
            session: "persistent",
            subscriber: { qos: 1, joinAtMs: last.atMs + last.downMs + joinAfterMs },
            messages: messages.map(({ gapMs, ...m }) => ({ ...m, atMs: (at += gapMs) })),
            timing,
            broker: { persistence, restarts },
          };
        });
      fc.assert(
        fc.property(scenario, (s) => {
          const trace = simulate(s);
          expect(causeProblems(trace)).toEqual([]);
          const got = retainedAtSubscribe(trace);
          if (got === undefined) return;
          const downs = trace.events.flatMap((e) => (e.type === "broker-down" && e.t <= got.at ? [e.t] : []));
          const lastDown = Math.max(-1, ...downs);
          const expected = [...got.held]
            .filter(([, storedAt]) => s.broker.persistence === "on" || storedAt > lastDown)
            .map(([message]) => message)
            .sort((a, b) => a - b);
          expect(got.sent).toEqual(expected);
        }),
        { numRuns: 300 },
      );
    },
  );
  it(
    "session expiry across restarts (5.0): a session the restart kept expires while the broker is down once its interval passes [MQTT-3.1.2-23]; one it lost never expires later",
    TIMEOUT,
    () => {
      const scenario = fc.record({
        protocol: fc.constant("5.0"),
        publishQos: fc.constantFrom(1, 2),
        session: fc.constant("persistent"),
        subscriber: fc.record({ qos: fc.constantFrom(1, 2) }),
        sessionExpiryS: fc.record({ subscriber: fc.integer({ min: 0, max: 2 }) }),
        messages: fc.array(fc.constant({}), { minLength: 1, maxLength: 3 }),
        timing: arbitraryTiming,
        broker: fc.record({
          persistence: fc.constantFrom("off", "on"),
          restarts: arbitraryRestarts(["crash", "graceful"]),
        }),
      });
      fc.assert(
        fc.property(scenario, (s) => {
          const trace = simulate(s);
          expect(causeProblems(trace)).toEqual([]);
          const hop = "broker-subscriber";
          const expiryMs = s.sessionExpiryS.subscriber * 1000;
          const downs = trace.events.filter((e) => e.type === "broker-down");
          downs.forEach((down, i) => {
            if (down.type !== "broker-down") return;
            // The first restart that closes the subscriber's connection starts its session's countdown
            // (a later one may only abort a reconnect attempt, which restarts nothing).
            const index = trace.events.indexOf(down);
            const firstClose = trace.events.find((e) => e.type === "connection-lost" && e.hop === hop);
            if (firstClose?.type !== "connection-lost" || firstClose.causedBy !== index) return;
            const connect = trace.events.find(
              (e) =>
                e.type === "packet" && e.packet === "CONNECT" && e.hop === hop && e.t >= down.t && !e.dropped,
            );
            if (connect?.type !== "packet") return;
            const next = downs[i + 1];
            if (next !== undefined && next.t <= connect.arrives) return;
            const expired = trace.events.some(
              (e) => e.type === "session-expired" && e.hop === hop && e.t >= down.t && e.t <= connect.arrives,
            );
            const connack = firstConnackAfter(trace, hop, connect.arrives - 1);
            if (!down.sessionsKept) {
              expect(expired).toBe(false);
              if (connack?.type === "packet") expect(connack.sessionPresent).toBe(false);
              return;
            }
            const away = connect.arrives - down.t;
            if (away > expiryMs) expect(expired).toBe(true);
            if (away < expiryMs) {
              expect(expired).toBe(false);
              if (connack?.type === "packet") expect(connack.sessionPresent).toBe(true);
            }
            if (expired && connack?.type === "packet") expect(connack.sessionPresent).toBe(false);
          });
        }),
        { numRuns: 300 },
      );
    },
  );
});
