/**
 * What to draw for a trace: lanes, arrows, delivery badges and marks, with their positions.
 * A pure function of (trace, size); the SVG components only draw it, and playback only decides
 * how much of it is visible at the current time (see `arrowProgress`).
 */
import type { Hop, PacketEvent, Party, Trace, TraceEvent } from "../sim/types.ts";
import { lossTime } from "../sim/steps.ts";
import { timeWarp, type Gap } from "./timeWarp.ts";

export interface Lane {
  party: Party;
  x: number;
  label: string;
}

export interface Arrow {
  /** Index of the packet event in trace.events: what `onToggle` and `onSelect` report. */
  index: number;
  /**
   * A key that survives a replay: hop, packet, message and attempt (what a fault names), so that
   * dropping a packet earlier in the trace does not make React re-create this arrow. Unique.
   */
  key: string;
  event: PacketEvent;
  x1: number;
  y1: number;
  /** Where the packet arrives, or would have arrived. */
  x2: number;
  y2: number;
  /** Where the drawn arrow stops: the arrival point, or the point where the packet was lost. */
  endX: number;
  endY: number;
  /** Simulated time at which the drawn arrow ends (arrival or loss). */
  tEnd: number;
  label: string;
  ariaLabel: string;
  /** Lost because the connection broke under it: restoring it is not a single click. */
  lostWithConnection: boolean;
}

export interface Badge {
  index: number;
  /** Stable across replays: party, message and delivery count. Unique. */
  key: string;
  t: number;
  x: number;
  y: number;
  party: Party;
  message: number;
  count: number;
  /** A second or later delivery to the final application. */
  duplicate: boolean;
  final: boolean;
  /** What the final application did with it. */
  processed: "processed" | "ignored" | null;
}

export type MarkKind =
  "connection-lost" | "reconnected" | "timeout" | "session-discarded" | "not-forwarded" | "publish";

export interface Mark {
  index: number;
  /** Stable across replays while the mark means the same: kind, place, message. Unique. */
  key: string;
  kind: MarkKind;
  t: number;
  /** Anchor; for hop-wide marks x1..x2 spans the hop. */
  x: number;
  y: number;
  x1: number;
  x2: number;
  /** Timers: where the wait started. */
  y0: number;
  label: string;
  /** Notes: which side of the lane the text goes, away from the traffic of its hop. */
  side: 1 | -1;
}

export interface DiagramLayout {
  width: number;
  height: number;
  lanes: Lane[];
  arrows: Arrow[];
  badges: Badge[];
  marks: Mark[];
  gaps: Gap[];
  /** End of the trace in simulated ms. */
  duration: number;
  yOf(t: number): number;
  tOf(y: number): number;
}

export interface LayoutOptions {
  width: number;
  /** Height of a packet's flight on screen, whatever the latency. */
  flightPx?: number;
  idlePx?: number;
  /** Lane margins; by default they leave room for labels and badges. */
  margins?: { left: number; right: number };
}

export const HEADER_PX = 64;
const FOOTER_PX = 40;
/** Vertical offset between packets leaving one party in the same direction at the same instant. */
const SLOT_PX = 22;
/** How far below its point a two-line note reaches. */
const NOTE_PX = 56;

const PARTY_LABEL: Record<Party, string> = {
  publisher: "Publisher",
  broker: "Broker",
  subscriber: "Subscriber",
};

/** Lane positions; the right margin leaves room for the delivery badges' text. */
export function laneXs(
  parties: readonly Party[],
  width: number,
  margins?: { left: number; right: number },
): Map<Party, number> {
  const left = margins?.left ?? Math.min(120, Math.max(96, width * 0.16));
  const right = margins?.right ?? Math.min(190, width * 0.26);
  const step = parties.length > 1 ? (width - left - right) / (parties.length - 1) : 0;
  return new Map(parties.map((p, i) => [p, left + i * step]));
}

export function packetLabel(e: PacketEvent): string {
  const parts: string[] = [e.packet];
  if (e.packetId !== undefined) parts.push(`id ${e.packetId}`);
  if (e.packet === "PUBLISH") parts.push(`QoS ${e.qos ?? 0}`);
  if (e.dup) parts.push("DUP");
  if (e.packet === "PUBREL" && e.resend) parts.push("again");
  if (e.packet === "CONNACK") parts.push(`SP=${e.sessionPresent ? 1 : 0}`);
  return parts.join(" · ");
}

