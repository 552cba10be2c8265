/**
 * The verdict panel: per application message, how often it was processed and one sentence saying
 * why, built from what the trace shows on each hop (losses, resends, discarded sessions, messages
 * not forwarded, deliveries). Pure.
 */
import type {
  Fault,
  Hop,
  MessageOutcome,
  PacketType,
  Qos,
  Trace,
  TraceEvent,
  Verdict,
  WillEvent,
} from "../sim/types.ts";
import { differencesFromSpec, type SpecDifference } from "../sim/specComparison.ts";
import { verdictCauses, type VerdictCause } from "./causes.ts";
import { isWillMessage } from "./events.ts";
import { hopFacts, hopStory, isRetainedDelivery, type HopFacts } from "./hopStory.ts";
import { restartLossClause } from "./restartWords.ts";
import { messageEvents, traceIndex } from "./traceIndex.ts";
import { capitalise, times } from "./words.ts";
import { ackReasonCode, isRefusal, reasonCodeLabel } from "../protocol/reasonCodes.ts";

/** The explanation of one message's outcome. */
export interface MessageExplanation {
  message: number;
  verdict: Verdict;
  /** "processed exactly once", "processed twice", "not processed at all", "delivered twice, processed once". */
  headline: string;
  /** One sentence: the cause, read from the trace. */
  why: string;
  /** The events behind the verdict, for the diagram to highlight (causes.ts). */
  causes: VerdictCause[];
  /**
   * With implementation profiles, when the specification would have ended otherwise: one sentence
   * saying so and why ("The specification would have processed it exactly once; EMQX 5 resent ...").
   */
  differsFromSpec?: string;
}

const VERDICT_WORDS: Record<Verdict, string> = {
  once: "processed it exactly once",
  duplicated: "processed it more than once",
  lost: "not processed it at all",
};

/** "The specification would have processed it exactly once: EMQX 5 resent …; …." */
export function specDifferenceSentence(d: SpecDifference): string {
  const why = d.findings.map((f) => f.text).join("; ");
  return `The specification would have ${VERDICT_WORDS[d.specVerdict]}${why === "" ? "" : `: ${why}`}.`;
}

/**
 * The headline for a message: what the application did with it, plus the deliveries when an
 * application-level id check made them differ. Pure.
 */
export function headlineOf(o: Pick<MessageOutcome, "deliveries" | "processed">, dedupe: boolean): string {
  if (dedupe && o.deliveries !== o.processed) {
    return `delivered ${times(o.deliveries)}, processed ${times(o.processed)}`;
  }
  if (o.processed === 0) return "not processed at all";
  if (o.processed === 1) return "processed exactly once";
  return `processed ${times(o.processed)}`;
}

/** The events about `message`, in trace order. */
function eventsOf(trace: Trace, message: number): TraceEvent[] {
  return messageEvents(trace, message).map((j) => trace.events[j] as TraceEvent);
}

const FLOW_PACKETS: Record<Qos, readonly PacketType[]> = {
  0: ["PUBLISH"],
  1: ["PUBLISH", "PUBACK"],
  2: ["PUBLISH", "PUBREC", "PUBREL", "PUBCOMP"],
};

/** Why a fault on this message matched nothing: the packet is not part of the flow, or was sent fewer times. */
function unusedReason(trace: Trace, f: HopFacts, fault: Fault): string {
  if (f.copies <= 0) return "the message never reached the second hop";
  if (!FLOW_PACKETS[f.qos].includes(fault.packet)) return `a QoS ${f.qos} flow has no ${fault.packet}`;
  const sent = eventsOf(trace, fault.message).filter(
    (e) => e.type === "packet" && e.hop === fault.hop && e.packet === fault.packet,
  ).length;
  return sent === 0 ? `no ${fault.packet} was sent` : `it was sent only ${times(sent)}`;
}

/** One clause for all of a message's faults that matched nothing, each with its reason. */
function unusedClause(trace: Trace, message: number, hops: Partial<Record<Hop, HopFacts>>): string | null {
  const items = new Set<string>();
  for (const fault of traceIndex(trace).unusedByMessage.get(message) ?? []) {
    // CONNECT/CONNACK faults belong to connection attempts, not to a message.
    const f = hops[fault.hop];
    if (fault.message !== message || fault.packet === "CONNECT" || fault.packet === "CONNACK" || !f) continue;
    const where = hops["broker-subscriber"]
      ? fault.hop === "publisher-broker"
        ? "first-hop "
        : "second-hop "
      : "";
    items.add(`${where}${fault.packet} #${fault.attempt} (${unusedReason(trace, f, fault)})`);
  }
  const list = [...items];
  if (list.length === 0) return null;
  if (list.length === 1) return `the planned loss of ${list[0]} never happened`;
  return `these planned losses never happened: ${list.join(", ")}`;
}

