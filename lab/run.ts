/**
 * One live run: the scenario's clients against a real broker, each hop through a fault relay.
 *
 *   runLive(scenario, { broker: "aedes" | "mosquitto" | { name, host, port } | BrokerTarget url,
 *                       client: "own" | "mqttjs", credentials, tls, faultMode, loss,
 *                       keepaliveSeconds, timeoutMs, signal, onEvent }) → Promise<LiveRun>
 *
 * The subscriber (with `subscriber`) connects and subscribes first, then the publisher publishes
 * the messages one at a time. An observer subscribed straight to the broker (QoS 2, no relay, not
 * part of any hop) sees when and how often the broker hands each message on. The run ends when
 * every message's flow has ended, every client is connected and no packet moved for QUIET_MS, or
 * at `timeoutMs`, or when `signal` aborts; every socket and the broker it started are closed.
 *
 * A scenario with issue-14 fields (scenarioTime.ts isTimed) runs "timed": each persistent session
 * is opened beforehand (so the first CONNACK says Session Present 1, as the model's opening does),
 * there is no observer, the publisher publishes each message at its time with several in flight,
 * and timeline.ts plays the offline periods, the late subscription, the publisher's end and the
 * broker's restarts; the run is not settled before the last of them.
 */
import type { BrokerTarget, LiveClient } from "../src/live/index.ts";
import { parseScenarioOrThrow } from "../src/sim/scenario.ts";
import type { MessageOutcome, Scenario, SessionKind } from "../src/sim/types.ts";
import type { FaultMode } from "../src/live/index.ts";
import { startAedes } from "./brokers/aedes.ts";
import type { BrokerHandle } from "./brokers/broker.ts";
import { startMosquitto, type MosquittoHandle, type MosquittoOptions } from "./brokers/mosquitto.ts";
import { SessionReset } from "./clients/connection.ts";
import { MqttjsPublisher, MqttjsSubscriber } from "./clients/mqttjs.ts";
import { OwnPublisher, OwnSubscriber } from "./clients/own.ts";
import { RandomLoss, type LossOptions } from "./relay/loss.ts";
import { Recorder } from "./relay/recorder.ts";
import { startRelay, type Relay } from "./relay/relay.ts";
import { startBridge } from "./transport/bridge.ts";
import type { Credentials } from "./transport/credentials.ts";
import { probeUpstream, urlOf, type TlsOptions } from "./transport/upstream.ts";
import { isFlowPacket, type BrokerInfo, type LiveRun, type LiveTrace } from "./types.ts";
import { horizonMs, isTimed } from "./scenarioTime.ts";
import { Timeline } from "./timeline.ts";
import type { WireProperties, WireWill } from "../src/protocol/wire.ts";
import type { LiveEvent } from "./types.ts";

/** How long nothing may move before a run whose flows have ended counts as settled. */
export const QUIET_MS = 400;
export const DEFAULT_TIMEOUT_MS = 30_000;
/**
 * Keep Alive of the relayed clients in hold mode, in seconds: short, so that a held packet ends its
 * connection within seconds. Not 1: Mosquitto counts keep-alive in whole seconds, so 1.5 x 1 s can
 * expire a client that pings every second; with 2 s it closes after 3 to 4 s of silence.
 */
export const HOLD_KEEPALIVE_S = 2;
/** How long the set-up (connect and subscribe) may take before the run gives up with a message. */
const STEP_TIMEOUT_MS = 10_000;

/** A broker already running somewhere (the lab never stores credentials; none are used here). */
export interface BrokerAddress {
  name: string;
  host: string;
  port: number;
}

/** A broker by URL (src/live's parseBrokerUrl): mqtt://, mqtts://, ws://, wss://. */
export type BrokerUrl = Extract<BrokerTarget, { kind: "url" }>;

export interface LiveOptions {
  broker?: "aedes" | "mosquitto" | BrokerAddress | BrokerUrl;
  /** own (default): this project's clients; mqttjs: MQTT.js for the publisher and subscriber. */
  client?: LiveClient;
  /** For CONNECT (every client of the run, the observer too); never recorded. */
  credentials?: Credentials;
  /** For mqtts:// and wss:// (PEM text). */
  tls?: TlsOptions;
  /** How a lost packet is applied: "cut" (default) resets its connection, "hold" stalls it. */
  faultMode?: FaultMode;
  /** Seeded random loss on both hops, on top of the scenario's faults (relay/loss.ts). */
  loss?: LossOptions;
  /** Keep Alive of the relayed clients (default: HOLD_KEEPALIVE_S in hold mode, else 60). */
  keepaliveSeconds?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called with each event as the relay records it (the lab server streams them to the page). */
  onEvent?: (event: LiveEvent) => void;
}

