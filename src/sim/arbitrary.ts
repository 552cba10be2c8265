/**
 * TEST-ONLY: fast-check arbitraries that generate complete, valid scenarios (every default filled
 * in, as `runScenario` expects them). Used by the property tests; never imported by the app.
 *
 * Validity follows scenario-format.md: "on-timeout" only with MQTT 3.1.1 (5.0 forbids timer
 * resends [MQTT-4.4.0-1]) and then with timeoutMs >= latencyMs / 2 (scenario.ts); "broker-subscriber"
 * faults only with a subscriber; fault messages within the scenario's messages; topic names without
 * wildcards [MQTT-3.3.2-2]. The property tests check that parseScenario accepts every one of them.
 */
import fc from "fast-check";
import { PACKET_TYPES, PROTOCOLS, QOS2_DELIVERIES, QOS_LEVELS } from "../protocol/types.ts";
import type { FaultPacketType, Protocol, Qos } from "../protocol/types.ts";
import { BROKER_PROFILE_IDS, CLIENT_PROFILE_IDS } from "../protocol/profileIds.ts";
import { RETRANSMIT_MODES, SESSION_KINDS } from "./types.ts";
import type { Fault, Hop, MessageSpec, Retransmit, Scenario, SessionKind, Timing } from "./types.ts";

/** Narrows what `arbitraryScenario` generates; every field left out means "anything valid". */
export interface ScenarioConstraints {
  protocols?: readonly Protocol[];
  retransmit?: readonly Retransmit[];
  /** Session kinds to pick from, for the publisher and the subscriber alike. */
  sessions?: readonly SessionKind[];
  publishQos?: readonly Qos[];
  /** "always": two hops; "never": one hop; "maybe" (default): either. */
  subscriber?: "always" | "never" | "maybe";
  /** QoS granted to the subscription, when there is a subscriber. */
  grantedQos?: readonly Qos[];
  /**
   * timeoutMs relative to the round trip (2 * latencyMs): "any" (default) draws it from 1..1000,
   * "above-round-trip" from 2*latency+1..1000, "up-to-round-trip" from 1..2*latency (spurious
   * resends); never below latency / 2 in "on-timeout" mode.
   */
  timeout?: "any" | "above-round-trip" | "up-to-round-trip";
  /** Most faults per scenario (default 4). */
  maxFaults?: number;
}

export const MAX_ARBITRARY_MESSAGES = 5;
export const MAX_ARBITRARY_ATTEMPT = 3;

/** Valid (protocol, retransmit) pairs: 5.0 resends only on reconnect [MQTT-4.4.0-1]. */
function protocolModes(c: ScenarioConstraints): [Protocol, Retransmit][] {
  const pairs: [Protocol, Retransmit][] = [];
  for (const protocol of c.protocols ?? PROTOCOLS) {
    for (const mode of c.retransmit ?? RETRANSMIT_MODES) {
      if (protocol === "5.0" && mode === "on-timeout") continue;
      pairs.push([protocol, mode]);
    }
  }
  if (pairs.length === 0) throw new Error("arbitraryScenario: no valid protocol/retransmit combination");
  return pairs;
}

/** Short topic names: one to three levels of lower-case letters and digits, no wildcards. */
export const arbitraryTopic: fc.Arbitrary<string> = fc
  .array(fc.stringMatching(/^[a-z0-9]{1,5}$/), { minLength: 1, maxLength: 3 })
  .map((levels) => levels.join("/"));

/** Short payloads, mostly ASCII, sometimes any Unicode (never a lone surrogate). */
export const arbitraryPayload: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ maxLength: 20 }), weight: 4 },
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 6 }), weight: 1 },
);

export const arbitraryMessage: fc.Arbitrary<MessageSpec> = fc.record(
  {
    topic: arbitraryTopic,
    payload: arbitraryPayload,
    retain: fc.boolean(),
  },
  { noNullPrototype: true },
);

/**
 * In "on-timeout" mode the timer is at least half the one-way latency (scenario.ts refuses less: a
 * shorter timer resends dozens of times per round trip and the trace explodes).
 */
