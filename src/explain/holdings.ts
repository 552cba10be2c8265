/**
 * The state panel: at any playback time, what each party holds on each hop (messages awaiting an
 * acknowledgement, QoS 2 ids or messages stored until PUBREL), read from the trace's `state` events
 * (a trace made with `simulate(input, { states: true })`), plus each hop's connection and session.
 * Built once per trace as a timeline of the instants at which something changed, in one pass; the
 * holdings at an instant are replayed on demand from the nearest checkpoint, so that a new trace
 * (a click) costs one pass and playback costs only the instants it shows. Pure.
 */
import type { Hop, Party, Qos, SessionKind, StateEvent, Trace, TraceEvent } from "../sim/types.ts";
import { HOP_RECEIVER, HOP_SENDER, methodOf, sessionOf } from "./words.ts";

/**
 * "not-connected": a client that opens its first connection later in the trace (a late subscriber,
 * or a scenario that starts with CONNECT); "connecting": that first CONNECT sent, no CONNACK yet.
 */
export type LinkState = "up" | "down" | "reconnecting" | "not-connected" | "connecting";

/** A hop's connection at some moment, and its session. */
export interface LinkStatus {
  hop: Hop;
  state: LinkState;
  /** Simulated ms at which `state` began (0 for the connection the trace starts with). */
  since: number;
  session: SessionKind;
  /** Session Present of the last reconnect; absent before the first one. */
  sessionPresent?: boolean;
  /** e.g. "down since 60 ms; persistent session; last reconnect: Session Present 1". */
  text: string;
}

/** One thing a party holds: a message awaiting an acknowledgement, or a stored QoS 2 id. */
export interface Holding {
  message: number;
  packetId?: number;
  qos: Qos;
  /** The protocol machine's XState state name, e.g. `awaitingPubrec`, for engineers. */
  state: string;
  /** e.g. "message 1: awaiting PUBREC for id 1". */
  text: string;
}

/** What one party holds in one role on one hop. */
export interface PartyHoldings {
  party: Party;
  hop: Hop;
  role: "sender" | "receiver";
  holdings: Holding[];
  /** The holdings' texts, or "nothing in flight" (or a note that states were not recorded). */
  lines: string[];
  link: LinkStatus;
}

/** Every party's holdings, per instant at which something changed. */
export interface HoldingsTimeline {
  /** False when the trace has no state events: holdings are empty, connections still known. */
  recorded: boolean;
  initial: PartyHoldings[];
  /** Ascending: the instants at which something shown changed. */
  times: number[];
  /** The holdings after every event at `times[k]`; computed on first use, then kept. */
  snapshot(k: number): PartyHoldings[];
}

const FINAL_STATES = new Set(["sent", "acknowledged", "complete", "discarded", "idle"]);

function holdingText(trace: Trace, e: StateEvent): string {
  const m = `message ${e.message}`;
  const id = `id ${e.packetId}`;
  switch (e.state) {
    case "queued":
      return e.at === "broker" ? `${m}: queued for the offline subscriber` : `${m}: queued, not sent yet`;
    case "awaitingPuback":
      return `${m}: awaiting PUBACK for ${id}`;
    case "awaitingPubrec":
      return `${m}: awaiting PUBREC for ${id}`;
    case "awaitingPubcomp":
      return `${m}: PUBREL sent, awaiting PUBCOMP for ${id}`;
    case "stored":
      return methodOf(trace.scenario, e.at) === "Method B"
        ? `${id}: id stored, ${m} already delivered, waiting for PUBREL`
        : `${id}: ${m} stored, waiting for PUBREL`;
    default:
      return `${m}: ${e.state}`;
  }
}

