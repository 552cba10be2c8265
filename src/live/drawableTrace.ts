/**
 * A real trace made drawable by the model's diagram (src/diagram's `layout` takes a Trace): the
 * packets the model never draws are left out, every index is renumbered, and each packet gets the
 * fields only a simulation knows (`arrives`, `dropped`, `attempt`). Pure.
 *
 * - Left out: packets outside the QoS flows (SUBSCRIBE, SUBACK, PINGREQ, DISCONNECT, …) and each
 *   hop's first CONNECT and CONNACK (before any loss on that hop): the model draws a connection only
 *   after a loss, so the two diagrams line up; diffTraces leaves the same packets out.
 * - `t` stays real milliseconds, except that a packet sent (or any event that comes) less than
 *   MIN_FLIGHT_SHARE of a typical flight after the previous drawn event (a packet) is moved that much later (and everything after it with
 *   it), so that no arrow is drawn flat and no two labels share a line; longer gaps are kept as
 *   they were, so the idle gaps the diagram writes ("⋯ 296 ms") are real. The relay sees when a packet passes, not when it lands, so a
 *   packet `arrives` at the next later event, at most one typical flight after it left; the drawing's
 *   `timing.latencyMs` is that typical flight (the median gap between events), so a typical flight
 *   is drawn as tall as a model flight and longer waits are squeezed like the model's idle time.
 * - The relay's cut packet is `dropped` with `lostBy: "fault"`; `causedBy` indices follow the
 *   renumbering (dropped when they named a left-out event).
 */
import { PACKET_TYPES } from "../sim/types.ts";
import type {
  Hop,
  LossCause,
  MessageOutcome,
  PacketEvent,
  PacketType,
  Party,
  Trace,
  TraceEvent,
} from "../sim/types.ts";
import type { RealPacketEvent, RealTrace, RealTraceEvent } from "./realTrace.ts";

export interface DrawableTrace {
  trace: Trace;
  /** For each event of the real trace, its index in `trace.events`, or -1 when it is left out. */
  drawnIndex: readonly number[];
}

/** The shortest gap drawn before a packet, as a share of the typical flight. */
const MIN_FLIGHT_SHARE = 0.75;

/** The drawing's flight when a trace has no two events at different times. */
const DEFAULT_FLIGHT_MS = 1;

const FLOW: ReadonlySet<string> = new Set(PACKET_TYPES);

function isFlowPacket(e: RealPacketEvent): e is RealPacketEvent & { packet: PacketType } {
  return FLOW.has(e.packet);
}

