/**
 * Which application message a packet belongs to, from what is on the wire only (so it works for
 * any client): a PUBLISH by its topic and payload against the scenario's messages, a resend (DUP=1)
 * and every ack by the packet id its first PUBLISH carried on this hop.
 */
import type { MessageSpec } from "../../src/sim/types.ts";

export class MessageIds {
  private readonly byPacketId = new Map<number, number>();
  private readonly seen = new Set<number>();

  private readonly messages: readonly MessageSpec[];

  constructor(messages: readonly MessageSpec[]) {
    this.messages = messages;
  }

  /** The message of a PUBLISH; remembers its packet id for the acks that follow. */
  publish(topic: string, payload: string, qos: number, dup: boolean, packetId: number | undefined): number {
    // A resend keeps its id [MQTT-4.4.0-1]; a PUBLISH with DUP=0 starts a new flow even on a used id.
    const byId = dup && packetId !== undefined ? this.byPacketId.get(packetId) : undefined;
    // A resend under a new id that an earlier message used (RabbitMQ 3 after a reconnect) is not
    // that message: its content says which it is.
    const known = byId !== undefined && this.holds(byId, topic, payload) ? byId : undefined;
    const message = known ?? this.byContent(topic, payload);
    this.seen.add(message);
    if (qos > 0 && packetId !== undefined) this.byPacketId.set(packetId, message);
    return message;
  }

  /** The message an ack (PUBACK, PUBREC, PUBREL, PUBCOMP) with this id belongs to, if known. */
  ack(packetId: number | undefined): number | undefined {
    return packetId === undefined ? undefined : this.byPacketId.get(packetId);
  }

  /** Whether scenario message `message` has this topic and payload (true for one it does not hold). */
  private holds(message: number, topic: string, payload: string): boolean {
    const spec = this.messages[message - 1];
    return spec === undefined || (spec.topic === topic && spec.payload === payload);
  }

  /** The first scenario message with this content not met yet; else the last one met (a duplicate). */
  private byContent(topic: string, payload: string): number {
    const candidates: number[] = [];
    this.messages.forEach((m, i) => {
      if (m.topic === topic && m.payload === payload) candidates.push(i + 1);
    });
    const fresh = candidates.find((m) => !this.seen.has(m));
    if (fresh !== undefined) return fresh;
    const last = candidates.at(-1);
    return last ?? this.seen.size + 1;
  }
}
