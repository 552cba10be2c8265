/**
 * Properties of offline periods, queues and expiry over random valid scenarios (5.0, two hops,
 * "on-reconnect", with faults): nothing is sent or delivered after its session or its message
 * expired, the queue keeps its order, and it never holds more than `broker.maxQueued`.
 */
import fc from "fast-check";
import { describe, it } from "vitest";
import { arbitraryScenario } from "./arbitrary.ts";
import { causeProblems } from "./causeRules.ts";
import { runScenario } from "./runScenario.ts";
import { parseScenario } from "./scenario.ts";
import type { OfflinePeriod, PacketEvent, Scenario, Trace } from "./types.ts";

const TIMEOUT = { timeout: 120_000 };

/** Offline periods in order, not overlapping: gaps and lengths up to 3 s. */
const arbitraryOffline: fc.Arbitrary<OfflinePeriod[]> = fc
  .array(
    fc.record({
      gap: fc.integer({ min: 0, max: 3000 }),
      forMs: fc.integer({ min: 1, max: 3000 }),
      end: fc.constantFrom("disconnect" as const, "cut" as const),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((periods) => {
    let at = 0;
    return periods.map(({ gap, forMs, end }) => {
      const period = { atMs: at + gap, forMs, end };
      at = period.atMs + forMs;
      return period;
    });
  });

/** A scenario of this area: a subscriber away at times, with queue settings and expiry intervals. */
const arbitraryQueueScenario: fc.Arbitrary<Scenario> = arbitraryScenario({
  protocols: ["5.0"],
  retransmit: ["on-reconnect"],
  subscriber: "always",
  maxFaults: 3,
}).chain((base) =>
  fc
    .record({
      offline: arbitraryOffline,
      queueQos0: fc.option(fc.boolean(), { nil: undefined }),
      maxQueued: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
      subscriberExpiryS: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
      messageExpiryS: fc.array(fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }), {
        minLength: base.messages.length,
        maxLength: base.messages.length,
      }),
    })
    .map((r): Scenario => {
      const broker = {
        ...(r.queueQos0 === undefined ? {} : { queueQos0: r.queueQos0 }),
        ...(r.maxQueued === undefined ? {} : { maxQueued: r.maxQueued }),
      };
      const persistent = base.session.subscriber === "persistent";
      return {
        ...base,
        subscriber: { qos: base.subscriber?.qos ?? 1, offline: r.offline },
        messages: base.messages.map((m, i) => {
          const expiryS = r.messageExpiryS[i];
          return expiryS === undefined ? m : { ...m, expiryS };
        }),
        ...(Object.keys(broker).length > 0 ? { broker } : {}),
        ...(persistent && r.subscriberExpiryS !== undefined
          ? { sessionExpiryS: { subscriber: r.subscriberExpiryS } }
          : {}),
      };
    }),
);

function holds(check: (s: Scenario, trace: Trace) => void, numRuns: number): void {
  fc.assert(
    fc.property(arbitraryQueueScenario, (s) => check(s, runScenario(s, { states: true }))),
    { numRuns },
  );
}

function ensure(condition: boolean, message: () => string): asserts condition {
  if (!condition) throw new Error(message());
}

const secondHopPublishes = (trace: Trace): PacketEvent[] =>
  trace.events.filter(
    (e): e is PacketEvent => e.type === "packet" && e.hop === "broker-subscriber" && e.packet === "PUBLISH",
  );

describe("offline periods, queues and expiry (properties)", () => {
  it("every generated scenario is valid, runs to the end and obeys the cause rules", TIMEOUT, () => {
    holds((s, trace) => {
      const parsed = parseScenario(s);
      ensure(parsed.ok, () => `refused: ${JSON.stringify(parsed.ok ? [] : parsed.problems)}`);
      const problems = causeProblems(trace);
      ensure(problems.length === 0, () => problems.join("\n"));
    }, 300);
  });

  it(
    "nothing is first sent to the subscriber after its message expired, and it carries what remains",
    TIMEOUT,
    () => {
      holds((s, trace) => {
        const accepted = new Map<number, number[]>();
        for (const e of trace.events) {
          if (e.type === "deliver" && e.at === "broker")
            accepted.set(e.message, [...(accepted.get(e.message) ?? []), e.t]);
          if (e.type !== "packet" || e.hop !== "broker-subscriber" || e.packet !== "PUBLISH" || e.resend)
            continue;
          const expiryS = s.messages[(e.message ?? 0) - 1]?.expiryS;
          const carried = e.properties?.messageExpiryInterval;
          if (expiryS === undefined) {
            ensure(carried === undefined, () => `m${e.message} carries an interval it never had`);
            continue;
          }
          // Some copy the broker accepted earlier is still alive and has exactly that much left.
          const fits = (accepted.get(e.message ?? 0) ?? []).some((at) => {
            const deadline = at + expiryS * 1000;
            // At the deadline itself nothing is left (0); an interval of 0 is gone the instant it arrives.
            return e.t <= deadline && carried === Math.ceil((deadline - e.t) / 1000);
          });
          ensure(fits, () => `m${e.message} sent at t=${e.t} with ${carried} s left of ${expiryS} s`);
        }
      }, 300);
    },
  );

  it(
    "after a session expired, nothing of it is sent or delivered again: the reconnect finds no session",
    TIMEOUT,
    () => {
      holds((_s, trace) => {
        trace.events.forEach((e, i) => {
          if (e.type !== "session-expired" || e.hop !== "broker-subscriber") return;
          const later = trace.events.slice(i + 1);
          const connack = later.find(
            (x): x is PacketEvent => x.type === "packet" && x.packet === "CONNACK" && x.hop === e.hop,
          );
          if (connack)
            ensure(connack.sessionPresent === false, () => `Session Present 1 after expiry at t=${e.t}`);
          for (const x of later) {
            // A resend belongs to a flow of the old session, which is gone.
            const resent = x.type === "packet" && x.hop === e.hop && x.from === "broker" && x.resend === true;
            ensure(
              !resent || !e.messages.includes(x.message ?? 0),
              () => `m${x.type === "packet" ? x.message : "?"} resent after its session expired`,
            );
          }
          // A lost message reaches the subscriber again only as a copy the broker accepted after it.
          for (const m of e.messages) {
            const delivered = later.some(
              (x) => x.type === "deliver" && x.at === "subscriber" && x.message === m,
            );
            const accepted = later.some((x) => x.type === "deliver" && x.at === "broker" && x.message === m);
            ensure(!delivered || accepted, () => `m${m} delivered after its session expired`);
          }
        });
      }, 300);
    },
  );

  it("live actors give the same trace as the pure driver", TIMEOUT, () => {
    fc.assert(
      fc.property(arbitraryQueueScenario, (s) => {
        const pure = runScenario(s, { states: true });
        const actor = runScenario(s, { states: true, driver: "actor" });
        ensure(JSON.stringify(actor) === JSON.stringify(pure), () => "the drivers disagree");
      }),
      { numRuns: 60 },
    );
  });

  it("the broker sends a subscriber its messages in the order it accepted them", TIMEOUT, () => {
    holds((_s, trace) => {
      const accepted = trace.events.flatMap((e) =>
        e.type === "deliver" && e.at === "broker" ? [e.message] : [],
      );
      const firstSends = secondHopPublishes(trace)
        .filter((p) => p.resend !== true)
        .map((p) => p.message ?? 0);
      // The first sends are a subsequence of the accepted copies: nothing overtakes in the queue.
      let j = 0;
      for (const m of accepted) if (j < firstSends.length && firstSends[j] === m) j++;
      ensure(j === firstSends.length, () => `accepted ${accepted.join(",")}, sent ${firstSends.join(",")}`);
    }, 300);
  });

  it("the queue never holds more than maxQueued, and QoS 0 waits in it only with queueQos0", TIMEOUT, () => {
    holds((s, trace) => {
      const limit = s.broker?.maxQueued;
      // A copy made while the subscriber is connected passes through "queued" within its instant.
      const overLimit = queuedAtInstants(trace).some((n) => limit !== undefined && n > limit);
      ensure(!overLimit, () => `more than ${limit} queued at the end of an instant`);
      if (s.broker?.queueQos0 !== true) {
        const qos0Queued = secondHopPublishes(trace).some(
          (p) =>
            (p.qos ?? 0) === 0 &&
            trace.events[p.causedBy ?? -1]?.type === "packet" &&
            (trace.events[p.causedBy ?? -1] as PacketEvent).packet === "CONNACK",
        );
        ensure(!qos0Queued, () => "a QoS 0 message was queued without queueQos0");
      }
    }, 300);
  });
});

/** The number of copies queued at the broker at the end of each instant (from its state events). */
function queuedAtInstants(trace: Trace): number[] {
  const counts: number[] = [];
  const waiting = new Map<string, number>();
  let queued = 0;
  let t: number | undefined;
  for (const e of trace.events) {
    if (t !== undefined && e.t !== t) counts.push(queued);
    t = e.t;
    if (e.type !== "state" || e.role !== "sender" || e.at !== "broker") continue;
    const key = `${e.message}|${e.packetId ?? "-"}`;
    if (e.state === "queued") {
      waiting.set(key, (waiting.get(key) ?? 0) + 1);
      queued++;
    } else if ((waiting.get(key) ?? 0) > 0) {
      waiting.set(key, (waiting.get(key) ?? 0) - 1);
      queued--;
    }
  }
  counts.push(queued);
  return counts;
}
