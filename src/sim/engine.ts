/**
 * The deterministic discrete-event simulator. `runScenario(scenario)` is pure: the same scenario
 * always yields the same trace. It owns the links (latency, faults, connection failure) and the
 * sessions; the protocol machines in src/protocol decide what each party sends.
 *
 * Modelling choices (see README "Simulation model"):
 * - on-reconnect: a lost packet breaks its connection halfway through its flight; everything in
 *   flight on that connection is lost with it; both ends notice at that moment; the client
 *   reconnects after reconnectDelayMs (spec §4.2: TCP does not lose single packets).
 * - on-timeout: the connection stays up, a lost packet simply vanishes, senders resend on a timer.
 */
import {
  qos0Receiver,
  qos1Receiver,
  qos2Receiver,
  type ReceiverEmitted,
  type ReceiverEvent,
  type ReceiverInput,
} from "../protocol/receiver.ts";
import {
  type qos2TimedSender,
  type SenderEmitted,
  type SenderEvent,
  type SenderInput,
} from "../protocol/sender.ts";
import { ALL_PACKET_TYPES, PACKET_INDEX, type PacketType, type Qos } from "../protocol/types.ts";
// The types and constants only: the encoder itself is handed in (runScenario.ts binds wire.ts's).
import {
  PERSISTENT_SESSION_EXPIRY_S,
  type Encode,
  type WirePacket,
  type WireProperties,
  type WireSubscription,
  type WireWill,
} from "../protocol/wirePacket.ts";
import { actorDriver } from "./actorDriver.ts";
import { VirtualClock, type Scheduled } from "./clock.ts";
import type { Driven, DriverKind, MachineDriver } from "./driver.ts";
import { pureDriver } from "./pureDriver.ts";
import { FaultPlan } from "./faults.ts";
import { seededRandom, type Random } from "./random.ts";
import { buildOutcome } from "./outcome.ts";
import {
  behavioursOf,
  grantedQos as profileGrantedQos,
  receiverInputOf,
  sendersOf,
  speaksProtocol,
  withholdsSessionPresent,
  type Behaviours,
} from "./behaviours.ts";
// Types only: the profile records and findings are handed in (runScenario.ts binds profileSupport.ts).
import type { Findings, ProfileSupport } from "./profileSupport.ts";
import { FlowControl } from "./flowControl.ts";
import { BrokerRestarts, type BrokerFlow, type BrokerRestart, type BrokerState } from "./restart.ts";
import { expiryDeadline, FOREVER_S, remainingExpiryS } from "./queue.ts";
import {
  forwardedRetain,
  grantedQos,
  RetainedStore,
  retainedDeliveryQos,
  sendsRetainedOnSubscribe,
} from "./retained.ts";
import { sessionExpiryS, willTiming, type WillTrigger } from "./will.ts";
import type {
  Hop,
  NotForwardedReason,
  OfflinePeriod,
  PacketEvent,
  Party,
  Scenario,
  SessionKind,
  StateEvent,
  Trace,
  TraceEvent,
  WillEvent,
} from "./types.ts";

/** Every sender machine has the events, emits and context of the timed QoS 2 one (one setup). */
type SenderMachine = typeof qos2TimedSender;
type ReceiverMachine = typeof qos2Receiver;

// Shared event objects: nothing but a type, so the pure driver's memo recognises them.
const SEND: SenderEvent = { type: "SEND" };
const RESUME: SenderEvent = { type: "RESUME" };
const DISCARD: SenderEvent = { type: "DISCARD" };
const DISCONNECTED: SenderEvent = { type: "DISCONNECTED" };
const ACKS = {
  PUBACK: { type: "PUBACK" },
  PUBREC: { type: "PUBREC" },
  PUBCOMP: { type: "PUBCOMP" },
} as const;
const PUBREL: ReceiverEvent = { type: "PUBREL" };
const PUBLISH: ReceiverEvent = { type: "PUBLISH", dup: false };
const PUBLISH_DUP: ReceiverEvent = { type: "PUBLISH", dup: true };
const REFUSE: ReceiverEvent = { type: "REFUSE", dup: false };
const REFUSE_DUP: ReceiverEvent = { type: "REFUSE", dup: true };
const REFUSED: SenderEvent = { type: "REFUSED" };

/** One packet description for `encode`, reused: it reads it and keeps nothing of it. */
const WIRE: WirePacket = { packet: "PUBLISH", protocol: "5.0" };

interface SenderEntry {
  machine: Driven<SenderMachine>;
  message: number;
  packetId: number | undefined;
  qos: Qos;
  lastState: string;
  /** Index of the last packet event it sent: what its resend timer guards (a timeout's cause). */
  lastSent: number | undefined;
  /** Broker: when the copy's Message Expiry Interval passes (5.0), simulated ms. */
  expiresAt?: number;
}

interface ReceiverEntry {
  machine: Driven<ReceiverMachine>;
  qos: Qos;
  lastState: string;
  /** The packet id it is serving now: an idle receiver is reused for the next id. */
  packetId: number;
  /**
   * QoS 2: the message whose PUBLISH moved this id from idle to stored (0 when idle): what Method A
   * delivers on PUBREL and what a discarded session loses. Receivers know packet ids only.
   */
  message: number;
}

/** Options of a run that change what the trace records, never what happens. */
export interface RunOptions {
  /** Record every state change of the protocol machines as `state` events (for the state panel). */
  states?: boolean;
  /**
   * Lose each transmission with this probability, on top of the scenario's faults (statistics).
   * Seeded, so a run can be repeated exactly.
   */
  randomLoss?: { probability: number; seed: number };
  /**
   * How the protocol machines are driven: "pure" (default) steps XState's pure transitions, "actor"
   * runs live actors. The trace is the same either way (a property test compares them).
   */
  driver?: DriverKind;
  /**
   * Called as each message is published (`done` of `total`): a long run's progress (the page's
   * worker job). Changes nothing in the run.
   */
  onProgress?(done: number, total: number): void;
}

interface InFlight {
  event: PacketEvent;
  arrival: Scheduled;
}

/** Sets `causedBy` when there is a cause: the field is optional in the JSON contract. */
function caused<E extends TraceEvent>(event: E, cause: number | undefined): E {
  if (cause !== undefined) (event as { causedBy?: number }).causedBy = cause;
  return event;
}

interface Link {
  hop: Hop;
  client: Party;
  server: Party;
  /** Who sends PUBLISH on this hop: the publisher on the first, the broker on the second. */
  sender: Party;
  receiver: Party;
  session: SessionKind;
  clientUp: boolean;
  serverUp: boolean;
  /** Connection number; a scheduled break only applies to the connection it was meant for. */
  epoch: number;
  breaking: boolean;
  /** The dropped packet event that is breaking the connection, then the `connection-lost` event. */
  breakCause: number | undefined;
  inFlight: Set<InFlight>;
  /** Unfinished senders in order of creation: resends go out in the original order [MQTT-4.6.0-1]. */
  senders: Set<SenderEntry>;
  senderById: Map<number, SenderEntry>;
  receivers: Map<number, ReceiverEntry>;
  /** Receivers holding nothing, by QoS, ready to serve the next packet id. */
  idleReceivers: [ReceiverEntry[], ReceiverEntry[], ReceiverEntry[]];
  qos0Receiver: Driven<ReceiverMachine> | undefined;
  /** The receiving party's QoS 2 delivery method, as its machines' input. */
  receiverInput: ReceiverInput;
  lastId: number;
  /** Connection attempts after the first loss: what a CONNECT/CONNACK fault's `attempt` counts. */
  reconnects: number;
  /** Transmissions so far per packet type and message: what a fault's `attempt` counts. */
  attempts: Int32Array;
  /** The client stays away until then (an offline period): a reconnect waits for it. */
  awayUntil: number;
  /** The one reconnect scheduled on this hop, if any. */
  pendingReconnect: Scheduled | undefined;
  /** The broker's Session Expiry timer, running while the connection is closed (5.0). */
  sessionExpiry: Scheduled | undefined;
  /** The broker dropped this client's session when it expired; its next CONNECT finds none. */
  sessionExpired: boolean;
  /** Messages queued for the offline client (sent first after its reconnect), oldest first. */
  queued: Set<SenderEntry>;
}

interface Transmission {
  packet: PacketType;
  message?: number | undefined;
  packetId?: number | undefined;
  qos?: Qos | undefined;
  dup?: boolean;
  retain?: boolean;
  resend?: boolean;
  sessionPresent?: boolean;
  clean?: boolean;
  /** MQTT 5.0 reason code (acks, CONNACK, DISCONNECT) or SUBACK's granted QoS; absent: 0x00. */
  reasonCode?: number | undefined;
  /** MQTT 5.0 properties it carries (WireProperties). */
  properties?: WireProperties | undefined;
  subscription?: WireSubscription | undefined;
  will?: WireWill | undefined;
}

const RECEIVERS = [qos0Receiver, qos1Receiver, qos2Receiver] as const;
const MAX_PACKET_ID = 65535;
/** "on-timeout" mode: copies of a PUBLISH an implementation leaves unanswered before the trace stops its flow. */
const MAX_UNANSWERED = 3;
/** Far above anything a valid scenario needs; reaching it means a bug, not a long scenario. */
const MAX_STEPS_PER_MESSAGE = 2000;

export class SimulationError extends Error {}

function makeLink(hop: Hop, session: SessionKind, messageCount: number, receiverInput: ReceiverInput): Link {
  const first = hop === "publisher-broker";
  return {
    hop,
    client: first ? "publisher" : "subscriber",
    server: "broker",
    sender: first ? "publisher" : "broker",
    receiver: first ? "broker" : "subscriber",
    session,
    clientUp: true,
    serverUp: true,
    epoch: 0,
    breaking: false,
    breakCause: undefined,
    inFlight: new Set(),
    senders: new Set(),
    senderById: new Map(),
    receivers: new Map(),
    idleReceivers: [[], [], []],
    qos0Receiver: undefined,
    receiverInput,
    lastId: 0,
    reconnects: 0,
    // Every packet type a trace may show, for messages 0 (none) to N + 1 (the will).
    attempts: new Int32Array(ALL_PACKET_TYPES.length * (messageCount + 2)),
    awayUntil: -Infinity,
    pendingReconnect: undefined,
    sessionExpiry: undefined,
    sessionExpired: false,
    queued: new Set(),
  };
}

