/**
 * Flow control (MQTT 5.0 §4.9): one sender's send quota on one hop. A sender never has more QoS 1/2
 * PUBLISHes unacknowledged than the receiver's Receive Maximum [MQTT-3.3.4-9] (client),
 * [MQTT-3.3.4-10] (server); the rest wait in order and go out as PUBACK, PUBCOMP or a PUBREC with a
 * reason code >= 0x80 return quota [MQTT-4.9.0-2]. A successful PUBREC returns none: the flow
 * still holds its packet id until PUBCOMP. QoS 0 is never held back (the spec leaves it open).
 *
 * The quota belongs to the connection, not the session: after a reconnect the messages resent
 * count again and nothing else does. Pure bookkeeping: the engine sends, this only says what may go.
 * Generic over the engine's sender entries, which it never looks into.
 */
import type { ReceiverEmitted } from "../protocol/receiver.ts";
import type { Qos } from "../protocol/types.ts";
import type { WireProperties } from "../protocol/wire.ts";
import type { Behaviours } from "./behaviours.ts";
import type { Hop, Party, Scenario } from "./types.ts";

/** Receive Maximum when none is given: its largest value (§3.1.2.11.3, §3.2.2.3.3). */
export const DEFAULT_RECEIVE_MAXIMUM = 65_535;

export class SendQuota<Entry> {
  /** The receiver's Receive Maximum (what the trace reports). */
  readonly receiveMaximum: number;
  /** How many the sender really lets be unacknowledged: Receive Maximum plus its excess. */
  private readonly limit: number;
  private readonly unacknowledged = new Set<Entry>();
  /** Entries waiting for quota, oldest first. */
  private waiting: Entry[] = [];
  /** Entries that have already been reported as waiting (reported once each). */
  private readonly reported = new WeakSet<object>();

  constructor(receiveMaximum: number, excess: number) {
    this.receiveMaximum = receiveMaximum;
    this.limit = receiveMaximum + excess;
  }

  /** Unacknowledged QoS 1/2 PUBLISHes now. */
  get inFlight(): number {
    return this.unacknowledged.size;
  }

  /**
   * Whether `entry` may be sent for the first time now; if not it waits behind those already
   * waiting, so that messages leave in the order they were published [MQTT-4.6.0-1].
   */
  admit(entry: Entry): boolean {
    if (this.waiting.length === 0 && this.unacknowledged.size < this.limit) {
      this.unacknowledged.add(entry);
      return true;
    }
    this.waiting.push(entry);
    return false;
  }

  /** An entry rebuilt as sent and unacknowledged (a broker restart's saved flow): it holds quota. */
  restored(entry: Entry): void {
    this.unacknowledged.add(entry);
  }

  /** Whether the entry's wait is new (not yet reported); marks it reported. */
  firstWait(entry: Entry & object): boolean {
    if (this.reported.has(entry)) return false;
    this.reported.add(entry);
    return true;
  }

  /** A flow ended (acknowledged, refused, or discarded with its session): its quota comes back. */
  release(entry: Entry): void {
    if (!this.unacknowledged.delete(entry)) {
      const i = this.waiting.indexOf(entry);
      if (i >= 0) this.waiting.splice(i, 1);
    }
  }

  /** The waiting entries that fit now, oldest first; they count as unacknowledged from here on. */
  drain(): Entry[] {
    const out: Entry[] = [];
    while (this.waiting.length > 0 && this.unacknowledged.size < this.limit) {
      const next = this.waiting.shift() as Entry;
      this.unacknowledged.add(next);
      out.push(next);
    }
    return out;
  }

  /**
   * A new connection: nothing waits any more until `admit` says so again (the engine goes through
   * the queued messages in order after resending the unacknowledged ones).
   */
  reconnected(): void {
    this.waiting = [];
  }
}

/**
 * What the engine asks about several messages in flight, Receive Maximum and reason codes: each
 * message's QoS and publish time, each hop's send quota, the refusals, and the reason code an
 * acknowledgement carries. Pure; one per run.
 */
export class FlowControl<Entry extends object> {
  private readonly scenario: Scenario;
  private readonly behaviours: Behaviours;
  private readonly quotas = new Map<Hop, SendQuota<Entry>>();
  private readonly refusals = new Map<string, number>();

  constructor(scenario: Scenario, behaviours: Behaviours) {
    this.scenario = scenario;
    this.behaviours = behaviours;
    // Reason codes exist only in 5.0; the scenario rules refuse `refusals` in 3.1.1.
    if (scenario.protocol === "5.0") {
      for (const r of scenario.refusals ?? []) this.refusals.set(`${r.hop}:${r.message}`, r.reasonCode);
    }
  }

