/**
 * The public scenario and trace format (shared/docs/scenario-format.md), as TypeScript types.
 * Field names are a published contract: extend with optional fields, never rename.
 */

import type { PacketType, Qos } from "../protocol/types.ts";

export type { PacketType, Protocol, Qos, Qos2Delivery } from "../protocol/types.ts";
export { PACKET_TYPES, PROTOCOLS, QOS2_DELIVERIES, QOS_LEVELS } from "../protocol/types.ts";

export type Retransmit = "on-reconnect" | "on-timeout";
export type SessionKind = "persistent" | "clean";
export type Hop = "publisher-broker" | "broker-subscriber";
export type Party = "publisher" | "broker" | "subscriber";
export type Verdict = "lost" | "once" | "duplicated";

export const RETRANSMIT_MODES: readonly Retransmit[] = ["on-reconnect", "on-timeout"];
export const SESSION_KINDS: readonly SessionKind[] = ["persistent", "clean"];
export const HOPS: readonly Hop[] = ["publisher-broker", "broker-subscriber"];

// The scenario's types come from its schema (scenarioSchema.ts), as do its defaults.
export type { Fault, MessageSpec, Scenario, Timing } from "./scenarioSchema.ts";
import type { Fault, Scenario } from "./scenarioSchema.ts";

/**
 * Why a transmission never arrived: the scenario's fault, the connection it was on broke, or
 * (statistics runs only) random loss.
 */
export type LossCause = "fault" | "connection-lost" | "random";

export interface PacketEvent {
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

export interface DeliverEvent {
  t: number;
  type: "deliver";
  at: Party;
  message: number;
  /** Extension: the hop on which the delivering receiver sits. */
  hop: Hop;
  /** Extension: 1-based count of deliveries of this message at this party. */
  count: number;
}

export interface ProcessEvent {
  t: number;
  type: "process";
  at: Party;
  message: number;
}

/** Extension: a delivery that the application ignored because `dedupe` is on. */
export interface IgnoreEvent {
  t: number;
  type: "ignore";
  at: Party;
  message: number;
}

export interface TimeoutEvent {
  t: number;
  type: "timeout";
  at: Party;
  message: number;
  waitingFor: PacketType;
  /** Extension. */
  hop: Hop;
}

export interface ConnectionLostEvent {
  t: number;
  type: "connection-lost";
  hop: Hop;
}

export interface ReconnectedEvent {
  t: number;
  type: "reconnected";
  hop: Hop;
  sessionPresent: boolean;
}

/** Extension: an application message is handed to the publisher's client library. */
export interface PublishEvent {
  t: number;
  type: "publish";
  at: "publisher";
  message: number;
}

/** Extension: session state thrown away on a clean reconnect, and what was in it. */
export interface SessionDiscardedEvent {
  t: number;
  type: "session-discarded";
  hop: Hop;
  at: Party;
  /** Application messages whose in-flight state was discarded. */
  messages: number[];
}

/** Extension: a message the broker could not forward because the subscriber had no session. */
export interface NotForwardedEvent {
  t: number;
  type: "not-forwarded";
  at: "broker";
  message: number;
  reason: "no-session" | "qos0-offline";
}

/**
 * Extension, only with `simulate(input, { states: true })`: a protocol machine changed state.
 * `state` is the XState state name: senders queued, awaitingPuback, awaitingPubrec,
 * awaitingPubcomp, sent, acknowledged, complete, discarded; QoS 2 receivers stored, idle, discarded.
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

export interface Trace {
  scenario: Scenario;
  events: TraceEvent[];
  unusedFaults: Fault[];
  outcome: Outcome;
}

/** One problem with a scenario: the field's path (e.g. `faults[0].packet`) and what was expected. */
export interface Problem {
  path: string;
  message: string;
}