/** Keep Alive is a Two Byte Integer (§3.1.2.10); hold mode needs one, or nothing ends the hold. */
function keepaliveOf(options: LiveOptions): number | undefined {
  const seconds = options.keepaliveSeconds ?? (options.faultMode === "hold" ? HOLD_KEEPALIVE_S : undefined);
  if (seconds === undefined) return undefined;
  const least = options.faultMode === "hold" ? 1 : 0;
  if (!Number.isInteger(seconds) || seconds < least || seconds > 65_535)
    throw new RangeError(
      `keepaliveSeconds: expected an integer from ${least} to 65535${least === 1 ? " in hold mode" : ""}; got ${seconds}`,
    );
  return seconds;
}

function sessionOf(scenario: Scenario, party: "publisher" | "subscriber"): SessionKind {
  return typeof scenario.session === "string" ? scenario.session : scenario.session[party];
}

/** The scenario's broker settings as Mosquitto config (brokers/mosquitto.ts). */
export function mosquittoOptionsOf(scenario: Scenario): MosquittoOptions {
  const b = scenario.broker;
  const inflight = scenario.receiveMaximum?.broker;
  return {
    ...(b?.persistence !== undefined ? { persistence: b.persistence } : {}),
    ...(b?.queueQos0 !== undefined ? { queueQos0: b.queueQos0 } : {}),
    ...(b?.maxQueued !== undefined ? { maxQueued: b.maxQueued } : {}),
    // Mosquitto advertises its in-flight window as its Receive Maximum in CONNACK.
    ...(inflight !== undefined ? { maxInflight: inflight } : {}),
  };
}

async function openBroker(
  broker: LiveOptions["broker"],
  tls: TlsOptions | undefined,
  probeMs: number,
  scenario: Scenario,
): Promise<{ handle: BrokerHandle; owned: boolean; failure?: Promise<never>; mosquitto?: MosquittoHandle }> {
  const restarts = (scenario.broker?.restarts ?? []).length > 0;
  if (restarts && broker !== "mosquitto")
    throw new Error("broker restarts need a broker the lab starts as a process: --broker mosquitto");
  if (broker === undefined || broker === "aedes") return { handle: await startAedes(), owned: true };
  if (broker === "mosquitto") {
    const mosquitto = await startMosquitto(mosquittoOptionsOf(scenario));
    return { handle: mosquitto, owned: true, mosquitto };
  }
  if ("kind" in broker) {
    const target = { ...broker, ...(tls !== undefined ? { tls } : {}) };
    // Unreachable, untrusted certificate, refused upgrade: said now, before any client starts.
    await probeUpstream(target, probeMs);
    const url = urlOf(broker);
    if (broker.scheme === "mqtt") {
      const host = broker.host.replace(/^\[(.*)\]$/, "$1");
      const handle = { name: broker.host, host, port: broker.port, url, stop: () => Promise.resolve() };
      return { handle, owned: false };
    }
    // TLS and WebSocket end at a loopback front: the relay and the observer stay TCP clients.
    const bridge = await startBridge(target);
    const handle = {
      name: broker.host,
      host: bridge.host,
      port: bridge.port,
      url,
      stop: () => bridge.close(),
    };
    return { handle, owned: false, failure: bridge.failure };
  }
  const { name, host, port } = broker;
  return {
    handle: { name, host, port, url: `mqtt://${host}:${port}`, stop: () => Promise.resolve() },
    owned: false,
  };
}

/** Waits for `step`, or fails with what did not happen: the broker refused, or it never answered. */
async function within(
  step: Promise<void>,
  client: { failure: Promise<never> },
  what: string,
  ms: number,
  signal: AbortSignal,
  broker: Promise<never>,
) {
  const late = delay(ms, signal).then(() => {
    throw new Error(`${what}: no answer from the broker within ${ms} ms`);
  });
  await Promise.race([step, client.failure, late, broker]);
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done);
  });
}