/** "did not forward it" / "did not forward 1 of its 2 copies", with the reason from the event. */
function notForwardedClause(trace: Trace, message: number, brokerCopies: number): string | null {
  const events = eventsOf(trace, message).filter((e) => e.type === "not-forwarded");
  const first = events[0];
  if (first?.type !== "not-forwarded") return null;
  const what = events.length === brokerCopies ? "it" : `${events.length} of its ${brokerCopies} copies`;
  switch (first.reason) {
    case "no-session":
      return `the broker did not forward ${what} because the subscriber, with a clean session, was offline`;
    case "qos0-offline":
      return `the broker did not forward ${what} because the subscriber was offline and QoS 0 is not queued`;
    case "queue-full":
      return `the broker did not forward ${what} because the subscriber was offline and its queue was full`;
    case "expired":
      return `${what === "it" ? "it" : what} expired while the subscriber was away: its Message Expiry Interval passed in the broker's queue`;
    case "session-expired":
      return `the broker did not forward ${what} because the subscriber's session had expired`;
    case "no-subscription":
      return trace.scenario.subscriber?.joinAtMs !== undefined
        ? `the broker did not forward ${what}: nobody had subscribed yet`
        : `the broker did not forward ${what} because it never granted the subscriber's subscription`;
    case "refused":
      return `the broker refused ${what}`;
  }
}

/** "the subscriber's session expired after 60 s away, and the message with it". */
function sessionExpiredClause(trace: Trace, message: number): string | null {
  const e = eventsOf(trace, message).find((x) => x.type === "session-expired");
  if (e?.type !== "session-expired") return null;
  const client = e.hop === "broker-subscriber" ? "subscriber" : "publisher";
  return `the ${client} stayed away longer than its Session Expiry Interval (${e.expiryS} s), so the broker ended its session and the message with it`;
}

/**
 * MQTT 5.0: a receiver refused the message with a reason code >= 0x80, which ended that flow; the
 * clause, and the hop it tells for (whose own story it replaces).
 */
function refusalClause(trace: Trace, message: number): { hop: Hop; clause: string } | null {
  const refusal = eventsOf(trace, message).find(
    (e) => e.type === "packet" && e.reasonCode !== undefined && isRefusal(e.reasonCode),
  );
  if (refusal?.type !== "packet" || refusal.reasonCode === undefined) return null;
  const meaning = ackReasonCode(refusal.reasonCode)?.meaning;
  const clause =
    `the ${refusal.from} refused it with ${refusal.packet} ${reasonCodeLabel(refusal.reasonCode)}` +
    `${meaning ? ` (${meaning})` : ""}: a refusal ends the flow, so it was never resent nor delivered there`;
  return { hop: refusal.hop, clause };
}

/** The retained message a late subscription got: "the broker kept it as retained and sent it when …". */
function retainedClause(trace: Trace, message: number): string | null {
  const sent = eventsOf(trace, message).filter(
    (e) => e.type === "packet" && e.retain && e.resend !== true && isRetainedDelivery(trace, e),
  ).length;
  if (sent === 0) return null;
  const when =
    sent === 1 ? "when the subscriber subscribed" : `at each of ${times(sent)} the subscriber subscribed`;
  return `the broker kept it as its topic's retained message and sent it with RETAIN=1 ${when}`;
}

/** The will's own clause: why the broker published it, or why it never did. */
function willClause(trace: Trace, message: number): string | null {
  if (!isWillMessage(trace, message)) return null;
  const wills = eventsOf(trace, message).filter((e) => e.type === "will");
  const published = wills.filter((e) => e.type === "will" && e.action === "published");
  if (published.length > 0) {
    const reasons = [...new Set(published.map((e) => (e.type === "will" ? WILL_REASON[e.reason] : "")))];
    return `it is the publisher's will, published by the broker because ${reasons.join(" and ")}`;
  }
  const last = wills[wills.length - 1];
  if (last?.type === "will")
    return `it is the publisher's will, never published: ${WILL_REASON[last.reason]}`;
  return "it is the publisher's will, never published: the publisher's connection never ended";
}

