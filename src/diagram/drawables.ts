/**
 * What a trace draws, before where: each arrow, delivery badge and mark with its key and its text,
 * in trace order. Nothing here depends on the width, the font scale or how tall anything is drawn,
 * so it is worked out once per trace (remembered per trace object, which is immutable) and read by
 * every try of every layout of that trace: the sizing of lanes and hops reads the texts alone, and
 * each try only puts these items at their places (layout.ts `collect`). Pure.
 */
import type {
  BrokerDownEvent,
  Hop,
  NotForwardedReason,
  PacketEvent,
  Party,
  PublisherEndEvent,
  Trace,
  WillEvent,
} from "../sim/types.ts";
import { lossTime } from "../sim/steps.ts";
import type { Badge, MarkKind } from "./layout.ts";

export interface ArrowItem {
  kind: "arrow";
  index: number;
  key: string;
  event: PacketEvent;
  /** Where the drawn arrow ends in time: arrival, or loss. */
  tEnd: number;
  label: string;
  ariaLabel: string;
  lostWithConnection: boolean;
  /** The label as drawn: a lost packet's says so in words too. */
  drawn: string;
}

/** A delivery: the badge's fields that do not depend on where it is drawn. */
export interface BadgeItem extends Pick<
  Badge,
  "index" | "key" | "t" | "party" | "message" | "count" | "duplicate" | "final" | "processed"
> {
  kind: "badge";
}

export interface MarkItem {
  kind: "mark";
  index: number;
  key: string;
  mark: MarkKind;
  t: number;
  /** The lane it stands by; null for a mark across `hop`. */
  party: Party | null;
  hop: Hop | null;
  label: string;
  side: 1 | -1;
  /** Timers and the broker's down time: when the wait started (`y0`); otherwise `t`. */
  since: number;
}

export type Item = ArrowItem | BadgeItem | MarkItem;

export interface Drawables {
  /** Every item, in trace order (the order `collect` places them in). */
  items: Item[];
  arrows: ArrowItem[];
  badges: BadgeItem[];
  marks: MarkItem[];
}

export function packetLabel(e: PacketEvent): string {
  const parts: string[] = [e.packet];
  if (e.packetId !== undefined) parts.push(`id ${e.packetId}`);
  if (e.packet === "PUBLISH") parts.push(`QoS ${e.qos ?? 0}`);
  if (e.dup) parts.push("DUP");
  // Toward the subscriber RETAIN=1 tells a retained message (or Retain As Published) from a live one.
  if (e.retain && e.hop === "broker-subscriber") parts.push("RETAIN");
  if (e.packet === "PUBREL" && e.resend) parts.push("again");
  if (e.packet === "CONNACK") parts.push(`SP=${e.sessionPresent ? 1 : 0}`);
  if (e.packet === "SUBACK") parts.push(`granted QoS ${e.reasonCode ?? 0}`);
  if (e.packet === "DISCONNECT" && e.reasonCode !== undefined)
    parts.push(`0x${e.reasonCode.toString(16).padStart(2, "0")}`);
  // MQTT 5.0: an acknowledgement's reason code other than success, and a Receive Maximum.
  if (e.reasonCode !== undefined && e.packet !== "SUBACK" && e.packet !== "DISCONNECT")
    parts.push(`0x${e.reasonCode.toString(16).padStart(2, "0")}`);
  if (e.properties?.receiveMaximum !== undefined) parts.push(`RM ${e.properties.receiveMaximum}`);
  return parts.join(" · ");
}

/** The label as drawn: a lost packet says so in words too, not by colour alone. */
function drawnFrom(label: string, e: PacketEvent): string {
  if (!e.dropped) return label;
  return label + (e.lostBy === "connection-lost" ? " · lost with link" : " · LOST");
}

