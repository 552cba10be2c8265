/**
 * A trace as short lines of text, one per event: "40 broker>publisher PUBREC id=1 LOST".
 * Used by golden tests, the command line and anywhere a trace must be read by a person. Pure.
 */
import type { Party, Trace, TraceEvent } from "./types.ts";

function who(p: Party): string {
  return p;
}

/** One event as a line, or null for events that say nothing on their own (publish). */
export function eventLine(e: TraceEvent): string | null {
  switch (e.type) {
    case "packet": {
      let s = `${e.t} ${who(e.from)}>${who(e.to)} ${e.packet}`;
      if (e.packetId !== undefined) s += ` id=${e.packetId}`;
      if (e.packet === "PUBLISH") s += ` qos=${e.qos ?? 0}`;
      if (e.dup) s += " dup";
      if (e.packet === "PUBLISH" && e.retain) s += " retain";
      if (e.sessionPresent !== undefined) s += ` sp=${e.sessionPresent ? 1 : 0}`;
      if (e.packet === "SUBACK") s += ` granted=${e.reasonCode ?? 0}`;
      else if (e.reasonCode !== undefined) s += ` rc=0x${e.reasonCode.toString(16).padStart(2, "0")}`;
      if (e.properties?.messageExpiryInterval !== undefined)
        s += ` expiry=${e.properties.messageExpiryInterval}`;
      if (e.properties?.receiveMaximum !== undefined) s += ` receiveMaximum=${e.properties.receiveMaximum}`;
      if (e.dropped)
        s +=
          e.lostBy === "fault" ? " LOST" : e.lostBy === "random" ? " LOST(random)" : " lost-with-connection";
      return s;
    }
    case "deliver":
      return `${e.t} deliver@${e.at} m${e.message} #${e.count}`;
    case "process":
      return `${e.t} process@${e.at} m${e.message}`;
    case "ignore":
      return `${e.t} ignore@${e.at} m${e.message}`;
    case "timeout":
      return `${e.t} timeout@${e.at} m${e.message} waiting for ${e.waitingFor}`;
    case "connection-lost":
      return `${e.t} connection-lost ${e.hop}`;
    case "reconnected":
      return `${e.t} reconnected ${e.hop} sp=${e.sessionPresent ? 1 : 0}`;
    case "session-discarded":
      return `${e.t} session-discarded@${e.at} ${e.hop} [${e.messages.join(",")}]`;
    case "not-forwarded":
      return `${e.t} not-forwarded m${e.message} (${e.reason})`;
    case "quota-wait":
      return `${e.t} quota-wait@${e.at} m${e.message} ${e.inFlight}/${e.receiveMaximum} in flight`;
    case "broker-down": {
      let s = `${e.t} broker-down ${e.kind} kept [${e.kept.join(",")}] lost [${e.lost.join(",")}]`;
      s += e.sessionsKept ? " sessions kept" : " sessions lost";
      if (e.savedAtMs !== undefined) s += ` saved@${e.savedAtMs}`;
      if (e.retained !== undefined) s += ` retained [${e.retained.join(",")}]`;
      return s;
    }
    case "broker-up":
      return `${e.t} broker-up`;
    case "disconnected":
      return `${e.t} disconnected@${e.at} ${e.hop} ${e.graceful ? "graceful" : "cut"}${e.returnsAt === undefined ? "" : ` until ${e.returnsAt}`}`;
    case "session-expired":
      return `${e.t} session-expired@${e.at} ${e.hop} ${e.expiryS}s [${e.messages.join(",")}]`;
    case "retained":
      return `${e.t} retained@broker m${e.message} ${e.action} ${e.topic}`;
    case "will":
      return `${e.t} will m${e.message} ${e.action} (${e.reason})`;
    case "publisher-end":
      return `${e.t} publisher-end ${e.kind}`;
    case "state":
      return `${e.t} state@${e.at} ${e.role} m${e.message} ${e.state}`;
    case "publish":
      return null;
  }
}

export function sequence(trace: Trace): string[] {
  const lines: string[] = [];
  for (const e of trace.events) {
    const line = eventLine(e);
    if (line !== null) lines.push(line);
  }
  return lines;
}
