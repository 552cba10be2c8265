/**
 * TEST-ONLY: the rules every `causedBy` of a trace obeys (types.ts, `Caused`), as named checks, so
 * that the golden traces and the property tests hold the engine to the same contract and each rule
 * has a test of its own. Never imported by the app.
 */
import { profileNamed } from "../protocol/profiles/index.ts";
import { behavioursOf } from "./behaviours.ts";
import type { PacketEvent, Party, Trace, TraceEvent } from "./types.ts";

export interface CauseRule {
  name: string;
  /** Null when the event obeys the rule (or the rule does not concern it), else what is wrong. */
  check(event: TraceEvent, index: number, trace: Trace): string | null;
}

/** The event `causedBy` names, or undefined when there is none or it names no event. */
function causeOf(event: TraceEvent, trace: Trace): TraceEvent | undefined {
  const cause = "causedBy" in event ? event.causedBy : undefined;
  return cause === undefined ? undefined : trace.events[cause];
}

function isPacket(e: TraceEvent | undefined): e is PacketEvent {
  return e?.type === "packet";
}

/** A packet that reached `at` on `hop` at time `t`. */
function arrivedAt(c: TraceEvent | undefined, hop: string, at: Party, t: number): c is PacketEvent {
  return isPacket(c) && !c.dropped && c.hop === hop && c.to === at && c.arrives === t;
}

/**
 * After a reconnect a party sends because of the hop's CONNACK: the client when it arrives, the
 * broker when it sends it (at that instant, before anything else).
 */
function isReconnectCause(c: TraceEvent | undefined, p: PacketEvent): boolean {
  if (!isPacket(c) || c.packet !== "CONNACK" || c.hop !== p.hop) return false;
  return c.from === p.from ? c.t === p.t : arrivedAt(c, p.hop, p.from, p.t);
}

function isTimeoutCause(c: TraceEvent | undefined, p: PacketEvent): boolean {
  return (
    c?.type === "timeout" && c.hop === p.hop && c.at === p.from && c.message === p.message && c.t === p.t
  );
}

/**
 * A PUBLISH that waited for send quota goes out when an acknowledgement that returns quota (PUBACK,
 * PUBCOMP, a PUBREC >= 0x80) arrives at its sender on its hop (MQTT 5.0 §4.9).
 */
function isQuotaReturn(c: TraceEvent | undefined, p: PacketEvent, trace: Trace): boolean {
  if (!arrivedAt(c, p.hop, p.from, p.t)) return false;
  const returns =
    c.packet === "PUBACK" || c.packet === "PUBCOMP" || (c.packet === "PUBREC" && (c.reasonCode ?? 0) >= 0x80);
  return (
    returns &&
    trace.events.some(
      (w) => w.type === "quota-wait" && w.hop === p.hop && w.message === p.message && w.t <= p.t,
    )
  );
}

/** What a packet answers, by packet type: the packet whose arrival it answers. */
const ANSWERS: Partial<Record<PacketEvent["packet"], PacketEvent["packet"]>> = {
  PUBACK: "PUBLISH",
  PUBREC: "PUBLISH",
  PUBREL: "PUBREC",
  PUBCOMP: "PUBREL",
  CONNACK: "CONNECT",
  SUBACK: "SUBSCRIBE",
};

/** A CONNECT that opens its hop: the first of the hop (attempt 0), caused by nothing. */
function isOpening(e: TraceEvent, trace: Trace): boolean {
  if (e.type !== "packet" || e.packet !== "CONNECT" || e.attempt !== 0) return false;
  // Before it in the trace, not merely at its instant: a client may leave at t = 0, after it.
  const at = trace.events.indexOf(e);
  return !trace.events.some((x, i) => x.type === "connection-lost" && x.hop === e.hop && i < at);
}

/** The broker's `will` event that published message `message` at time `t`. */
function isWillPublished(c: TraceEvent | undefined, message: number | undefined, t: number): boolean {
  return c?.type === "will" && c.action === "published" && c.message === message && c.t === t;
}

