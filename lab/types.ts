/**
 * The live lab's trace: the project's trace events (src/sim/types.ts), recorded from real sockets.
 * `t` is real milliseconds since the run started; packet events carry the real bytes.
 */
import type {
  ConnectionLostEvent,
  DeliverEvent,
  Hop,
  MessageOutcome,
  PacketEvent,
  Party,
  ReconnectedEvent,
  Scenario,
  Fault,
} from "../src/sim/types.ts";

/** A packet the relay saw, with what the model's PacketEvent has plus what only a real run has. */
export interface LivePacketEvent extends PacketEvent {
  /** The relay cut the connection at this packet (the fault plan named it); it never arrived. */
  cut?: true;
  /** 5.0 reason code of an ack, CONNACK or DISCONNECT, when the packet carries one. */
  reasonCode?: number;
}

/** A packet outside the QoS flows (SUBSCRIBE, SUBACK, PINGREQ, DISCONNECT, ...), kept apart. */
export interface ControlPacketEvent {
  t: number;
  type: "control";
  hop: Hop;
  from: Party;
  to: Party;
  /** mqtt-packet's command name: "subscribe", "suback", "pingreq", "disconnect", ... */
  cmd: string;
  bytes: number;
  hex: string;
  reasonCode?: number;
}

export type LiveEvent = LivePacketEvent | DeliverEvent | ConnectionLostEvent | ReconnectedEvent;

/** What a live run recorded: the same shape as the model's Trace where the two overlap. */
export interface LiveTrace {
  scenario: Scenario;
  /** Ordered by `t`; ties in the order the relay saw them. */
  events: LiveEvent[];
  /** Packets outside the QoS flows, recorded too but not part of the model's trace. */
  control: ControlPacketEvent[];
  /** Faults of the plan that matched no packet. */
  unusedFaults: Fault[];
  outcome: {
    messages: MessageOutcome[];
    packets: number;
    bytes: number;
    durationMs: number;
  };
}

/** A cut the relay made: the fault it applied and the index of the cut packet in `events`. */
export interface Cut {
  fault: Fault;
  event: number;
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