function arbitraryTiming(c: ScenarioConstraints, retransmit: Retransmit): fc.Arbitrary<Timing> {
  return fc.integer({ min: 1, max: 100 }).chain((latencyMs) => {
    const roundTrip = 2 * latencyMs;
    const floor = retransmit === "on-timeout" ? Math.ceil(latencyMs / 2) : 1;
    const timeoutMs =
      c.timeout === "above-round-trip"
        ? fc.integer({ min: roundTrip + 1, max: 1000 })
        : c.timeout === "up-to-round-trip"
          ? fc.integer({ min: floor, max: roundTrip })
          : fc.integer({ min: floor, max: 1000 });
    return fc.record(
      {
        latencyMs: fc.constant(latencyMs),
        timeoutMs,
        reconnectDelayMs: fc.integer({ min: 0, max: 500 }),
        publishIntervalMs: fc.integer({ min: 0, max: 1000 }),
      },
      { noNullPrototype: true },
    );
  });
}

/** The packets of a QoS level's flow: what a fault most usefully names. */
const FLOW_PACKETS: Record<Qos, readonly FaultPacketType[]> = {
  0: ["PUBLISH"],
  1: ["PUBLISH", "PUBACK"],
  2: ["PUBLISH", "PUBREC", "PUBREL", "PUBCOMP"],
};

/**
 * Faults over the scenario's hops. Uniform choices would mostly name transmissions that never happen
 * (a PUBREC at QoS 1, a third attempt), so four in five name a packet of the hop's own flow and two
 * in three a first attempt; the rest range over every packet type and attempts 1..3.
 */
function arbitraryFaults(
  hops: readonly (readonly [Hop, Qos])[],
  messageCount: number,
  maxFaults: number,
): fc.Arbitrary<Fault[]> {
  const fault = fc.constantFrom(...hops).chain(([hop, qos]) =>
    fc.record(
      {
        hop: fc.constant(hop),
        packet: fc.oneof(
          { arbitrary: fc.constantFrom(...FLOW_PACKETS[qos]), weight: 4 },
          { arbitrary: fc.constantFrom(...PACKET_TYPES), weight: 1 },
        ),
        message: fc.integer({ min: 1, max: messageCount }),
        attempt: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: MAX_ARBITRARY_ATTEMPT })),
      },
      { noNullPrototype: true },
    ),
  );
  return fc.array(fault, { maxLength: maxFaults });
}

/**
 * TEST-ONLY. A random complete Scenario: protocol 3.1.1/5.0, retransmit mode (on-timeout only
 * with 3.1.1), a session kind per client, publishQos 0..2, an optional subscriber with a granted
 * QoS, Method A/B per QoS 2 receiver, dedupe, 1..5 messages, 0..4 faults, and timing (latency
 * 1..100, timeout 1..1000 and in "on-timeout" mode at least latency / 2, reconnect delay 0..500,
 * publish interval 0..1000 ms).
 */
export function arbitraryScenario(c: ScenarioConstraints = {}): fc.Arbitrary<Scenario> {
  const sessions = c.sessions ?? SESSION_KINDS;
  const subscriber =
    c.subscriber === "always"
      ? fc.constant(true)
      : c.subscriber === "never"
        ? fc.constant(false)
        : fc.boolean();
  return fc
    .record({
      mode: fc.constantFrom(...protocolModes(c)),
      publisher: fc.constantFrom(...sessions),
      subscriberSession: fc.constantFrom(...sessions),
      publishQos: fc.constantFrom(...(c.publishQos ?? QOS_LEVELS)),
      twoHops: subscriber,
      granted: fc.constantFrom(...(c.grantedQos ?? QOS_LEVELS)),
      broker: fc.constantFrom(...QOS2_DELIVERIES),
      subscriberDelivery: fc.constantFrom(...QOS2_DELIVERIES),
      dedupe: fc.boolean(),
      messages: fc.array(arbitraryMessage, { minLength: 1, maxLength: MAX_ARBITRARY_MESSAGES }),
    })
    .chain((r) => {
      const forwarded = Math.min(r.publishQos, r.granted) as Qos;
      const hops: (readonly [Hop, Qos])[] = [["publisher-broker", r.publishQos]];
      if (r.twoHops) hops.push(["broker-subscriber", forwarded]);
      const [protocol, retransmit] = r.mode;
      const rest = fc.tuple(
        arbitraryFaults(hops, r.messages.length, c.maxFaults ?? 4),
        arbitraryTiming(c, retransmit),
      );
      return rest.map(([faults, timing]): Scenario => {
        return {
          protocol,
          retransmit,
          session: { publisher: r.publisher, subscriber: r.subscriberSession },
          publishQos: r.publishQos,
          ...(r.twoHops ? { subscriber: { qos: r.granted } } : {}),
          qos2Delivery: { broker: r.broker, subscriber: r.subscriberDelivery },
          dedupe: r.dedupe,
          messages: r.messages,
          faults,
          timing,
        };
      });
    });
}