function linkText(l: Omit<LinkStatus, "text">): string {
  const state =
    l.state === "down"
      ? `down since ${l.since} ms`
      : l.state === "reconnecting"
        ? `reconnecting since ${l.since} ms (CONNECT sent)`
        : l.state === "not-connected"
          ? "not connected yet"
          : l.state === "connecting"
            ? `connecting since ${l.since} ms (CONNECT sent)`
            : l.since === 0
              ? "connected"
              : l.sessionPresent === undefined
                ? `connected since ${l.since} ms`
                : `connected again since ${l.since} ms`;
  const present =
    l.sessionPresent === undefined ? "" : `; last reconnect: Session Present ${l.sessionPresent ? 1 : 0}`;
  return `${state}; ${l.session} session${present}`;
}

interface Slot {
  party: Party;
  hop: Hop;
  role: "sender" | "receiver";
  items: Map<string, Holding>;
}

/** Everything the panel shows, as it stands after some event. */
interface State {
  slots: Slot[];
  links: Map<Hop, Omit<LinkStatus, "text">>;
  /** Per hop: when an opening CONNACK on its way arrives (the connection is up from then). */
  arriving: Map<Hop, number>;
}

function copyState(state: State): State {
  return {
    slots: state.slots.map((s) => ({ ...s, items: new Map(s.items) })),
    links: new Map([...state.links].map(([hop, link]) => [hop, { ...link }])),
    arriving: new Map(state.arriving),
  };
}

/** A checkpoint every this many instants: an instant's holdings replay fewer events than that. */
const CHECKPOINT_INSTANTS = 64;