export async function runLive(input: unknown, options: LiveOptions = {}): Promise<LiveRun> {
  const scenario = parseScenarioOrThrow(input);
  if (scenario.retransmit !== "on-reconnect") {
    // A real connection never loses one packet while staying up (spec §4.2).
    throw new Error('a live run needs "retransmit": "on-reconnect": TCP loses connections, not packets');
  }
  const keepaliveSeconds = keepaliveOf(options);
  const loss = options.loss === undefined ? undefined : new RandomLoss(options.loss, scenario.faults.length);
  const faultMode = options.faultMode ?? "cut";
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const bound = AbortSignal.any([
    AbortSignal.timeout(timeoutMs),
    ...(options.signal !== undefined ? [options.signal] : []),
  ]);
  const stepMs = Math.min(timeoutMs, STEP_TIMEOUT_MS);
  const {
    handle: broker,
    owned,
    failure,
    mosquitto,
  } = await openBroker(options.broker, options.tls, stepMs, scenario);
  /** A scenario with issue-14 fields: scheduled publishing, planned events, opening sessions. */
  const timed = isTimed(scenario);
  /** The broker's transport failed (TLS refused after the handshake, ...): the run ends with it. */
  const brokerFailure = failure ?? new Promise<never>(() => {});
  const recorder = new Recorder(options.onEvent);
  const relays: Relay[] = [];
  const clients: { stop(): Promise<void> }[] = [];
  let timeline: Timeline | undefined;
  const upstream = { host: broker.host, port: broker.port };
  const base = {
    host: "127.0.0.1",
    protocol: scenario.protocol,
    reconnectDelayMs: scenario.timing.reconnectDelayMs,
    ...(options.credentials !== undefined ? { credentials: options.credentials } : {}),
  };
  const mqttjs = options.client === "mqttjs";
  try {
    if (!owned) {
      // 3.1.1 CleanSession=1 discards the old session; 5.0 Clean Start=1 with no expiry ends it at
      // DISCONNECT (spec §3.1.2.4): each run starts from no session, whatever the last one left.
      for (const clientId of ["publisher", "subscriber"]) {
        const reset = new SessionReset({ ...base, host: broker.host, port: broker.port, clientId });
        clients.push(reset);
        reset.start();
        await within(
          reset.connacked,
          reset,
          `resetting the ${clientId}'s session`,
          stepMs,
          bound,
          brokerFailure,
        );
        await reset.stop();
      }
    }
    if (timed) {
      // The model's opening CONNACK says Session Present 1 for a persistent session: the session
      // (and, unless the subscriber joins late, its subscription) existed before the trace.
      await openSessions(scenario, { ...base, host: broker.host, port: broker.port }, (c) => {
        clients.push(c);
        return within(c.ready, c, `opening the ${c.name}'s session`, stepMs, bound, brokerFailure);
      });
    }
    // The observer: QoS 2, Method B, so it counts each onward delivery the moment it is made. Not
    // in a timed run: a subscriber of its own would change what the broker does (PUBACK 0x10 "no
    // matching subscribers", a queue, a will's and a retained message's receivers).
    const observer = timed
      ? undefined
      : new OwnSubscriber(scenario, {
          ...base,
          host: broker.host,
          port: broker.port,
          clientId: "observer",
          persistent: false,
          qos: 2,
          qos2Delivery: "on-publish",
          onDeliver: (message) => recorder.deliver("broker", "publisher-broker", message),
        });
    if (observer !== undefined) {
      clients.push(observer);
      observer.start();
      await within(observer.subscribed, observer, "the observer's SUBSCRIBE", stepMs, bound, brokerFailure);
    }

    let subscriber: OwnSubscriber | MqttjsSubscriber | undefined;
    let subscriberRelay: Relay | undefined;
    if (scenario.subscriber !== undefined) {
      const relay = await startRelay({
        hop: "broker-subscriber",
        scenario,
        upstream,
        recorder,
        faultMode,
        ...(loss !== undefined ? { loss: loss.drawer("broker-subscriber") } : {}),
        ...(mosquitto !== undefined ? { upstreamReady: () => mosquitto.ready() } : {}),
      });
      relays.push(relay);
      subscriberRelay = relay;
      const subscriberOptions = {
        ...base,
        port: relay.port,
        ...(keepaliveSeconds !== undefined ? { keepaliveSeconds } : {}),
        clientId: "subscriber",
        persistent: sessionOf(scenario, "subscriber") === "persistent",
        qos: scenario.subscriber.qos,
        onDeliver: (message: number) => recorder.deliver("subscriber", "broker-subscriber", message),
        ...clientExtras(scenario, "subscriber"),
      };
      const late = scenario.subscriber.joinAtMs !== undefined;
      // On loopback an ack is back at once: answering a latency late lets a Receive Maximum fill.
      const ackDelayMs = scenario.receiveMaximum?.subscriber !== undefined ? scenario.timing.latencyMs : 0;
      // MQTT.js picks its own QoS 2 hand-over point (Method A); ours follows the scenario.
      subscriber = mqttjs
        ? new MqttjsSubscriber(scenario, subscriberOptions)
        : new OwnSubscriber(scenario, {
            ...subscriberOptions,
            qos2Delivery: scenario.qos2Delivery.subscriber,
            late,
            ackDelayMs,
          });
      if (mqttjs && timed)
        throw new Error("the scenario's issue-14 fields need the own clients (--client own)");
      clients.push(subscriber);
      subscriber.start();
      await within(
        // Timed: the session (and subscription) may exist already, so no SUBSCRIBE comes; when the
        // broker kept none it does, and the first PUBLISH must not overtake its SUBACK.
        timed && subscriber instanceof OwnSubscriber ? subscriber.ready : subscriber.subscribed,
        subscriber,
        "the subscriber's SUBSCRIBE",
        stepMs,
        bound,
        brokerFailure,
      );
    }

    const relay = await startRelay({
      hop: "publisher-broker",
      scenario,
      upstream,
      recorder,
      faultMode,
      ...(loss !== undefined ? { loss: loss.drawer("publisher-broker") } : {}),
      ...(mosquitto !== undefined ? { upstreamReady: () => mosquitto.ready() } : {}),
    });
    relays.push(relay);
    const publisherOptions = {
      ...base,
      port: relay.port,
      ...(keepaliveSeconds !== undefined ? { keepaliveSeconds } : {}),
      // The next message once the subscriber hop, too, is done with the last one.
      ...(subscriberRelay !== undefined
        ? { ready: () => !subscriberRelay.recovering() && !subscriberRelay.flowsOpen() }
        : {}),
      clientId: "publisher",
      persistent: sessionOf(scenario, "publisher") === "persistent",
      ...clientExtras(scenario, "publisher"),
      scheduled: timed,
    };
    const publisher = mqttjs
      ? new MqttjsPublisher(scenario, publisherOptions)
      : new OwnPublisher(scenario, publisherOptions);
    clients.push(publisher);
    const startedAt = recorder.now();
    publisher.start();
    if (timed && publisher instanceof OwnPublisher) {
      const own = subscriber instanceof OwnSubscriber ? subscriber : undefined;
      timeline = new Timeline(scenario, {
        publisher,
        publisherRelay: relay,
        ...(own !== undefined && subscriberRelay !== undefined ? { subscriber: own, subscriberRelay } : {}),
        ...(mosquitto !== undefined ? { restart: (kind, downMs) => mosquitto.restart(kind, downMs) } : {}),
      });
    }
    const horizon = timed ? startedAt + horizonMs(scenario) : 0;

    let timedOut = true;
    while (!bound.aborted) {
      if (timeline?.failure !== undefined) throw timeline.failure;
      const ended = timeline?.publisherEnded === true;
      const settled =
        (publisher.done || ended) &&
        (publisher.connected || ended) &&
        (subscriber === undefined || subscriber.connected) &&
        // Not while a connection is half-open or lost: a client's `connected` can lag the loss.
        relays.every((r) => !r.recovering() || (ended && r === relay)) &&
        // Quiet after the last packet and after the last planned event (a late SUBSCRIBE, a will).
        recorder.now() - Math.max(recorder.lastPacketAt(), horizon) >= QUIET_MS;
      if (settled) {
        timedOut = false;
        break;
      }
      await Promise.race([delay(50, bound), publisher.failure, brokerFailure]);
    }
    const durationMs = recorder.now();
    recorder.seal();
    const info = { name: broker.name, url: broker.url };
    return {
      trace: traceOf(scenario, recorder, relays, durationMs, info, !timed),
      cuts: recorder.cuts,
      durationMs,
      broker: info,
      timedOut,
    };
  } finally {
    await timeline?.stop();
    await Promise.all(clients.map((c) => c.stop()));
    await Promise.all(relays.map((r) => r.close()));
    // Stops what the run started: its broker, or its front to a broker by URL (else a no-op).
    await broker.stop();
  }
}