// ---------------------------------------------------------------------------------------------
// Opt-in: the scenario fields of issue 14. arbitraryScenario() above is unchanged, so existing
// property tests keep their inputs; a test that wants the new fields asks for them.

/** MQTT 5.0 reason codes a PUBACK or PUBREC may refuse with (spec 3.4.2.1, 3.5.2.1). */
const REFUSAL_CODES = [0x80, 0x83, 0x87, 0x90, 0x91, 0x97, 0x99] as const;

/** Plain objects, as JSON gives them (the parser reads own fields of plain objects only). */
const record = <T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<T> =>
  fc.record(model, { noNullPrototype: true });
const ms = (max: number) => fc.integer({ min: 0, max });
const optional = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.option(a, { nil: undefined, freq: 2 });

/** Drops the keys whose value is undefined, as a parsed scenario has none. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * TEST-ONLY. arbitraryScenario(c) with the fields of issue 14 added at random, each optional and
 * each valid for the scenario it lands in: 5.0-only fields (refusals, expiry and session-expiry
 * intervals, Retain As Published and Retain Handling, Will Delay, DISCONNECT with will) only with
 * 5.0, a subscriber's fields only with a subscriber, refusals on its hops and messages, publish
 * times non-decreasing. Complete as the parser gives them back (defaults of nested objects filled).
 */
