/**
 * A trace as Mermaid `sequenceDiagram` text, for docs that render Mermaid (GitHub, GitLab, most
 * wikis). One line per packet in trace order, lost packets as lost-message arrows (`-x`, `--x`
 * for CONNECT/CONNACK), and notes for timers, connection losses, reconnects, discarded
 * sessions and deliveries. Mermaid has no notion of flight time, so overlapping flights are
 * drawn one after the other. Pure.
 */
import { packetLabel } from "../diagram/layout.ts";
import type { Hop, NotForwardedReason, PacketEvent, Party, Trace, TraceEvent } from "../sim/types.ts";
import { describeOutcome, describeScenario } from "./describe.ts";

const NAME: Record<Party, string> = { publisher: "Publisher", broker: "Broker", subscriber: "Subscriber" };

/**
 * Text made safe for a Mermaid message, note or title: Mermaid ends a statement at `;`, starts a
 * comment at `#` or `%%`, and reads `<…>` as HTML, so those become entity codes (`#59;` …), which
 * Mermaid turns back into the characters when it draws. Line breaks become spaces.
 */
/** Why the broker did not forward a message, as the note says it. */
const NOT_FORWARDED_WHY: Record<NotForwardedReason, string> = {
  "no-session": "subscriber has no session",
  "qos0-offline": "QoS 0 is not queued offline",
  "queue-full": "the subscriber's queue is full",
  expired: "expired while the subscriber was away",
  "session-expired": "the subscriber's session expired",
  "no-subscription": "nobody subscribed yet",
  refused: "refused by the broker",
};

