/**
 * MQTT.js (the npm `mqtt` client, v5) driven by the scenario, as a second client implementation:
 * the publisher (messages one at a time, in order) and the subscriber (the scenario's granted QoS).
 * Session, QoS, client id, reconnect delay and protocol version come from the scenario; everything
 * else is MQTT.js's own behaviour, left as it is so a run shows it:
 * - after a reconnect it resends its whole outgoing store with DUP=0, where [MQTT-3.3.1-1] asks for
 *   DUP=1 (MQTT.js issue #692);
 * - it resends that store whatever CONNACK's Session Present says, so with a clean session a
 *   message the model discards is sent again (MQTT.js issue #1651);
 * - as a QoS 2 receiver it hands a message to the application at PUBREL (Method A).
 * lab/clients/mqttjsQuirks.ts names the differences these make against the model.
 */
import mqtt, { type IClientOptions, type MqttClient, type Packet } from "mqtt";
import { PERSISTENT_SESSION_EXPIRY_S } from "../../src/protocol/wire.ts";
import type { Qos, Scenario } from "../../src/sim/types.ts";
import { MessageIds } from "../relay/messages.ts";
import { DEFAULT_KEEPALIVE_S, payloadText, refusal, type ConnectionOptions } from "./connection.ts";
import { MAX_PUBLISH_GAP_MS, MAX_READY_WAIT_MS, READY_POLL_MS, type PublisherOptions } from "./own.ts";

/** How long a DISCONNECT may take at the end of a run before the socket is closed anyway. */
const END_GRACE_MS = 1000;

abstract class MqttjsConnection {
  protected readonly options: ConnectionOptions;
  protected client: MqttClient | undefined;
  private failWith: ((error: Error) => void) | undefined;
  /** Rejects when the broker refuses the connection (CONNACK with a non-zero code); never resolves. */
  readonly failure: Promise<never>;

  constructor(options: ConnectionOptions) {
    this.options = options;
    this.failure = new Promise<never>((_, reject) => (this.failWith = reject));
    this.failure.catch(() => undefined); // read by whoever waits on it; never unhandled
  }

  /** Between MQTT.js's "connect" (CONNACK, outgoing store resent) and the connection's end. */
  get connected(): boolean {
    return this.client?.connected === true;
  }

  start(): void {
    const { host, port, protocol, clientId, persistent, reconnectDelayMs, credentials } = this.options;
    const v5 = protocol === "5.0";
    const options: IClientOptions = {
      host,
      port,
      protocol: "mqtt",
      protocolVersion: v5 ? 5 : 4,
      clientId,
      clean: !persistent,
      // The run's Keep Alive (hold mode needs a short one, or nothing ends the hold).
      keepalive: this.options.keepaliveSeconds ?? DEFAULT_KEEPALIVE_S,
      // MQTT.js reads 0 as "never reconnect"; the scenario's 0 means "at once".
      reconnectPeriod: Math.max(1, reconnectDelayMs),
      // 5.0 keeps a session only with a Session Expiry Interval > 0 (spec §3.1.2.11.2).
      ...(v5 && persistent ? { properties: { sessionExpiryInterval: PERSISTENT_SESSION_EXPIRY_S } } : {}),
      ...(credentials !== undefined
        ? {
            username: credentials.username,
            ...(credentials.password !== undefined ? { password: credentials.password } : {}),
          }
        : {}),
    };
    const client = mqtt.connect(options);
    this.client = client;
    client.on("packetreceive", (packet: Packet) => {
      if (packet.cmd !== "connack") return;
      const code = packet.reasonCode ?? packet.returnCode ?? 0;
      // A refused CONNECT is final: reconnecting would be refused again (MQTT.js stops too).
      if (code !== 0) {
        client.end(true);
        this.failWith?.(new Error(refusal(clientId, protocol, code)));
      }
    });
    // Lost connections and refusals are handled above and by MQTT.js's reconnect; an "error"
    // without a listener would throw.
    client.on("error", () => undefined);
    this.attach(client);
  }

  protected abstract attach(client: MqttClient): void;

