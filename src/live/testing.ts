/**
 * TEST-ONLY: model traces dressed as real ones, for the diff's tests. Never imported by the app.
 */
import { HOP_CLIENT } from "../explain/words.ts";
import { HOPS } from "../sim/types.ts";
import type { Trace } from "../sim/types.ts";
import type { RealPacketEvent, RealTrace, RealTraceEvent } from "./realTrace.ts";

/** A model trace read as a real one: fault-dropped packets become the relay's cut packets. */
export function asReal(trace: Trace, scenarioOf: Trace = trace): RealTrace {
  const events: RealTraceEvent[] = trace.events.map((e) => {
    if (e.type !== "packet") return e;
    const { lostBy, ...rest } = e;
    return lostBy === "fault" ? { ...rest, cut: true as const } : rest;
  });
  return { scenario: scenarioOf.scenario, events };
}

function connection(hop: RealPacketEvent["hop"], connack: boolean): RealPacketEvent {
  const client = HOP_CLIENT[hop];
  return {
    t: 0,
    type: "packet",
    hop,
    from: connack ? "broker" : client,
    to: connack ? client : "broker",
    packet: connack ? "CONNACK" : "CONNECT",
    dup: false,
    retain: false,
    bytes: 4,
    hex: connack ? "20 02 00 00" : "10 02 00 00",
  };
}

/**
 * What the relay would record for a model trace: no `causedBy`, `arrives`, `attempt`, `dropped`,
 * no broker deliveries on one hop (the run cannot see them), and each hop's initial CONNECT,
 * CONNACK and, on the subscriber's hop, SUBSCRIBE and SUBACK first.
 */
export function relayLike(trace: Trace): RealTrace {
  const hops = HOPS.filter((hop) => hop === "publisher-broker" || trace.scenario.subscriber);
  const opening: RealTraceEvent[] = hops.flatMap((hop) => {
    const open = [connection(hop, false), connection(hop, true)];
    if (hop !== "broker-subscriber") return open;
    const subscribe: RealPacketEvent = { ...open[0]!, packet: "SUBSCRIBE", hex: "82 00" };
    return [...open, subscribe, { ...open[1]!, packet: "SUBACK", hex: "90 00" }];
  });
  const events = asReal(trace).events.flatMap((e): RealTraceEvent[] => {
    if (e.type === "deliver" && e.at === "broker" && !trace.scenario.subscriber) return [];
    if (e.type === "state") return [];
    const copy: Record<string, unknown> = { ...e };
    for (const key of ["causedBy", "arrives", "attempt", "dropped"]) delete copy[key];
    return [copy as unknown as RealTraceEvent];
  });
  return { scenario: trace.scenario, events: [...opening, ...events] };
}
