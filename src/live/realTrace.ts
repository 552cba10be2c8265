/**
 * The real trace: what the live lab's relay records between real MQTT clients and a real broker,
 * in the project's trace format (src/sim/types.ts) with a few additions. Pure types.
 */
import type { PacketEvent, Party, Scenario, TraceEvent } from "../sim/types.ts";

/** Packets a real connection carries that the model never draws (session set-up, keep-alive). */
export type RealOnlyPacket =
  "SUBSCRIBE" | "SUBACK" | "UNSUBSCRIBE" | "UNSUBACK" | "PINGREQ" | "PINGRESP" | "DISCONNECT" | "AUTH";

/**
 * One packet the relay saw. As a model PacketEvent, except: `t` is real milliseconds since the run
 * started; `cut` marks the packet at which the relay cut the connection (the fault plan's packet);
 * `reasonCode` is the packet's reason code as decoded (5.0 acks, CONNACK), when it has one; the
 * fields only a simulation knows (`arrives`, `dropped`, `attempt`) are optional. `held` marks, in
 * the relay's hold mode, the packet it held instead of cutting (with `cut`) and the packets that
 * waited behind it on the half-open connection until that connection ended (without `cut`).
 */
export interface RealPacketEvent extends Omit<
  PacketEvent,
  "packet" | "arrives" | "dropped" | "attempt" | "lostBy"
> {
  packet: PacketEvent["packet"] | RealOnlyPacket;
  arrives?: number;
  dropped?: boolean;
  attempt?: number;
  cut?: true;
  held?: true;
  reasonCode?: number;
}

export type RealTraceEvent = Exclude<TraceEvent, PacketEvent> | RealPacketEvent;

export interface RealTrace {
  /** The scenario that was run, every default filled in. */
  scenario: Scenario;
  /** Ordered by real time `t`, ties in the order the relay saw them. */
  events: RealTraceEvent[];
  /**
   * Parties whose application deliveries the run observed (`deliver` events). Default: the
   * subscriber with two hops, plus every party with a `deliver` event. A broker's onward delivery is
   * only seen through a subscriber, so with one hop and no broker `deliver` events the delivery
   * count and the broker's hand-on point are not compared.
   */
  deliveriesSeenAt?: Party[];
  /** The broker the run talked to ("aedes", "mosquitto 2.0.18", …) and its URL without credentials. */
  broker?: { name: string; url: string };
}
