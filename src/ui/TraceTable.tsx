import { memo, useLayoutEffect, useRef, useState } from "react";
import { useVisibleBand } from "./diagram/useVisibleBand.ts";
import type { PacketEvent, Party, Trace, TraceEvent } from "../sim/types.ts";

const HEX_BYTES_SHOWN = 6;

function shortHex(hex: string): string {
  const bytes = hex.split(" ");
  return bytes.length > HEX_BYTES_SHOWN ? `${bytes.slice(0, HEX_BYTES_SHOWN).join(" ")} …` : hex;
}

const HOP_LABEL = { "publisher-broker": "pub → broker", "broker-subscriber": "broker → sub" } as const;

/** Same row: a replay makes new event objects, mostly with the same values. */
function sameEvent(a: { event: TraceEvent }, b: { event: TraceEvent }): boolean {
  if (a.event === b.event) return true;
  const keys = Object.keys(a.event) as (keyof TraceEvent)[];
  return keys.length === Object.keys(b.event).length && keys.every((k) => a.event[k] === b.event[k]);
}

const PacketRow = memo(PacketRowView, sameEvent);
const EventRow = memo(EventRowView, sameEvent);

function PacketRowView({ event }: { event: PacketEvent }) {
  const isPublish = event.packet === "PUBLISH";
  const fate = event.dropped ? `lost: ${event.lostBy ?? "yes"}` : "";
  return (
    <tr
      className={event.dropped ? "row-packet row-dropped" : "row-packet"}
      data-testid="trace.row"
      data-type="packet"
      data-packet={event.packet}
      data-dup={event.dup ? "1" : "0"}
      data-dropped={event.dropped ? "1" : "0"}
    >
      <td className="num">{event.t}</td>
      <td>{HOP_LABEL[event.hop]}</td>
      <td>
        {event.from} → {event.to}
      </td>
      <th scope="row" className="packet">
        {event.packet}
        {event.resend ? <span className="tag"> resend</span> : null}
        {event.sessionPresent !== undefined ? (
          <span className="tag"> session present: {event.sessionPresent ? "1" : "0"}</span>
        ) : null}
      </th>
      <td className="num">{event.message ?? ""}</td>
      <td className="num">{event.packetId ?? ""}</td>
      <td className="num">{event.qos ?? ""}</td>
      <td className={event.dup ? "num dup-set" : "num"} data-testid="trace.dup">
        {isPublish ? (event.dup ? "1" : "0") : ""}
      </td>
      <td className="num">{event.bytes}</td>
      <td className="hex" title={event.hex}>
        <code>{shortHex(event.hex)}</code>
      </td>
      <td className="num">{event.arrives}</td>
      <td className={event.dropped ? "fate lost" : "fate"}>{fate}</td>
    </tr>
  );
}

function partyOf(event: Exclude<TraceEvent, PacketEvent>): Party | "" {
  return "at" in event ? event.at : "";
}

/** A short, human description of a non-packet event: presentation only, no protocol rules. */
function describe(event: Exclude<TraceEvent, PacketEvent>): string {
  switch (event.type) {
    case "publish":
      return `application publishes message ${event.message}`;
    case "deliver":
      return `delivers message ${event.message} (delivery ${event.count})`;
    case "process":
      return `application processes message ${event.message}`;
    case "ignore":
      return `application ignores message ${event.message} (already processed)`;
    case "timeout":
      return `no ${event.waitingFor} for message ${event.message}: timer expired`;
    case "connection-lost":
      return "the connection fails; everything in flight on it is lost";
    case "reconnected":
      return `CONNACK received, session present: ${event.sessionPresent ? "yes" : "no"}`;
    case "session-discarded":
      return `session state discarded${event.messages.length ? ` (messages ${event.messages.join(", ")})` : ""}`;
    case "not-forwarded":
      return `message ${event.message} not forwarded (${event.reason})`;
    case "quota-wait":
      return `message ${event.message} waits: ${event.inFlight} unacknowledged, Receive Maximum ${event.receiveMaximum}`;
    case "broker-down": {
      const list = (ms: number[]) => (ms.length > 0 ? ms.join(", ") : "none");
      const saved = event.savedAtMs === undefined ? "" : `, restores its save of ${event.savedAtMs} ms`;
      const retained = event.retained === undefined ? "" : `; retained messages now ${list(event.retained)}`;
      return `broker ${event.kind === "crash" ? "crashes" : "shuts down"}: messages kept ${list(event.kept)}, lost ${list(event.lost)}; sessions ${event.sessionsKept ? "kept" : "lost"}${saved}${retained}`;
    }
    case "broker-up":
      return "the broker runs again";
    case "disconnected":
      return `${event.at} goes offline: ${event.graceful ? "DISCONNECT, then closes" : "the connection breaks"}${event.returnsAt === undefined ? "" : `; back at ${event.returnsAt} ms`}`;
    case "session-expired":
      return `session expired after ${event.expiryS} s away${event.messages.length ? ` (messages ${event.messages.join(", ")} lost)` : ""}`;
    case "retained":
      return event.action === "stored"
        ? `message ${event.message} kept as the retained message of ${event.topic}`
        : `retained message of ${event.topic} cleared (empty payload)`;
    case "will":
      return `will (message ${event.message}) ${event.action}: ${event.reason}`;
    case "publisher-end":
      return `publisher ends: ${event.kind}`;
    case "state":
      return `${event.role} of message ${event.message} is now ${event.state}`;
  }
}

