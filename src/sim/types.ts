/**
 * The public scenario and trace format (shared/docs/scenario-format.md), as TypeScript types.
 * Field names are a published contract: extend with optional fields, never rename.
 */

import type { PacketType, Qos } from "../protocol/types.ts";

export type { FaultPacketType, PacketType, Protocol, Qos, Qos2Delivery } from "../protocol/types.ts";
export { isFaultPacket, PACKET_TYPES, PROTOCOLS, QOS2_DELIVERIES, QOS_LEVELS } from "../protocol/types.ts";

export type { Hop, Party, Retransmit, SessionKind, Verdict } from "./enums.ts";
export { HOPS, RETRANSMIT_MODES, SESSION_KINDS } from "./enums.ts";
import type { Hop, Party, Verdict } from "./enums.ts";

// The scenario's types come from its schema (scenarioSchema.ts), as do its defaults.
export type { Fault, MessageSpec, Scenario, Timing } from "./scenarioSchema.ts";
export type { WireProperties as PacketProperties } from "../protocol/wire.ts";
import type { WireProperties as PacketProperties } from "../protocol/wire.ts";
import type { Fault, Scenario } from "./scenarioSchema.ts";

/** One period the subscriber is away (`subscriber.offline[]`). */
export type OfflinePeriod = NonNullable<NonNullable<Scenario["subscriber"]>["offline"]>[number];

/**
 * Why a transmission never arrived: the scenario's fault, the connection it was on broke, or
 * (statistics runs only) random loss.
 */
export type LossCause = "fault" | "connection-lost" | "random";

/**
 * Extension: what caused an event. `causedBy` is the index, in the same trace's `events` array (state
 * events included when recorded), of the event that caused this one; it is always smaller than the
 * event's own index, and that event's `t` is never later. Absent when nothing in the trace caused it
 * (every `publish`, and `state` events). Readers that do not know the field ignore it.
 */
export interface Caused {
  causedBy?: number;
}

/**
 * `causedBy`: for a first PUBLISH on the first hop, its `publish` event; for a PUBLISH the broker
 * forwards, an answer (PUBACK, PUBREC, PUBREL, PUBCOMP) and CONNACK, the packet event whose arrival
 * made the party send it (a PUBLISH or PUBREL on the other hop, the packet answered, the CONNECT);
 * for a timer resend, the `timeout` event; for what is sent after a reconnect (resends and messages
 * queued while offline), the hop's CONNACK packet event (on the client side the one that arrived,
 * on the broker's side the one it sent at that instant); for CONNECT, the `connection-lost` event
 * (or, after a graceful offline period, the client's `disconnected` event); for the DISCONNECT of
 * an offline period, its `disconnected` event.
 * on the broker's side the one it sent at that instant); for a PUBLISH that waited for send quota
 * (`quota-wait`), the acknowledgement whose arrival returned it; for CONNECT, the `connection-lost`
 * event (the opening CONNECT has none).
 */
export interface PacketEvent extends Caused {
  t: number;
  type: "packet";
  hop: Hop;
  from: Party;
  to: Party;
  packet: PacketType;
  /** Application message this packet belongs to; absent on CONNECT/CONNACK. */
  message?: number;
  packetId?: number;
  qos?: Qos;
  dup: boolean;
  retain: boolean;
  /** CONNACK only. */
  sessionPresent?: boolean;
  /**
   * Extension, MQTT 5.0 (and SUBACK, CONNACK in 3.1.1): the packet's reason code when it is not
   * plain success, e.g. 0x10 "no matching subscribers", 0x92 "packet identifier not found", 0x97
   * "quota exceeded"; SUBACK: the granted QoS (0, 1, 2) or 0x80. Absent: 0x00.
   */
  reasonCode?: number;
  /**
   * Extension, MQTT 5.0: the properties it carries beyond what every such packet has, by
   * mqtt-packet's names (receiveMaximum, sessionExpiryInterval, messageExpiryInterval, ...).
   */
  properties?: PacketProperties;
  bytes: number;
  hex: string;
  /** Simulated time at which it arrives (or would have arrived, if dropped). */
  arrives: number;
  dropped: boolean;
  /** Extension: present when dropped. */
  lostBy?: LossCause;
  /** Extension: 1-based count of this packet type for this message on this hop (what a fault names). */
  attempt: number;
  /** Extension: QoS 1/2 PUBLISH and PUBREL sent again after a reconnect or a timeout. */
  resend?: boolean;
}

