/**
 * What one party (publisher, broker, subscriber) does wherever MQTT leaves a choice, or where a real
 * implementation departs from the specification: the knobs the simulator reads. `SPEC_BEHAVIOUR`
 * is the specification as this project has always simulated it; an implementation profile
 * (src/protocol/profiles/) overrides only what its sources say. Pure data.
 */
import type { Protocol, Qos, Qos2Delivery } from "./types.ts";

/**
 * A change of a broker's state, as a persistence that "saves on every change" may count it: a
 * persistent client connects ("session"), a QoS 2 PUBLISH is held until PUBREL ("incoming-stored")
 * or released by it ("incoming-released"), a message is queued for a client that cannot take it now
 * ("outgoing-queued"), sent to one that can ("outgoing-sent"), moved on by PUBREC
 * ("outgoing-acknowledged") or completed by PUBACK / PUBCOMP ("outgoing-completed").
 */
export type BrokerChange =
  | "session"
  | "incoming-stored"
  | "incoming-released"
  | "outgoing-queued"
  | "outgoing-sent"
  | "outgoing-acknowledged"
  | "outgoing-completed";

export const BROKER_CHANGES: readonly BrokerChange[] = [
  "session",
  "incoming-stored",
  "incoming-released",
  "outgoing-queued",
  "outgoing-sent",
  "outgoing-acknowledged",
  "outgoing-completed",
];

export interface Behaviour {
  // --- delivery and resends (profiles) -----------------------------------------------------------
  /** QoS 2 receiver's delivery point (Figure 4.3); undefined: the scenario's `qos2Delivery` decides. */
  qos2Delivery?: Qos2Delivery;
  /** Sets DUP=1 on a resent PUBLISH, as [MQTT-3.3.1-1] requires. */
  dupOnResend: boolean;
  /**
   * Resends an unacknowledged PUBLISH or PUBREL on a live connection after this many simulated ms
   * (EMQX's retry_interval); undefined: only after a reconnect, as 5.0 requires [MQTT-4.4.0-1].
   */
  liveResendMs?: number;
  /** As a client: resends its outgoing store after a reconnect even with Session Present 0. */
  resendsAfterSessionLost: boolean;
  /** Highest QoS it accepts on an incoming PUBLISH and grants to a subscription. */
  maximumQos: Qos;
  /**
   * What it does with a PUBLISH above `maximumQos`: treat it as the highest it supports and answer
   * that way ("downgrade"), send no acknowledgement ("ignore"), close the connection
   * ("disconnect"), or refuse it with a reason code ("refuse", 5.0 0x9B).
   */
  aboveMaximumQos: "downgrade" | "ignore" | "disconnect" | "refuse";
  /** Protocol versions it speaks. */
  protocols: readonly Protocol[];
  /** A CONNECT in another version: refused in CONNACK ("refuse") or closed without one ("close"). */
  unsupportedProtocol: "refuse" | "close";
  /** Server: answers Session Present 1 only when the session holds subscriptions. */
  sessionPresentNeedsSubscriptions: boolean;
  /** QoS 2 receiver: hands a repeated PUBLISH with a held id on again. */
  deliversRepeatedQos2: boolean;

  // --- flow control (Receive Maximum) ------------------------------------------------------------
  /**
   * As a receiver, the Receive Maximum it uses when the scenario sets none (§4.9; 65535 when a 5.0
   * CONNECT/CONNACK leaves it out). A broker advertises it in CONNACK (Mosquitto: 20).
   */
  receiveMaximum: number;
  /**
   * As a sender, how many QoS 1/2 PUBLISHes beyond the receiver's Receive Maximum it lets be
   * unacknowledged: 0 honours it exactly [MQTT-3.3.4-9], [MQTT-3.3.4-10]; 65535 ignores it.
   */
  receiveMaximumExcess: number;
  /**
   * As a 5.0 receiver, the reason code it refuses a QoS 1/2 PUBLISH with when the sender already
   * has Receive Maximum of them unacknowledged (Mosquitto: PUBREC 0x97 "Quota exceeded").
   * Undefined: it takes the message (the specification's answer, DISCONNECT 0x93, is not modelled;
   * a sender that honours Receive Maximum never gets there).
   */
  overrunReason?: number;