/** Builds the timeline of a trace in one pass over its events. Pure. */
export function holdingsTimeline(trace: Trace): HoldingsTimeline {
  const hops: Hop[] = trace.scenario.subscriber
    ? ["publisher-broker", "broker-subscriber"]
    : ["publisher-broker"];
  // Hops whose first connection is made in the trace: their CONNECT is attempt 0 (the opening).
  const opening = new Set<Hop>();
  for (const e of trace.events) {
    if (e.type === "packet" && e.packet === "CONNECT" && e.attempt === 0) opening.add(e.hop);
  }
  const state: State = {
    slots: hops.flatMap((hop) => [
      { party: HOP_SENDER[hop], hop, role: "sender" as const, items: new Map<string, Holding>() },
      { party: HOP_RECEIVER[hop], hop, role: "receiver" as const, items: new Map<string, Holding>() },
    ]),
    links: new Map(
      hops.map((hop) => [
        hop,
        {
          hop,
          state: opening.has(hop) ? ("not-connected" as const) : ("up" as const),
          since: 0,
          session: sessionOf(trace.scenario, hop),
        },
      ]),
    ),
    arriving: new Map(),
  };
  const recorded = trace.events.some((e) => e.type === "state");
  const empty = recorded ? "nothing in flight" : "not recorded: simulate with { states: true }";
  const render = ({ slots, links }: State): PartyHoldings[] =>
    slots.map((s) => {
      const holdings = [...s.items.values()];
      const link = links.get(s.hop) as Omit<LinkStatus, "text">;
      const lines = holdings.length > 0 ? holdings.map((h) => h.text) : [empty];
      return {
        party: s.party,
        hop: s.hop,
        role: s.role,
        holdings,
        lines,
        link: { ...link, text: linkText(link) },
      };
    });

  /** Applies one event to `st`; true when it changed something shown. */
  const apply = (st: State, e: TraceEvent): boolean => {
    // An opening CONNACK that has arrived by now: that connection is up since its arrival.
    let arrived = false;
    for (const [hop, at] of st.arriving) {
      if (at > e.t) continue;
      Object.assign(st.links.get(hop) ?? {}, { state: "up", since: at });
      st.arriving.delete(hop);
      arrived = true;
    }
    return applyEvent(st, e) || arrived;
  };
  const applyEvent = (st: State, e: TraceEvent): boolean => {
    const slotOf = (hop: Hop, role: "sender" | "receiver") =>
      st.slots.find((s) => s.hop === hop && s.role === role);
    if (e.type === "state") {
      const items = slotOf(e.hop, e.role)?.items;
      const key = `${e.message}|${e.packetId ?? "-"}`;
      if (FINAL_STATES.has(e.state)) return items?.delete(key) ?? false;
      const h: Holding = { message: e.message, qos: e.qos, state: e.state, text: holdingText(trace, e) };
      if (e.packetId !== undefined) h.packetId = e.packetId;
      items?.set(key, h);
      return true;
    }
    if (e.type === "session-discarded") {
      // Messages queued while offline are dropped without a state change of their own.
      const items = slotOf(e.hop, e.at === HOP_SENDER[e.hop] ? "sender" : "receiver")?.items;
      for (const [key, h] of items ?? []) if (e.messages.includes(h.message)) items?.delete(key);
      return true;
    }
    const link = "hop" in e ? st.links.get(e.hop) : undefined;
    if (!link) return false;
    // A client away on the scenario's schedule is as down as a broken connection.
    if (e.type === "connection-lost" || e.type === "disconnected")
      Object.assign(link, { state: "down", since: e.t });
    else if (e.type === "packet" && e.packet === "CONNECT")
      Object.assign(link, { state: e.attempt === 0 ? "connecting" : "reconnecting", since: e.t });
    else if (e.type === "packet" && e.packet === "CONNACK" && e.attempt === 0 && !e.dropped) {
      // The opening has no `reconnected` event: the connection is up when this CONNACK arrives.
      st.arriving.set(e.hop, e.arrives);
      return false;
    } else if (e.type === "reconnected") {
      Object.assign(link, { state: "up", since: e.t, sessionPresent: e.sessionPresent });
    } else return false;
    return true;
  };

  const initial = render(state);
  const times: number[] = [];
  /** The index of the last event of instant k. */
  const ends: number[] = [];
  /** The state after instant k * CHECKPOINT_INSTANTS. */
  const checkpoints: State[] = [];
  let changed = false;
  trace.events.forEach((e, i) => {
    changed = apply(state, e) || changed;
    // One instant per time at which something changed, after that time's last event.
    const next = trace.events[i + 1];
    if (!changed || (next !== undefined && next.t === e.t)) return;
    changed = false;
    if (times.length % CHECKPOINT_INSTANTS === 0) checkpoints.push(copyState(state));
    times.push(e.t);
    ends.push(i);
  });

  const cache = new Map<number, PartyHoldings[]>();
  const snapshot = (k: number): PartyHoldings[] => {
    const known = cache.get(k);
    if (known) return known;
    if (k < 0 || k >= times.length) throw new RangeError(`no instant ${k} in the holdings timeline`);
    const c = Math.floor(k / CHECKPOINT_INSTANTS);
    const st = copyState(checkpoints[c] as State);
    const end = ends[k] as number;
    for (let i = (ends[c * CHECKPOINT_INSTANTS] as number) + 1; i <= end; i++) {
      apply(st, trace.events[i] as TraceEvent);
    }
    const shown = render(st);
    cache.set(k, shown);
    return shown;
  };
  return { recorded, initial, times, snapshot };
}

/** The holdings at time `t` (events at `t` included), in O(log n). Pure. */
export function holdingsIn(timeline: HoldingsTimeline, t: number): PartyHoldings[] {
  const { times } = timeline;
  let lo = 0;
  let hi = times.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] as number) <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found < 0 ? timeline.initial : timeline.snapshot(found);
}

const timelines = new WeakMap<Trace, HoldingsTimeline>();

/**
 * What every party holds at time `t`, for the state panel: cheap enough for every animation frame
 * (the timeline is built once per trace object and memoised). Pure.
 */
export function holdingsAt(trace: Trace, t: number): PartyHoldings[] {
  let timeline = timelines.get(trace);
  if (!timeline) {
    timeline = holdingsTimeline(trace);
    timelines.set(trace, timeline);
  }
  return holdingsIn(timeline, t);
}