class Simulation {
  private readonly clock = new VirtualClock();
  private readonly driver: MachineDriver;
  /** Each sending party's machines by QoS level and their input (a profile may add a live timer). */
  private readonly senders: Record<"publisher" | "broker", ReturnType<typeof sendersOf>>;
  private readonly events: TraceEvent[] = [];
  private readonly faults: FaultPlan;
  private readonly links: Link[];
  private readonly secondHop: Link | undefined;
  private readonly finalReceiver: Party;
  private readonly deliveries: Int32Array;
  private readonly brokerDeliveries: Int32Array;
  private readonly processed: Int32Array;

  private readonly scenario: Scenario;
  /** What each party does where MQTT leaves a choice: the specification unless a profile says otherwise. */
  private readonly behaviours: Behaviours;
  /** Per-message QoS and times, send quotas (Receive Maximum), refusals and reason codes. */
  private readonly flow: FlowControl<SenderEntry>;
  private readonly findings: Findings;
  private readonly recordStates: boolean;
  private readonly random: Random | null;
  private readonly lossProbability: number;
  private readonly onProgress: ((done: number, total: number) => void) | undefined;
  /** Broker restarts and persistence; undefined when the scenario has no restart. */
  private readonly restarts: BrokerRestarts | undefined;

  /** Turns each packet into its bytes (wire.ts's encoder, or deferredBytes.ts's recorder). */
  private readonly encode: Encode;

  constructor(scenario: Scenario, options: RunOptions, parts: EngineParts) {
    this.scenario = scenario;
    this.encode = parts.encode;
    this.behaviours = behavioursOf(scenario, parts.profiles?.profileNamed);
    this.flow = new FlowControl(scenario, this.behaviours);
    this.recordStates = options.states === true;
    this.onProgress = options.onProgress;
    this.lossProbability = options.randomLoss?.probability ?? 0;
    this.random = this.lossProbability > 0 ? seededRandom(options.randomLoss?.seed ?? 1) : null;
    this.driver = options.driver === "actor" ? actorDriver(this.clock) : pureDriver(this.clock);
    this.senders = {
      publisher: sendersOf(scenario, this.behaviours.publisher),
      broker: sendersOf(scenario, this.behaviours.broker),
    };
    this.findings = parts.profiles?.startingFindings(scenario, this.behaviours) ?? NO_FINDINGS;
    const n = scenario.messages.length + 1;
    this.faults = new FaultPlan(scenario.faults);
    const first = makeLink(
      "publisher-broker",
      scenario.session.publisher,
      n - 1,
      receiverInputOf(scenario, this.behaviours, "broker"),
    );
    this.secondHop = scenario.subscriber
      ? makeLink(
          "broker-subscriber",
          scenario.session.subscriber,
          n - 1,
          receiverInputOf(scenario, this.behaviours, "subscriber"),
        )
      : undefined;
    this.links = this.secondHop ? [first, this.secondHop] : [first];
    this.finalReceiver = this.secondHop ? "subscriber" : "broker";
    this.deliveries = new Int32Array(n);
    this.brokerDeliveries = new Int32Array(n);
    this.processed = new Int32Array(n);
    this.restarts = this.planRestarts();
    // The will, when the scenario has one, is message N + 1 and gets an outcome entry.
    const slots = n + (scenario.will ? 1 : 0);
    this.deliveries = new Int32Array(slots);
    this.brokerDeliveries = new Int32Array(slots);
    this.processed = new Int32Array(slots);
    this.willMessage = scenario.will ? n : 0;
    this.subscribed = scenario.subscriber?.joinAtMs === undefined;
  }

  run(): Trace {
    const { messages } = this.scenario;
    for (const link of this.links) {
      const at = this.opensAt(link);
      if (at === undefined) continue;
      link.clientUp = false;
      link.serverUp = false;
      this.clock.at(at, () => this.open(link));
    }
    this.clock.at(this.flow.publishAt(1, 0), () => this.publish(1));
    this.scheduleRestarts();
    const second = this.secondHop;
    // The periods a late subscriber's join absorbed (lateJoin) have nothing to take offline.
    const offline = this.scenario.subscriber?.offline ?? [];
    for (const period of offline.slice(this.lateJoin()?.absorbed ?? 0)) {
      if (second) this.clock.at(period.atMs, () => this.goOffline(second, period));
    }
    const end = this.scenario.publisherEnd;
    if (end) this.clock.at(end.atMs, () => this.endPublisher(end.kind));
    const maxSteps = MAX_STEPS_PER_MESSAGE * (messages.length + this.scenario.faults.length) + 10_000;
    for (let steps = 0; this.clock.step(); steps++) {
      if (steps > maxSteps) throw new SimulationError("the simulation did not settle (internal error)");
    }
    const trace: Trace = {
      scenario: this.scenario,
      events: this.events,
      unusedFaults: this.faults.unused(),
      outcome: buildOutcome(this.events, this.deliveries, this.processed),
    };
    const findings = this.findings.result();
    if (findings !== undefined) trace.findings = findings;
    return trace;
  }

  // --- the publisher's application ---------------------------------------------------------------

  private publish(message: number): void {
    const { messages } = this.scenario;
    this.cause = this.record({ t: this.clock.now, type: "publish", at: "publisher", message });
    this.onProgress?.(message, messages.length);
    const link = this.links[0] as Link;
    const entry = this.createSender(link, message, this.flow.qosOf(message));
    if (link.clientUp) this.sendFirst(link, entry);
    // Otherwise it waits in the client's queue and goes out after the reconnect.
    if (message < messages.length) {
      this.clock.at(this.flow.publishAt(message + 1, this.clock.now), () => this.publish(message + 1));
    }
  }

  // --- senders and receivers ---------------------------------------------------------------------

  private createSender(link: Link, message: number, qos: Qos, restoredId?: number): SenderEntry {
    const senders = this.senders[link.sender === "publisher" ? "publisher" : "broker"];
    const machine = senders.machines[qos] as SenderMachine;
    const packetId = qos > 0 ? (restoredId ?? this.allocateId(link)) : undefined;
    const entry: SenderEntry = {
      // Senders emit nothing when they start, so the entry exists before its first emit.
      machine: this.driver.start(machine, senders.input as SenderInput, (e: SenderEmitted) =>
        this.onSenderEmitted(link, entry, e),
      ),
      message,
      qos,
      packetId,
      lastState: "",
      lastSent: undefined,
    };
    link.senders.add(entry);
    if (packetId !== undefined) link.senderById.set(packetId, entry);
    const expiryS = this.scenario.messages[message - 1]?.expiryS;
    // The broker's copy waits from now: what its Message Expiry Interval counts down [MQTT-3.3.2-6].
    if (expiryS !== undefined && link.sender === "broker")
      entry.expiresAt = expiryDeadline(this.clock.now, expiryS);
    this.noteSenderState(link, entry);
    return entry;
  }

  /** Packet ids are per hop and direction; an id is busy until its flow completes (spec §2.2.1). */
  private allocateId(link: Link): number {
    for (let tries = 0; tries < MAX_PACKET_ID; tries++) {
      link.lastId = (link.lastId % MAX_PACKET_ID) + 1;
      if (!link.senderById.has(link.lastId)) return link.lastId;
    }
    throw new SimulationError("more than 65535 messages in flight on one hop");
  }

  private sendToSender(link: Link, entry: SenderEntry, event: SenderEvent): void {
    entry.machine.send(event);
    this.noteSenderState(link, entry);
    if (entry.machine.snapshot.status === "done") {
      this.flow.quota(link.hop).release(entry);
      link.senders.delete(entry);
      if (entry.packetId !== undefined && link.senderById.get(entry.packetId) === entry) {
        link.senderById.delete(entry.packetId);
      }
    }
  }

  /**
   * A message's first PUBLISH on this hop, when the receiver's Receive Maximum leaves room;
   * otherwise it waits, in order, for an acknowledgement to return quota [MQTT-4.9.0-2].
   */
  private sendFirst(link: Link, entry: SenderEntry): void {
    const quota = this.flow.quota(link.hop);
    if (entry.qos === 0 || quota.admit(entry)) {
      this.sendToSender(link, entry, SEND);
      return;
    }
    if (!quota.firstWait(entry)) return;
    this.record(
      caused(
        {
          t: this.clock.now,
          type: "quota-wait",
          hop: link.hop,
          at: link.sender,
          message: entry.message,
          inFlight: quota.inFlight,
          receiveMaximum: quota.receiveMaximum,
        },
        this.cause,
      ),
    );
  }

  /** An acknowledgement ended a flow: what waited for quota goes out now, caused by it. */
  private returnQuota(link: Link): void {
    const up = link.sender === link.client ? link.clientUp : link.serverUp;
    if (!up) return;
    for (const next of this.flow.quota(link.hop).drain()) this.sendToSender(link, next, SEND);
  }

  private onSenderEmitted(link: Link, entry: SenderEntry, e: SenderEmitted): void {
    if (this.restarts?.restoring) return; // a restored flow is rebuilt silently
    if (e.type === "timeout") {
      // The timer fired on its own: the resend that follows is caused by this timeout.
      this.cause = this.record(
        caused(
          {
            t: this.clock.now,
            type: "timeout",
            at: link.sender,
            message: entry.message,
            waitingFor: e.waitingFor,
            hop: link.hop,
          },
          entry.lastSent,
        ),
      );
      if (this.behaviours[link.sender].liveResendMs !== undefined) {
        this.findings.add(link.sender, "live-resend", this.cause, {
          packet: e.waitingFor === "PUBCOMP" ? "PUBREL" : "PUBLISH",
        });
      }
      return;
    }
    const spec = this.messageSpec(entry.message);
    entry.lastSent = this.transmit(link, link.sender, {
      packet: e.packet,
      message: entry.message,
      packetId: entry.packetId,
      qos: e.packet === "PUBLISH" ? entry.qos : undefined,
      // Some implementations resend without DUP (a profile's `dupOnResend`).
      dup: e.dup && this.behaviours[link.sender].dupOnResend,
      // A broker forwards to an existing subscription with RETAIN=0 [MQTT-3.3.1-9] / [MQTT-3.3.1-12]
      // unless a flow of its own says otherwise (retained.ts: Retain As Published, a retained message).
      retain:
        e.packet === "PUBLISH" &&
        (link.sender === "publisher" ? spec?.retain === true : this.retainedSends.has(entry)),
      resend: e.resend,
      properties: e.packet === "PUBLISH" ? this.publishProperties(entry) : undefined,
    });
    if (e.dup && !this.behaviours[link.sender].dupOnResend)
      this.findings.add(link.sender, "no-dup", entry.lastSent);
  }

