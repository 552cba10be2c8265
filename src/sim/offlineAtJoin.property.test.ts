/**
 * Properties of a late subscriber offline from the moment it would join, over random valid
 * scenarios (arbitraryOfflineAtJoinScenario: faults, restarts, wills, profiles, expiry, refusals):
 * nothing happens on its hop until the period ends, and then it joins as a subscriber whose
 * `joinAtMs` is that end would, so its messages are delivered per its QoS and session as for one.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraryOfflineAtJoinScenario } from "./arbitrary.ts";
import { causeProblems } from "./causeRules.ts";
import { parseScenario } from "./scenario.ts";
import { simulate } from "./simulate.ts";
import type { OfflinePeriod, Scenario, Trace, TraceEvent } from "./types.ts";

// Each run simulates one or two scenarios of a few messages: well under a second on a loaded machine.
const RUNS = { numRuns: 150 };
const TIMEOUT = { timeout: 120_000 };
const HOP = "broker-subscriber";

/** The generator follows the field rules loosely (refusals, expiry): the valid ones, as parsed. */
const offlineAtJoin: fc.Arbitrary<Scenario> = arbitraryOfflineAtJoinScenario()
  .map((s) => parseScenario(s))
  .filter((p) => p.ok)
  .map((p) => (p.ok ? p.scenario : (undefined as never)));

/** When the periods that start at the join, and each one that follows at once, are over. */
function joinEnd(scenario: Scenario): { atMs: number; rest: OfflinePeriod[] } {
  const offline = scenario.subscriber?.offline ?? [];
  let atMs = scenario.subscriber?.joinAtMs ?? 0;
  let i = 0;
  while (i < offline.length && (offline[i] as OfflinePeriod).atMs === atMs) {
    atMs += (offline[i] as OfflinePeriod).forMs;
    i++;
  }
  return { atMs, rest: offline.slice(i) };
}

function onHop(e: TraceEvent): boolean {
  return "hop" in e && e.hop === HOP;
}

/** The events with the subscriber's CONNECT sizes left out (5.0: an away subscriber's says 3600 s). */
function comparable(trace: Trace): unknown[] {
  return trace.events.map((e) => {
    if (e.type !== "packet" || e.hop !== HOP || e.packet !== "CONNECT") return e;
    return { ...e, bytes: undefined, hex: undefined };
  });
}

describe("a late subscriber offline from its join (property)", () => {
  it(
    "its hop stays silent until the period ends, then opens with its CONNECT; nothing is queued for it before",
    TIMEOUT,
    () => {
      fc.assert(
        fc.property(offlineAtJoin, (scenario) => {
          const trace = simulate(scenario);
          const end = joinEnd(scenario).atMs;
          const early = trace.events.filter((e) => e.t < end && onHop(e));
          expect(early).toEqual([]);
          const first = trace.events.find((e) => e.type === "packet" && e.hop === HOP);
          expect(first).toMatchObject({ packet: "CONNECT", from: "subscriber" });
          // Then, unless the broker is down (a restart): its CONNECT waits for the broker to run.
          const down = scenario.broker?.restarts?.some((r) => r.atMs < end && end < r.atMs + r.downMs);
          if (!down) expect(first).toMatchObject({ t: end, attempt: 0 });
          // A broker that is down sends nothing (a graceful stop's DISCONNECT goes at its instant).
          const fromDownBroker = trace.events.filter(
            (e) =>
              e.type === "packet" &&
              e.from === "broker" &&
              scenario.broker?.restarts?.some((r) => r.atMs < e.t && e.t < r.atMs + r.downMs),
          );
          expect(fromDownBroker).toEqual([]);
          // No subscription exists before it subscribes: nothing is queued or dropped as "offline".
          const reasons = trace.events.flatMap((e) =>
            e.type === "not-forwarded" && e.t < end ? [e.reason] : [],
          );
          for (const reason of reasons) expect(["no-subscription", "refused"]).toContain(reason);
          expect(causeProblems(trace)).toEqual([]);
        }),
        RUNS,
      );
    },
  );

  it(
    "its trace is that of the same subscriber joining when the period ends, without that period",
    TIMEOUT,
    () => {
      fc.assert(
        fc.property(offlineAtJoin, (scenario) => {
          const { atMs, rest } = joinEnd(scenario);
          const subscriber = scenario.subscriber as NonNullable<Scenario["subscriber"]>;
          const joined = { ...scenario, subscriber: { ...subscriber, joinAtMs: atMs, offline: rest } };
          const away = simulate(scenario);
          const later = simulate(joined);
          expect(comparable(away)).toEqual(comparable(later));
          expect(away.outcome.messages).toEqual(later.outcome.messages);
          expect(away.unusedFaults).toEqual(later.unusedFaults);
        }),
        RUNS,
      );
    },
  );
});
