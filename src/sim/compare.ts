/**
 * Compare mode's rule: one fault plan, several set-ups. Pure.
 *
 * A column's set-up (`CompareSetup`) is a QoS level and, optionally, a session kind. It changes
 * only these fields of the scenario on screen (`scenarioFor`):
 * - `publishQos` becomes the column's QoS and, with two hops, so does `subscriber.qos`: a column
 *   labelled "QoS 1" runs QoS 1 on every hop;
 * - `session`, when the column names one, becomes that kind for both clients; otherwise the
 *   scenario's own sessions stay;
 * - `profiles.broker`, when the column names a broker profile, becomes it (the clients' profiles
 *   stay as the scenario has them, else "spec"): the specification's answer beside a real
 *   broker's under one fault plan. A column naming "spec" names it: the specification's broker,
 *   whatever broker profile the scenario itself names.
 * Everything else (protocol, retransmit mode, hops, messages, timing, QoS 2 method, dedupe) stays,
 * and so does the fault plan, item for item: a fault names a transmission (hop, packet, message,
 * attempt), and the same names are looked for in every column.
 *
 * A fault naming a transmission a set-up can never make (a PUBREC under QoS 1, a second QoS 0
 * PUBLISH, a CONNECT when no connection ever breaks) is kept in that column's scenario, so its
 * trace lists it in `unusedFaults` like any fault that matched nothing; `faultFit` says why it
 * cannot match there, and `faultStatuses` tells the column's lost, "not in this set-up" and
 * "never happened" faults apart.
 */
import type { BROKER_PROFILE_IDS } from "../protocol/profileIds.ts";
import type { PacketType, Qos } from "../protocol/types.ts";
import type { Fault, Hop, Scenario, SessionKind, Trace } from "./types.ts";

export type BrokerProfile = (typeof BROKER_PROFILE_IDS)[number];

/**
 * One column of compare mode: a QoS level on every hop, a session kind for both clients, a broker
 * profile.
 */
export interface CompareSetup {
  qos: Qos;
  /** Both clients' session kind; absent: the scenario's own sessions. */
  session?: SessionKind;
  /** The broker's implementation profile; absent: the scenario's own (or none). */
  profile?: BrokerProfile;
}

/** The columns compare mode opens with: QoS 0, 1 and 2 under the loss on screen. */
export const DEFAULT_COMPARE: readonly CompareSetup[] = [{ qos: 0 }, { qos: 1 }, { qos: 2 }];
/** How many columns compare mode shows at least and at most. */
export const COMPARE_COLUMNS = { min: 2, max: 3 } as const;

/**
 * A column's heading: "QoS 1", "QoS 1 · clean session", "QoS 2 · Mosquitto 2.0". `nameOf` gives a
 * profile's name on screen (share/profileText.ts); by default its id.
 */
export function compareLabel(
  setup: CompareSetup,
  nameOf: (id: BrokerProfile) => string = (id) => id,
): string {
  return compareLabelParts(setup, nameOf).join(" · ");
}

/** The heading's parts, "QoS 2" first, then the session and the broker where the column sets them. */
export function compareLabelParts(
  setup: CompareSetup,
  nameOf: (id: BrokerProfile) => string = (id) => id,
): string[] {
  return [
    `QoS ${setup.qos}`,
    ...(setup.session === undefined ? [] : [`${setup.session} session`]),
    ...(setup.profile === undefined ? [] : [nameOf(setup.profile)]),
  ];
}

/** The scenario on screen under a column's set-up, with the very same fault plan. */
export function scenarioFor(base: Scenario, setup: CompareSetup): Scenario {
  const { subscriber, ...rest } = base;
  return {
    ...rest,
    publishQos: setup.qos,
    ...(subscriber ? { subscriber: { ...subscriber, qos: setup.qos } } : {}),
    session: setup.session ? { publisher: setup.session, subscriber: setup.session } : base.session,
    ...(setup.profile
      ? { profiles: { publisher: "spec", subscriber: "spec", ...base.profiles, broker: setup.profile } }
      : {}),
  };
}