function EventRowView({ event }: { event: Exclude<TraceEvent, PacketEvent> }) {
  const hop = "hop" in event ? HOP_LABEL[event.hop] : "";
  const message = "message" in event ? event.message : "";
  return (
    <tr className={`row-event event-${event.type}`} data-testid="trace.row" data-type={event.type}>
      <td className="num">{event.t}</td>
      <td>{hop}</td>
      <td>{partyOf(event)}</td>
      <th scope="row" className="event-name">
        {event.type}
      </th>
      <td className="num">{message}</td>
      <td colSpan={7} className="event-detail">
        {describe(event)}
      </td>
    </tr>
  );
}

/** From this many events on, only the rows on screen (and a margin) are rendered. */
export const WINDOW_FROM_ROWS = 200;
/** Rows rendered before the table can be measured (inside a closed <details>, say). */
const UNMEASURED_ROWS = 60;
/** A row's height until one is measured, in CSS pixels. */
const DEFAULT_ROW_PX = 30;

/** The rows to render: all of a short trace, else those in the band on screen, as a range. */
function rowWindow(count: number, band: { top: number; bottom: number } | null, rowPx: number) {
  if (count < WINDOW_FROM_ROWS) return { first: 0, end: count };
  if (band === null) return { first: 0, end: Math.min(count, UNMEASURED_ROWS) };
  const first = Math.min(count, Math.max(0, Math.floor(band.top / rowPx)));
  const end = Math.min(count, Math.max(first, Math.ceil(band.bottom / rowPx)));
  return { first, end };
}

/**
 * Every event of the trace, one row each, in trace order. A long trace renders only the rows on
 * screen, with empty rows of the right height above and below, so the scroll bar and the page
 * stay as long as the whole table.
 */
export function TraceTable({ trace }: { trace: Trace }) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const count = trace.events.length;
  const windowed = count >= WINDOW_FROM_ROWS;
  const band = useVisibleBand(bodyRef, windowed);
  const [rowPx, setRowPx] = useState(DEFAULT_ROW_PX);
  const { first, end } = rowWindow(count, band, rowPx);
  const measured = useRef(false);
  useLayoutEffect(() => {
    // Rows are one line each (white-space: nowrap): one row measured once gives them all. Only a
    // windowed table needs it; measuring forces a layout.
    if (!windowed || measured.current) return;
    const row = bodyRef.current?.querySelector<HTMLElement>('[data-testid="trace.row"]');
    const height = row?.getBoundingClientRect().height ?? 0;
    if (height <= 0) return;
    measured.current = true;
    if (Math.abs(height - rowPx) > 0.5) setRowPx(height);
  }, [windowed, first, end, rowPx]);
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="trace-caption">
      <table className="trace-table" data-testid="trace.table" data-rows={count}>
        <caption id="trace-caption">Trace: {trace.events.length} events, t in simulated ms</caption>
        <thead>
          <tr>
            <th scope="col">t (ms)</th>
            <th scope="col">Hop</th>
            <th scope="col">From → to</th>
            <th scope="col">Packet / event</th>
            <th scope="col">Msg</th>
            <th scope="col">Id</th>
            <th scope="col">QoS</th>
            <th scope="col">DUP</th>
            <th scope="col">Bytes</th>
            <th scope="col">Hex</th>
            <th scope="col">Arrives</th>
            <th scope="col">Dropped / lost by</th>
          </tr>
        </thead>
        <tbody ref={bodyRef}>
          {first > 0 && <tr aria-hidden="true" className="row-spacer" style={{ height: first * rowPx }} />}
          {trace.events
            .slice(first, end)
            .map((event, i) =>
              event.type === "packet" ? (
                <PacketRow key={first + i} event={event} />
              ) : (
                <EventRow key={first + i} event={event} />
              ),
            )}
          {end < count && (
            <tr aria-hidden="true" className="row-spacer" style={{ height: (count - end) * rowPx }} />
          )}
        </tbody>
      </table>
    </div>
  );
}
