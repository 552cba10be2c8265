/**
 * A run as it streams: the real packets drawn as they come (the same diagram as the result's) and
 * the growing list of events, newest last. Also what a cancelled run had recorded.
 */
import { useDeferredValue, useMemo } from "react";
import { drawableTrace, type RealTraceEvent } from "../../live/index.ts";
import type { Scenario } from "../../sim/types.ts";
import { MarkedDiagram } from "./MarkedDiagram.tsx";

const NO_MARKS: ReadonlyMap<number, readonly number[]> = new Map();

/** One event in words: "12.3 ms · publisher → broker · PUBLISH m1 id 1 QoS 1 ✂ cut". */
export function eventLine(e: RealTraceEvent): string {
  const t = `${e.t.toFixed(1)} ms`;
  switch (e.type) {
    case "packet": {
      const parts: string[] = [e.packet];
      if (e.message !== undefined) parts.push(`m${e.message}`);
      if (e.packetId !== undefined) parts.push(`id ${e.packetId}`);
      if (e.qos !== undefined && e.packet === "PUBLISH") parts.push(`QoS ${e.qos}`);
      if (e.dup) parts.push("DUP");
      if (e.cut) parts.push("✂ cut");
      return `${t} · ${e.from} → ${e.to} · ${parts.join(" ")}`;
    }
    case "deliver":
      return `${t} · ${e.at} got message ${e.message} (${e.count}×)`;
    case "connection-lost":
      return `${t} · connection lost on the ${e.hop} hop`;
    case "reconnected":
      return `${t} · reconnected on the ${e.hop} hop, Session Present ${e.sessionPresent ? 1 : 0}`;
    default:
      return `${t} · ${e.type}`;
  }
}

export function LiveStream({
  scenario,
  events,
  label,
}: {
  scenario: Scenario;
  events: readonly RealTraceEvent[];
  label: string;
}) {
  // Drawn at the pace the page can: a burst of events is laid out once.
  const shown = useDeferredValue(events);
  const drawable = useMemo(() => drawableTrace({ scenario, events: [...shown] }), [scenario, shown]);
  return (
    <div className="live-stream" data-testid="live.stream">
      <div className="live-columns">
        <div className="live-column">
          <h4>{label}</h4>
          <MarkedDiagram
            trace={drawable.trace}
            title="The real packets so far: time flows down; each arrow is a packet the relay saw"
            testId="live.streaming"
            cuts
            marks={NO_MARKS}
            current={null}
          />
        </div>
        <div className="live-column">
          <h4>Every event so far</h4>
          <ol className="live-events" data-testid="live.events">
            {events.map((e, i) => (
              <li key={i} className={e.type === "packet" && e.cut ? "is-cut" : undefined}>
                {eventLine(e)}
              </li>
            ))}
          </ol>
        </div>
      </div>
    </div>
  );
}
