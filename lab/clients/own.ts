/**
 * This project's spec-conforming clients, driven by the scenario: the publisher (one message in
 * flight at a time, in order; or, with `scheduled`, each message at its scenario time, several in
 * flight within the broker's Receive Maximum) and the subscriber (the scenario's granted QoS and
 * QoS 2 method; with `joinAtMs`, it subscribes only then, with the 5.0 subscription options).
 */
import type { Qos, Qos2Delivery, Scenario } from "../../src/sim/types.ts";
import { MessageIds } from "../relay/messages.ts";
import { knownMessages, publishTimes, qosOf, subscriptionTopics } from "../scenarioTime.ts";
import { Connection, payloadText, type ConnectionOptions, type Received } from "./connection.ts";

/** Longest pause between two messages in a live run (the scenario's interval is simulated time). */
export const MAX_PUBLISH_GAP_MS = 250;
/** How long the next message waits for `ready` at most, so a flow that never ends cannot stall a run. */
export const MAX_READY_WAIT_MS = 10_000;
export const READY_POLL_MS = 50;

export interface PublisherOptions extends ConnectionOptions {
  /**
   * Whether the rest of the run (the subscriber hop) has ended the last message's flow: the next
   * message waits for it, as the model, whose flows never overlap, does.
   */
  ready?: () => boolean;
  /**
   * Publish each message at its scenario time (`atMs`, else the previous one's + publishIntervalMs)
   * in real milliseconds from `start()`, without waiting for the last flow: several in flight.
   */
  scheduled?: boolean;
}

interface InFlight {
  message: number;
  /** Waiting for PUBACK/PUBREC ("publish") or for PUBCOMP after PUBREL ("pubrel"). */
  stage: "publish" | "pubrel";
}

export class OwnPublisher extends Connection {
  private readonly scenario: Scenario;
  private readonly queue: number[];
  /** Unacknowledged messages by packet id, in the order they were first sent (Map keeps it). */
  private readonly inFlight = new Map<number, InFlight>();
  private nextId = 1;
  private gapTimer: NodeJS.Timeout | undefined;
  private readonly gapMs: number;
  private readonly ready: (() => boolean) | undefined;
  private waitedMs = 0;
  private readonly scheduled: boolean;
  private readonly dueTimers: NodeJS.Timeout[] = [];
  /** Scheduled mode: messages whose time came, waiting for a connection or a free slot. */
  private readonly due: number[] = [];
  /** Messages whose flow ended: acknowledged, QoS 0 sent, or discarded with a clean session. */
  readonly finished = new Set<number>();
  readonly discarded = new Set<number>();

  constructor(scenario: Scenario, options: PublisherOptions) {
    super(options);
    this.scenario = scenario;
    this.ready = options.ready;
    this.queue = scenario.messages.map((_, i) => i + 1);
    this.gapMs = Math.min(scenario.timing.publishIntervalMs, MAX_PUBLISH_GAP_MS);
    this.scheduled = options.scheduled === true;
  }

  override start(): void {
    if (this.scheduled) {
      const times = publishTimes(this.scenario);
      this.queue.length = 0;
      times.forEach((atMs, i) => {
        this.queue.push(i + 1);
        this.dueTimers.push(
          setTimeout(() => {
            this.queue.shift();
            this.due.push(i + 1);
            this.pump();
          }, atMs),
        );
      });
    }
    super.start();
  }

  /** Every message published and its flow ended. */
  get done(): boolean {
    return this.queue.length === 0 && this.due.length === 0 && this.inFlight.size === 0;
  }

  protected onConnack(sessionPresent: boolean): void {
    if (!sessionPresent) {
      // A clean session throws the in-flight state away: nothing is resent (scenario-format.md).
      for (const { message } of this.inFlight.values()) {
        this.discarded.add(message);
        this.finished.add(message);
      }
      this.inFlight.clear();
    }
    // Resend every unacknowledged PUBLISH (DUP=1) and PUBREL, original ids, original order
    // [MQTT-4.4.0-1] [MQTT-3.3.1-1]; never the PUBLISH once PUBREL was sent [MQTT-4.3.3-6].
    for (const [packetId, flight] of this.inFlight) {
      if (flight.stage === "pubrel") this.send({ packet: "PUBREL", packetId });
      else this.sendPublish(flight.message, packetId, true);
    }
    this.pump();
  }