const describe = (e: TraceEvent | undefined): string => (e === undefined ? "nothing" : JSON.stringify(e));

export const CAUSE_RULES: readonly CauseRule[] = [
  {
    name: "every causedBy names an earlier event of the trace at the same instant or before",
    check(e, i, trace) {
      if (!("causedBy" in e) || e.causedBy === undefined) return null;
      const c = e.causedBy;
      if (!Number.isInteger(c) || c < 0 || c >= i) return `causedBy ${c} is not an index below ${i}`;
      const cause = trace.events[c] as TraceEvent;
      if (cause.t > e.t) return `caused at t=${cause.t}, after its effect at t=${e.t}`;
      if (cause.type === "state") return "caused by a state event";
      return null;
    },
  },
  {
    name: "only publish and state events go without a cause (and publisher-end, broker-down, disconnected, an opening CONNECT); they never have one",
    check(e, _i, trace) {
      const has = "causedBy" in e && e.causedBy !== undefined;
      // A client's leaving comes from the scenario's schedule, the opening CONNECT from nothing.
      const uncaused =
        e.type === "publish" ||
        e.type === "state" ||
        e.type === "publisher-end" ||
        e.type === "broker-down" ||
        e.type === "disconnected" ||
        isOpening(e, trace);
      if (uncaused && has) return `a ${e.type} event has a cause`;
      if (!uncaused && !has) return `a ${e.type} event has no cause`;
      return null;
    },
  },
  {
    name: "an answer (PUBACK, PUBREC, PUBCOMP, CONNACK, PUBREL to a PUBREC) is caused by the arrival of what it answers, on the same hop",
    check(e, _i, trace) {
      if (e.type !== "packet") return null;
      const c = causeOf(e, trace);
      // A PUBREL resent on a timer or a reconnect answers nothing: the PUBREL rule checks those.
      if (e.packet === "PUBREL" && (isTimeoutCause(c, e) || isReconnectCause(c, e))) return null;
      const answered = ANSWERS[e.packet];
      if (answered === undefined) return null;
      if (!arrivedAt(c, e.hop, e.from, e.t) || c.from !== e.to || c.packet !== answered) {
        return `expected the arrival of a ${answered} from ${e.to} at t=${e.t}; got ${describe(c)}`;
      }
      if (c.packetId !== e.packetId) return `answers packet id ${c.packetId}, carries ${e.packetId}`;
      return null;
    },
  },
  {
    name: "a PUBLISH is caused by its publish event, by the arrival that made the broker forward it, by a timeout, by a reconnect, by the will's publication or (RETAIN=1) by the SUBSCRIBE it answers",
    check(e, _i, trace) {
      if (e.type !== "packet" || e.packet !== "PUBLISH") return null;
      const c = causeOf(e, trace);
      if (isReconnectCause(c, e)) return null;
      if (e.resend !== true && isQuotaReturn(c, e, trace)) return null;
      if (e.resend === true) {
        return isTimeoutCause(c, e) ? null : `a resend caused by ${describe(c)}`;
      }
      if (e.hop === "publisher-broker") {
        const ok = c?.type === "publish" && c.message === e.message && c.t === e.t;
        return ok ? null : `a first PUBLISH caused by ${describe(c)}`;
      }
      if (isWillPublished(c, e.message, e.t)) return null;
      if (e.retain && arrivedAt(c, e.hop, "broker", e.t) && c.packet === "SUBSCRIBE") return null;
      const ok = arrivedAt(c, "publisher-broker", "broker", e.t) && c.message === e.message;
      return ok ? null : `a forwarded PUBLISH caused by ${describe(c)}`;
    },
  },
  {
    name: "a PUBREL sent again is caused by a timeout or by a reconnect",
    check(e, _i, trace) {
      if (e.type !== "packet" || e.packet !== "PUBREL") return null;
      const c = causeOf(e, trace);
      if (isPacket(c) && c.packet === "PUBREC") return null;
      return isTimeoutCause(c, e) || isReconnectCause(c, e) ? null : `PUBREL caused by ${describe(c)}`;
    },
  },
  {
    name: "a CONNECT is caused by the connection-lost or disconnected event of its hop, unless it opens the hop",
    check(e, _i, trace) {
      if (e.type !== "packet" || e.packet !== "CONNECT" || isOpening(e, trace)) return null;
      const c = causeOf(e, trace);
      const ok = (c?.type === "connection-lost" || c?.type === "disconnected") && c.hop === e.hop;
      return ok ? null : `CONNECT caused by ${describe(c)}`;
    },
  },
  {
    name: "a session-expired is caused by what closed the connection at the broker, its interval earlier",
    check(e, _i, trace) {
      if (e.type !== "session-expired") return null;
      const c = causeOf(e, trace);
      const closedAt =
        c?.type === "connection-lost" && c.hop === e.hop
          ? c.t
          : isPacket(c) && c.packet === "DISCONNECT" && c.hop === e.hop && !c.dropped
            ? c.arrives
            : undefined;
      if (closedAt === undefined) return `session-expired caused by ${describe(c)}`;
      return closedAt + e.expiryS * 1000 === e.t ? null : `closed at t=${closedAt}, expired at t=${e.t}`;
    },
  },
  {
    name: "a deliver is caused by a PUBLISH or PUBREL of its message that arrived at that party at that instant, or (the broker) by the will's publication",
    check(e, _i, trace) {
      if (e.type !== "deliver") return null;
      const c = causeOf(e, trace);
      if (e.at === "broker" && isWillPublished(c, e.message, e.t)) return null;
      const ok =
        arrivedAt(c, e.hop, e.at, e.t) &&
        (c.packet === "PUBLISH" || c.packet === "PUBREL") &&
        c.message === e.message;
      return ok ? null : `deliver caused by ${describe(c)}`;
    },
  },
  {
    name: "a process or ignore is caused by the deliver of its message at that party at that instant",
    check(e, _i, trace) {
      if (e.type !== "process" && e.type !== "ignore") return null;
      const c = causeOf(e, trace);
      const ok = c?.type === "deliver" && c.at === e.at && c.message === e.message && c.t === e.t;
      return ok ? null : `${e.type} caused by ${describe(c)}`;
    },
  },
  {
    name: "a timeout is caused by the last packet the sender sent for that message on that hop, one timeout earlier",
    check(e, i, trace) {
      if (e.type !== "timeout") return null;
      const c = causeOf(e, trace);
      const guarded = e.waitingFor === "PUBCOMP" ? "PUBREL" : "PUBLISH";
      if (
        !isPacket(c) ||
        c.hop !== e.hop ||
        c.from !== e.at ||
        c.message !== e.message ||
        c.packet !== guarded
      ) {
        return `timeout waiting for ${e.waitingFor} caused by ${describe(c)}`;
      }
      // A profile's live resend (EMQX, VerneMQ) runs on its own interval.
      const interval =
        behavioursOf(trace.scenario, profileNamed)[e.at].liveResendMs ?? trace.scenario.timing.timeoutMs;
      if (c.t + interval !== e.t) return `timer started at t=${c.t}, fired at t=${e.t}`;
      const later = trace.events
        .slice((e.causedBy ?? 0) + 1, i)
        .some((x) => x.type === "packet" && x.hop === e.hop && x.from === e.at && x.packetId === c.packetId);
      return later ? "the sender sent again after the packet named as the timer's" : null;
    },
  },
  {
    name: "a connection-lost is caused by a packet dropped on that hop half a latency earlier, by the publisher's crash, or by a broker-down at that instant",
    check(e, _i, trace) {
      if (e.type !== "connection-lost") return null;
      const c = causeOf(e, trace);
      if (c?.type === "publisher-end" && c.kind === "crash" && c.t === e.t && e.hop === "publisher-broker")
        return null;
      if (c?.type === "broker-down") return c.t === e.t ? null : `connection-lost caused by ${describe(c)}`;
      // An implementation closing on what arrived: a refused CONNECT, a QoS it does not support.
      const closing = ["CONNECT", "CONNACK", "PUBLISH", "DISCONNECT"];
      if (isPacket(c) && c.hop === e.hop && !c.dropped && c.arrives === e.t && closing.includes(c.packet)) {
        return null;
      }
      const ok =
        isPacket(c) &&
        c.hop === e.hop &&
        c.dropped &&
        c.lostBy !== "connection-lost" &&
        c.t + trace.scenario.timing.latencyMs / 2 === e.t;
      // Or an offline period's cut: its client leaves and the connection breaks at once.
      const cut = c?.type === "disconnected" && !c.graceful && c.hop === e.hop && c.t === e.t;
      return ok || cut ? null : `connection-lost caused by ${describe(c)}`;
    },
  },
  {
    name: "a reconnected is caused by the CONNACK that arrived at that instant",
    check(e, _i, trace) {
      if (e.type !== "reconnected") return null;
      const c = causeOf(e, trace);
      const ok = isPacket(c) && c.packet === "CONNACK" && !c.dropped && c.hop === e.hop && c.arrives === e.t;
      return ok ? null : `reconnected caused by ${describe(c)}`;
    },
  },
  {
    name: "a session-discarded is caused by the CONNECT (at the broker) or CONNACK (at the client) that arrived there",
    check(e, _i, trace) {
      if (e.type !== "session-discarded") return null;
      const c = causeOf(e, trace);
      const expected = e.at === "broker" ? "CONNECT" : "CONNACK";
      const ok = arrivedAt(c, e.hop, e.at, e.t) && c.packet === expected;
      return ok ? null : `session-discarded at ${e.at} caused by ${describe(c)}`;
    },
  },
  {
    name: "a broker's DISCONNECT is caused by a broker-down at that instant",
    check(e, _i, trace) {
      if (e.type !== "packet" || e.packet !== "DISCONNECT" || e.from !== "broker") return null;
      const c = causeOf(e, trace);
      return c?.type === "broker-down" && c.t === e.t ? null : `DISCONNECT caused by ${describe(c)}`;
    },
  },
  {
    name: "a broker-up is caused by the broker-down of that restart, downMs earlier",
    check(e, _i, trace) {
      if (e.type !== "broker-up") return null;
      const c = causeOf(e, trace);
      const ok =
        c?.type === "broker-down" &&
        (trace.scenario.broker?.restarts ?? []).some((r) => r.atMs === c.t && r.atMs + r.downMs === e.t);
      return ok ? null : `broker-up at t=${e.t} caused by ${describe(c)}`;
    },
  },
  {
    name: "a not-forwarded is caused by the first-hop arrival that made the broker deliver the message, or the will's publication",
    check(e, _i, trace) {
      if (e.type !== "not-forwarded") return null;
      const c = causeOf(e, trace);
      if (isWillPublished(c, e.message, e.t)) return null;
      // A queued copy expires its Message Expiry Interval after the arrival that queued it.
      const expiryS = trace.scenario.messages[e.message - 1]?.expiryS;
      const at = e.reason === "expired" && expiryS !== undefined ? e.t - expiryS * 1000 : e.t;
      const ok = arrivedAt(c, "publisher-broker", "broker", at) && c.message === e.message;
      return ok ? null : `not-forwarded caused by ${describe(c)}`;
    },
  },
  {
    name: "a quota-wait is caused by what would have caused its PUBLISH: its publish event, the arrival that made the broker forward it, a reconnect, the will's publication or the SUBSCRIBE a retained copy answers",
    check(e, _i, trace) {
      if (e.type !== "quota-wait") return null;
      const c = causeOf(e, trace);
      if (isPacket(c) && c.packet === "CONNACK" && c.hop === e.hop) {
        const ok = c.from === e.at ? c.t === e.t : arrivedAt(c, e.hop, e.at, e.t);
        return ok ? null : `quota-wait caused by ${describe(c)}`;
      }
      if (e.hop === "publisher-broker") {
        const ok = c?.type === "publish" && c.message === e.message && c.t === e.t;
        return ok ? null : `quota-wait caused by ${describe(c)}`;
      }
      if (isWillPublished(c, e.message, e.t)) return null;
      if (arrivedAt(c, e.hop, "broker", e.t) && c.packet === "SUBSCRIBE") return null;
      const ok = arrivedAt(c, "publisher-broker", "broker", e.t) && c.message === e.message;
      return ok ? null : `quota-wait caused by ${describe(c)}`;
    },
  },
  {
    name: "a SUBSCRIBE is caused by the CONNACK that reached the subscriber at that instant",
    check(e, _i, trace) {
      if (e.type !== "packet" || e.packet !== "SUBSCRIBE") return null;
      const c = causeOf(e, trace);
      const ok = arrivedAt(c, e.hop, e.from, e.t) && c.packet === "CONNACK";
      return ok ? null : `SUBSCRIBE caused by ${describe(c)}`;
    },
  },
  {
    name: "a DISCONNECT is caused by the publisher-end event, or by its client's graceful disconnected event, at that instant",
    check(e, _i, trace) {
      // The broker's own DISCONNECT (a shutdown) has the rule above.
      if (e.type !== "packet" || e.packet !== "DISCONNECT" || e.from === "broker") return null;
      const c = causeOf(e, trace);
      const ended = c?.type === "publisher-end" && c.kind !== "crash" && c.t === e.t && e.from === c.at;
      const left =
        c?.type === "disconnected" && c.graceful && c.hop === e.hop && c.at === e.from && c.t === e.t;
      return ended || left ? null : `DISCONNECT caused by ${describe(c)}`;
    },
  },
  {
    name: "a retained is caused by the broker's deliver of that message at that instant",
    check(e, _i, trace) {
      if (e.type !== "retained") return null;
      const c = causeOf(e, trace);
      const ok = c?.type === "deliver" && c.at === "broker" && c.message === e.message && c.t === e.t;
      return ok ? null : `retained caused by ${describe(c)}`;
    },
  },
  {
    name: "a will is caused by what ended the publisher's connection (DISCONNECT, connection-lost, a broker restart) or by the CONNECT that resumed it",
    check(e, _i, trace) {
      if (e.type !== "will") return null;
      const c = causeOf(e, trace);
      // At a restart: as the broker stops (graceful), or later, as it runs again or loses it.
      if (e.reason === "broker-restart") {
        const ok = c?.type === "broker-down" && (e.action === "published" ? e.t >= c.t : e.t === c.t);
        return ok ? null : `will ${e.reason} caused by ${describe(c)}`;
      }
      const now = e.t === c?.t || (isPacket(c) && c.arrives === e.t);
      const delayed = e.reason === "delay-elapsed" || e.reason === "session-expired";
      const expected: readonly string[] =
        e.reason === "reconnected"
          ? ["CONNECT"]
          : e.reason === "disconnect" || e.reason === "disconnect-with-will"
            ? ["DISCONNECT"]
            : ["connection-lost", "DISCONNECT"];
      const ok =
        (delayed || now) &&
        (isPacket(c)
          ? c.hop === "publisher-broker" && c.to === "broker" && !c.dropped && expected.includes(c.packet)
          : c?.type === "connection-lost" && c.hop === "publisher-broker" && expected.includes(c.type));
      return ok ? null : `will ${e.reason} caused by ${describe(c)}`;
    },
  },
];

/** Every broken rule of a trace, as "event i: rule: what is wrong"; empty when all hold. */
export function causeProblems(trace: Trace, rules: readonly CauseRule[] = CAUSE_RULES): string[] {
  const problems: string[] = [];
  trace.events.forEach((e, i) => {
    for (const rule of rules) {
      const problem = rule.check(e, i, trace);
      if (problem !== null) problems.push(`event ${i}: ${rule.name}: ${problem}`);
    }
  });
  return problems;
}