  private receiverFor(link: Link, packetId: number, qos: Qos): ReceiverEntry {
    const existing = link.receivers.get(packetId);
    if (existing && existing.qos === qos) return existing;
    const entry = link.idleReceivers[qos].pop() ?? this.createReceiver(link, qos);
    entry.packetId = packetId;
    link.receivers.set(packetId, entry);
    return entry;
  }

  private createReceiver(link: Link, qos: Qos): ReceiverEntry {
    const entry: ReceiverEntry = {
      // Receivers emit nothing when they start, so the entry exists before its first emit.
      machine: this.driver.start(
        RECEIVERS[qos] as ReceiverMachine,
        link.receiverInput,
        (e: ReceiverEmitted) => this.onReceiverEmitted(link, entry.packetId, e),
      ),
      qos,
      lastState: "idle",
      packetId: 0,
      message: 0,
    };
    return entry;
  }

  /**
   * A receiver that holds nothing (QoS 1 always, QoS 2 back in idle) is in the same state as a new
   * one, so it serves the next packet id: starting a machine per message costs more than the rest
   * of the exchange.
   */
  private sendToReceiver(link: Link, id: number, qos: Qos, event: ReceiverEvent): void {
    const entry = this.receiverFor(link, id, qos);
    const message = this.currentMessage;
    const before = entry.machine.snapshot.value;
    // A PUBLISH delivers the message it carries; a PUBREL (Method A) the one stored under its id.
    this.deliverable = event.type === "PUBLISH" ? message : entry.message;
    entry.machine.send(event);
    const state = entry.machine.snapshot.value;
    if (state !== "stored") entry.message = 0;
    else if (before !== "stored") entry.message = message;
    // QoS 0 and 1 receivers hold nothing between packets: only QoS 2 state is worth showing.
    if (this.recordStates && qos === 2 && state !== entry.lastState) {
      entry.lastState = state;
      this.noteState(link, "receiver", message, id, qos, state);
    }
    if (state !== "stored" && link.receivers.get(id) === entry) {
      link.receivers.delete(id);
      link.idleReceivers[qos].push(entry);
    }
    if (link.receiver === "broker") this.brokerChanged();
  }

  private onReceiverEmitted(link: Link, packetId: number, e: ReceiverEmitted): void {
    if (this.restarts?.restoring) return; // a restored flow is rebuilt silently
    if (e.type === "deliver") {
      this.deliver(link, this.deliverable);
      return;
    }
    // The acknowledgement carries the id of the PUBLISH it answers [MQTT-2.3.1-6].
    const reasonCode = this.flow.ackReason(link.receiver, e, this.refusalCode, this.matching());
    this.transmit(link, link.receiver, {
      packet: e.packet,
      message: this.currentMessage,
      packetId,
      reasonCode,
    });
  }

  /**
   * Whether the broker holds a subscription the message matches (for 5.0's 0x10 "no matching
   * subscribers"): not before a late subscriber's SUBSCRIBE, nor while a clean subscriber is away
   * (its session, and the subscription in it, ended with its connection [MQTT-3.1.2-6]) or a
   * persistent one's session has expired.
   */
  private matching(): boolean {
    const link = this.secondHop;
    const granted = profileGrantedQos(this.scenario, this.behaviours.broker);
    if (link === undefined || !this.subscribed || granted === undefined) return false;
    return link.serverUp || (link.session === "persistent" && !link.sessionExpired);
  }

  /** The application message of the packet being handled, so that replies can be attributed. */
  private currentMessage = 0;

  /** The reason code the PUBLISH being handled is refused with (5.0), set before its receiver step. */
  private refusalCode: number | undefined = undefined;

  /** The application message a receiver's `deliver` hands over, set before each receiver step. */
  private deliverable = 0;

  /**
   * The trace index of the event being handled (a packet's arrival, a publish, a timeout, a
   * reconnect): what every event recorded meanwhile is `causedBy`. Set by each clock callback.
   */
  private cause: number | undefined = undefined;

  // --- the wire ----------------------------------------------------------------------------------

  /** Puts a packet on the wire (or loses it) and returns its packet event's index. */
  private transmit(link: Link, from: Party, tx: Transmission): number {
    const up = from === link.client ? link.clientUp : link.serverUp;
    const connecting = tx.packet === "CONNECT" || tx.packet === "CONNACK";
    if (!up && !connecting) throw new SimulationError(`${from} sent ${tx.packet} on a closed connection`);
    const { timing, protocol } = this.scenario;
    const message = tx.message ?? 0;
    const counter = PACKET_INDEX[tx.packet] * (this.scenario.messages.length + 2) + message;
    const attempt = connecting ? link.reconnects : ++link.attempts[counter]!;
    const droppedByFault = this.faults.take(link.hop, tx.packet, message, attempt);
    // "on-timeout" keeps its connections up: an opening CONNECT/CONNACK is never lost at random there.
    const keptUp = connecting && this.scenario.retransmit === "on-timeout";
    const droppedByChance =
      !droppedByFault && !keptUp && this.random !== null && this.random() < this.lossProbability;
    const dropped = droppedByFault || droppedByChance;
    const spec = tx.packet === "PUBLISH" ? this.messageSpec(message) : undefined;
    const w = WIRE;
    w.packet = tx.packet;
    w.protocol = protocol;
    w.packetId = tx.packetId;
    w.qos = tx.qos;
    w.dup = tx.dup;
    w.retain = tx.retain;
    w.topic = spec?.topic;
    w.payload = spec?.payload;
    w.clientId = tx.packet === "CONNECT" ? link.client : undefined;
    w.clean = tx.clean;
    w.sessionPresent = tx.sessionPresent;
    w.reasonCode = tx.reasonCode;
    w.properties = tx.properties;
    w.subscription = tx.subscription;
    w.will = tx.will;
    const wire = this.encode(w);
    const t = this.clock.now;
    const to = from === link.client ? link.server : link.client;
    const arrives = t + timing.latencyMs;
    const { packet, packetId, qos } = tx;
    let event: PacketEvent;
    const causedBy = this.cause;
    // The common shapes (a flow's packet, neither lost nor resent) are created whole: faster than
    // adding field by field. Key order is the JSON contract, the same on both paths.
    if (
      !dropped &&
      packetId !== undefined &&
      tx.message !== undefined &&
      tx.sessionPresent === undefined &&
      tx.resend !== true &&
      tx.reasonCode === undefined &&
      tx.properties === undefined &&
      causedBy !== undefined
    ) {
      const dup = tx.dup === true;
      const retain = tx.retain === true;
      const bytes = wire.bytes.length;
      const hex = wire.hex;
      event =
        qos !== undefined
          ? {
              t,
              type: "packet",
              hop: link.hop,
              from,
              to,
              packet,
              message,
              packetId,
              qos,
              dup,
              retain,
              bytes,
              hex,
              arrives,
              dropped,
              attempt,
              causedBy,
            }
          : {
              t,
              type: "packet",
              hop: link.hop,
              from,
              to,
              packet,
              message,
              packetId,
              dup,
              retain,
              bytes,
              hex,
              arrives,
              dropped,
              attempt,
              causedBy,
            };
    } else {
      // Field by field: optional fields are absent rather than undefined (the JSON contract).
      event = { t, type: "packet", hop: link.hop, from, to, packet } as PacketEvent;
      if (tx.message !== undefined) event.message = tx.message;
      if (packetId !== undefined) event.packetId = packetId;
      if (qos !== undefined) event.qos = qos;
      event.dup = tx.dup === true;
      event.retain = tx.retain === true;
      if (tx.sessionPresent !== undefined) event.sessionPresent = tx.sessionPresent;
      if (tx.reasonCode !== undefined) event.reasonCode = tx.reasonCode;
      if (tx.properties !== undefined) event.properties = { ...tx.properties };
      event.bytes = wire.bytes.length;
      event.hex = wire.hex;
      event.arrives = arrives;
      event.dropped = dropped;
      if (dropped) event.lostBy = droppedByFault ? "fault" : "random";
      event.attempt = attempt;
      if (tx.resend) event.resend = true;
      caused(event, causedBy);
    }
    const index = this.record(event);
    if (dropped) {
      if (this.scenario.retransmit === "on-reconnect")
        this.scheduleBreak(link, t + timing.latencyMs / 2, index);
      return index;
    }
    const inFlight: InFlight = {
      event,
      arrival: this.clock.at(arrives, () => {
        link.inFlight.delete(inFlight);
        this.arrive(link, event, index, tx);
      }),
    };
    link.inFlight.add(inFlight);
    return index;
  }

  private arrive(link: Link, event: PacketEvent, index: number, tx: Transmission): void {
    if (this.closedAt(link, event)) return;
    this.cause = index;
    this.currentMessage = tx.message ?? 0;
    const id = tx.packetId ?? 0;
    switch (tx.packet) {
      case "PUBLISH": {
        let qos = tx.qos ?? 0;
        if (qos > this.behaviours[link.receiver].maximumQos) {
          // An implementation that does not support this QoS (RabbitMQ, AWS IoT Core, Azure IoT Hub).
          if (!this.aboveMaximumQos(link, index, qos)) return;
          qos = this.behaviours[link.receiver].maximumQos;
        }
        if (qos === 2 && link.receiverInput.repeats === true) this.noteRepeat(link, id, index);
        if (qos === 0) {
          this.deliverable = this.currentMessage;
          this.qos0ReceiverOf(link).send(PUBLISH);
          return;
        }
        // 5.0: a receiver that refuses this message answers with a reason code >= 0x80.
        this.refusalCode = this.flow.refusalOf(
          link.hop,
          this.currentMessage,
          link.receivers.size,
          link.receivers.has(id),
        );
        const refused = this.refusalCode !== undefined;
        const publish = event.dup ? (refused ? REFUSE_DUP : PUBLISH_DUP) : refused ? REFUSE : PUBLISH;
        this.sendToReceiver(link, id, qos, publish);
        return;
      }
      case "PUBREL":
        this.sendToReceiver(link, id, 2, PUBREL);
        return;
      case "PUBACK":
      case "PUBREC":
      case "PUBCOMP": {
        const sender = link.senderById.get(id);
        // An acknowledgement for a flow that is already complete is ignored.
        const refusal = tx.packet !== "PUBCOMP" && (tx.reasonCode ?? 0) >= 0x80;
        if (sender) this.sendToSender(link, sender, refusal ? REFUSED : ACKS[tx.packet]);
        // PUBACK, PUBCOMP and a refusing PUBREC return send quota; a successful PUBREC does not.
        if (sender?.machine.snapshot.status === "done") this.returnQuota(link);
        return;
      }
      case "CONNECT":
        if (!speaksProtocol(this.scenario, this.behaviours[link.server])) this.refuseConnect(link, index);
        else this.onConnect(link, tx.clean === true);
        return;
      case "CONNACK":
        // A refused CONNECT: the server closes the connection after its CONNACK [MQTT-3.2.2-5].
        if (tx.reasonCode !== undefined && tx.reasonCode !== 0) this.closeConnection(link, index);
        else this.onConnack(link, tx.sessionPresent === true);
        return;
      case "SUBSCRIBE":
        this.onSubscribe(link);
        return;
      case "SUBACK":
        this.subscribePending = false;
        return;
      case "DISCONNECT":
        if (event.from === link.server) {
          // 5.0 0x9B QoS not supported closes the connection for good; a shutdown's DISCONNECT
          // reaches a client whose connection is closed already.
          if (tx.reasonCode === 0x9b) this.closeConnection(link, index);
          return;
        }
        this.onDisconnect(link, index, tx.reasonCode ?? 0);
        return;
    }
  }