/** Which real events are drawn: flow packets after each hop's first connection, and every other event. */
function keptIndexes(real: RealTrace): number[] {
  const lostOn = new Set<Hop>();
  const kept: number[] = [];
  real.events.forEach((e, i) => {
    if (e.type === "connection-lost") lostOn.add(e.hop);
    if (e.type === "packet") {
      if (!isFlowPacket(e)) return;
      const connection = e.packet === "CONNECT" || e.packet === "CONNACK";
      if (connection && !lostOn.has(e.hop)) return;
    }
    kept.push(i);
  });
  return kept;
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The typical flight: the median gap between consecutive drawn events at different times. */
export function typicalFlightMs(times: readonly number[]): number {
  const gaps: number[] = [];
  for (let i = 1; i < times.length; i++) {
    const gap = (times[i] ?? 0) - (times[i - 1] ?? 0);
    if (gap > 0) gaps.push(gap);
  }
  return median(gaps) ?? DEFAULT_FLIGHT_MS;
}

/** Real times, each packet and each event after a packet at least MIN_FLIGHT_SHARE × flight after the event before it. */
function spacedTimes(isPacket: readonly boolean[], times: readonly number[], flight: number): number[] {
  const out: number[] = [];
  let shift = 0;
  times.forEach((real, i) => {
    let t = real + shift;
    const before = out[i - 1];
    // A packet needs room to be drawn, and so does the flight of the packet before any event.
    const spaced = isPacket[i] === true || isPacket[i - 1] === true;
    if (before !== undefined && spaced && t < before + flight * MIN_FLIGHT_SHARE) {
      shift += before + flight * MIN_FLIGHT_SHARE - t;
      t = before + flight * MIN_FLIGHT_SHARE;
    }
    out.push(t);
  });
  return out;
}

/** The deliveries at the final receiver, as a model outcome reads them. */
function messagesOf(real: RealTrace, events: readonly TraceEvent[]): MessageOutcome[] {
  const final: Party = real.scenario.subscriber !== undefined ? "subscriber" : "broker";
  return real.scenario.messages.map((_, i) => {
    const message = i + 1;
    const deliveries = events.filter(
      (e) => e.type === "deliver" && e.at === final && e.message === message,
    ).length;
    const processed = real.scenario.dedupe ? Math.min(deliveries, 1) : deliveries;
    return {
      message,
      deliveries,
      processed,
      verdict: processed === 0 ? "lost" : processed === 1 ? "once" : "duplicated",
    };
  });
}

export function drawableTrace(real: RealTrace): DrawableTrace {
  const kept = keptIndexes(real);
  const drawnIndex = real.events.map(() => -1);
  kept.forEach((realIndex, drawn) => {
    drawnIndex[realIndex] = drawn;
  });
  const realTimes = kept.map((i) => (real.events[i] as RealTraceEvent).t);
  const flight = typicalFlightMs(realTimes);
  const times = spacedTimes(
    kept.map((i) => real.events[i]?.type === "packet"),
    realTimes,
    flight,
  );
  const attempts = new Map<string, number>();
  const remap = (causedBy: number | undefined): { causedBy?: number } => {
    const to = causedBy === undefined ? -1 : (drawnIndex[causedBy] ?? -1);
    return to >= 0 ? { causedBy: to } : {};
  };

  const events: TraceEvent[] = kept.map((realIndex, drawn) => {
    const e = real.events[realIndex] as RealTraceEvent;
    if (e.type !== "packet") {
      const { causedBy, ...rest } = e as TraceEvent & { causedBy?: number };
      return { ...rest, t: times[drawn] ?? e.t, ...remap(causedBy) } as TraceEvent;
    }
    const packet = { ...(e as RealPacketEvent & { packet: PacketType }), t: times[drawn] ?? e.t };
    // The next drawn event at a later time: where the packet is taken to land.
    let next = packet.t + flight;
    for (let j = drawn + 1; j < times.length; j++) {
      const t = times[j] ?? 0;
      if (t > packet.t) {
        next = Math.min(next, t);
        break;
      }
    }
    const key = `${packet.hop}|${packet.from}|${packet.packet}|${packet.message ?? "-"}`;
    const attempt = packet.attempt ?? (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    // A real packet is lost only where the relay cut (or held) it: a fault of the plan.
    const dropped = packet.cut === true || packet.dropped === true;
    const fields: Record<string, unknown> = { ...packet };
    // A real-only field would be drawn nowhere; `causedBy` is renumbered below.
    for (const key of ["cut", "reasonCode", "causedBy"]) delete fields[key];
    const drawnPacket: PacketEvent = {
      ...(fields as Omit<PacketEvent, "arrives" | "attempt" | "dropped">),
      packet: packet.packet,
      ...remap(packet.causedBy),
      arrives: dropped ? packet.t + flight : next,
      attempt,
      dropped,
      // Cut (or held) by the plan or by random loss, else waiting behind a held packet when its
      // connection died.
      ...(dropped ? { lostBy: packet.cut === true ? (lostByOf(fields) ?? "fault") : "connection-lost" } : {}),
    };
    return drawnPacket;
  });

  let packets = 0;
  let bytes = 0;
  for (const e of events) {
    if (e.type !== "packet") continue;
    packets++;
    bytes += e.bytes;
  }
  // The last packet lands after the last event the relay saw.
  const durationMs = Math.max(0, ...times, ...events.map((e) => (e.type === "packet" ? e.arrives : 0)));
  const trace: Trace = {
    scenario: { ...real.scenario, timing: { ...real.scenario.timing, latencyMs: flight } },
    events,
    unusedFaults: [],
    outcome: { messages: messagesOf(real, events), packets, bytes, durationMs },
  };
  return { trace, drawnIndex };
}

/** The relay's own `lostBy` of a cut packet ("random" for a random loss), when it recorded one. */
function lostByOf(fields: Record<string, unknown>): LossCause | undefined {
  const cause = fields.lostBy;
  return cause === "fault" || cause === "random" ? cause : undefined;
}
