/**
 * The broker's retained messages and the rules around them: what a PUBLISH with RETAIN=1 does to
 * the store, which RETAIN flag a forwarded copy carries, and whether a new subscription gets the
 * retained messages. Pure rules plus one small store; the engine sends what they decide.
 */
import type { Protocol, Qos } from "../protocol/types.ts";

/** One retained message: the application message that set it and the QoS it was published with. */
export interface Retained {
  message: number;
  topic: string;
  qos: Qos;
}

/** The broker's retained messages, one per topic name. */
export class RetainedStore {
  private readonly byTopic = new Map<string, Retained>();

  /**
   * A message the broker accepted: with RETAIN=1 it replaces the topic's retained message
   * [MQTT-3.3.1-5], and an empty payload removes it and is not stored (5.0 [MQTT-3.3.1-6/7],
   * 3.1.1 [MQTT-3.3.1-10/11]); with RETAIN=0 the store is left alone [MQTT-3.3.1-8] (3.1.1
   * [MQTT-3.3.1-12]). Returns what it did, or null for nothing.
   */
  accept(
    message: number,
    topic: string,
    payload: string,
    retain: boolean,
    qos: Qos,
  ): "stored" | "cleared" | null {
    if (!retain) return null;
    if (payload === "") {
      this.byTopic.delete(topic);
      return "cleared";
    }
    this.byTopic.set(topic, { message, topic, qos });
    return "stored";
  }

  /** After a broker restart: exactly what its persistence kept (restart.ts). */
  restore(kept: readonly Retained[]): void {
    this.byTopic.clear();
    for (const r of kept) this.byTopic.set(r.topic, { ...r });
  }

  /** Every retained message (a late subscription matches them all), oldest message first. */
  all(): Retained[] {
    return [...this.byTopic.values()].sort((a, b) => a.message - b.message);
  }
}

/**
 * The RETAIN flag of a copy forwarded to an existing subscription: 0 whatever was published (5.0
 * [MQTT-3.3.1-12], 3.1.1 [MQTT-3.3.1-9]), unless the 5.0 subscription asks for Retain As
 * Published, which keeps the publisher's flag [MQTT-3.3.1-13].
 */
export function forwardedRetain(published: boolean, retainAsPublished: boolean, protocol: Protocol): boolean {
  return protocol === "5.0" && retainAsPublished && published;
}

/**
 * Whether a subscription gets the retained messages when it is made. 3.1.1: always, on a new
 * subscription and on a repeated one [MQTT-3.3.1-6], [MQTT-3.8.4-3]. 5.0 Retain Handling: 0 at every
 * subscribe [MQTT-3.3.1-9], 1 only when the subscription did not exist [MQTT-3.3.1-10], 2 never
 * [MQTT-3.3.1-11].
 */
export function sendsRetainedOnSubscribe(
  protocol: Protocol,
  retainHandling: 0 | 1 | 2,
  existed: boolean,
): boolean {
  if (protocol === "3.1.1") return true;
  return retainHandling === 0 || (retainHandling === 1 && !existed);
}

/**
 * The QoS the broker grants a subscription: what the subscriber asks for, at most the broker's
 * maximum (5.0 Maximum QoS; SUBACK says what was granted [MQTT-3.9.3-…], [MQTT-3.2.2-10]).
 */
export function grantedQos(requested: Qos, brokerMaximum: Qos): Qos {
  return Math.min(requested, brokerMaximum) as Qos;
}

/**
 * The QoS of a retained message sent to a new subscription: the minimum of the QoS it was published
 * with and the granted QoS (5.0 [MQTT-3.8.4-8], 3.1.1 [MQTT-3.8.4-6]); it carries RETAIN=1 (3.1.1
 * [MQTT-3.3.1-8], 5.0 §3.3.1.3).
 */
export function retainedDeliveryQos(published: Qos, granted: Qos): Qos {
  return Math.min(published, granted) as Qos;
}
