/**
 * Sentences for the trace's non-packet moments: publishing, deliveries, processing, timers,
 * connections, sessions and messages the broker could not forward. Pure.
 */
import type {
  NotForwardedReason,
  SessionDiscardedEvent,
  Trace,
  TraceEvent,
  WillEvent,
} from "../sim/types.ts";
import { clientConnected, clientConnecting } from "./facts.ts";
import { brokerDownSentence, brokerUpSentence, restartBreakSentence, restartOf } from "./restartWords.ts";
import { effectWhere, messageEvents } from "./traceIndex.ts";
import { HOP_CLIENT, HOP_SENDER, hopEnds, methodOf, ordinal } from "./words.ts";

/** "message 1", "messages 1 and 2", "messages 1, 2 and 3". */
function messagesText(messages: readonly number[]): string {
  if (messages.length === 1) return `message ${messages[0]}`;
  return `messages ${messages.slice(0, -1).join(", ")} and ${messages[messages.length - 1]}`;
}

function application(at: string): string {
  return at === "subscriber" ? "The subscriber's application" : "The receiving application";
}

function sessionDiscarded(trace: Trace, index: number, e: SessionDiscardedEvent): string {
  if (e.messages.length === 0) return `The ${e.at} starts from an empty session; it held nothing in flight.`;
  const list = messagesText(e.messages);
  if (e.at === HOP_SENDER[e.hop]) {
    const whose = e.at === "broker" ? "the subscriber's" : "its";
    const it = e.messages.length === 1 ? "it" : "them";
    return `The ${e.at} discards ${whose} old session, and with it unfinished ${list}: nothing will resend ${it}.`;
  }
  // A receiver held either the whole message (Method A, not delivered yet) or only its id (Method B).
  const delivered = (m: number) =>
    messageEvents(trace, m).some((j) => {
      const d = trace.events[j] as TraceEvent;
      return j < index && d.type === "deliver" && d.at === e.at && d.hop === e.hop;
    });
  const stored = e.messages.filter((m) => !delivered(m));
  const method = methodOf(trace.scenario, e.at);
  if (stored.length > 0) {
    return `The ${e.at} discards the old session, including stored ${messagesText(stored)}, never delivered (${method}).`;
  }
  return `The ${e.at} discards the old session and the ids it held; ${list} had been delivered already (${method}).`;
}

/**
 * Whether the broker's delivery `index` was queued for an absent subscriber: its hop was down
 * and the arrival behind it neither forwarded that message nor gave it up then (a copy that
 * expires in the queue later names that arrival too).
 */
function queuedForAbsent(trace: Trace, index: number, message: number): boolean {
  if (clientConnected(trace, "broker-subscriber", index)) return false;
  const { causedBy: cause, t: at } = trace.events[index] as { causedBy?: number; t: number };
  if (cause === undefined) return false;
  // Between the broker's CONNACK and its arrival the broker already forwards again.
  const handled = effectWhere(trace, cause, (x) =>
    x.type === "not-forwarded"
      ? x.message === message && x.t === at
      : x.type === "packet" &&
        x.hop === "broker-subscriber" &&
        x.packet === "PUBLISH" &&
        x.message === message,
  );
  return handled < 0 && trace.scenario.session.subscriber === "persistent";
}

/** Why the broker did not forward a message to the subscriber, as a sentence. */
function notForwardedSentence(message: number, reason: NotForwardedReason): string {
  switch (reason) {
    case "no-session":
      return `The subscriber is offline with a clean session, so the broker keeps nothing for it: message ${message} is dropped.`;
    case "qos0-offline":
      return `The subscriber is offline and QoS 0 messages are not queued, so the broker drops message ${message}.`;
    case "queue-full":
      return `The subscriber is offline and its queue is full, so the broker drops message ${message}.`;
    case "expired":
      return `Message ${message} expired while the subscriber was away: its Message Expiry Interval passed in the queue, so the broker deletes it.`;
    case "session-expired":
      return `The subscriber's session has expired, so the broker has no subscription for it: message ${message} is dropped.`;
    case "no-subscription":
      return `Nobody subscribes yet: the late subscriber has not joined, so message ${message} goes to no one.`;
    case "refused":
      return `The broker refused message ${message}, so it forwards it to no one.`;
  }
}

/** Whether message `m` is the publisher's will (message N + 1 of a scenario with a will). */
export function isWillMessage(trace: Trace, m: number): boolean {
  return trace.scenario.will !== undefined && m === trace.scenario.messages.length + 1;
}

const WILL_WHY: Record<WillEvent["reason"], string> = {
  disconnect: "the publisher said goodbye with DISCONNECT 0x00, so the broker deletes its will unsent",
  reconnected:
    "the publisher reconnected within its Will Delay Interval, so the broker does not send the waiting will",
  "connection-lost": "the publisher's connection ended without DISCONNECT",
  "disconnect-with-will": "the publisher asked for it with DISCONNECT 0x04 (disconnect with will message)",
  "delay-elapsed": "the Will Delay Interval passed without a reconnect",
  "session-expired": "the publisher's session ended before its Will Delay Interval did",
  "broker-restart":
    "the broker restarted: it publishes the will as it stops or runs again, or loses it with the publisher's session",
};

function willSentence(trace: Trace, e: WillEvent): string {
  const will = trace.scenario.will;
  if (e.action === "discarded") return `No will: ${WILL_WHY[e.reason]}.`;
  const what = will
    ? ` "${will.payload}" on ${will.topic} (QoS ${will.qos}${will.retain ? ", retained" : ""})`
    : "";
  return `The broker publishes the publisher's will${what} as message ${e.message}: ${WILL_WHY[e.reason]}.`;
}