function traceOf(
  scenario: Scenario,
  recorder: Recorder,
  relays: Relay[],
  durationMs: number,
  broker: BrokerInfo,
  observed: boolean,
): LiveTrace {
  const twoHops = scenario.subscriber !== undefined;
  const messages: MessageOutcome[] = scenario.messages.map((_, i) => {
    const message = i + 1;
    const deliveries = recorder.deliveredAt(twoHops ? "subscriber" : "broker", message);
    const processed = scenario.dedupe ? Math.min(deliveries, 1) : deliveries;
    return {
      message,
      deliveries,
      processed,
      verdict: processed === 0 ? "lost" : processed === 1 ? "once" : "duplicated",
    };
  });
  let packets = 0;
  let bytes = 0;
  for (const e of recorder.events) {
    if (e.type !== "packet" || !isFlowPacket(e)) continue;
    packets++;
    bytes += e.bytes;
  }
  if (scenario.will !== undefined) {
    // The will, when the broker publishes it, is message N + 1.
    const message = scenario.messages.length + 1;
    const deliveries = recorder.deliveredAt(twoHops ? "subscriber" : "broker", message);
    const processed = scenario.dedupe ? Math.min(deliveries, 1) : deliveries;
    messages.push({
      message,
      deliveries,
      processed,
      verdict: processed === 0 ? "lost" : processed === 1 ? "once" : "duplicated",
    });
  }
  return {
    scenario,
    // Recorded as they happened: already in time order, so `causedBy` and cut indices hold.
    events: recorder.events,
    // The observer sees the broker's onward deliveries; the subscriber its own.
    deliveriesSeenAt: [
      ...(observed ? (["broker"] as const) : []),
      ...(twoHops ? (["subscriber"] as const) : []),
    ],
    broker,
    unusedFaults: relays.flatMap((r) => r.unusedFaults()),
    outcome: { messages, packets, bytes, durationMs },
  };
}

