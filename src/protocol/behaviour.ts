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

  // --- queueing and expiry -----------------------------------------------------------------------

  // --- retained messages and wills ---------------------------------------------------------------
  /**
   * Server: keeps retained messages (5.0 Retain Available). False: a PUBLISH with RETAIN=1 is
   * handed on as usual but never stored, so a new subscription gets nothing retained.
   */
  retainAvailable: boolean;

  // --- reason codes, restarts and persistence ----------------------------------------------------
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
  shutdownDisconnect: true,
  savesOnChange: BROKER_CHANGES,
  retainAvailable: true,
});