  private qos0ReceiverOf(link: Link): Driven<ReceiverMachine> {
    link.qos0Receiver ??= this.driver.start(
      qos0Receiver as unknown as ReceiverMachine,
      link.receiverInput,
      (e: ReceiverEmitted) => this.onReceiverEmitted(link, 0, e),
    );
    return link.qos0Receiver;
  }

  // --- connections and sessions ------------------------------------------------------------------

  /**
   * Whether the trace starts with each client's CONNECT and CONNACK: only when the scenario sets
   * something those packets carry (a Receive Maximum, a will, a session expiry). Otherwise the
   * clients are connected before the trace begins, as in every scenario before these fields.
   */
  private opensConnections(): boolean {
    return (
      this.flow.opensConnections() ||
      this.scenario.will !== undefined ||
      this.scenario.sessionExpiryS !== undefined ||
      !speaksProtocol(this.scenario, this.behaviours.broker)
    );
  }

  /** The opening connection (attempt 0, which no fault names): resumes the session it had, if any. */
  private open(link: Link): void {
    // A broker that is down (a restart) takes no connection: the client tries again, as it would
    // reconnect, and its first CONNECT goes out once the broker runs.
    if (this.deferredWhileBrokerDown(link, () => this.open(link))) return;
    // An offline period began while it waited: the period's end connects it (reconnect).
    if (link.awayUntil !== -Infinity) return;
    this.cause = undefined;
    this.transmit(link, link.client, {
      packet: "CONNECT",
      clean: link.session === "clean",
      properties: this.connectProperties(link),
      will: this.connectWill(link),
    });
  }

  /** MQTT 5.0 properties of the client's CONNECT on this hop beyond the session expiry (none yet). */
  private connectProperties(link: Link): WireProperties | undefined {
    const expiryS = this.scenario.sessionExpiryS?.[link.client === "publisher" ? "publisher" : "subscriber"];
    const flow = this.flow.connectProperties(link.client);
    // Replaces the 3600 a persistent session's CONNECT says otherwise (wire.ts).
    if (expiryS === undefined || link.session !== "persistent") return flow;
    return { ...flow, sessionExpiryInterval: expiryS };
  }

  /** MQTT 5.0 properties of the broker's CONNACK on this hop (none yet). */
  private connackProperties(_link: Link): WireProperties | undefined {
    return this.flow.connackProperties();
  }

  private scheduleBreak(link: Link, t: number, dropped: number): void {
    if (link.breaking) return;
    link.breaking = true;
    link.breakCause = dropped;
    const epoch = link.epoch;
    this.clock.at(t, () => {
      if (link.epoch === epoch) this.breakConnection(link);
    });
  }

  /** The connection fails: whatever is still on the wire is lost with it (spec §4.2). */
  private breakConnection(link: Link): void {
    link.clientUp = false;
    link.serverUp = false;
    link.breakCause = this.record(
      caused({ t: this.clock.now, type: "connection-lost", hop: link.hop }, link.breakCause),
    );
    for (const flight of link.inFlight) {
      flight.arrival.cancelled = true;
      flight.event.dropped = true;
      flight.event.lostBy = "connection-lost";
    }
    link.inFlight.clear();
    this.pauseLiveSenders(link);
    this.startSessionExpiry(link, link.breakCause);
    this.scheduleReconnect(link, this.clock.now + this.scenario.timing.reconnectDelayMs);
    if (link.client === "publisher") this.willOnEnd("connection-lost", link.breakCause);
  }

  private reconnect(link: Link): void {
    // A publisher that has ended never comes back (publisherEnd).
    if (this.publisherEnded && link.client === "publisher") return;
    if (this.deferredWhileBrokerDown(link)) return;
    // A client in an offline period comes back only when the period ends.
    if (this.clock.now < link.awayUntil) {
      this.scheduleReconnect(link, link.awayUntil);
      return;
    }
    link.epoch++;
    link.breaking = false;
    link.reconnects++;
    this.cause = link.breakCause;
    // 3.1.1 CleanSession / 5.0 Clean Start (with Session Expiry 0) for a clean session.
    this.transmit(link, link.client, {
      packet: "CONNECT",
      clean: link.session === "clean",
      properties: this.connectProperties(link),
      will: this.connectWill(link),
    });
  }

  private onConnect(link: Link, clean: boolean): void {
    if (link.client === "publisher") this.willOnConnect();
    const expired = this.endSessionExpiry(link);
    const withheld =
      !clean && withholdsSessionPresent(this.behaviours[link.server], link.client, this.subscribed);
    // The server keeps the session only when the client asks for it [MQTT-3.1.2-4], [MQTT-3.2.2-2],
    // only while it has not expired [MQTT-3.1.2-23], and only if it still holds it (a restart);
    // some implementations answer Session Present 0 anyway (a profile's finding).
    const sessionPresent = !clean && !expired && !withheld && this.brokerSessionOf(link, clean);
    if (withheld && link.reconnects > 0) this.findings.add(link.server, "session-present-0", this.cause);
    // The opening connection has nothing to discard; an expired session is gone already.
    if (!sessionPresent && !withheld && link.reconnects > 0 && !expired)
      this.discardSession(link, link.server);
    link.serverUp = true;
    const connack = this.transmit(link, link.server, {
      packet: "CONNACK",
      sessionPresent,
      properties: this.connackProperties(link),
    });
    // What the broker sends next is caused by the reconnect it just accepted.
    this.cause = connack;
    if (link.sender === link.server) this.resume(link, sessionPresent);
  }

  private onConnack(link: Link, sessionPresent: boolean): void {
    link.clientUp = true;
    const opening = link.reconnects === 0;
    if (!opening) {
      this.record(
        caused({ t: this.clock.now, type: "reconnected", hop: link.hop, sessionPresent }, this.cause),
      );
    }
    // A client that gets Session Present 0 discards its session state [MQTT-3.2.2-5] (3.1.1: [MQTT-3.1.2-6]),
    // unless its implementation resends regardless (MQTT.js).
    const keeps = !sessionPresent && !opening && this.keepsSessionAfterLoss(link);
    if (!sessionPresent && !opening && !keeps) this.discardSession(link, link.client);
    if (link.sender === link.client) this.resume(link, sessionPresent || keeps);
    if (link.client === "subscriber" && this.subscribePending) this.subscribe(link);
  }

  /**
   * After a reconnect the sender resends every unacknowledged PUBLISH (DUP=1) and PUBREL in the
   * original order, then sends what was queued while offline (DUP=0) [MQTT-4.4.0-1], [MQTT-4.6.0-1].
   */
  private resume(link: Link, sessionPresent: boolean): void {
    // Send quota is per connection: what was resent counts again, the rest is admitted in order.
    this.flow.quota(link.hop).reconnected();
    const copies = sessionPresent ? this.storedCopiesAtPublishedQos(link) : [];
    const senders = [...link.senders];
    const queued = (entry: SenderEntry) => entry.machine.snapshot.value === "queued";
    // The resends first, then what was queued, each in order [MQTT-4.6.0-1], [MQTT-4.9.0-2].
    if (sessionPresent)
      for (const entry of senders) if (!queued(entry)) this.sendToSender(link, entry, RESUME);
    for (const entry of senders) if (queued(entry)) this.sendFirst(link, entry);
    for (const entry of link.queued) if (entry.machine.snapshot.value !== "queued") link.queued.delete(entry);
    for (const copy of copies) {
      if (copy.lastSent === undefined) continue;
      this.findings.add("broker", "stored-copy-published-qos", copy.lastSent, { qos: copy.qos });
      break;
    }
  }

  /**
   * A broker whose session store keeps each copy as published (a profile's
   * `storedCopiesAtPublishedQos`, Aedes) sends the subscriber's stored copies at that QoS, where
   * [MQTT-3.8.4-8] asks for min(published, granted): each such copy becomes a new flow at the
   * published QoS, with the same packet id, in the same place. Retained copies sent at SUBSCRIBE
   * are not stored (Aedes writes a RETAIN=1 copy straight away) and stay as they are.
   */
  private storedCopiesAtPublishedQos(link: Link): SenderEntry[] {
    if (link.sender !== "broker" || !this.behaviours.broker.storedCopiesAtPublishedQos) return [];
    const copies: SenderEntry[] = [];
    const entries = [...link.senders];
    link.senders.clear();
    for (const entry of entries) {
      const published = this.publishedQos(entry.message);
      if (entry.qos === 0 || published <= entry.qos || this.retainedSends.has(entry)) {
        link.senders.add(entry);
        continue;
      }
      this.sendToSender(link, entry, DISCARD);
      this.flow.quota(link.hop).release(entry);
      link.senders.delete(entry);
      if (link.senderById.get(entry.packetId ?? 0) === entry) link.senderById.delete(entry.packetId ?? 0);
      const copy = this.createSender(link, entry.message, published, entry.packetId);
      if (entry.expiresAt !== undefined) copy.expiresAt = entry.expiresAt;
      if (link.queued.delete(entry)) link.queued.add(copy);
      copies.push(copy);
    }
    return copies;
  }