  /** The QoS of this message's PUBLISH from the publisher. */
  qosOf(message: number): Qos {
    return this.scenario.messages[message - 1]?.qos ?? this.scenario.publishQos;
  }

  /** When the application publishes `message`, given when the one before went (first: 0). */
  publishAt(message: number, previous: number): number {
    const at = this.scenario.messages[message - 1]?.atMs;
    if (at !== undefined) return at;
    return message === 1 ? 0 : previous + this.scenario.timing.publishIntervalMs;
  }

  /** The receiver's Receive Maximum on this hop: the scenario's, else its implementation's default. */
  receiveMaximum(hop: Hop): number {
    const given = this.scenario.receiveMaximum;
    return hop === "publisher-broker"
      ? (given?.broker ?? this.behaviours.broker.receiveMaximum)
      : (given?.subscriber ?? this.behaviours.subscriber.receiveMaximum);
  }

  /** The send quota of this hop's PUBLISH sender (one per run: reset on each connection). */
  quota(hop: Hop): SendQuota<Entry> {
    let quota = this.quotas.get(hop);
    if (quota === undefined) {
      const sender: Party = hop === "publisher-broker" ? "publisher" : "broker";
      quota = new SendQuota<Entry>(this.receiveMaximum(hop), this.behaviours[sender].receiveMaximumExcess);
      this.quotas.set(hop, quota);
    }
    return quota;
  }

  /** The reason code with which this hop's receiver refuses the message, if it does (5.0 only). */
  refusal(hop: Hop, message: number): number | undefined {
    return this.refusals.size === 0 ? undefined : this.refusals.get(`${hop}:${message}`);
  }

  /**
   * The reason code a PUBLISH arriving on `hop` is refused with, if it is: the scenario's refusal,
   * else (5.0) the receiver's `overrunReason` when `held` QoS 2 ids (each one unacknowledged until
   * PUBCOMP) already fill its Receive Maximum and this PUBLISH is not one of them.
   */
  refusalOf(hop: Hop, message: number, held: number, holdsId: boolean): number | undefined {
    const given = this.refusal(hop, message);
    if (given !== undefined || this.scenario.protocol !== "5.0" || holdsId) return given;
    const receiver: Party = hop === "publisher-broker" ? "broker" : "subscriber";
    const overrun = this.behaviours[receiver].overrunReason;
    return overrun !== undefined && held >= this.receiveMaximum(hop) ? overrun : undefined;
  }

  /**
   * The reason code of an acknowledgement `receiver` sends; undefined for 0x00 (and always in
   * 3.1.1, whose acknowledgements have none). `refusal`: the code `refusalOf` gave the PUBLISH it
   * answers; `matching`: whether the broker has a subscription the message matches.
   */
  ackReason(
    receiver: Party,
    e: AckEmitted,
    refusal: number | undefined,
    matching: boolean,
  ): number | undefined {
    if (this.scenario.protocol !== "5.0") return undefined;
    let code = 0;
    if (e.refusal === true) code = refusal ?? 0x80;
    else if (e.unknownId === true) code = this.behaviours[receiver].unknownPubrelReason;
    else if (receiver === "broker" && !matching && e.packet !== "PUBCOMP") {
      const noMatch = this.behaviours.broker.noMatchingSubscribers;
      code = e.packet === "PUBACK" ? noMatch.puback : noMatch.pubrec;
    }
    return code === 0 ? undefined : code;
  }

  /** Whether the trace opens with CONNECT/CONNACK: Receive Maximum is what they carry. */
  opensConnections(): boolean {
    return this.scenario.receiveMaximum !== undefined;
  }

  /** 5.0 CONNECT properties of `client`: the subscriber's Receive Maximum, when the scenario sets it. */
  connectProperties(client: Party): WireProperties | undefined {
    const value = client === "subscriber" ? this.scenario.receiveMaximum?.subscriber : undefined;
    if (this.scenario.protocol !== "5.0" || value === undefined) return undefined;
    return { receiveMaximum: value };
  }

  /** 5.0 CONNACK properties: the broker's Receive Maximum when set or not the default 65535. */
  connackProperties(): WireProperties | undefined {
    if (this.scenario.protocol !== "5.0") return undefined;
    const value = this.receiveMaximum("publisher-broker");
    if (this.scenario.receiveMaximum?.broker === undefined && value === DEFAULT_RECEIVE_MAXIMUM)
      return undefined;
    return { receiveMaximum: value };
  }
}

/** The acknowledgement a receiver machine emitted. */
type AckEmitted = Extract<ReceiverEmitted, { type: "send" }>;