/** `causedBy`: the packet event (PUBLISH, or PUBREL under Method A) whose arrival caused it. */
export interface DeliverEvent extends Caused {
  t: number;
  type: "deliver";
  at: Party;
  message: number;
  /** Extension: the hop on which the delivering receiver sits. */
  hop: Hop;
  /** Extension: 1-based count of deliveries of this message at this party. */
  count: number;
}

/** `causedBy`: the `deliver` event the application acted on. */
export interface ProcessEvent extends Caused {
  t: number;
  type: "process";
  at: Party;
  message: number;
}

/**
 * Extension: a delivery that the application ignored because `dedupe` is on. `causedBy`: that
 * `deliver` event.
 */
export interface IgnoreEvent extends Caused {
  t: number;
  type: "ignore";
  at: Party;
  message: number;
}

/** `causedBy`: the packet event the sender sent last, which the expired timer guarded. */
export interface TimeoutEvent extends Caused {
  t: number;
  type: "timeout";
  at: Party;
  message: number;
  waitingFor: PacketType;
  /** Extension. */
  hop: Hop;
}

/**
 * `causedBy`: the dropped packet event that broke the connection ("on-reconnect" mode), or the
 * `broker-down` event at that instant when a broker restart ended it.
 */
export interface ConnectionLostEvent extends Caused {
  t: number;
  type: "connection-lost";
  hop: Hop;
}

/** `causedBy`: the CONNACK packet event whose arrival completed the reconnect. */
export interface ReconnectedEvent extends Caused {
  t: number;
  type: "reconnected";
  hop: Hop;
  sessionPresent: boolean;
}

/**
 * Extension: an application message is handed to the publisher's client library. Never has a
 * `causedBy`: the application publishes on its own schedule.
 */
export interface PublishEvent {
  t: number;
  type: "publish";
  at: "publisher";
  message: number;
}

/**
 * Extension: session state thrown away on a clean reconnect, and what was in it. `causedBy`: the
 * packet event whose arrival made the party discard it (CONNECT at the broker, CONNACK with Session
 * Present 0 at the client).
 */
export interface SessionDiscardedEvent extends Caused {
  t: number;
  type: "session-discarded";
  hop: Hop;
  at: Party;
  /** Application messages whose in-flight state was discarded. */
  messages: number[];
}

/**
 * Extension: a message the broker did not forward to the subscriber, and why: it had no session
 * (clean, offline), QoS 0 is not queued for it while it is offline, its queue was full
 * (`broker.maxQueued`), the message's Message Expiry Interval passed while it was queued
 * ("expired", 5.0), the subscriber's session had expired ("session-expired", 5.0), it had no
 * subscription yet ("no-subscription"), or the broker refused the message ("refused").
 * `causedBy`: as for a forwarded PUBLISH, the packet event whose arrival made the broker deliver it;
 * for "expired" that same arrival, the event being at the instant the interval passed.
 */
export interface NotForwardedEvent extends Caused {
  t: number;
  type: "not-forwarded";
  at: "broker";
  message: number;
  reason: NotForwardedReason;
}

export type NotForwardedReason =
  | "no-session"
  | "qos0-offline"
  | "queue-full"
  | "expired"
  | "session-expired"
  /** A late subscriber had not subscribed yet (`subscriber.joinAtMs`). */
  | "no-subscription"
  | "refused";

/**
 * Extension: a client leaves on the scenario's schedule (`subscriber.offline`): `graceful` with a
 * DISCONNECT it sends before closing the connection, otherwise the connection breaks (a
 * `connection-lost` follows at once). Never has a `causedBy`: like `publish`, it comes from the
 * scenario's schedule. `returnsAt`: when the client reconnects (absent: it does not come back).
 */
