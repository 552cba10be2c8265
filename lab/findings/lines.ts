/**
 * A live run as readable lines, one per packet or event, timing aside (the findings' record):
 * `hop sender>receiver PACKET m<message> #<id> q<qos> dup r sp rc=0x.. {properties}`. Packet ids
 * the broker picks are kept as sent (they are what the finding is about). Pure.
 */
import type { LiveEvent, LiveTrace } from "../types.ts";

const SHORT: Record<string, string> = {
  "publisher-broker": "P-B",
  "broker-subscriber": "B-S",
};

function hex(n: number): string {
  return `0x${n.toString(16).padStart(2, "0")}`;
}

export function eventLine(e: LiveEvent): string {
  if (e.type === "connection-lost") return `${SHORT[e.hop] ?? e.hop} connection-lost`;
  if (e.type === "reconnected") return `${SHORT[e.hop] ?? e.hop} reconnected sp${e.sessionPresent ? 1 : 0}`;
  if (e.type === "deliver") return `deliver m${e.message} at ${e.at} (#${e.count})`;
  // A packet, flow or control.
  const parts = [
    `${SHORT[e.hop] ?? e.hop}`,
    `${e.from[0]?.toUpperCase()}>${e.to[0]?.toUpperCase()}`,
    e.packet,
  ];
  if (e.message !== undefined) parts.push(`m${e.message}`);
  if (e.packetId !== undefined) parts.push(`#${e.packetId}`);
  if (e.packet === "PUBLISH" && e.qos !== undefined) parts.push(`q${e.qos}`);
  if (e.dup) parts.push("dup");
  if (e.retain) parts.push("r");
  if (e.sessionPresent !== undefined) parts.push(`sp${e.sessionPresent ? 1 : 0}`);
  if (e.reasonCode !== undefined) parts.push(`rc=${hex(e.reasonCode)}`);
  if ("subscriptions" in e && e.subscriptions !== undefined)
    for (const s of e.subscriptions)
      parts.push(
        `[${s.topic} q${s.qos}${s.retainAsPublished === true ? " rap" : ""}${s.retainHandling !== undefined ? ` rh${s.retainHandling}` : ""}]`,
      );
  if (e.properties !== undefined) parts.push(JSON.stringify(e.properties));
  if (e.cut === true) parts.push("CUT");
  else if (e.dropped === true) parts.push("dropped");
  return parts.join(" ");
}

/** Every event of the trace as a line, PINGREQ/PINGRESP left out. */
export function traceLines(trace: LiveTrace): string[] {
  return trace.events
    .filter((e) => e.type !== "packet" || (e.packet !== "PINGREQ" && e.packet !== "PINGRESP"))
    .map(eventLine);
}