const WILL_REASON: Record<WillEvent["reason"], string> = {
  disconnect: "DISCONNECT 0x00 deleted it",
  reconnected: "the publisher reconnected within the Will Delay Interval",
  "connection-lost": "the connection ended without DISCONNECT",
  "disconnect-with-will": "the publisher sent DISCONNECT 0x04",
  "delay-elapsed": "the Will Delay Interval passed",
  "session-expired": "the publisher's session ended",
  "broker-restart": "the broker restarted",
};

/** The first hop's clause; with two hops a duplicate there is told as "forwarded both copies". */
function firstHopClause(trace: Trace, f: HopFacts, forwarded: number): string | null {
  const story = hopStory(trace, f);
  if (trace.scenario.subscriber === undefined || f.deliveries < 2 || forwarded < 2) return story;
  const copies = forwarded === 2 ? "both copies" : `all ${forwarded} copies`;
  if (f.losses.some((l) => l.packet === "PUBACK")) {
    return `the publisher resent it after a lost PUBACK; QoS 1 does not de-duplicate, so the broker forwarded ${copies}`;
  }
  return `${story ?? "the publisher resent it"}; QoS 1 does not de-duplicate, so the broker forwarded ${copies}`;
}

function whyOf(trace: Trace, o: MessageOutcome): string {
  const m = o.message;
  const first = hopFacts(trace, m, "publisher-broker");
  const second = trace.scenario.subscriber ? hopFacts(trace, m, "broker-subscriber") : undefined;
  const parts: string[] = [];
  const told = (clause: string | null) => {
    if (clause !== null) parts.push(clause);
  };
  // A broker restart that lost (or rolled back) the message's state comes first: it decided the rest.
  if (o.verdict !== "once") told(restartLossClause(trace, m, o.verdict) ?? null);
  const will = willClause(trace, m);
  const refusal = refusalClause(trace, m);
  told(will);
  if (refusal?.hop === "publisher-broker") told(refusal.clause);
  else if (will === null) told(firstHopClause(trace, first, second?.copies ?? 0));
  if (second) {
    told(notForwardedClause(trace, m, first.deliveries));
    told(retainedClause(trace, m));
    if (refusal?.hop === "broker-subscriber") told(refusal.clause);
    else if (refusal === null) told(hopStory(trace, second));
  }
  told(sessionExpiredClause(trace, m));
  const ignored = eventsOf(trace, m).filter((e) => e.type === "ignore").length;
  if (ignored > 0) {
    parts.push(
      `the application's own id check ignored ${ignored === 1 ? "the duplicate" : `${ignored} duplicates`}`,
    );
  }
  if (parts.length === 0) {
    const anyLoss = traceIndex(trace).anyDropped;
    parts.push(anyLoss ? `no packet of message ${m} was lost` : "no packet was lost");
  }
  const hops = second
    ? { "publisher-broker": first, "broker-subscriber": second }
    : { "publisher-broker": first };
  told(unusedClause(trace, m, hops));
  return `${capitalise(parts.join("; "))}.`;
}

/**
 * One explanation per message of `trace.outcome`, in message order; only the `first` messages' if
 * given (a panel that shows a dozen need not explain 1,000). Each reads only its message's events
 * from the trace's per-message index, so the whole is linear in the trace. Pure.
 */
export function explainOutcome(trace: Trace, first = Number.POSITIVE_INFINITY): MessageExplanation[] {
  const differences = new Map(differencesFromSpec(trace).map((d) => [d.message, d]));
  return trace.outcome.messages.slice(0, first).map((o) => {
    const explanation: MessageExplanation = {
      message: o.message,
      verdict: o.verdict,
      headline:
        isWillMessage(trace, o.message) &&
        !eventsOf(trace, o.message).some((e) => e.type === "will" && e.action === "published")
          ? "the will, never published"
          : headlineOf(o, trace.scenario.dedupe),
      why: whyOf(trace, o),
      causes: verdictCauses(trace, o.message, o.verdict),
    };
    const difference = differences.get(o.message);
    if (difference !== undefined) explanation.differsFromSpec = specDifferenceSentence(difference);
    return explanation;
  });
}