export interface DisconnectedEvent {
  t: number;
  type: "disconnected";
  hop: Hop;
  /** The client that leaves. */
  at: Party;
  graceful: boolean;
  returnsAt?: number;
}

/**
 * Extension, MQTT 5.0: the broker ends a persistent session whose client stayed away longer than
 * its Session Expiry Interval, and with it the queue and every unfinished flow (`messages`); the
 * client's next CONNECT gets Session Present 0. `causedBy`: the event that closed the connection at
 * the broker (the `connection-lost`, or the DISCONNECT packet whose arrival closed it), which
 * started the interval `expiryS` seconds earlier.
 */
export interface SessionExpiredEvent extends Caused {
  t: number;
  type: "session-expired";
  hop: Hop;
  at: "broker";
  expiryS: number;
  /** Application messages queued or in flight in the session, lost with it. */
  messages: number[];
}

/**
 * Extension: the broker stored a retained message for its topic (a PUBLISH with RETAIN=1), or
 * removed the one it held (RETAIN=1 with an empty payload) [MQTT-3.3.1-5], 5.0 [MQTT-3.3.1-6/7]
 * (3.1.1 [MQTT-3.3.1-10/11]). `causedBy`: the broker's `deliver` event of that message (the
 * moment it accepted it).
 */
export interface RetainedEvent extends Caused {
  t: number;
  type: "retained";
  at: "broker";
  message: number;
  topic: string;
  action: "stored" | "cleared";
}

/**
 * Extension: the broker published the publisher's will (as message N + 1) or discarded it, and why:
 * "disconnect" (DISCONNECT 0x00 [MQTT-3.1.2-10]), "reconnected" (a new connection within the Will
 * Delay Interval [MQTT-3.1.3-9]), "connection-lost" (the connection ended without DISCONNECT
 * [MQTT-3.1.2-8]), "disconnect-with-will" (5.0 DISCONNECT 0x04), "delay-elapsed" (the Will Delay
 * Interval passed), "session-expired" (the session ended first). `causedBy`: the arrival of the
 * DISCONNECT or CONNECT, or the `connection-lost` event, that ended the connection or started the
 * wait.
 */
export interface WillEvent extends Caused {
  t: number;
  type: "will";
  at: "broker";
  message: number;
  action: "published" | "discarded";
  reason:
    | "disconnect"
    | "reconnected"
    | "connection-lost"
    | "disconnect-with-will"
    | "delay-elapsed"
    | "session-expired"
    /** A broker restart: published at a graceful shutdown or on the way up, or lost with it. */
    | "broker-restart";
}

/**
 * Extension: the publisher goes away for good (`publisherEnd`): it sends DISCONNECT (reason 0x00,
 * or 5.0 0x04 "disconnect with will message"), or crashes and its connection breaks. Never has a
 * `causedBy`: the application ends on its own schedule.
 */
export interface PublisherEndEvent {
  t: number;
  type: "publisher-end";
  at: "publisher";
  kind: "disconnect" | "disconnect-with-will" | "crash";
}

/**
 * Extension (flow control, MQTT 5.0 §4.9): a QoS 1/2 message that cannot go out yet because the
 * receiver's Receive Maximum is reached; its first PUBLISH follows when an acknowledgement returns
 * quota, `causedBy` that acknowledgement's packet event. Recorded once per message and hop.
 * `causedBy`: what would have caused its PUBLISH (its `publish` event, the arrival that made the
 * broker forward it, or the hop's CONNACK after a reconnect).
 */
export interface QuotaWaitEvent extends Caused {
  t: number;
  type: "quota-wait";
  hop: Hop;
  /** The sender that waits: the publisher on the first hop, the broker on the second. */
  at: Party;
  message: number;
  /** QoS 1/2 PUBLISHes unacknowledged on this hop at that moment. */
  inFlight: number;
  /** The receiver's Receive Maximum. */
  receiveMaximum: number;
}