  /**
   * A clean start throws the session away (3.1.1 [MQTT-3.1.2-6], 5.0 [MQTT-3.1.2-4]): unacknowledged
   * outgoing messages, messages pending transmission (QoS 1/2), and incoming QoS 2 state.
   */
  private discardSession(link: Link, at: Party): void {
    const lost = new Set<number>();
    if (at === link.sender) {
      for (const entry of [...link.senders]) {
        if (entry.qos === 0) continue;
        lost.add(entry.message);
        this.sendToSender(link, entry, DISCARD);
        link.senders.delete(entry);
        link.senderById.delete(entry.packetId ?? 0);
      }
    } else {
      for (const [id, entry] of link.receivers) {
        if (entry.machine.snapshot.value === "stored") {
          lost.add(entry.message);
          if (this.recordStates) this.noteState(link, "receiver", entry.message, id, entry.qos, "discarded");
        }
        link.receivers.delete(id);
      }
    }
    this.record(
      caused(
        {
          t: this.clock.now,
          type: "session-discarded",
          hop: link.hop,
          at,
          messages: [...lost].sort((a, b) => a - b),
        },
        this.cause,
      ),
    );
  }

  // --- broker restarts and persistence (restart.ts) -----------------------------------------------

  private planRestarts(): BrokerRestarts | undefined {
    const broker = this.scenario.broker;
    const restarts = broker?.restarts;
    if (restarts === undefined || restarts.length === 0) return undefined;
    // The sessions and the subscription existed before the trace (as the opening handshake says).
    const sessions = {
      "publisher-broker": this.scenario.session.publisher === "persistent",
      "broker-subscriber": this.scenario.session.subscriber === "persistent",
    };
    return new BrokerRestarts(restarts, broker?.persistence ?? "off", this.behaviours.broker.savesOnChange, {
      sessions,
      flows: [],
    });
  }

  private scheduleRestarts(): void {
    const restarts = this.restarts;
    if (restarts === undefined) return;
    restarts.restarts.forEach((restart, i) => {
      // An autosave runs before anything else at its instant, a crash at the same instant included.
      const save = restarts.autosaveBefore(i);
      if (save !== undefined) this.clock.at(save, () => restarts.save(this.brokerState(), save));
      let down = 0;
      this.clock.at(restart.atMs, () => (down = this.brokerDown(restart)));
      // Scheduled here, so that it comes before a restart or a reconnect due at the same instant.
      this.clock.at(restart.atMs + restart.downMs, () => {
        this.record({ t: this.clock.now, type: "broker-up", at: "broker", causedBy: down });
      });
    });
  }

  /** The broker's flows and sessions now, as a restart keeps or loses them. */
  private brokerState(): BrokerState {
    const flows: BrokerFlow[] = [];
    const [first, second] = [this.links[0] as Link, this.secondHop];
    for (const [packetId, entry] of first.receivers) {
      if (entry.machine.snapshot.value !== "stored") continue;
      flows.push({
        hop: first.hop,
        role: "receiver",
        message: entry.message,
        packetId,
        qos: 2,
        state: "stored",
      });
    }
    for (const entry of second?.senders ?? []) {
      const { message, packetId, qos } = entry;
      const state = String(entry.machine.snapshot.value);
      flows.push({ hop: "broker-subscriber", role: "sender", message, packetId, qos, state });
    }
    return {
      sessions: { ...(this.restarts?.sessions ?? { "publisher-broker": false, "broker-subscriber": false }) },
      flows,
      retained: this.retained.all(),
    };
  }

  /** A change of the broker's state: a save-on-change persistence may save at the end of the instant. */
  private brokerChanged(): void {
    const restarts = this.restarts;
    if (restarts?.changed() !== true) return;
    this.clock.at(this.clock.now, () => restarts.settle(this.brokerState(), this.clock.now));
  }

  /**
   * Whether the broker answers a CONNECT with the session it held (Session Present); a persistent
   * client then has one again. Without restarts, always (the session existed before the trace).
   */
  private brokerSessionOf(link: Link, clean: boolean): boolean {
    const restarts = this.restarts;
    if (restarts === undefined) return true;
    const held = restarts.sessions[link.hop];
    restarts.sessions[link.hop] = !clean;
    if (restarts.changed("session")) {
      this.clock.at(this.clock.now, () => restarts.settle(this.brokerState(), this.clock.now));
    }
    return held;
  }

  /**
   * A connection attempt (a reconnect, or `retry` another) while the broker is down is refused (no
   * packet): the client tries again.
   */
  private deferredWhileBrokerDown(link: Link, retry = () => this.reconnect(link)): boolean {
    const restarts = this.restarts;
    const now = this.clock.now;
    if (restarts === undefined || !restarts.isDown(now)) return false;
    const next = restarts.retryAt(now, this.scenario.timing.reconnectDelayMs);
    this.clock.at(next, retry);
    return true;
  }

  /**
   * The broker stops: every connection ends now (5.0 graceful: after DISCONNECT 0x8B), and it keeps
   * what its persistence saved. It runs again after downMs.
   */
  private brokerDown(restart: BrokerRestart): number {
    const restarts = this.restarts as BrokerRestarts;
    // Recorded first (filled in below), so that a will published before the save can name it.
    const event: TraceEvent = {
      t: this.clock.now,
      type: "broker-down",
      at: "broker",
      kind: restart.kind,
      kept: [],
      lost: [],
      sessionsKept: false,
    };
    const down = this.record(event);
    if (restart.kind === "graceful") this.willAtShutdown(down);
    const outcome = restarts.down(restart, this.brokerState());
    event.kept = outcome.kept;
    event.lost = outcome.lost;
    event.sessionsKept = outcome.sessionsKept;
    if (outcome.savedAtMs !== undefined) event.savedAtMs = outcome.savedAtMs;
    const retained = this.retainedAfterRestart(outcome.state);
    if (retained !== undefined) event.retained = retained;
    const disconnect =
      restart.kind === "graceful" &&
      this.scenario.protocol === "5.0" &&
      this.behaviours.broker.shutdownDisconnect;
    for (const link of this.links) {
      // Already broken (or breaking by a loss): its reconnect waits for the broker.
      if (link.breaking && !link.clientUp && !link.serverUp) continue;
      // Closed by the client's DISCONNECT (an offline period) with nothing on the wire: there is
      // no connection to end; the client comes back on its own schedule. (So is a late subscriber
      // that has not joined yet.)
      if (!link.clientUp && !link.serverUp && link.inFlight.size === 0) continue;
      if (disconnect && link.serverUp) {
        this.cause = down;
        // 0x8B Server shutting down (spec §3.14.2.1). Written before the close, so it arrives.
        this.transmit(link, link.server, { packet: "DISCONNECT", reasonCode: 0x8b });
        const written = [...link.inFlight].pop();
        if (written?.event.packet === "DISCONNECT") link.inFlight.delete(written);
      }
      link.epoch++; // a break scheduled for this connection no longer applies
      link.breaking = true;
      link.breakCause = down;
      this.stopping = true;
      this.breakConnection(link);
      this.stopping = false;
    }
    this.restoreBroker(outcome.state);
    this.willAcrossRestart(restart, down);
    for (const link of this.links) {
      // A session the restart lost cannot expire later: the next CONNECT finds none (Session Present 0).
      if (restarts.sessions[link.hop] || !link.sessionExpiry) continue;
      link.sessionExpiry.cancelled = true;
      link.sessionExpiry = undefined;
    }
    return down;
  }

  /** Replaces the broker's flows by `state`'s: keeps those in the same state, rebuilds the rest. */
  private restoreBroker(state: BrokerState): void {
    const restarts = this.restarts as BrokerRestarts;
    const wanted = new Map(
      state.flows.map((f) => [`${f.hop}/${f.role}/${f.packetId ?? 0}/${f.message}/${f.state}`, f]),
    );
    const key = (hop: string, role: string, id: number | undefined, message: number, s: string) =>
      `${hop}/${role}/${id ?? 0}/${message}/${s}`;
    restarts.restoring = true;
    this.retained.restore(state.retained ?? []);
    const first = this.links[0] as Link;
    for (const [id, entry] of [...first.receivers]) {
      const k = key(first.hop, "receiver", id, entry.message, String(entry.machine.snapshot.value));
      if (wanted.delete(k)) continue;
      if (this.recordStates && entry.machine.snapshot.value === "stored") {
        this.noteState(first, "receiver", entry.message, id, entry.qos, "discarded");
      }
      first.receivers.delete(id);
    }
    const second = this.secondHop;
    const kept = new Map<string, SenderEntry>();
    for (const entry of second ? [...second.senders] : []) {
      const k = key(
        "broker-subscriber",
        "sender",
        entry.packetId,
        entry.message,
        String(entry.machine.snapshot.value),
      );
      if (wanted.has(k)) {
        kept.set(k, entry);
        continue;
      }
      this.sendToSender(second as Link, entry, DISCARD);
      (second as Link).senders.delete(entry);
      if ((second as Link).senderById.get(entry.packetId ?? 0) === entry)
        (second as Link).senderById.delete(entry.packetId ?? 0);
    }
    for (const flow of state.flows) {
      const k = key(flow.hop, flow.role, flow.packetId, flow.message, flow.state);
      if (flow.role === "receiver") {
        if (!wanted.has(k)) continue;
        this.currentMessage = flow.message;
        this.sendToReceiver(first, flow.packetId ?? 0, 2, PUBLISH);
      } else if (second) {
        // In the saved order: resends after the reconnect keep the original order [MQTT-4.6.0-1].
        const entry = kept.get(k) ?? this.restoreSender(second, flow);
        second.senders.delete(entry);
        second.senders.add(entry);
      }
    }
    restarts.restoring = false;
  }

  /** A sender rebuilt in its saved state: its machine steps there without sending anything. */
  private restoreSender(link: Link, flow: BrokerFlow): SenderEntry {
    const entry = this.createSender(link, flow.message, flow.qos, flow.packetId);
    if (flow.state !== "queued") {
      // Sent before the restart and still unacknowledged: it holds send quota [MQTT-4.9.0-2].
      this.flow.quota(link.hop).restored(entry);
      this.sendToSender(link, entry, SEND);
    }
    if (flow.state === "awaitingPubcomp") this.sendToSender(link, entry, ACKS.PUBREC);
    return entry;
  }

