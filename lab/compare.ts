/**
 * A live run against the model of the same scenario, for the issue-14 dimensions: src/live's
 * diffTraces for the QoS flows (PUBLISH..PUBCOMP and reconnects), plus what it does not pair yet —
 * the opening CONNECT/CONNACK (Session Present, reason code, Receive Maximum), SUBSCRIBE/SUBACK,
 * DISCONNECT with its reason code, the will's deliveries and the order of the subscriber's
 * deliveries (QoS 1 overtaking QoS 2). Timing aside. Pure.
 */
import { diffTraces, type Difference } from "../src/live/index.ts";
import type { RealTrace } from "../src/live/index.ts";
import type { Hop, Trace, TraceEvent } from "../src/sim/types.ts";
import { HOPS } from "../src/sim/types.ts";

/** Packets diffTraces does not pair: SUBSCRIBE, SUBACK, DISCONNECT, and CONNECT/CONNACK before a loss. */
const EXTRA = new Set(["SUBSCRIBE", "SUBACK", "DISCONNECT"]);

interface Packetish {
  type: string;
  hop?: Hop;
  packet?: string;
  from?: string;
  sessionPresent?: boolean;
  reasonCode?: number;
  properties?: { receiveMaximum?: number };
}

/** Indices of the events diffTraces leaves to this file, per the same rule on both sides. */
function extraIndices(events: readonly Packetish[]): Set<number> {
  const broken = new Set<string>();
  const out = new Set<number>();
  events.forEach((e, i) => {
    if (e.type === "connection-lost" && e.hop !== undefined) broken.add(e.hop);
    if (e.type !== "packet" || e.packet === undefined || e.hop === undefined) return;
    const connection = e.packet === "CONNECT" || e.packet === "CONNACK";
    if (EXTRA.has(e.packet) || (connection && !broken.has(e.hop))) out.add(i);
  });
  return out;
}

/** The model's trace without the packets compared here, `causedBy` renumbered. */
function flowModel(model: Trace): Trace {
  const drop = extraIndices(model.events as Packetish[]);
  if (drop.size === 0) return model;
  const index = new Map<number, number>();
  const events: TraceEvent[] = [];
  model.events.forEach((e, i) => {
    if (drop.has(i)) return;
    index.set(i, events.length);
    events.push(e);
  });
  const renumbered = events.map((e) => {
    if (!("causedBy" in e) || e.causedBy === undefined) return e;
    const to = index.get(e.causedBy);
    const copy = { ...e };
    if (to === undefined) delete copy.causedBy;
    else copy.causedBy = to;
    return copy as TraceEvent;
  });
  return { ...model, events: renumbered };
}

/** One extra packet as compared: type, sender, Session Present, reason code, Receive Maximum. */
function describe(e: Packetish): string {
  const parts = [`${e.from ?? "?"} ${e.packet ?? "?"}`];
  if (e.sessionPresent !== undefined) parts.push(`Session Present ${e.sessionPresent ? 1 : 0}`);
  // An omitted reason code means success (5.0 §3.4.2.1; SUBACK: granted QoS 0).
  const code = e.reasonCode ?? 0;
  if (e.packet !== "CONNECT" && e.packet !== "SUBSCRIBE")
    parts.push(`0x${code.toString(16).padStart(2, "0")}`);
  const rm = e.properties?.receiveMaximum;
  if (rm !== undefined) parts.push(`Receive Maximum ${rm}`);
  return parts.join(" ");
}

function extrasByHop(events: readonly Packetish[]): Map<Hop, string[]> {
  const out = new Map<Hop, string[]>(HOPS.map((h) => [h, []]));
  const extra = extraIndices(events);
  events.forEach((e, i) => {
    if (extra.has(i) && e.hop !== undefined) out.get(e.hop)?.push(describe(e));
  });
  return out;
}