  protected onPacket(packet: Received): void {
    const id = packet.messageId;
    const flight = id === undefined ? undefined : this.inFlight.get(id);
    if (id === undefined || flight === undefined) return;
    const refused = (packet.reasonCode ?? 0) >= 0x80;
    if (packet.cmd === "puback" || packet.cmd === "pubcomp" || (packet.cmd === "pubrec" && refused)) {
      // The id is free again (5.0 also after a PUBREC with reason >= 0x80).
      this.inFlight.delete(id);
      this.finished.add(flight.message);
      if (this.scheduled) this.pump();
      else this.schedule();
    } else if (packet.cmd === "pubrec") {
      flight.stage = "pubrel";
      this.send({ packet: "PUBREL", packetId: id });
    }
  }

  private sendPublish(message: number, packetId: number | undefined, dup: boolean): void {
    const spec = this.scenario.messages[message - 1];
    const expiry = spec?.expiryS;
    this.send({
      packet: "PUBLISH",
      packetId,
      qos: qosOf(this.scenario, message),
      dup,
      retain: spec?.retain === true,
      topic: spec?.topic,
      payload: spec?.payload,
      ...(expiry !== undefined ? { properties: { messageExpiryInterval: expiry } } : {}),
    });
  }

  /**
   * Scheduled mode: sends every due message in order while connected; QoS 1/2 ones only while
   * fewer than the server's Receive Maximum are unacknowledged [MQTT-4.9.0-2].
   */
  private pumpDue(): void {
    while (this.connected && this.due.length > 0) {
      const message = this.due[0] as number;
      const qos = qosOf(this.scenario, message);
      if (qos > 0 && this.inFlight.size >= this.serverReceiveMaximum) return;
      this.due.shift();
      if (qos === 0) {
        this.sendPublish(message, undefined, false);
        this.finished.add(message);
        continue;
      }
      const packetId = this.nextId++;
      this.inFlight.set(packetId, { message, stage: "publish" });
      this.sendPublish(message, packetId, false);
    }
  }

  private schedule(): void {
    if (this.queue.length === 0) return;
    clearTimeout(this.gapTimer);
    this.gapTimer = setTimeout(() => this.pump(), this.gapMs);
  }

  /** Publishes the next message when connected and nothing is in flight. */
  private pump(): void {
    if (this.scheduled) return this.pumpDue();
    if (!this.connected || this.inFlight.size > 0 || this.queue.length === 0) return;
    if (this.ready !== undefined && !this.ready() && this.waitedMs < MAX_READY_WAIT_MS) {
      this.waitedMs += READY_POLL_MS;
      clearTimeout(this.gapTimer);
      this.gapTimer = setTimeout(() => this.pump(), READY_POLL_MS);
      return;
    }
    this.waitedMs = 0;
    const message = this.queue.shift();
    if (message === undefined) return;
    if (qosOf(this.scenario, message) === 0) {
      this.sendPublish(message, undefined, false);
      this.finished.add(message);
      this.schedule();
      return;
    }
    const packetId = this.nextId++;
    this.inFlight.set(packetId, { message, stage: "publish" });
    this.sendPublish(message, packetId, false);
  }

  override async stop(): Promise<void> {
    clearTimeout(this.gapTimer);
    for (const timer of this.dueTimers) clearTimeout(timer);
    await super.stop();
  }
}

export interface SubscriberOptions extends ConnectionOptions {
  qos: Qos;
  /** Where a QoS 2 message is handed to the application (spec Figure 4.3). */
  qos2Delivery: Qos2Delivery;
  onDeliver: (message: number) => void;
  /** A late subscriber: no SUBSCRIBE until `join()` (the scenario's joinAtMs). */
  late?: boolean;
  /**
   * Answers each PUBLISH (PUBACK, PUBREC) this many real ms late, on the same connection only: on
   * loopback an ack is back at once, so a Receive Maximum is never reached without it.
   */
  ackDelayMs?: number;
}