export function mermaidText(text: string): string {
  const escaped = text.replace(/[\r\n\t]+/g, " ").replace(/[#;<>%]/g, (c) => `#${c.charCodeAt(0)};`);
  // "wrap:" / "nowrap:" at the start of a message is a Mermaid directive, not text.
  return escaped.replace(/^(\s*(?:no)?wrap):/i, "$1#58;");
}

function arrowOf(e: PacketEvent): string {
  const connection = e.packet === "CONNECT" || e.packet === "CONNACK";
  if (e.dropped) return connection ? "--x" : "-x";
  return connection ? "-->>" : "->>";
}

function lostSuffix(e: PacketEvent): string {
  if (!e.dropped) return "";
  return e.lostBy === "connection-lost" ? " · lost with link" : " · LOST";
}

function hopNames(hop: Hop): string {
  return hop === "publisher-broker" ? "Publisher,Broker" : "Broker,Subscriber";
}

/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th, 21st. */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${suffix}`;
}

/** The whole trace as Mermaid text, ending in a newline. */
export function traceToMermaid(trace: Trace): string {
  const { scenario } = trace;
  const parties: Party[] = scenario.subscriber
    ? ["publisher", "broker", "subscriber"]
    : ["publisher", "broker"];
  const finalParty: Party = scenario.subscriber ? "subscriber" : "broker";
  const lines = [
    "sequenceDiagram",
    `  title ${mermaidText(`MQTT QoS ${scenario.publishQos}`)}`,
    // An accessible description runs to the end of its line, entity codes and all: only one line.
    `  accDescr: ${`${describeScenario(scenario)}. ${describeOutcome(trace)}`.replace(/[\r\n]+/g, " ")}`,
    ...parties.map((p) => `  participant ${NAME[p]}`),
  ];
  const note = (where: string, text: string) => lines.push(`  Note ${where}: ${mermaidText(text)}`);
  const lastSend = new Map<string, number>();

  trace.events.forEach((e: TraceEvent, index) => {
    switch (e.type) {
      case "packet":
        lines.push(
          `  ${NAME[e.from]}${arrowOf(e)}${NAME[e.to]}: ${mermaidText(packetLabel(e) + lostSuffix(e))}`,
        );
        if (e.message !== undefined) lastSend.set(`${e.hop}|${e.from}|${e.message}`, e.t);
        return;
      case "publish":
        note(`left of ${NAME.publisher}`, `message ${e.message} published`);
        return;
      case "deliver": {
        if (e.at !== finalParty) {
          note(`over ${NAME[e.at]}`, `m${e.message} forwarded`);
          return;
        }
        const next = trace.events[index + 1];
        const ignored = next?.type === "ignore" && next.message === e.message;
        const again = e.count > 1 ? ` (${ordinal(e.count)} time: duplicate)` : "";
        note(
          `right of ${NAME[e.at]}`,
          `m${e.message} delivered${again}${ignored ? ", ignored by the app" : ""}`,
        );
        return;
      }
      case "ignore": {
        const previous = trace.events[index - 1];
        if (previous?.type === "deliver" && previous.message === e.message) return; // said with the delivery
        note(`right of ${NAME[e.at]}`, `m${e.message} ignored: already processed`);
        return;
      }
      case "timeout": {
        const since = lastSend.get(`${e.hop}|${e.at}|${e.message}`) ?? e.t;
        note(`over ${NAME[e.at]}`, `no ${e.waitingFor} after ${e.t - since} ms, resend`);
        return;
      }
      case "connection-lost":
        note(`over ${hopNames(e.hop)}`, "connection lost");
        return;
      case "reconnected":
        note(`over ${hopNames(e.hop)}`, `reconnected, Session Present ${e.sessionPresent ? 1 : 0}`);
        return;
      case "session-discarded": {
        const what = e.messages.length > 0 ? `drops message ${e.messages.join(", ")}` : "nothing held";
        note(`over ${NAME[e.at]}`, `clean session, session discarded: ${what}`);
        return;
      }
      case "not-forwarded": {
        note(`over ${NAME.broker}`, `m${e.message} not forwarded: ${NOT_FORWARDED_WHY[e.reason]}`);
        return;
      }
      case "disconnected": {
        const back = e.returnsAt === undefined ? "" : `, back at ${e.returnsAt} ms`;
        note(`over ${NAME[e.at]}`, `offline: ${e.graceful ? "DISCONNECT" : "connection cut"}${back}`);
        return;
      }
      case "session-expired": {
        const what = e.messages.length > 0 ? `drops message ${e.messages.join(", ")}` : "nothing queued";
        note(`over ${NAME[e.at]}`, `session expired after ${e.expiryS} s: ${what}`);
        return;
      }
      case "quota-wait":
        note(`over ${NAME[e.at]}`, `m${e.message} waits: Receive Maximum ${e.receiveMaximum} reached`);
        return;
      case "broker-down": {
        const parts = [e.kind === "crash" ? "broker crash" : "broker shutdown"];
        if (e.kept.length > 0) parts.push(`keeps message ${e.kept.join(", ")}`);
        if (e.lost.length > 0) parts.push(`loses message ${e.lost.join(", ")}`);
        parts.push(e.sessionsKept ? "sessions kept" : "sessions lost");
        if (e.savedAtMs !== undefined) parts.push(`restores its ${e.savedAtMs} ms save`);
        if (e.retained !== undefined) {
          parts.push(
            e.retained.length ? `retains message ${e.retained.join(", ")} again` : "retained messages lost",
          );
        }
        note(`over ${NAME.broker}`, parts.join(", "));
        return;
      }
      case "broker-up": {
        const down = e.causedBy === undefined ? undefined : trace.events[e.causedBy];
        note(`over ${NAME.broker}`, `broker up again after ${e.t - (down?.t ?? e.t)} ms`);
        return;
      }
      case "retained":
        note(
          `over ${NAME.broker}`,
          e.action === "stored" ? `m${e.message} kept as retained` : "retained message cleared",
        );
        return;
      case "will":
        note(`over ${NAME.broker}`, `will m${e.message} ${e.action} (${e.reason})`);
        return;
      case "publisher-end":
        note(`over ${NAME.publisher}`, `publisher ends: ${e.kind}`);
        return;
      case "process":
      case "state":
        return;
    }
  });
  return `${lines.join("\n")}\n`;
}