/** CONNECT properties and will of a client, from the scenario's issue-14 fields. */
function clientExtras(
  scenario: Scenario,
  party: "publisher" | "subscriber",
): { connectProperties?: WireProperties; will?: WireWill } {
  const v5 = scenario.protocol === "5.0";
  const properties: WireProperties = {};
  const expiry = scenario.sessionExpiryS?.[party];
  if (v5 && expiry !== undefined && sessionOf(scenario, party) === "persistent")
    properties.sessionExpiryInterval = expiry;
  const receiveMaximum = party === "subscriber" ? scenario.receiveMaximum?.subscriber : undefined;
  if (v5 && receiveMaximum !== undefined) properties.receiveMaximum = receiveMaximum;
  const w = party === "publisher" ? scenario.will : undefined;
  const will: WireWill | undefined =
    w === undefined
      ? undefined
      : {
          topic: w.topic,
          payload: w.payload,
          qos: w.qos,
          retain: w.retain,
          ...(v5 && w.delayS !== undefined ? { properties: { willDelayInterval: w.delayS } } : {}),
        };
  return {
    ...(Object.keys(properties).length > 0 ? { connectProperties: properties } : {}),
    ...(will !== undefined ? { will } : {}),
  };
}

interface Opener {
  name: string;
  ready: Promise<void>;
  failure: Promise<never>;
  stop(): Promise<void>;
}

/**
 * Opens each persistent client's session straight on the broker (no relay: not part of the
 * trace), the subscriber's with its subscription, then leaves with DISCONNECT, so that the run's
 * first CONNACK says Session Present 1 as the model's opening does. Not a late subscriber's: it
 * never connected before, and its first CONNACK says Session Present 0 [MQTT-3.2.2-3].
 */
async function openSessions(
  scenario: Scenario,
  base: Omit<ConstructorParameters<typeof SessionReset>[0], "clientId">,
  wait: (opener: Opener) => Promise<void>,
): Promise<void> {
  if (sessionOf(scenario, "publisher") === "persistent") {
    const extras = clientExtras(scenario, "publisher");
    const opener = new SessionReset({
      ...base,
      clientId: "publisher",
      persistent: true,
      ...(extras.connectProperties !== undefined ? { connectProperties: extras.connectProperties } : {}),
    });
    opener.start();
    await wait({
      name: "publisher",
      ready: opener.connacked,
      failure: opener.failure,
      stop: () => opener.stop(),
    });
    await opener.stop();
  }
  const sub = scenario.subscriber;
  if (sub !== undefined && sub.joinAtMs === undefined && sessionOf(scenario, "subscriber") === "persistent") {
    const opener = new OwnSubscriber(scenario, {
      ...base,
      clientId: "subscriber",
      persistent: true,
      qos: sub.qos,
      qos2Delivery: scenario.qos2Delivery.subscriber,
      onDeliver: () => undefined,
      ...clientExtras(scenario, "subscriber"),
    });
    opener.start();
    await wait({
      name: "subscriber",
      ready: opener.subscribed,
      failure: opener.failure,
      stop: () => opener.stop(),
    });
    await opener.stop();
  }
}