export function arbitraryExtendedScenario(c: ScenarioConstraints = {}): fc.Arbitrary<Scenario> {
  return arbitraryScenario(c).chain((s) => {
    const v5 = s.protocol === "5.0";
    const hops: Hop[] = s.subscriber ? ["publisher-broker", "broker-subscriber"] : ["publisher-broker"];
    // Publish times for every message or for none: a message without one is published
    // publishIntervalMs after the previous, which a later given time must not precede.
    const messages = fc
      .tuple(
        fc.boolean(),
        ...s.messages.map((m) =>
          record({
            qos: optional(fc.constantFrom(...QOS_LEVELS)),
            gap: ms(500),
            expiryS: v5 ? optional(fc.integer({ min: 0, max: 120 })) : fc.constant(undefined),
          }).map(({ qos, gap, expiryS }) => ({ m, qos, gap, expiryS })),
        ),
      )
      .map(([timed, ...items]) => {
        let at = 0;
        return items.map(({ m, qos, gap, expiryS }, i): MessageSpec => {
          at += i === 0 ? 0 : gap;
          return defined({ ...m, qos, atMs: timed ? at : undefined, expiryS });
        });
      });
    const profiles = optional(
      record({
        broker: fc.constantFrom(...BROKER_PROFILE_IDS),
        publisher: fc.constantFrom(...CLIENT_PROFILE_IDS),
        subscriber: fc.constantFrom(...CLIENT_PROFILE_IDS),
      }),
    );
    const receiveMaximum = optional(
      record({
        broker: optional(fc.integer({ min: 1, max: 65_535 })),
        subscriber: s.subscriber ? optional(fc.integer({ min: 1, max: 10 })) : fc.constant(undefined),
      }).map(defined),
    );
    const refusals = v5
      ? optional(
          fc.array(
            record({
              hop: fc.constantFrom(...hops),
              message: fc.integer({ min: 1, max: s.messages.length }),
              reasonCode: fc.constantFrom(...REFUSAL_CODES),
            }),
            { minLength: 1, maxLength: 2 },
          ),
        )
      : fc.constant(undefined);
    const subscriberExtras = s.subscriber
      ? record({
          offline: optional(
            fc.array(
              record({
                atMs: ms(5000),
                forMs: fc.integer({ min: 1, max: 5000 }),
                end: fc.constantFrom("disconnect" as const, "cut" as const),
              }),
              { minLength: 1, maxLength: 2 },
            ),
          ),
          joinAtMs: optional(ms(3000)),
          retainAsPublished: v5 ? optional(fc.boolean()) : fc.constant(undefined),
          retainHandling: v5
            ? optional(fc.constantFrom(0 as const, 1 as const, 2 as const))
            : fc.constant(undefined),
        })
      : fc.constant({});
    const sessionExpiryS = v5
      ? optional(record({ publisher: optional(ms(3600)), subscriber: optional(ms(3600)) }).map(defined))
      : fc.constant(undefined);
    const broker = optional(
      record({
        queueQos0: optional(fc.boolean()),
        maxQueued: optional(fc.integer({ min: 0, max: 100 })),
        persistence: optional(
          fc.oneof(
            fc.constantFrom("off" as const, "on" as const),
            record({ autosaveMs: fc.integer({ min: 1, max: 60_000 }) }),
          ),
        ),
        // Restarts end connections, so only with resends on reconnect, one after another
        // (scenarioRules.ts): each starts a gap after the previous one ends.
        restarts:
          s.retransmit === "on-reconnect"
            ? optional(
                fc
                  .array(
                    record({
                      gap: ms(5000),
                      kind: fc.constantFrom("crash" as const, "graceful" as const),
                      downMs: ms(2000),
                    }),
                    { minLength: 1, maxLength: 2 },
                  )
                  .map((items) => {
                    let endsAt = 0;
                    return items.map(({ gap, kind, downMs }) => {
                      const atMs = endsAt + gap;
                      endsAt = atMs + downMs;
                      return { atMs, kind, downMs };
                    });
                  }),
              )
            : fc.constant(undefined),
      }).map(defined),
    );
    const will = optional(
      record({
        topic: arbitraryTopic,
        payload: arbitraryPayload,
        qos: fc.constantFrom(...QOS_LEVELS),
        retain: fc.boolean(),
        delayS: v5 ? optional(ms(60)) : fc.constant(undefined),
      }).map(defined),
    );
    const ends = v5
      ? (["disconnect", "disconnect-with-will", "crash"] as const)
      : (["disconnect", "crash"] as const);
    // The publisher ends after its last message is published (retainRules.ts): `atMs` is set below.
    const publisherEnd = optional(
      record({ after: fc.integer({ min: 1, max: 5000 }), kind: fc.constantFrom(...ends) }),
    );
    return fc
      .record({
        messages,
        profiles,
        receiveMaximum,
        refusals,
        subscriberExtras,
        sessionExpiryS,
        broker,
        will,
        publisherEnd,
      })
      .map(({ messages, subscriberExtras, publisherEnd, ...rest }): Scenario => {
        const subscriber = s.subscriber ? { ...s.subscriber, ...defined(subscriberExtras) } : undefined;
        const lastAt = messages.reduce(
          (t, m, i) => m.atMs ?? (i === 0 ? 0 : t + s.timing.publishIntervalMs),
          0,
        );
        const end = publisherEnd && { atMs: lastAt + publisherEnd.after, kind: publisherEnd.kind };
        return defined({
          ...s,
          ...(subscriber ? { subscriber } : {}),
          messages,
          ...defined({ ...rest, publisherEnd: end }),
        });
      });
  });
}