  // --- state recording (optional) -----------------------------------------------------------------

  private noteSenderState(link: Link, entry: SenderEntry): void {
    if (link.sender === "broker") this.brokerChanged();
    if (!this.recordStates) return;
    const state = entry.machine.snapshot.value;
    if (state === entry.lastState) return;
    entry.lastState = state;
    this.noteState(link, "sender", entry.message, entry.packetId, entry.qos, state);
  }

  private noteState(
    link: Link,
    role: "sender" | "receiver",
    message: number,
    packetId: number | undefined,
    qos: Qos,
    state: string,
  ): void {
    const at = role === "sender" ? link.sender : link.receiver;
    const event: StateEvent = {
      t: this.clock.now,
      type: "state",
      hop: link.hop,
      at,
      role,
      message,
      qos,
      state,
    };
    if (packetId !== undefined) event.packetId = packetId;
    this.record(event);
  }

  // --- deliveries ----------------------------------------------------------------------------------

  private deliver(link: Link, message: number): void {
    const at = link.receiver;
    const counts = at === this.finalReceiver ? this.deliveries : this.brokerDeliveries;
    const count = ++counts[message]!;
    const t = this.clock.now;
    const delivery = this.record(
      this.cause === undefined
        ? { t, type: "deliver", at, message, hop: link.hop, count }
        : { t, type: "deliver", at, message, hop: link.hop, count, causedBy: this.cause },
    );
    if (at === "broker") this.keepRetained(message, delivery);
    if (at === this.finalReceiver) this.process(at, message, delivery);
    if (at === "broker" && this.secondHop) this.forward(this.secondHop, message);
  }

  /** The final application acts on a delivery, unless it de-duplicates and has seen it already. */
  private process(at: Party, message: number, delivery: number): void {
    if (this.scenario.dedupe && this.processed[message]! > 0) {
      this.record({ t: this.clock.now, type: "ignore", at, message, causedBy: delivery });
      return;
    }
    this.processed[message]!++;
    this.record({ t: this.clock.now, type: "process", at, message, causedBy: delivery });
  }

  /**
   * The broker hands a message on at min(published QoS, granted QoS) [MQTT-3.8.4-8] (3.1.1
   * [MQTT-3.8.4-6]), as a new flow with a packet id of its own.
   */
  private forward(link: Link, message: number): void {
    // A broker that supports a lower QoS grants at most that; one that never answered, nothing.
    const brokerGrant = profileGrantedQos(this.scenario, this.behaviours.broker);
    if (!this.subscribed || brokerGrant === undefined) {
      this.notForwarded(message, "no-subscription");
      return;
    }
    const granted = Math.min(this.granted ?? this.scenario.subscriber?.qos ?? 0, brokerGrant);
    const qos = Math.min(this.publishedQos(message), granted) as Qos;
    if (link.serverUp) {
      this.sendFirst(link, this.forwardSender(link, message, qos));
    } else if (link.session === "persistent" && !link.sessionExpired && (qos > 0 || this.queuesQos0())) {
      const limit = this.scenario.broker?.maxQueued ?? this.behaviours.broker.maxQueued;
      if (limit !== undefined && link.queued.size >= limit) {
        this.notForwarded(message, "queue-full");
        return;
      }
      // Queued in the subscriber's session; sent after it reconnects.
      this.queue(link, this.forwardSender(link, message, qos));
    } else {
      const reason =
        link.session === "persistent"
          ? link.sessionExpired
            ? "session-expired"
            : "qos0-offline"
          : "no-session";
      this.notForwarded(message, reason);
    }
  }

  private notForwarded(message: number, reason: NotForwardedReason, cause = this.cause): void {
    this.record(caused({ t: this.clock.now, type: "not-forwarded", at: "broker", message, reason }, cause));
  }

  // --- offline periods, queues and expiry (5.0 §4.1, §3.1.2.11.2, §3.3.2.3.3) ----------------------

  private queuesQos0(): boolean {
    return this.scenario.broker?.queueQos0 ?? this.behaviours.broker.queueQos0;
  }

  /**
   * A copy queued for an offline client; a copy whose Message Expiry Interval passes before onward
   * delivery starts is deleted [MQTT-3.3.2-5].
   */
  private queue(link: Link, entry: SenderEntry): void {
    link.queued.add(entry);
    const { expiresAt } = entry;
    if (expiresAt === undefined) return;
    const cause = this.cause;
    this.clock.at(expiresAt, () => {
      if (!link.queued.has(entry) || entry.machine.snapshot.value !== "queued") return;
      link.queued.delete(entry);
      this.sendToSender(link, entry, DISCARD);
      this.notForwarded(entry.message, "expired", cause);
    });
  }

  /** 5.0 PUBLISH properties: the Message Expiry Interval, the broker's counted down [MQTT-3.3.2-6]. */
  private publishProperties(entry: SenderEntry): WireProperties | undefined {
    const expiryS = this.scenario.messages[entry.message - 1]?.expiryS;
    if (expiryS === undefined) return undefined;
    const left = entry.expiresAt === undefined ? expiryS : remainingExpiryS(entry.expiresAt, this.clock.now);
    return { messageExpiryInterval: left };
  }

  /**
   * The subscriber goes away on the scenario's schedule: a graceful DISCONNECT, then it closes its
   * end; or its connection breaks ("cut", as a lost packet breaks it). A client that is not
   * connected at that moment (reconnecting after a loss) abandons the attempt: that is a cut.
   */
  private goOffline(link: Link, period: OfflinePeriod): void {
    const now = this.clock.now;
    const graceful = period.end === "disconnect" && link.clientUp;
    // The broker must have read the DISCONNECT before the client's next connection arrives.
    const returnsAt = now + Math.max(period.forMs, graceful ? this.scenario.timing.latencyMs : 0);
    link.awayUntil = returnsAt;
    const left = this.record({
      t: now,
      type: "disconnected",
      hop: link.hop,
      at: link.client,
      graceful,
      returnsAt,
    });
    this.cause = left;
    // A graceful leaving keeps the cause of a break already under way (a lost packet). A cut
    // abandons whatever connection or attempt there was: the reconnect answers this leaving.
    if (!link.breaking || !graceful) link.breakCause = left;
    if (graceful) {
      this.transmit(link, link.client, { packet: "DISCONNECT" });
      link.clientUp = false;
      // Whatever the broker has on the wire reaches a closed connection.
      for (const flight of link.inFlight) {
        if (flight.event.to !== link.client) continue;
        this.loseWithConnection(flight);
        link.inFlight.delete(flight);
      }
    } else {
      link.epoch++; // a break scheduled by a lost packet is moot: the cut happens now
      if (link.clientUp || link.serverUp || link.inFlight.size > 0) this.breakConnection(link);
      else link.breaking = false;
    }
    this.scheduleReconnect(link, returnsAt);
  }

  /** The broker reads the client's DISCONNECT and closes the connection (a graceful end). */
  private closeGracefully(link: Link, index: number): void {
    link.serverUp = false;
    // The reconnect that ends the offline period answers the client's leaving.
    link.breakCause = (this.events[index] as PacketEvent).causedBy;
    link.epoch++; // closed: a break scheduled by a packet lost meanwhile is moot
    link.breaking = false;
    for (const flight of link.inFlight) this.loseWithConnection(flight);
    link.inFlight.clear();
    this.startSessionExpiry(link, index);
  }

  private loseWithConnection(flight: InFlight): void {
    flight.arrival.cancelled = true;
    flight.event.dropped = true;
    flight.event.lostBy = "connection-lost";
  }

  private scheduleReconnect(link: Link, t: number): void {
    if (link.pendingReconnect) link.pendingReconnect.cancelled = true;
    const pending = this.clock.at(t, () => {
      if (link.pendingReconnect === pending) link.pendingReconnect = undefined;
      this.reconnect(link);
    });
    link.pendingReconnect = pending;
  }

  /**
   * 5.0: the client's Session Expiry Interval, in seconds, when the broker ever ends its session:
   * the scenario's, or the 3600 its CONNECT carries when the subscriber has offline periods.
   * Scenarios without either keep their sessions for ever, as before these fields.
   */
  private sessionExpiryS(link: Link): number | undefined {
    if (this.scenario.protocol !== "5.0" || link.session !== "persistent") return undefined;
    const given = this.scenario.sessionExpiryS?.[link.client === "publisher" ? "publisher" : "subscriber"];
    if (given !== undefined) return given === FOREVER_S ? undefined : given;
    const away = link.client === "subscriber" && (this.scenario.subscriber?.offline?.length ?? 0) > 0;
    return away ? PERSISTENT_SESSION_EXPIRY_S : undefined;
  }

  /** The connection closed at the broker: the session lives on for its expiry interval [MQTT-3.1.2-23]. */
  private startSessionExpiry(link: Link, cause: number | undefined): void {
    const expiryS = this.sessionExpiryS(link);
    if (expiryS === undefined || link.sessionExpiry) return;
    link.sessionExpiry = this.clock.at(this.clock.now + expiryS * 1000, () => {
      link.sessionExpiry = undefined;
      this.expireSession(link, expiryS, cause);
    });
  }

  /** A CONNECT arrived: the timer stops; whether the session had expired meanwhile. */
  private endSessionExpiry(link: Link): boolean {
    if (link.sessionExpiry) link.sessionExpiry.cancelled = true;
    link.sessionExpiry = undefined;
    const expired = link.sessionExpired;
    link.sessionExpired = false;
    return expired;
  }

  /** The broker ends the session: its queue, its unfinished flows and its QoS 2 state go with it. */
  private expireSession(link: Link, expiryS: number, cause: number | undefined): void {
    link.sessionExpired = true;
    this.cause = cause;
    const lost = new Set<number>();
    if (link.server === link.sender) {
      for (const entry of [...link.senders]) {
        lost.add(entry.message);
        this.sendToSender(link, entry, DISCARD);
        link.senders.delete(entry);
        link.senderById.delete(entry.packetId ?? 0);
      }
      link.queued.clear();
    } else {
      for (const [id, entry] of link.receivers) {
        if (entry.machine.snapshot.value === "stored") {
          lost.add(entry.message);
          if (this.recordStates) this.noteState(link, "receiver", entry.message, id, entry.qos, "discarded");
        }
        link.receivers.delete(id);
      }
    }
    const messages = [...lost].sort((a, b) => a - b);
    this.record(
      caused(
        { t: this.clock.now, type: "session-expired", hop: link.hop, at: "broker", expiryS, messages },
        cause,
      ),
    );
  }