/** The packets of each QoS level's flow, besides CONNECT and CONNACK. */
const FLOW: Record<Qos, readonly PacketType[]> = {
  0: ["PUBLISH"],
  1: ["PUBLISH", "PUBACK"],
  2: ["PUBLISH", "PUBREC", "PUBREL", "PUBCOMP"],
};

/** The QoS a hop runs at: the broker forwards at most at the granted subscription QoS. */
export function hopQos(scenario: Scenario, hop: Hop): Qos {
  if (hop === "publisher-broker" || !scenario.subscriber) return scenario.publishQos;
  return Math.min(scenario.publishQos, scenario.subscriber.qos) as Qos;
}

/** Whether a fault can match a transmission of this scenario, and if not, why not. */
export type FaultFit = { fits: true } | { fits: false; reason: string };

/**
 * Whether `scenario` can ever send the transmission `fault` names. Only what the set-up rules out
 * is said here; a fault that fits may still match nothing (a third attempt that never comes), which
 * only the trace can tell.
 */
export function faultFit(scenario: Scenario, fault: Fault): FaultFit {
  if (fault.hop === "broker-subscriber" && !scenario.subscriber) {
    return { fits: false, reason: "this set-up has one hop: nothing goes from broker to subscriber" };
  }
  if (fault.packet === "CONNECT" || fault.packet === "CONNACK") {
    // Timer resends keep the connection up: a loss never breaks it, so nothing reconnects.
    return scenario.retransmit === "on-timeout"
      ? { fits: false, reason: `"on-timeout" keeps the connection up: no ${fault.packet} is sent again` }
      : { fits: true };
  }
  const qos = hopQos(scenario, fault.hop);
  const where = fault.hop === "broker-subscriber" && scenario.subscriber ? " from the broker" : "";
  if (!FLOW[qos].includes(fault.packet)) {
    return {
      fits: false,
      reason: `QoS ${qos}${where} has no ${fault.packet} (only ${FLOW[qos].join(", ")})`,
    };
  }
  // QoS 0: "No ack, no resend, ever" (mqtt-reference.md §4): one PUBLISH per message and hop.
  if (qos === 0 && fault.attempt > 1) {
    return { fits: false, reason: `QoS 0${where} never sends a PUBLISH twice` };
  }
  return { fits: true };
}

/** What became of one fault of a column's plan. */
export type FaultStatus =
  | { fault: Fault; status: "lost" }
  | { fault: Fault; status: "not-in-setup"; reason: string }
  | { fault: Fault; status: "never-happened" };

function faultKey(f: Fault): string {
  const connection = f.packet === "CONNECT" || f.packet === "CONNACK";
  return `${f.hop}|${f.packet}|${connection ? 0 : f.message}|${f.attempt}`;
}

/**
 * Each fault of the trace's plan, in plan order: it made a packet lost, it names a transmission
 * this set-up never makes ("not in this set-up", with `faultFit`'s reason), or it fits the set-up
 * but nothing matched it in this run ("never happened"). Counted as a multiset, as the simulator
 * uses each of two equal faults at most once.
 */
export function faultStatuses(trace: Trace): FaultStatus[] {
  const unused = new Map<string, number>();
  for (const f of trace.unusedFaults) unused.set(faultKey(f), (unused.get(faultKey(f)) ?? 0) + 1);
  // The simulator uses equal faults first to last: the unused ones are the last of them.
  const remaining = new Map<string, number>();
  for (const f of trace.scenario.faults) remaining.set(faultKey(f), (remaining.get(faultKey(f)) ?? 0) + 1);
  return trace.scenario.faults.map((fault): FaultStatus => {
    const key = faultKey(fault);
    const left = remaining.get(key) ?? 0;
    remaining.set(key, left - 1);
    const isUnused = left <= (unused.get(key) ?? 0);
    if (!isUnused) return { fault, status: "lost" };
    const fit = faultFit(trace.scenario, fault);
    return fit.fits
      ? { fault, status: "never-happened" }
      : { fault, status: "not-in-setup", reason: fit.reason };
  });
}