/**
 * TEST-ONLY. Scenarios where every way a PUBLISH reaches a hop meets a small Receive Maximum (1..3
 * on both hops) at once: messages close together, mostly retained on a few shared topics, a late
 * subscriber (its retained copies), an offline period (its queue; "on-reconnect" only, and not
 * before the join, as scenarioRules.ts asks), plus whatever arbitraryExtendedScenario adds (restarts, wills, profiles,
 * faults, expiry). Not parsed here: the caller keeps the valid ones.
 */
export function arbitraryQuotaScenario(): fc.Arbitrary<Scenario> {
  return arbitraryExtendedScenario({ subscriber: "always", publishQos: [1, 2], grantedQos: [1, 2] }).chain(
    (s) => {
      const n = s.messages.length;
      return record({
        broker: fc.integer({ min: 1, max: 3 }),
        subscriber: fc.integer({ min: 1, max: 3 }),
        gaps: fc.array(fc.constantFrom(0, 0, 5, 20, 60), { minLength: n, maxLength: n }),
        retained: fc.array(fc.constantFrom(true, true, false), { minLength: n, maxLength: n }),
        topics: fc.array(fc.constantFrom("a", "b", "c"), { minLength: n, maxLength: n }),
        joinAtMs: optional(ms(600)),
        offline: optional(
          record({
            atMs: ms(400),
            // Mostly counted from the join, where its queue meets the late subscriber's quota.
            fromJoin: fc.constantFrom(true, true, true, false),
            forMs: fc.integer({ min: 1, max: 1000 }),
            end: fc.constantFrom("disconnect" as const, "cut" as const),
          }),
        ),
      }).map(({ broker, subscriber, gaps, retained, topics, joinAtMs, offline }): Scenario => {
        const sub = s.subscriber as NonNullable<Scenario["subscriber"]>;
        let at = 0;
        const messages = s.messages.map((m, i) => {
          at += i === 0 ? 0 : (gaps[i] as number);
          return { ...m, atMs: at, topic: topics[i] as string, retain: retained[i] === true };
        });
        const reconnects = s.retransmit === "on-reconnect";
        // Counted from t = 0 it may start before a late subscriber joins: the parser refuses that
        // (scenarioRules.ts), and the caller keeps only the valid scenarios.
        const join = joinAtMs ?? sub.joinAtMs ?? 0;
        const away = offline && {
          atMs: offline.atMs + (offline.fromJoin ? join : 0),
          forMs: offline.forMs,
          end: offline.end,
        };
        return {
          ...s,
          receiveMaximum: { broker, subscriber },
          messages,
          subscriber: defined({
            ...sub,
            joinAtMs: joinAtMs ?? sub.joinAtMs,
            offline: reconnects && away !== undefined ? [away] : undefined,
          }),
        };
      });
    },
  );
}

/**
 * TEST-ONLY. A late subscriber offline from the moment it would join: arbitraryExtendedScenario
 * with a subscriber and "on-reconnect" (offline periods need it), `joinAtMs` 0..3000 and a first
 * offline period that starts there; then up to two more in order, each either at once after the
 * previous one or up to 2 s later. Replaces whatever join and periods the base had.
 */
export function arbitraryOfflineAtJoinScenario(): fc.Arbitrary<Scenario> {
  const period = record({
    forMs: fc.integer({ min: 1, max: 2000 }),
    end: fc.constantFrom("disconnect" as const, "cut" as const),
  });
  return arbitraryExtendedScenario({ subscriber: "always", retransmit: ["on-reconnect"] }).chain((s) =>
    record({
      joinAtMs: ms(3000),
      first: period,
      rest: fc.array(record({ gap: fc.oneof(fc.constant(0), ms(2000)), period }), { maxLength: 2 }),
    }).map(({ joinAtMs, first, rest }): Scenario => {
      let endsAt = joinAtMs + first.forMs;
      const later = rest.map(({ gap, period: { forMs, end } }) => {
        const atMs = endsAt + gap;
        endsAt = atMs + forMs;
        return { atMs, forMs, end };
      });
      const offline = [{ atMs: joinAtMs, ...first }, ...later];
      const subscriber = s.subscriber as NonNullable<Scenario["subscriber"]>;
      return { ...s, subscriber: { ...subscriber, joinAtMs, offline } };
    }),
  );
}