/** The accessible name: packet type first, then which message and attempt, then direction. */
export function packetAriaLabel(e: PacketEvent): string {
  const which =
    e.packet === "CONNECT" || e.packet === "CONNACK"
      ? `connection attempt ${e.attempt}`
      : e.message === undefined
        ? `attempt ${e.attempt}`
        : `message ${e.message}, attempt ${e.attempt}`;
  const fate = !e.dropped ? "" : e.lostBy === "fault" ? ", dropped" : ", lost with the connection";
  return `${e.packet}, ${which}, ${e.from} to ${e.to}${fate}`;
}

/** The text beside a delivery's circle. */
export function badgeText(b: Pick<Badge, "final" | "duplicate" | "count" | "message" | "processed">): string {
  const what = b.final ? (b.duplicate ? `DUPLICATE (${b.count}×)` : "delivered") : "forwarded";
  const note = b.processed === "ignored" ? " · ignored" : "";
  return `m${b.message} ${what}${note}`;
}

const drawablesOfTrace = new WeakMap<Trace, Drawables>();

/** The items `trace` draws, worked out on first use and remembered for the trace object. */
export function drawables(trace: Trace): Drawables {
  let known = drawablesOfTrace.get(trace);
  if (!known) {
    known = drawablesAnew(trace);
    drawablesOfTrace.set(trace, known);
  }
  return known;
}

/**
 * Remembers for `next` the items it draws, when its events from `start` on are `previous`'s
 * shifted by `di` (layoutTail.ts `traceTail`: every field the same but the times, the cause's
 * index and a connection's number): a packet's texts there are `previous`'s (they read none of
 * those fields; its accessible name is written anew when its number differs), everything else is
 * worked out as `drawables` does, keys included (a key counts the equal ones before it).
 */
export function rememberDrawablesAfter(next: Trace, previous: Trace, start: number, di: number): void {
  if (drawablesOfTrace.has(next)) return;
  drawablesOfTrace.set(next, drawablesAnew(next, { previous: drawables(previous).arrows, start, di }));
}

/** A previous trace's arrows whose texts may be taken over from event `start` on (`di` later). */
interface Shifted {
  previous: readonly ArrowItem[];
  start: number;
  di: number;
}

