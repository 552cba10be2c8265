/**
 * This project's spec-conforming clients, driven by the scenario: the publisher (one message in
 * flight at a time, in order) and the subscriber (the scenario's granted QoS and QoS 2 method).
 */
import type { Qos, Qos2Delivery, Scenario } from "../../src/sim/types.ts";
import { MessageIds } from "../relay/messages.ts";
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
  /** Messages whose flow ended: acknowledged, QoS 0 sent, or discarded with a clean session. */
  readonly finished = new Set<number>();
  readonly discarded = new Set<number>();

  constructor(scenario: Scenario, options: PublisherOptions) {
    super(options);
    this.scenario = scenario;
    this.ready = options.ready;
    this.queue = scenario.messages.map((_, i) => i + 1);
    this.gapMs = Math.min(scenario.timing.publishIntervalMs, MAX_PUBLISH_GAP_MS);
  }

  /** Every message published and its flow ended. */
  get done(): boolean {
    return this.queue.length === 0 && this.inFlight.size === 0;
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
      this.schedule();
    } else if (packet.cmd === "pubrec") {
      flight.stage = "pubrel";
      this.send({ packet: "PUBREL", packetId: id });
    }
  }

  private sendPublish(message: number, packetId: number | undefined, dup: boolean): void {
    const spec = this.scenario.messages[message - 1];
    this.send({
      packet: "PUBLISH",
      packetId,
      qos: this.scenario.publishQos,
      dup,
      retain: spec?.retain === true,
      topic: spec?.topic,
      payload: spec?.payload,
    });
  }

  private schedule(): void {
    if (this.queue.length === 0) return;
    clearTimeout(this.gapTimer);
    this.gapTimer = setTimeout(() => this.pump(), this.gapMs);
  }

  /** Publishes the next message when connected and nothing is in flight. */
  private pump(): void {
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
    if (this.scenario.publishQos === 0) {
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
    await super.stop();
  }
}

export interface SubscriberOptions extends ConnectionOptions {
  qos: Qos;
  /** Where a QoS 2 message is handed to the application (spec Figure 4.3). */
  qos2Delivery: Qos2Delivery;
  onDeliver: (message: number) => void;
}

export class OwnSubscriber extends Connection {
  private readonly scenario: Scenario;
  private readonly sub: SubscriberOptions;
  private readonly ids: MessageIds;
  /** QoS 2 ids received and not released; with Method A the message waiting for PUBREL. */
  private readonly stored = new Map<number, number>();
  private nextId = 1;
  private subscribedResolve: (() => void) | undefined;
  /** Resolves at the first SUBACK. */
  readonly subscribed: Promise<void>;

  constructor(scenario: Scenario, options: SubscriberOptions) {
    super(options);
    this.scenario = scenario;
    this.sub = options;
    this.ids = new MessageIds(scenario.messages);
    this.subscribed = new Promise((resolve) => (this.subscribedResolve = resolve));
  }

  protected onConnack(sessionPresent: boolean): void {
    if (sessionPresent) return; // the broker kept the subscription and resends what is unacknowledged
    this.stored.clear();
    const topics = [...new Set(this.scenario.messages.map((m) => m.topic))];
    this.sendRaw({
      cmd: "subscribe",
      messageId: this.nextId++,
      subscriptions: topics.map((topic) => ({ topic, qos: this.sub.qos })),
    });
  }

  protected onPacket(packet: Received): void {
    const id = packet.messageId;
    if (packet.cmd === "suback") {
      this.subscribedResolve?.();
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
        this.send({ packet: "PUBACK", packetId: id });
      } else if (id !== undefined) {
        // Until PUBREL, a PUBLISH with the same id is never delivered again [MQTT-4.3.3-10].
        if (!this.stored.has(id)) {
          this.stored.set(id, message);
          if (this.sub.qos2Delivery === "on-publish") this.sub.onDeliver(message);
        }
        this.send({ packet: "PUBREC", packetId: id });
      }
    } else if (packet.cmd === "pubrel" && id !== undefined) {
      const message = this.stored.get(id);
      this.stored.delete(id);
      if (message !== undefined && this.sub.qos2Delivery === "on-pubrel") this.sub.onDeliver(message);
      // PUBCOMP answers every PUBREL, even for an unknown id [MQTT-4.3.3-11].
      this.send({ packet: "PUBCOMP", packetId: id });
    }
  }
}