/** Whether a hop's packets start with its client's CONNECT: the trace draws that connection's opening. */
function opens(events: readonly Packetish[], hop: Hop): boolean {
  const first = events.find((e) => e.type === "packet" && e.hop === hop);
  return first?.packet === "CONNECT";
}

/** A hop's extra packets without its opening CONNECT and the CONNACK that answers it. */
function withoutOpening(lines: string[]): string[] {
  if (!/ CONNECT\b/.test(lines[0] ?? "")) return lines;
  return lines.slice(/ CONNACK\b/.test(lines[1] ?? "") ? 2 : 1);
}

/**
 * The broker's hand-on differences that an onward PUBLISH cannot show: without the broker's own
 * deliveries in the run, diffTraces reads the hand-on point from the first onward PUBLISH, but a
 * message the model did not forward when it arrived (nobody subscribed yet) goes on later as a
 * retained message at SUBSCRIBE, after every packet of its first hop, whatever the method.
 */
function unseenHandOn(d: Difference, model: Trace, real: RealTrace): boolean {
  if (d.kind !== "hand-on" || d.party !== "broker" || (real.deliveriesSeenAt ?? []).includes("broker"))
    return false;
  return model.events.some(
    (e) => e.type === "not-forwarded" && e.message === d.message && e.reason === "no-subscription",
  );
}

function deliveryOrder(
  events: readonly { type: string; at?: string; message?: number }[],
  at: string,
): number[] {
  return events.filter((e) => e.type === "deliver" && e.at === at).map((e) => e.message ?? 0);
}

/** Every difference between the model's trace and the real one, diffTraces's first. */
export function compareWithModel(model: Trace, real: RealTrace): Difference[] {
  const out = diffTraces(flowModel(model), real).filter((d) => !unseenHandOn(d, model, real));
  const modelExtras = extrasByHop(model.events as Packetish[]);
  const realExtras = extrasByHop(real.events as Packetish[]);
  for (const hop of HOPS) {
    const m = modelExtras.get(hop) ?? [];
    let r = realExtras.get(hop) ?? [];
    // Without an opening handshake in the model, the run's own first CONNECT/CONNACK (and the
    // subscription the set-up made) are not the scenario's. A harness artefact, not a behaviour:
    // the model's clients are connected before its trace begins unless the scenario sets what a
    // CONNECT carries, while the lab must connect each client through the relay, which records
    // it. A later CONNECT of the model (the end of an offline period) is compared as it is.
    if (!m.some((line) => / CONNECT\b/.test(line))) r = r.filter((line) => !/ CONN(ECT|ACK)\b/.test(line));
    else if (!opens(model.events as Packetish[], hop)) r = withoutOpening(r);
    if (!m.some((line) => / SUBSCRIBE\b/.test(line)))
      r = r.filter((line) => !/ SUB(SCRIBE|ACK)\b/.test(line));
    const n = Math.max(m.length, r.length);
    for (let k = 0; k < n; k++) {
      if (m[k] === r[k]) continue;
      out.push({
        kind: m[k] === undefined ? "unexpected" : r[k] === undefined ? "missing" : "flag",
        hop,
        ...(m[k] !== undefined ? { model: m[k] } : {}),
        ...(r[k] !== undefined ? { real: r[k] } : {}),
        sentence: `On ${hop}, connection packet ${k + 1}: the model has ${m[k] ?? "nothing"}, the real run ${r[k] ?? "nothing"}.`,
      });
    }
  }
  const at = model.scenario.subscriber !== undefined ? "subscriber" : "broker";
  const seen = real.deliveriesSeenAt ?? [];
  if (seen.includes(at)) {
    const m = deliveryOrder(model.events, at).join(" ");
    const r = deliveryOrder(real.events, at).join(" ");
    if (m !== r)
      out.push({
        kind: "deliveries",
        party: at,
        model: m,
        real: r,
        sentence: `The ${at} got messages in the order ${r || "(none)"}, the model ${m || "(none)"}.`,
      });
  }
  return out;
}