  // --- implementation profiles (behaviours.ts, findings.ts) -----------------------------------------

  /**
   * A PUBLISH above the QoS the receiving implementation supports: handled at its highest QoS
   * (true), or not at all (false): no answer, the connection closed, or refused with DISCONNECT
   * 0x9B in 5.0 [MQTT-3.2.2-11].
   */
  private aboveMaximumQos(link: Link, index: number, qos: Qos): boolean {
    const at = link.receiver;
    this.giveUpAfterUnansweredResends(link, index);
    switch (this.behaviours[at].aboveMaximumQos) {
      case "downgrade":
        this.findings.add(at, "qos-downgraded", index, { qos });
        return true;
      case "ignore":
        this.findings.add(at, "qos-ignored", index, { qos });
        return false;
      case "disconnect":
        this.findings.add(at, "qos-disconnect", index, { qos });
        this.closeConnection(link, index);
        return false;
      case "refuse":
        // 5.0: DISCONNECT 0x9B QoS not supported, and the connection closes when it arrives.
        if (this.scenario.protocol === "5.0") {
          this.findings.add(at, "qos-refused", index, { qos, reasonCode: 0x9b });
          this.transmit(link, link.server, { packet: "DISCONNECT", reasonCode: 0x9b });
        } else {
          this.findings.add(at, "qos-refused", index, { qos });
          this.closeConnection(link, index);
        }
        return false;
    }
  }

  /** PUBLISHes per packet id that an implementation did not answer as their QoS asks. */
  private readonly unanswered = new Map<string, number>();

  /**
   * "on-timeout" mode: a sender whose QoS the receiver never answers properly would resend for
   * ever; the trace stops its flow after MAX_UNANSWERED copies (a real client would go on).
   */
  private giveUpAfterUnansweredResends(link: Link, index: number): void {
    if (this.scenario.retransmit !== "on-timeout") return;
    const id = (this.events[index] as PacketEvent).packetId ?? 0;
    const key = `${link.hop} ${id}`;
    const copies = (this.unanswered.get(key) ?? 0) + 1;
    this.unanswered.set(key, copies);
    const sender = link.senderById.get(id);
    if (copies >= MAX_UNANSWERED && sender !== undefined) this.sendToSender(link, sender, DISCARD);
  }

  /** A broker that does not speak the scenario's protocol: CONNACK refusing it, or a close. */
  private refuseConnect(link: Link, index: number): void {
    if (this.behaviours[link.server].unsupportedProtocol === "close") {
      this.findings.add(link.server, "protocol-closed", index);
      this.closeConnection(link, index);
      return;
    }
    // 5.0: 0x84 Unsupported Protocol Version; 3.1.1: return code 0x01 [MQTT-3.1.2-2].
    const reasonCode = this.scenario.protocol === "5.0" ? 0x84 : 0x01;
    this.findings.add(link.server, "protocol-refused", index, { reasonCode });
    this.transmit(link, link.server, { packet: "CONNACK", sessionPresent: false, reasonCode });
  }

  /**
   * The connection ends for a reason a reconnect would not cure (a refused CONNECT, a QoS the
   * broker closes on): unlike a loss, nobody reconnects, so the trace ends there for this hop.
   */
  private closeConnection(link: Link, cause: number): void {
    link.clientUp = false;
    link.serverUp = false;
    // A break scheduled for this connection no longer applies.
    link.epoch++;
    link.breaking = true;
    this.record(caused({ t: this.clock.now, type: "connection-lost", hop: link.hop }, cause));
    for (const flight of link.inFlight) {
      flight.arrival.cancelled = true;
      flight.event.dropped = true;
      flight.event.lostBy = "connection-lost";
    }
    link.inFlight.clear();
    // Nothing unfinished on this hop can complete any more: its senders stop, timers and all.
    for (const entry of [...link.senders]) this.sendToSender(link, entry, DISCARD);
  }

  /** Live-resend senders stop their timer while the connection is down (EMQX, VerneMQ). */
  private pauseLiveSenders(link: Link): void {
    if (this.behaviours[link.sender].liveResendMs === undefined) return;
    for (const entry of link.senders) {
      if (entry.machine.snapshot.value !== "queued") entry.machine.send(DISCONNECTED);
    }
  }

  /** A client implementation that resends after Session Present 0 (MQTT.js) keeps its state. */
  private keepsSessionAfterLoss(link: Link): boolean {
    if (link.sender !== link.client || !this.behaviours[link.client].resendsAfterSessionLost) return false;
    const pending = [...link.senders].some((e) => e.qos > 0 && e.machine.snapshot.value !== "queued");
    if (pending) this.findings.add(link.client, "resent-after-session-lost", this.cause);
    return true;
  }

  /** A QoS 2 PUBLISH for an id the receiver still holds, at an implementation that hands it on again. */
  private noteRepeat(link: Link, id: number, index: number): void {
    if (link.receivers.get(id)?.machine.snapshot.value === "stored") {
      this.findings.add(link.receiver, "repeated-qos2-delivered", index);
    }
  }

  /** Appends an event to the trace and returns its index (what a later `causedBy` names). */
  private record(event: TraceEvent): number {
    return this.events.push(event) - 1;
  }

  // --- retained messages, the late subscriber and the will (retained.ts, will.ts) -----------------

  private readonly retained = new RetainedStore();
  /**
   * Whether the trace shows the retained store: only when the scenario uses a field of this area,
   * so that every scenario valid before them keeps its trace (nobody could see the store anyway).
   */
  private get tracksRetained(): boolean {
    const { subscriber, will, publisherEnd } = this.scenario;
    return (
      will !== undefined ||
      publisherEnd !== undefined ||
      subscriber?.joinAtMs !== undefined ||
      subscriber?.retainAsPublished !== undefined ||
      subscriber?.retainHandling !== undefined
    );
  }
  /** The will's message number (N + 1), or 0 without a will. */
  private readonly willMessage: number;
  /** The broker holds the will of the publisher's current connection. */
  private willHeld = false;
  /** A will waiting for its delay (or its session's end) to pass: when, why, and its cause. */
  private willWaiting: Scheduled | undefined;
  private willWaitingFor: { reason: WillEvent["reason"]; cause: number | undefined } | undefined;
  /** The broker is stopping (a restart): a will due now cannot go out, it waits (willAcrossRestart). */
  private stopping = false;
  private publisherEnded = false;
  /** The subscription exists at the broker (from the start, unless the subscriber joins late). */
  private subscribed: boolean;
  /** The QoS the broker granted in SUBACK; undefined: the subscription predates the trace. */
  private granted: Qos | undefined;
  /** The subscriber sent SUBSCRIBE and has no SUBACK yet: it subscribes again after a reconnect. */
  private subscribePending = false;
  /** The broker's flows that send RETAIN=1 (a retained message, Retain As Published). */
  private readonly retainedSends = new WeakSet<SenderEntry>();

  /** When a hop opens with CONNECT/CONNACK; undefined: connected before the trace. */
  private opensAt(link: Link): number | undefined {
    const join = this.lateJoin();
    if (link.client === "subscriber" && join !== undefined) {
      // A late subscriber connects only then, and subscribes once connected.
      this.subscribePending = true;
      return join.atMs;
    }
    return this.opensConnections() ? 0 : undefined;
  }

  /**
   * When a late subscriber first connects: at `joinAtMs`, unless it is offline from that moment.
   * Then it has no connection yet to leave or to lose, so it simply joins when the period ends
   * (and when any period that follows at once ends): `absorbed` periods, from the first.
   */
  private lateJoin(): { atMs: number; absorbed: number } | undefined {
    const subscriber = this.scenario.subscriber;
    if (subscriber?.joinAtMs === undefined) return undefined;
    const offline = subscriber.offline ?? [];
    let atMs = subscriber.joinAtMs;
    let absorbed = 0;
    // Periods come in order, none before the join (queueRules.ts, scenarioRules.ts).
    for (const period of offline) {
      if (period.atMs > atMs) break;
      atMs = Math.max(atMs, period.atMs + period.forMs);
      absorbed++;
    }
    return { atMs, absorbed };
  }

  /** Topic, payload and RETAIN flag of a message: one of the scenario's, or the will (N + 1). */
  private messageSpec(message: number): { topic: string; payload: string; retain: boolean } | undefined {
    const { messages, will } = this.scenario;
    return message === this.willMessage && will ? will : messages[message - 1];
  }

  /** The QoS a message was published with: the will has its own. */
  private publishedQos(message: number): Qos {
    const { will } = this.scenario;
    return message === this.willMessage && will ? will.qos : this.flow.qosOf(message);
  }

  /** The publisher's will, in every CONNECT it sends (5.0: with its Will Delay Interval). */
  private connectWill(link: Link): WireWill | undefined {
    const { will, protocol } = this.scenario;
    if (!will || link.client !== "publisher") return undefined;
    const { topic, payload, qos, retain, delayS } = will;
    const delayed = protocol === "5.0" && delayS !== undefined && delayS > 0;
    return delayed
      ? { topic, payload, qos, retain, properties: { willDelayInterval: delayS } }
      : { topic, payload, qos, retain };
  }

  /**
   * A packet reaching a publisher that has ended and closed its connection (after its DISCONNECT)
   * is lost with that connection [MQTT-3.14.4-1].
   */
  private closedAt(link: Link, event: PacketEvent): boolean {
    if (event.to !== "publisher" || !this.publisherEnded || link.clientUp) return false;
    event.dropped = true;
    event.lostBy = "connection-lost";
    return true;
  }

  /** A flow toward the subscriber for a message the broker hands on to its subscription. */
  private forwardSender(link: Link, message: number, qos: Qos): SenderEntry {
    const entry = this.createSender(link, message, qos);
    const published = this.messageSpec(message)?.retain === true;
    const { subscriber, protocol } = this.scenario;
    if (forwardedRetain(published, subscriber?.retainAsPublished === true, protocol)) {
      this.retainedSends.add(entry);
    }
    return entry;
  }

  /**
   * The retained messages a restart leaves the broker with, when they differ from those it held at
   * the stop (lost with persistence "off", or an older save restored by a crash) and the trace shows
   * the store: the trace must say so, or a reader would still see the later message as held.
   */
  private retainedAfterRestart(state: BrokerState): number[] | undefined {
    if (!this.tracksRetained) return undefined;
    const held = this.retained.all().map((r) => `${r.topic}\u0000${r.message}`);
    const after = state.retained ?? [];
    const same =
      held.length === after.length && after.every((r, i) => held[i] === `${r.topic}\u0000${r.message}`);
    return same ? undefined : after.map((r) => r.message);
  }