function drawablesAnew(trace: Trace, shifted?: Shifted): Drawables {
  const items: Item[] = [];
  const arrows: ArrowItem[] = [];
  const badges: BadgeItem[] = [];
  const marks: MarkItem[] = [];
  /** Deliveries' badges by the deliver event's index, for what the application then did. */
  const badgeOf = new Map<number, BadgeItem>();
  const finalParty: Party = trace.scenario.subscriber ? "subscriber" : "broker";
  const unique = uniqueKeys();
  const mark = (
    index: number,
    key: string,
    kind: MarkKind,
    t: number,
    party: Party | null,
    label: string,
    side: 1 | -1,
    hop: Hop | null = null,
    since = t,
  ) => {
    const m: MarkItem = {
      kind: "mark",
      index,
      key: unique(key),
      mark: kind,
      t,
      party,
      hop,
      label,
      side,
      since,
    };
    items.push(m);
    marks.push(m);
  };

  /** The next of `shifted.previous` to take texts from, once the events reach `shifted.start`. */
  let before = shifted ? firstFrom(shifted.previous, shifted.start - shifted.di) : 0;
  trace.events.forEach((e, index) => {
    switch (e.type) {
      case "packet": {
        let old = shifted && index >= shifted.start ? shifted.previous[before++] : undefined;
        if (old && old.index !== index - (shifted as Shifted).di) old = undefined;
        // Worked out here, once per trace (events are new objects in every trace: no cache by event).
        const label = old ? old.label : packetLabel(e);
        const a: ArrowItem = {
          kind: "arrow",
          index,
          key: unique(`${e.hop}|${e.packet}|${e.message ?? "-"}|${e.attempt}`),
          event: e,
          tEnd: e.dropped ? lossTime(trace, index) : e.arrives,
          label,
          ariaLabel: old && old.event.attempt === e.attempt ? old.ariaLabel : packetAriaLabel(e),
          lostWithConnection: e.dropped && e.lostBy === "connection-lost",
          drawn: old ? old.drawn : drawnFrom(label, e),
        };
        items.push(a);
        arrows.push(a);
        return;
      }
      case "deliver": {
        const final = e.at === finalParty;
        const b: BadgeItem = {
          kind: "badge",
          index,
          key: unique(`deliver|${e.at}|${e.message}|${e.count}`),
          t: e.t,
          party: e.at,
          message: e.message,
          count: e.count,
          duplicate: final && e.count > 1,
          final,
          // Set when the application's process or ignore event, caused by this delivery, comes.
          processed: null,
        };
        badgeOf.set(index, b);
        items.push(b);
        badges.push(b);
        return;
      }
      case "timeout": {
        // The timer guarded the packet its cause names: it started when that packet left.
        const since = e.causedBy === undefined ? e.t : (trace.events[e.causedBy]?.t ?? e.t);
        const key = `timeout|${e.hop}|${e.message}|${e.waitingFor}|${e.t}`;
        const label = `no ${e.waitingFor} after ${e.t - since} ms: resend`;
        mark(index, key, "timeout", e.t, e.at, label, -1, null, since);
        return;
      }
      case "connection-lost":
      case "reconnected": {
        const label =
          e.type === "connection-lost"
            ? "connection lost"
            : `reconnected · Session Present ${e.sessionPresent ? 1 : 0}`;
        mark(index, `${e.type}|${e.hop}|${e.t}`, e.type, e.t, null, label, 1, e.hop);
        return;
      }
      case "session-discarded": {
        const what = e.messages.length ? `drops message ${e.messages.join(", ")}` : "nothing held";
        const client = e.hop === "publisher-broker" ? "publisher" : "subscriber";
        // A persistent session is discarded only when a broker restart lost it.
        const whose = trace.scenario.session[client] === "persistent" ? "session lost" : "clean session";
        // Away from the hop's own traffic: the broker writes on the other hop's side.
        const side =
          e.at === "broker" ? (e.hop === "publisher-broker" ? 1 : -1) : e.at === "publisher" ? 1 : -1;
        mark(index, `${e.type}|${e.hop}|${e.at}|${e.t}`, e.type, e.t, e.at, `${whose}: ${what}`, side);
        return;
      }
      case "broker-down": {
        const label = `${brokerDownHeading(e)}: ${brokerDownText(e)}`;
        mark(index, `${e.type}|${e.t}`, e.type, e.t, "broker", label, 1);
        return;
      }
      case "broker-up": {
        const down = e.causedBy === undefined ? undefined : trace.events[e.causedBy];
        const since = down?.t ?? e.t;
        const label = `broker down ${e.t - since} ms`;
        mark(index, `${e.type}|${e.t}`, e.type, e.t, "broker", label, 1, null, since);
        return;
      }
      case "disconnected": {
        const how = e.graceful ? "DISCONNECT" : "connection cut";
        const back = e.returnsAt === undefined ? "" : `, back at ${e.returnsAt} ms`;
        const key = `${e.type}|${e.hop}|${e.at}|${e.t}`;
        mark(index, key, e.type, e.t, e.at, `offline: ${how}${back}`, 1);
        return;
      }
      case "session-expired": {
        const what = e.messages.length ? `drops message ${e.messages.join(", ")}` : "nothing queued";
        const label = `session expired after ${e.expiryS} s: ${what}`;
        mark(index, `${e.type}|${e.hop}|${e.t}`, e.type, e.t, e.at, label, -1);
        return;
      }
      case "not-forwarded": {
        const label = `not forwarded: ${NOT_FORWARDED_WHY[e.reason]}`;
        mark(index, `${e.type}|${e.message}|${e.t}`, e.type, e.t, "broker", label, -1);
        return;
      }
      case "quota-wait": {
        // Beside the waiting sender, away from the hop it waits on (as a broker's notes are).
        const label = `waits: message ${e.message}, Receive Maximum ${e.receiveMaximum} reached`;
        mark(index, `${e.type}|${e.hop}|${e.message}`, e.type, e.t, e.at, label, -1);
        return;
      }
      case "retained": {
        // On the subscriber's side of the broker: what a new subscription would get.
        const what = e.action === "stored" ? `keeps message ${e.message}` : "cleared (empty payload)";
        mark(index, `${e.type}|${e.message}|${e.t}`, e.type, e.t, "broker", `retained: ${what}`, 1);
        return;
      }
      case "will": {
        const label =
          e.action === "published"
            ? `will published: message ${e.message} (${WILL_WHY[e.reason]})`
            : `will discarded: ${WILL_WHY[e.reason]}`;
        // On the publisher's side of the broker: it is about the publisher's connection.
        mark(index, `${e.type}|${e.action}|${e.t}`, e.type, e.t, "broker", label, -1);
        return;
      }
      case "publisher-end": {
        const label = `publisher ends: ${END_WORDS[e.kind]}`;
        mark(index, `${e.type}|${e.t}`, e.type, e.t, "publisher", label, -1);
        return;
      }
      case "publish":
        mark(index, `publish|${e.message}`, "publish", e.t, "publisher", `message ${e.message}`, -1);
        return;
      case "process":
      case "ignore": {
        const badge = e.causedBy === undefined ? undefined : badgeOf.get(e.causedBy);
        if (badge?.final) badge.processed = e.type === "process" ? "processed" : "ignored";
        return;
      }
      case "state":
        return;
    }
  });
  return { items, arrows, badges, marks };
}

