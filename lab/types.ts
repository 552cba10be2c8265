/**
 * The live lab's trace: the project's trace events (src/sim/types.ts), recorded from real sockets.
 * `t` is real milliseconds since the run started; packet events carry the real bytes.
 */
import type {
  ConnectionLostEvent,
  DeliverEvent,
  MessageOutcome,
  PacketEvent,
  Party,
  ReconnectedEvent,
  Fault,
} from "../src/sim/types.ts";
import { PACKET_TYPES } from "../src/sim/types.ts";
import type { RealOnlyPacket, RealPacketEvent, RealTrace } from "../src/live/index.ts";

/** A packet the relay saw, with what the model's PacketEvent has plus what only a real run has. */
export interface LivePacketEvent extends PacketEvent {
  /** The relay cut the connection at this packet (the fault plan named it); it never arrived. */
  cut?: true;
  /**
   * Hold mode: with `cut`, the relay held this packet instead (the connection stayed up until
   * keep-alive ended it); without, the packet waited behind a held one and died with its connection.
   */
  held?: true;
  /** 5.0 reason code of an ack, CONNACK or DISCONNECT, when the packet carries one. */
  reasonCode?: number;
}

/**
 * A packet outside the QoS flows (SUBSCRIBE, SUBACK, PINGREQ, DISCONNECT, ...): recorded among the
 * events as src/live's RealTrace has it; the model never draws these.
 */
export interface ControlPacketEvent extends RealPacketEvent {
  packet: RealOnlyPacket;
  /** SUBSCRIBE: what it asks for (5.0 with its subscription options). */
  subscriptions?: SubscriptionRecord[];
}

/** One subscription of a recorded SUBSCRIBE. */
export interface SubscriptionRecord {
  topic: string;
  qos: number;
  retainAsPublished?: boolean;
  retainHandling?: number;
}

export type LiveEvent =
  LivePacketEvent | ControlPacketEvent | DeliverEvent | ConnectionLostEvent | ReconnectedEvent;

/**
 * What a live run recorded: a RealTrace (src/live, what diffTraces reads) with the model Trace's
 * `unusedFaults` and `outcome` beside it.
 */
export interface LiveTrace extends RealTrace {
  /** Ordered by `t`; ties in the order the relay saw them. */
  events: LiveEvent[];
  deliveriesSeenAt: Party[];
  broker: BrokerInfo;
  /** Faults of the plan that matched no packet. */
  unusedFaults: Fault[];
  outcome: {
    messages: MessageOutcome[];
    packets: number;
    bytes: number;
    durationMs: number;
  };
}

/**
 * A cut (or hold) the relay made: the fault it applied, a scenario's or one random loss amounts
 * to, and the index of the cut packet in `events`.
 */
export interface Cut {
  fault: Fault;
  event: number;
  /** Hold mode: who closed the half-open connection, the client or the broker (keep-alive). */
  endedBy?: Party;
}

export interface BrokerInfo {
  name: string;
  url: string;
}

export interface LiveRun {
  trace: LiveTrace;
  cuts: Cut[];
  durationMs: number;
  broker: BrokerInfo;
  /** The run ended at its time bound (or was cancelled) before everything settled. */
  timedOut: boolean;
}

const FLOW: ReadonlySet<string> = new Set(PACKET_TYPES);

/** A packet of the QoS flows (what the model draws), not SUBSCRIBE, PINGREQ, DISCONNECT, ... */
export function isFlowPacket(e: LivePacketEvent | ControlPacketEvent): e is LivePacketEvent {
  return FLOW.has(e.packet);
}