/** The sentence for a non-packet event `index` (never a state event: those are not moments). Pure. */
export function narrateEvent(trace: Trace, index: number): string {
  const e = trace.events[index] as TraceEvent;
  const { timing } = trace.scenario;
  switch (e.type) {
    case "publish": {
      const topic = trace.scenario.messages[e.message - 1]?.topic ?? "its topic";
      if (clientConnected(trace, "publisher-broker", index))
        return `The publisher's application publishes message ${e.message} on ${topic}.`;
      return clientConnecting(trace, "publisher-broker", index)
        ? `The publisher's application publishes message ${e.message}; it is still connecting, so the message waits in the client's queue.`
        : `The publisher's application publishes message ${e.message}; the connection is down, so it waits in the client's queue.`;
    }
    case "deliver": {
      const again = e.count > 1 ? ` a ${ordinal(e.count)} time: a duplicate` : "";
      if (e.at === "subscriber") return `The subscriber's application receives message ${e.message}${again}.`;
      if (isWillMessage(trace, e.message)) {
        return trace.scenario.subscriber
          ? `The broker routes the will, message ${e.message}, to the subscription like any message it accepted.`
          : `The broker delivers the will, message ${e.message}, onward${again}.`;
      }
      if (trace.scenario.subscriber) {
        const again = e.count > 1 ? ` a ${ordinal(e.count)} time` : "";
        if (queuedForAbsent(trace, index, e.message)) {
          return `The broker accepts message ${e.message}${again}; the subscriber is away, so it waits in the subscriber's queue.`;
        }
        return `The broker accepts message ${e.message}${again} and routes it to the subscription.`;
      }
      return `The broker delivers message ${e.message} onward${again}.`;
    }
    case "process": {
      const n = messageEvents(trace, e.message).filter((j) => {
        const p = trace.events[j] as TraceEvent;
        return j <= index && p.type === "process" && p.at === e.at;
      }).length;
      if (n > 1)
        return `${application(e.at)} acts on message ${e.message} a ${ordinal(n)} time: it cannot tell it is a duplicate.`;
      if (trace.scenario.dedupe)
        return `${application(e.at)} acts on message ${e.message} and notes its id to spot duplicates.`;
      return `${application(e.at)} acts on message ${e.message}.`;
    }
    case "ignore":
      return `${application(e.at)} has seen message ${e.message} before and ignores this copy: its own id check, not MQTT.`;
    case "timeout":
      return `No ${e.waitingFor} within ${timing.timeoutMs} ms: the ${e.at}'s resend timer fires (the MQTT 3.1 timer model).`;
    case "connection-lost":
      if (restartOf(trace, e)) return restartBreakSentence(hopEnds(e.hop), HOP_CLIENT[e.hop]);
      if (e.causedBy !== undefined && trace.events[e.causedBy]?.type === "publisher-end") {
        return `The publisher crashes: its connection breaks, losing anything in flight, and it never comes back.`;
      }
      return `The connection between ${hopEnds(e.hop)} breaks, losing anything in flight; the ${HOP_CLIENT[e.hop]} reconnects in ${timing.reconnectDelayMs} ms.`;
    case "reconnected":
      return e.sessionPresent
        ? `Session Present 1: the broker kept the ${HOP_CLIENT[e.hop]}'s session, so unfinished QoS 1 and 2 flows carry on.`
        : `Session Present 0: the ${HOP_CLIENT[e.hop]} starts with an empty session, so nothing unfinished is resent.`;
    case "session-discarded":
      return sessionDiscarded(trace, index, e);
    case "not-forwarded":
      if (e.reason === "no-subscription" && trace.scenario.subscriber?.joinAtMs === undefined)
        return `The broker never granted the subscriber's subscription, so message ${e.message} goes to nobody.`;
      return notForwardedSentence(e.message, e.reason);
    case "quota-wait": {
      const receiver = e.hop === "publisher-broker" ? "broker" : "subscriber";
      return `The ${receiver}'s Receive Maximum is ${e.receiveMaximum} and ${e.inFlight} QoS 1/2 ${e.inFlight === 1 ? "message is" : "messages are"} unacknowledged: message ${e.message} waits at the ${e.at} until an acknowledgement returns quota.`;
    }
    case "broker-down":
      return brokerDownSentence(trace, e);
    case "broker-up":
      return brokerUpSentence(trace, e);
    case "disconnected": {
      const back = e.returnsAt === undefined ? "" : ` It comes back at ${e.returnsAt} ms.`;
      return e.graceful
        ? `The ${e.at} goes offline: it sends DISCONNECT and closes the connection.${back}`
        : `The ${e.at} goes offline: its connection breaks, losing anything in flight.${back}`;
    }
    case "session-expired": {
      const lost =
        e.messages.length === 0 ? "" : `, and with it ${messagesText(e.messages)}, never delivered`;
      return `The ${HOP_CLIENT[e.hop]} stayed away longer than its Session Expiry Interval (${e.expiryS} s): the broker ends its session${lost}.`;
    }
    case "retained":
      return e.action === "stored"
        ? `The broker keeps message ${e.message} as the retained message of ${e.topic}: a new subscription gets it at once.`
        : `An empty retained payload: the broker removes the retained message of ${e.topic} and keeps none.`;
    case "will":
      return willSentence(trace, e);
    case "publisher-end":
      return e.kind === "crash"
        ? `The publisher crashes and never comes back.`
        : e.kind === "disconnect"
          ? `The publisher ends with DISCONNECT 0x00: a normal goodbye, which deletes its will.`
          : `The publisher ends with DISCONNECT 0x04: goodbye, but publish my will.`;
    case "packet":
    case "state":
      throw new Error(`narrateEvent: event ${index} is a ${e.type}, not a moment of its own`);
  }
}