/** The first of `arrows` (in trace order) at event `index` or later. */
function firstFrom(arrows: readonly ArrowItem[], index: number): number {
  let lo = 0;
  let hi = arrows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((arrows[mid] as ArrowItem).index < index) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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

function brokerDownHeading(e: BrokerDownEvent): string {
  return e.kind === "crash" ? "broker crash" : "broker shutdown";
}

/** The retained messages a restart changed: none left, or the saved ones back. */
function retainedAfter(messages: readonly number[]): string {
  return messages.length === 0 ? "retained messages lost" : `retains message ${messages.join(", ")} again`;
}

/** What a restart kept and lost, as short as a note can be. */
function brokerDownText(e: BrokerDownEvent): string {
  const parts: string[] = [];
  if (e.kept.length) parts.push(`keeps message ${e.kept.join(", ")}`);
  if (e.lost.length) parts.push(`loses message ${e.lost.join(", ")}`);
  parts.push(e.sessionsKept ? "sessions kept" : "sessions lost");
  if (e.savedAtMs !== undefined) parts.push(`restores its ${e.savedAtMs} ms save`);
  if (e.retained !== undefined) parts.push(retainedAfter(e.retained));
  return parts.join("; ");
}

/** Why a will went out or did not, in a few words for its note. */
const WILL_WHY: Readonly<Record<WillEvent["reason"], string>> = {
  disconnect: "DISCONNECT 0x00",
  reconnected: "reconnected in time",
  "connection-lost": "connection ended",
  "disconnect-with-will": "DISCONNECT 0x04",
  "delay-elapsed": "delay passed",
  "session-expired": "session ended",
  "broker-restart": "broker restart",
};

const END_WORDS: Readonly<Record<PublisherEndEvent["kind"], string>> = {
  disconnect: "DISCONNECT",
  "disconnect-with-will": "DISCONNECT 0x04",
  crash: "crash",
};

/** Why the broker did not forward a message, as the note says it. */
const NOT_FORWARDED_WHY: Record<NotForwardedReason, string> = {
  "no-session": "subscriber has no session",
  "qos0-offline": "QoS 0 not queued offline",
  "queue-full": "subscriber's queue is full",
  expired: "expired while the subscriber was away",
  "session-expired": "subscriber's session expired",
  "no-subscription": "nobody subscribed yet",
  refused: "refused by the broker",
};