  /** Ends for good: DISCONNECT when connected (MQTT.js's end), no reconnect. */
  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client === undefined) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => client.end(true, () => resolve()), END_GRACE_MS);
      client.end(false, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

export class MqttjsPublisher extends MqttjsConnection {
  private readonly scenario: Scenario;
  private readonly queue: number[];
  private inFlight: number | undefined;
  private gapTimer: NodeJS.Timeout | undefined;
  private readonly gapMs: number;
  private readonly ready: (() => boolean) | undefined;
  private waitedMs = 0;
  /** Messages whose flow ended (MQTT.js called back: acknowledged, or QoS 0 written). */
  readonly finished = new Set<number>();

  constructor(scenario: Scenario, options: PublisherOptions) {
    super(options);
    this.scenario = scenario;
    this.ready = options.ready;
    this.queue = scenario.messages.map((_, i) => i + 1);
    this.gapMs = Math.min(scenario.timing.publishIntervalMs, MAX_PUBLISH_GAP_MS);
  }

  /** Every message published and its flow ended. */
  get done(): boolean {
    return this.queue.length === 0 && this.inFlight === undefined;
  }

  protected attach(client: MqttClient): void {
    client.on("connect", () => this.pump());
  }

  /** Publishes the next message when connected and nothing is in flight. */
  private pump(): void {
    const client = this.client;
    if (client === undefined || !client.connected || this.inFlight !== undefined) return;
    if (this.queue.length === 0) return;
    // As the own publisher: the next message once the subscriber hop is done with the last one.
    if (this.ready !== undefined && !this.ready() && this.waitedMs < MAX_READY_WAIT_MS) {
      this.waitedMs += READY_POLL_MS;
      clearTimeout(this.gapTimer);
      this.gapTimer = setTimeout(() => this.pump(), READY_POLL_MS);
      return;
    }
    this.waitedMs = 0;
    const message = this.queue.shift();
    if (message === undefined) return;
    const spec = this.scenario.messages[message - 1];
    this.inFlight = message;
    const qos = this.scenario.publishQos;
    client.publish(spec?.topic ?? "", spec?.payload ?? "", { qos, retain: spec?.retain === true }, () => {
      // Called at PUBACK / PUBCOMP (QoS 0: once written), or with an error when the client ends.
      this.inFlight = undefined;
      this.finished.add(message);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.queue.length === 0) return;
    clearTimeout(this.gapTimer);
    this.gapTimer = setTimeout(() => this.pump(), this.gapMs);
  }

  override async stop(): Promise<void> {
    clearTimeout(this.gapTimer);
    await super.stop();
  }
}

export interface MqttjsSubscriberOptions extends ConnectionOptions {
  qos: Qos;
  onDeliver: (message: number) => void;
}

export class MqttjsSubscriber extends MqttjsConnection {
  private readonly scenario: Scenario;
  private readonly qos: Qos;
  private readonly onDeliver: (message: number) => void;
  private readonly ids: MessageIds;
  private subscribedResolve: (() => void) | undefined;
  /** Resolves at the first SUBACK. */
  readonly subscribed: Promise<void>;

  constructor(scenario: Scenario, options: MqttjsSubscriberOptions) {
    super(options);
    this.scenario = scenario;
    this.qos = options.qos;
    this.onDeliver = options.onDeliver;
    this.ids = new MessageIds(scenario.messages);
    this.subscribed = new Promise((resolve) => (this.subscribedResolve = resolve));
  }

  protected attach(client: MqttClient): void {
    const topics = [...new Set(this.scenario.messages.map((m) => m.topic))];
    // Subscribe once; after a reconnect without a session MQTT.js subscribes again itself.
    client.once("connect", () => {
      client.subscribe(Object.fromEntries(topics.map((topic) => [topic, { qos: this.qos }])), (error) => {
        if (error === null || error === undefined) this.subscribedResolve?.();
      });
    });
    // MQTT.js's "message" is its hand-over to the application: QoS 2 at PUBREL (Method A).
    client.on("message", (topic, payload, packet) => {
      const message = this.ids.publish(topic, payloadText(payload), packet.qos, packet.dup, packet.messageId);
      this.onDeliver(message);
    });
  }
}