/** The accessible name: packet type first, then which message and attempt, then direction. */
export function packetAriaLabel(e: PacketEvent): string {
  const which =
    e.packet === "CONNECT" || e.packet === "CONNACK"
      ? `connection attempt ${e.attempt}`
      : `message ${e.message ?? 1}, attempt ${e.attempt}`;
  const fate = !e.dropped ? "" : e.lostBy === "fault" ? ", dropped" : ", lost with the connection";
  return `${e.packet}, ${which}, ${e.from} to ${e.to}${fate}`;
}

function partiesOf(trace: Trace): Party[] {
  return trace.scenario.subscriber ? ["publisher", "broker", "subscriber"] : ["publisher", "broker"];
}

/** Intervals during which a packet is on the wire: drawn to scale. */
function busyIntervals(trace: Trace): [number, number][] {
  const busy: [number, number][] = [];
  trace.events.forEach((e, i) => {
    if (e.type === "packet") busy.push([e.t, e.dropped ? lossTime(trace, i) : e.arrives]);
  });
  return busy;
}

export function layout(trace: Trace, options: LayoutOptions): DiagramLayout {
  const { width } = options;
  const flightPx = options.flightPx ?? 56;
  const idlePx = options.idlePx ?? 56;
  const latency = trace.scenario.timing.latencyMs;
  let duration = trace.outcome.durationMs;
  for (const e of trace.events) if (e.t > duration) duration = e.t;
  const warp = timeWarp(busyIntervals(trace), duration, {
    pxPerMs: flightPx / latency,
    idlePx,
    top: HEADER_PX,
  });
  const xs = laneXs(partiesOf(trace), width, options.margins);
  const xOf = (p: Party) => xs.get(p) ?? 0;
  const hopXs = (hop: Hop): [number, number] =>
    hop === "publisher-broker" ? [xOf("publisher"), xOf("broker")] : [xOf("broker"), xOf("subscriber")];

  const arrows: Arrow[] = [];
  const badges: Badge[] = [];
  const marks: Mark[] = [];
  // Packets leaving at the current instant, per direction: events come in time order, so the
  // count starts again whenever the time moves on (no key per instant to build).
  const slots = new Map<string, number>();
  let slotsAt = Number.NaN;
  /** Extra depth at (party, instant), inherited from packets pushed down into a slot. */
  const shift = new Map<number, Record<Party, number>>();
  const shiftAt = (party: Party, t: number) => shift.get(t)?.[party] ?? 0;
  /** Deliveries' badges by the deliver event's index, for what the application then did. */
  const badgeOf = new Map<number, number>();
  const finalParty: Party = trace.scenario.subscriber ? "subscriber" : "broker";
  const keyOf = uniqueKeys();

  trace.events.forEach((e: TraceEvent, index) => {
    switch (e.type) {
      case "packet": {
        if (e.t !== slotsAt) {
          slots.clear();
          slotsAt = e.t;
        }
        const slotKey = `${e.from}|${e.to}`;
        const slot = slots.get(slotKey) ?? 0;
        slots.set(slotKey, slot + 1);
        const offset = shiftAt(e.from, e.t) + slot * SLOT_PX;
        // What this packet causes on arrival is drawn at least as low as the packet itself.
        if (offset > 0 && !e.dropped) {
          const at = shift.get(e.arrives) ?? { publisher: 0, broker: 0, subscriber: 0 };
          at[e.to] = Math.max(offset, at[e.to]);
          shift.set(e.arrives, at);
        }
        const x1 = xOf(e.from);
        const x2 = xOf(e.to);
        const y1 = warp.yOf(e.t) + offset;
        const y2 = warp.yOf(e.arrives) + offset;
        const tEnd = e.dropped ? lossTime(trace, index) : e.arrives;
        const f = e.arrives > e.t ? (tEnd - e.t) / (e.arrives - e.t) : 1;
        arrows.push({
          index,
          key: keyOf(`${e.hop}|${e.packet}|${e.message ?? "-"}|${e.attempt}`),
          event: e,
          x1,
          y1,
          x2,
          y2,
          endX: x1 + (x2 - x1) * f,
          endY: warp.yOf(tEnd) + offset,
          tEnd,
          label: packetLabel(e),
          ariaLabel: packetAriaLabel(e),
          lostWithConnection: e.dropped && e.lostBy === "connection-lost",
        });
        return;
      }
      case "deliver": {
        const final = e.at === finalParty;
        badgeOf.set(index, badges.length);
        badges.push({
          index,
          key: keyOf(`deliver|${e.at}|${e.message}|${e.count}`),
          t: e.t,
          x: xOf(e.at),
          y: warp.yOf(e.t) + shiftAt(e.at, e.t),
          party: e.at,
          message: e.message,
          count: e.count,
          duplicate: final && e.count > 1,
          final,
          // Set when the application's process or ignore event, caused by this delivery, comes.
          processed: null,
        });
        return;
      }
      case "timeout": {
        // The timer guarded the packet its cause names: it started when that packet left.
        const since = e.causedBy === undefined ? e.t : (trace.events[e.causedBy]?.t ?? e.t);
        const x = xOf(e.at);
        marks.push({
          index,
          key: keyOf(`timeout|${e.hop}|${e.message}|${e.waitingFor}|${e.t}`),
          kind: "timeout",
          t: e.t,
          x,
          y: warp.yOf(e.t) + shiftAt(e.at, e.t),
          x1: x,
          x2: x,
          y0: warp.yOf(since),
          label: `no ${e.waitingFor} after ${e.t - since} ms: resend`,
          side: -1,
        });
        return;
      }
      case "connection-lost":
      case "reconnected": {
        const [x1, x2] = hopXs(e.hop);
        const y = warp.yOf(e.t);
        const label =
          e.type === "connection-lost"
            ? "connection lost"
            : `reconnected · Session Present ${e.sessionPresent ? 1 : 0}`;
        const key = keyOf(`${e.type}|${e.hop}|${e.t}`);
        marks.push({ index, key, kind: e.type, t: e.t, x: (x1 + x2) / 2, y, x1, x2, y0: y, label, side: 1 });
        return;
      }
      case "session-discarded": {
        const what = e.messages.length ? `drops message ${e.messages.join(", ")}` : "nothing held";
        // Away from the hop's own traffic: the broker writes on the other hop's side.
        const side =
          e.at === "broker" ? (e.hop === "publisher-broker" ? 1 : -1) : e.at === "publisher" ? 1 : -1;
        const key = keyOf(`${e.type}|${e.hop}|${e.at}|${e.t}`);
        marks.push(
          laneMark(index, key, e.type, e.t, xOf(e.at), warp.yOf(e.t), `clean session: ${what}`, side),
        );
        return;
      }
      case "not-forwarded": {
        const why = e.reason === "no-session" ? "subscriber has no session" : "QoS 0 not queued offline";
        const key = keyOf(`${e.type}|${e.message}|${e.t}`);
        marks.push(
          laneMark(index, key, e.type, e.t, xOf("broker"), warp.yOf(e.t), `not forwarded: ${why}`, -1),
        );
        return;
      }
      case "publish":
        marks.push(
          laneMark(
            index,
            keyOf(`publish|${e.message}`),
            "publish",
            e.t,
            xOf("publisher"),
            warp.yOf(e.t),
            `message ${e.message}`,
            -1,
          ),
        );
        return;
      case "process":
      case "ignore": {
        const badge = e.causedBy === undefined ? undefined : badges[badgeOf.get(e.causedBy) ?? -1];
        if (badge?.final) badge.processed = e.type === "process" ? "processed" : "ignored";
        return;
      }
      case "state":
        return;
    }
  });

  const maxSlotY = arrows.reduce((m, a) => Math.max(m, a.y2, a.endY), 0);
  // Notes are written below their point (two lines): they must fit inside the drawing too.
  const maxNoteY = marks.reduce(
    (m, k) => (k.kind === "session-discarded" || k.kind === "not-forwarded" ? Math.max(m, k.y + NOTE_PX) : m),
    0,
  );
  return {
    width,
    height: Math.max(warp.height + FOOTER_PX, maxSlotY + FOOTER_PX, maxNoteY),
    lanes: [...xs].map(([party, x]) => ({ party, x, label: PARTY_LABEL[party] })),
    arrows,
    badges,
    marks,
    gaps: warp.gaps,
    duration,
    yOf: warp.yOf,
    tOf: warp.tOf,
  };
}

/** A mark that stands at one point of one lane. */
function laneMark(
  index: number,
  key: string,
  kind: MarkKind,
  t: number,
  x: number,
  y: number,
  label: string,
  side: 1 | -1,
): Mark {
  return { index, key, kind, t, x, y, x1: x, x2: x, y0: y, label, side };
}

/** Makes keys unique: the second use of a key gets "#2", and so on, in trace order. */
function uniqueKeys(): (key: string) => string {
  const seen = new Map<string, number>();
  return (key) => {
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1 ? key : `${key}#${n}`;
  };
}

/** How far along its flight an arrow is drawn at time `t`: 0 not yet sent, 1 complete. */
export function arrowProgress(arrow: Arrow, t: number): number {
  const t0 = arrow.event.t;
  if (t < t0) return 0;
  if (t >= arrow.tEnd || arrow.tEnd === t0) return 1;
  return (t - t0) / (arrow.tEnd - t0);
}