/**
 * Extension: the broker stops (scenario `broker.restarts`): every connection ends at that instant
 * (a `connection-lost` on each hop that had one, caused by this event; 5.0 graceful: a DISCONNECT
 * 0x8B first). What it holds for each message (a QoS 2 packet id held until PUBREL, a message
 * queued or unacknowledged toward the subscriber) is `kept` (saved, and restored when it runs
 * again) or `lost`. Never has a `causedBy`: the scenario plans it, as an application publishes.
 */
export interface BrokerDownEvent {
  t: number;
  type: "broker-down";
  at: "broker";
  kind: "crash" | "graceful";
  /** Messages whose state at the broker survives the restart (as of the state restored). */
  kept: number[];
  /** Messages whose state at the broker is gone. */
  lost: number[];
  /** Whether the clients' persistent sessions survive (Session Present 1 on their reconnect). */
  sessionsKept: boolean;
  /** A crash with persistence that restores an older save: the time of that save. */
  savedAtMs?: number;
  /**
   * The retained messages the broker holds when it runs again (by message number, oldest first),
   * present only when the restart changed them: all lost with persistence "off", or a crash that
   * restores an older save. Absent: the retained messages are those it held at the stop.
   */
  retained?: number[];
}

/** Extension: the broker runs again after a restart. `causedBy`: its `broker-down` event. */
export interface BrokerUpEvent extends Caused {
  t: number;
  type: "broker-up";
  at: "broker";
}

/**
 * Extension, only with `simulate(input, { states: true })`: a protocol machine changed state.
 * `state` is the XState state name: senders queued, awaitingPuback, awaitingPubrec,
 * awaitingPubcomp, sent, acknowledged, complete, refused, discarded; QoS 2 receivers stored, idle,
 * discarded.
 */
export interface StateEvent {
  t: number;
  type: "state";
  hop: Hop;
  at: Party;
  role: "sender" | "receiver";
  message: number;
  packetId?: number;
  qos: Qos;
  state: string;
}

export type TraceEvent =
  | PacketEvent
  | DeliverEvent
  | ProcessEvent
  | IgnoreEvent
  | TimeoutEvent
  | ConnectionLostEvent
  | ReconnectedEvent
  | PublishEvent
  | SessionDiscardedEvent
  | NotForwardedEvent
  | QuotaWaitEvent
  | BrokerDownEvent
  | BrokerUpEvent
  | DisconnectedEvent
  | SessionExpiredEvent
  | RetainedEvent
  | WillEvent
  | PublisherEndEvent
  | StateEvent;

export interface MessageOutcome {
  message: number;
  deliveries: number;
  processed: number;
  verdict: Verdict;
}

export interface Outcome {
  messages: MessageOutcome[];
  packets: number;
  bytes: number;
  durationMs: number;
}

/**
 * Extension (implementation profiles): where an implementation did not do what the scenario asked
 * (QoS 2 on a broker that supports QoS 1 at most, MQTT 5.0 on a 3.1.1 broker), or departed from the
 * specification in a way the trace shows ("EMQX resent the PUBLISH after 30 s on a live
 * connection"). Never a validation error.
 */
export interface Finding {
  party: Party;
  /** The profile id of that party. */
  profile: string;
  /** A stable name for the kind of finding ("live-resend", "qos-downgraded", ...). */
  code: string;
  /** One sentence saying what the implementation did. */
  text: string;
  /** Where that behaviour is documented: a URL (code, documentation or issue). */
  source: string;
  /** The index in `events` of the event where it showed first; absent when it shapes the whole run. */
  event?: number;
}

export interface Trace {
  scenario: Scenario;
  events: TraceEvent[];
  unusedFaults: Fault[];
  outcome: Outcome;
  /** Extension: present only when a profile produced findings. */
  findings?: Finding[];
}

/** One problem with a scenario: the field's path (e.g. `faults[0].packet`) and what was expected. */
export interface Problem {
  path: string;
  message: string;
}