export class OwnSubscriber extends Connection {
  private readonly scenario: Scenario;
  private readonly sub: SubscriberOptions;
  private readonly ids: MessageIds;
  /** QoS 2 ids received and not released; with Method A the message waiting for PUBREL. */
  private readonly stored = new Map<number, number>();
  private nextId = 1;
  private subscribedResolve: (() => void) | undefined;
  private connackedResolve: (() => void) | undefined;
  private readyResolve: (() => void) | undefined;
  /** Resolves at the first SUBACK. */
  readonly subscribed: Promise<void>;
  /** Resolves at the first CONNACK. */
  readonly connacked: Promise<void>;
  /**
   * Resolves once it is subscribed as the run begins: at the first CONNACK when the broker kept its
   * session (Session Present 1) or it joins late, else at the SUBACK of the SUBSCRIBE that follows.
   */
  readonly ready: Promise<void>;
  /** Whether it subscribed already (a late subscriber: only once `join` was called). */
  private joined: boolean;

  constructor(scenario: Scenario, options: SubscriberOptions) {
    super(options);
    this.scenario = scenario;
    this.sub = options;
    this.ids = new MessageIds(knownMessages(scenario));
    this.joined = options.late !== true;
    this.subscribed = new Promise((resolve) => (this.subscribedResolve = resolve));
    this.connacked = new Promise((resolve) => (this.connackedResolve = resolve));
    this.ready = new Promise((resolve) => (this.readyResolve = resolve));
  }

  protected onConnack(sessionPresent: boolean): void {
    this.connackedResolve?.();
    if (sessionPresent) {
      this.readyResolve?.();
      return; // the broker kept the subscription and resends what is unacknowledged
    }
    this.stored.clear();
    if (this.joined) this.subscribe();
    else this.readyResolve?.();
  }

  /** A late subscriber subscribes now (or at its next CONNACK when it is not connected). */
  join(): void {
    this.joined = true;
    if (this.connected) this.subscribe();
  }

  private subscribe(): void {
    const { retainAsPublished, retainHandling } = this.scenario.subscriber ?? {};
    const v5 = this.options.protocol === "5.0";
    this.sendRaw({
      cmd: "subscribe",
      messageId: this.nextId++,
      subscriptions: subscriptionTopics(this.scenario).map((topic) => ({
        topic,
        qos: this.sub.qos,
        // 5.0 subscription options [MQTT-3.8.3-…]: Retain As Published, Retain Handling.
        ...(v5 ? { nl: false, rap: retainAsPublished === true, rh: retainHandling ?? 0 } : {}),
      })),
    });
  }

  protected onPacket(packet: Received): void {
    const id = packet.messageId;
    if (packet.cmd === "suback") {
      this.subscribedResolve?.();
      this.readyResolve?.();
    } else if (packet.cmd === "publish") {
      const qos = packet.qos ?? 0;
      const message = this.ids.publish(
        packet.topic ?? "",
        payloadText(packet.payload),
        qos,
        packet.dup === true,
        id,
      );
      if (qos === 0) this.sub.onDeliver(message);
      else if (qos === 1) {
        // Deliver, then PUBACK; a PUBLISH after the PUBACK is a new message [MQTT-4.3.2-5].
        this.sub.onDeliver(message);
        this.answer({ packet: "PUBACK", packetId: id });
      } else if (id !== undefined) {
        // Until PUBREL, a PUBLISH with the same id is never delivered again [MQTT-4.3.3-10].
        if (!this.stored.has(id)) {
          this.stored.set(id, message);
          if (this.sub.qos2Delivery === "on-publish") this.sub.onDeliver(message);
        }
        this.answer({ packet: "PUBREC", packetId: id });
      }
    } else if (packet.cmd === "pubrel" && id !== undefined) {
      const message = this.stored.get(id);
      this.stored.delete(id);
      if (message !== undefined && this.sub.qos2Delivery === "on-pubrel") this.sub.onDeliver(message);
      // PUBCOMP answers every PUBREL, even for an unknown id [MQTT-4.3.3-11].
      this.send({ packet: "PUBCOMP", packetId: id });
    }
  }

  private answer(packet: { packet: "PUBACK" | "PUBREC"; packetId: number | undefined }): void {
    const delay = this.sub.ackDelayMs ?? 0;
    if (delay <= 0) return this.send(packet);
    const generation = this.generation;
    setTimeout(() => {
      if (this.generation === generation && this.connected) this.send(packet);
    }, delay);
  }
}