  // --- queueing and expiry -----------------------------------------------------------------------
  /**
   * Broker: queues QoS 0 messages for an offline persistent subscriber too (5.0 §4.1: optional;
   * Mosquitto's queue_qos0_messages, default false). A scenario's `broker.queueQos0` overrides it.
   */
  queueQos0: boolean;
  /**
   * Broker: messages queued per offline client at most; beyond it they are dropped (Mosquitto's
   * max_queued_messages, default 1000); undefined: no limit. `broker.maxQueued` overrides it.
   */
  maxQueued?: number;
  /**
   * Broker: after a persistent subscriber reconnects, sends the copies its session store holds
   * (queued while it was away, or unacknowledged when the connection broke) at the QoS they were
   * published with, not min(published, granted) as [MQTT-3.8.4-8] asks (Aedes: the store keeps the
   * published packet and only the live copy is downgraded).
   */
  storedCopiesAtPublishedQos: boolean;

  // --- retained messages and wills ---------------------------------------------------------------
  /**
   * Server: keeps retained messages (5.0 Retain Available). False: a PUBLISH with RETAIN=1 is
   * handed on as usual but never stored, so a new subscription gets nothing retained.
   */
  retainAvailable: boolean;

  // --- reason codes, restarts and persistence ----------------------------------------------------
  /**
   * MQTT 5.0, as a QoS 2 receiver: the PUBCOMP reason code answering a PUBREL for a packet id it
   * does not hold. The specification says 0x92 "Packet Identifier not found" (§3.7.2.1);
   * Mosquitto answers 0x00. SPEC_BEHAVIOUR keeps 0x00, what every trace before profiles showed.
   */
  unknownPubrelReason: number;
  /**
   * MQTT 5.0, as a broker: the PUBACK / PUBREC reason code for a message nobody subscribes to: 0x10
   * "No matching subscribers" is a MAY (§3.4.2.1, §3.5.2.1); Mosquitto says 0x10 on PUBACK only.
   */
  noMatchingSubscribers: { puback: number; pubrec: number };
  /**
   * Broker, MQTT 5.0: on a graceful shutdown it first sends DISCONNECT 0x8B "Server shutting down"
   * on every connection (the Server MAY send DISCONNECT before closing, spec §3.14, §4.13.2);
   * false: it just closes them.
   */
  shutdownDisconnect: boolean;
  /**
   * Broker with persistence "on": the changes of its state that make it save at once (the saved
   * file then holds all of its state as of the end of that instant). Every change: a crash loses
   * nothing. Fewer: a crash restores the state of the last counted change.
   */
  savesOnChange: readonly BrokerChange[];
  /**
   * Broker: the publisher's will across a restart. "session-state" (the specification): the will
   * and its delay are session state (5.0 §4.1, §3.1.2.5): a graceful shutdown closes the
   * connection, so a will due at once goes out before it stops; a delayed one, or one whose
   * connection a crash closed, lives on only with the session the restart keeps. "sent-at-shutdown"
   * (Mosquitto 2.0): a graceful shutdown publishes every will, delayed ones too, before saving; the
   * persistence file holds no wills, so a crash loses them.
   */
  restartWills: "session-state" | "sent-at-shutdown";
}

/** The specification, strictly: what every scenario without `profiles` simulates. */
export const SPEC_BEHAVIOUR: Readonly<Behaviour> = Object.freeze<Behaviour>({
  dupOnResend: true,
  resendsAfterSessionLost: false,
  maximumQos: 2,
  aboveMaximumQos: "refuse",
  protocols: ["3.1.1", "5.0"],
  unsupportedProtocol: "refuse",
  sessionPresentNeedsSubscriptions: false,
  deliversRepeatedQos2: false,
  receiveMaximum: 65_535,
  receiveMaximumExcess: 0,
  unknownPubrelReason: 0x00,
  noMatchingSubscribers: Object.freeze({ puback: 0x00, pubrec: 0x00 }),
  shutdownDisconnect: true,
  savesOnChange: BROKER_CHANGES,
  restartWills: "session-state",
  retainAvailable: true,
  queueQos0: false,
  storedCopiesAtPublishedQos: false,
});