  /** The broker accepted a message: a RETAIN=1 PUBLISH sets or clears its topic's retained message. */
  private keepRetained(message: number, delivery: number): void {
    const spec = this.messageSpec(message);
    if (!spec?.retain || !this.tracksRetained || !this.behaviours.broker.retainAvailable) return;
    const qos = this.publishedQos(message);
    const action = this.retained.accept(message, spec.topic, spec.payload, spec.retain, qos);
    if (action === null) return;
    this.record({
      t: this.clock.now,
      type: "retained",
      at: "broker",
      message,
      topic: spec.topic,
      action,
      causedBy: delivery,
    });
  }

  /** The topic filter the subscriber asks for: the one topic every message uses, else "#". */
  private topicFilter(): string {
    const topics = new Set(this.scenario.messages.map((m) => m.topic));
    if (this.scenario.will) topics.add(this.scenario.will.topic);
    return topics.size === 1 ? ([...topics][0] as string) : "#";
  }

  /** The late subscriber subscribes (again after a reconnect, until SUBACK comes). */
  private subscribe(link: Link): void {
    const { subscriber, protocol } = this.scenario;
    if (!subscriber) return;
    const options =
      protocol === "5.0"
        ? {
            ...(subscriber.retainAsPublished !== undefined && {
              retainAsPublished: subscriber.retainAsPublished,
            }),
            ...(subscriber.retainHandling !== undefined && { retainHandling: subscriber.retainHandling }),
          }
        : {};
    this.transmit(link, link.client, {
      packet: "SUBSCRIBE",
      // The subscriber's only packet id in its own direction: nothing else it sends needs one.
      packetId: 1,
      subscription: { topic: this.topicFilter(), qos: subscriber.qos, ...options },
    });
  }

  /**
   * The broker makes the subscription, answers SUBACK with the same packet id and the granted QoS
   * [MQTT-3.8.4-1], [MQTT-3.8.4-2], then sends the retained messages as its Retain Handling says,
   * each as a flow of its own at min(published, granted) QoS with RETAIN=1.
   */
  private onSubscribe(link: Link): void {
    const { subscriber, protocol } = this.scenario;
    if (!subscriber) return;
    const existed = this.subscribed;
    this.subscribed = true;
    const granted = grantedQos(subscriber.qos, this.behaviours.broker.maximumQos);
    this.granted = granted;
    this.transmit(link, link.server, {
      packet: "SUBACK",
      packetId: 1,
      reasonCode: granted === 0 ? undefined : granted,
    });
    if (!sendsRetainedOnSubscribe(protocol, subscriber.retainHandling ?? 0, existed)) return;
    for (const r of this.retained.all()) {
      const entry = this.createSender(link, r.message, retainedDeliveryQos(r.qos, granted));
      this.retainedSends.add(entry);
      // A retained copy is a PUBLISH like any other: it takes send quota or waits [MQTT-4.9.0-2].
      this.sendFirst(link, entry);
    }
  }

  /** The publisher goes away for good: DISCONNECT (0x00 or 5.0 0x04), or a crash. */
  private endPublisher(kind: "disconnect" | "disconnect-with-will" | "crash"): void {
    this.cause = this.record({ t: this.clock.now, type: "publisher-end", at: "publisher", kind });
    this.publisherEnded = true;
    const link = this.links[0] as Link;
    // The application is gone: its unfinished flows stop (no timer resends on a closed connection).
    for (const entry of [...link.senders]) {
      this.sendToSender(link, entry, DISCARD);
      link.senders.delete(entry);
      link.senderById.delete(entry.packetId ?? 0);
    }
    if (!link.clientUp) return; // already broken: it simply never reconnects
    if (kind === "crash") {
      // A break already on its way happens anyway, for its own cause; otherwise it breaks now.
      if (link.breaking) return;
      link.breakCause = this.cause;
      this.breakConnection(link);
      return;
    }
    // After sending DISCONNECT the client closes the connection [MQTT-3.14.4-1].
    this.transmit(link, link.client, {
      packet: "DISCONNECT",
      reasonCode: kind === "disconnect-with-will" ? 0x04 : undefined,
    });
    link.clientUp = false;
  }

  /** DISCONNECT reached the broker: 0x00 discards the will [MQTT-3.1.2-10]; 5.0 0x04 publishes it. */
  private onDisconnect(link: Link, index: number, reasonCode: number): void {
    link.serverUp = false;
    if (link.client !== "publisher") {
      this.closeGracefully(link, index);
      return;
    }
    if (reasonCode === 0x04) {
      this.willOnEnd("disconnect-with-will", this.cause);
    } else if (this.willHeld) {
      this.willHeld = false;
      this.recordWill("discarded", "disconnect", this.cause);
    }
  }

  /**
   * The broker accepted the publisher's CONNECT: a will still waiting for its delay is not sent
   * [MQTT-3.1.3-9], and the new connection's will is held.
   */
  private willOnConnect(): void {
    if (!this.scenario.will) return;
    if (this.takeWaitingWill() !== undefined) this.recordWill("discarded", "reconnected", this.cause);
    this.willHeld = true;
  }

  /** The publisher's connection ended without DISCONNECT 0x00: the will goes out, now or later. */
  private willOnEnd(trigger: WillTrigger, cause: number | undefined): void {
    if (!this.willHeld || !this.scenario.will) return;
    this.willHeld = false;
    const { protocol, session, sessionExpiryS: expiry } = this.scenario;
    const timing = willTiming(
      trigger,
      protocol,
      this.scenario.will.delayS,
      sessionExpiryS(session.publisher, expiry?.publisher),
    );
    if (timing.afterMs === 0 && !this.stopping) {
      this.publishWill(timing.reason, cause);
      return;
    }
    // A broker that is stopping publishes nothing: due now, the will is due when it runs again.
    const reason = timing.afterMs === 0 ? "broker-restart" : timing.reason;
    this.waitForWill(this.clock.now + timing.afterMs, reason, cause);
  }

  private waitForWill(at: number, reason: WillEvent["reason"], cause: number | undefined): void {
    this.willWaitingFor = { reason, cause };
    this.willWaiting = this.clock.at(at, () => {
      this.willWaiting = undefined;
      this.willWaitingFor = undefined;
      this.publishWill(reason, cause);
    });
  }

  /** Takes the waiting will off the clock: its time and what it was waiting for. */
  private takeWaitingWill() {
    const waiting = this.willWaiting;
    const what = this.willWaitingFor;
    if (waiting === undefined || what === undefined) return undefined;
    waiting.cancelled = true;
    this.willWaiting = undefined;
    this.willWaitingFor = undefined;
    return { at: waiting.t, ...what };
  }

  /**
   * A graceful shutdown, before the broker saves: it closes the publisher's connection itself, so
   * a will due at once goes out now [MQTT-3.1.2-8] (a delayed one stays session state, §4.1);
   * Mosquitto publishes every will, delayed ones too (behaviour `restartWills`).
   */
  private willAtShutdown(down: number): void {
    const { will, protocol, session, sessionExpiryS: expiry } = this.scenario;
    if (!will) return;
    const all = this.behaviours.broker.restartWills === "sent-at-shutdown";
    if (all && this.takeWaitingWill() !== undefined) this.publishWill("broker-restart", down);
    if (!this.willHeld) return;
    const timing = willTiming(
      "connection-lost",
      protocol,
      will.delayS,
      sessionExpiryS(session.publisher, expiry?.publisher),
    );
    if (!all && timing.afterMs > 0) return;
    this.willHeld = false;
    this.publishWill("broker-restart", down);
  }

  /**
   * After the broker stopped and restored its saved state: a will still waiting lives on only with
   * the publisher's session (5.0 §4.1: the will and its delay are session state), and goes out when
   * its time comes or, if that passed while the broker was down, as it runs again; else it is lost.
   * Mosquitto's persistence holds no will: a crash loses it.
   */
  private willAcrossRestart(restart: BrokerRestart, down: number): void {
    const waiting = this.takeWaitingWill();
    if (waiting === undefined) return;
    const restarts = this.restarts as BrokerRestarts;
    const kept =
      restarts.sessions["publisher-broker"] && this.behaviours.broker.restartWills === "session-state";
    if (!kept) {
      this.recordWill("discarded", "broker-restart", down);
      return;
    }
    const up = restart.atMs + restart.downMs;
    const cause = waiting.reason === "broker-restart" ? down : waiting.cause;
    this.waitForWill(Math.max(waiting.at, up), waiting.reason, cause);
  }

  /**
   * The broker publishes the will as message N + 1, with its own QoS and RETAIN flag: its onward
   * delivery, as for any message it accepted (retained, forwarded, or the final delivery on one hop).
   */
  private publishWill(reason: WillEvent["reason"], cause: number | undefined): void {
    this.cause = this.recordWill("published", reason, cause);
    this.currentMessage = this.willMessage;
    this.deliver(this.links[0] as Link, this.willMessage);
  }

  private recordWill(
    action: WillEvent["action"],
    reason: WillEvent["reason"],
    cause: number | undefined,
  ): number {
    return this.record(
      caused(
        { t: this.clock.now, type: "will", at: "broker", message: this.willMessage, action, reason },
        cause,
      ),
    );
  }
}

/**
 * What the engine is handed instead of importing, so the page's first diagram can run without it
 * (runScenario.ts binds the real ones).
 */
export interface EngineParts {
  /** Each packet's bytes (wire.ts's encoder; the page's first diagram: deferredBytes.ts's recorder). */
  encode: Encode;
  /** The profile records and findings (profileSupport.ts): a scenario naming `profiles` needs them. */
  profiles?: ProfileSupport | undefined;
}

/** Without profiles a run makes no findings: FindingLog notes them only for a party with a profile. */
const NO_FINDINGS: Findings = { add: () => undefined, result: () => undefined };

/**
 * Runs a validated scenario to completion with `parts` (the page's first diagram runs before the
 * encoder and the profile records have loaded). Deterministic for a pure `parts.encode`.
 */
export function runScenarioWith(parts: EngineParts, scenario: Scenario, options: RunOptions = {}): Trace {
  return new Simulation(scenario, options, parts).run();
}
