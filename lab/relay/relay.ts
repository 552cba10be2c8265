/**
 * The packet-aware fault relay: a TCP proxy for one hop between real MQTT clients and a real
 * broker. It parses every packet in both directions (mqtt-packet), records it with its real bytes,
 * and applies the scenario's fault plan as the model means it in "on-reconnect" mode: TCP does not
 * lose single packets (spec §4.2), so the `attempt`-th `packet` of `message` on `hop` is lost by
 * cutting that connection at that packet: it is never forwarded, and both sockets are destroyed.
 * In hold mode (hold.ts) the packet is held instead and the connection stays up until keep-alive
 * ends it. Seeded random loss (loss.ts) loses packets the same way. The client then reconnects
 * through the relay. Every other packet is forwarded untouched.
 */
import net from "node:net";
import mqtt from "mqtt-packet";
import type { FaultPacketType } from "../../src/protocol/types.ts";
import type { Fault, Hop, PacketType, Party, Protocol, Qos, Scenario } from "../../src/sim/types.ts";
import { toHex } from "../../src/protocol/wire.ts";
import type { LivePacketEvent, SubscriptionRecord } from "../types.ts";
import type { PacketProperties } from "../../src/sim/types.ts";
import { knownMessages } from "../scenarioTime.ts";
import type { FaultMode, RealOnlyPacket } from "../../src/live/index.ts";
import { Framer } from "./frames.ts";
import { Hold } from "./hold.ts";
import { lossEligible, type LossDrawer } from "./loss.ts";
import { MessageIds } from "./messages.ts";
import type { Recorder } from "./recorder.ts";
import { LOOPBACK } from "../brokers/broker.ts";
import { maskCredentials } from "../transport/credentials.ts";

const FLOW_PACKETS: Partial<Record<string, FaultPacketType>> = {
  publish: "PUBLISH",
  puback: "PUBACK",
  pubrec: "PUBREC",
  pubrel: "PUBREL",
  pubcomp: "PUBCOMP",
  connect: "CONNECT",
  connack: "CONNACK",
};

/** Every other command MQTT has (mqtt-packet's names); "auth" is the one left. */
const CONTROL_PACKETS: Partial<Record<string, RealOnlyPacket>> = {
  subscribe: "SUBSCRIBE",
  suback: "SUBACK",
  unsubscribe: "UNSUBSCRIBE",
  unsuback: "UNSUBACK",
  pingreq: "PINGREQ",
  pingresp: "PINGRESP",
  disconnect: "DISCONNECT",
  auth: "AUTH",
};

export interface RelayOptions {
  hop: Hop;
  scenario: Scenario;
  upstream: { host: string; port: number };
  recorder: Recorder;
  /** How a lost packet is applied: "cut" (default) resets the connection, "hold" stalls it. */
  faultMode?: FaultMode;
  /** Seeded random loss on this hop, on top of the scenario's faults. */
  loss?: LossDrawer;
  /**
   * Resolves when the broker accepts connections (a restart: it is down meanwhile): a client that
   * connects earlier waits at the relay, its CONNECT unread, until the broker is back.
   */
  upstreamReady?: () => Promise<void>;
}

export interface Relay {
  /** The loopback port the hop's client connects to. */
  port: number;
  /** Faults of this hop that matched no packet so far. */
  unusedFaults(): Fault[];
  /**
   * A connection of this hop is half-open (a packet is held, keep-alive has not ended it yet), or
   * was lost and its client is not back yet: the run is not settled.
   */
  recovering(): boolean;
  /** The broker has a QoS 1/2 PUBLISH on this hop whose flow its client has not ended yet. */
  flowsOpen(): boolean;
  /**
   * Breaks the hop's connection now in both directions (a scenario's "cut" offline period, a
   * publisher's crash): recorded as `connection-lost` with no cause packet.
   */
  cutNow(): void;
  /** Destroys every socket the relay holds and stops listening. */
  close(): Promise<void>;
}

/** Counts and ids that live as long as the hop, across its connections. */
class HopState {
  readonly ids: MessageIds;
  private readonly attempts = new Map<string, number>();
  private readonly pubrelSent = new Set<number>();
  readonly used = new Set<Fault>();
  /** Connection attempts since the first loss (what CONNECT/CONNACK faults count). */
  connectAttempts = 0;
  lost = false;
  /** A connection was lost and its client is not back yet. */
  awaitingReconnect = false;
  /** Ids of the broker's QoS 1/2 PUBLISHes whose PUBACK/PUBCOMP has not reached it. */
  readonly brokerFlows = new Set<number>();

  /** Tracks the broker's outgoing flows: opened by its PUBLISH, ended when the client's ack arrives. */
  track(type: PacketType, fromClient: boolean, packet: Parsed, forwarded: boolean): void {
    const id = packet.messageId;
    if (!fromClient && type === "PUBLISH" && (packet.qos ?? 0) > 0 && id !== undefined)
      this.brokerFlows.add(id);
    if (!forwarded || !fromClient || id === undefined) return;
    const refused = type === "PUBREC" && (packet.reasonCode ?? 0) >= 0x80;
    if (type === "PUBACK" || type === "PUBCOMP" || refused) this.brokerFlows.delete(id);
  }

  constructor(scenario: Scenario) {
    // The will, when the broker publishes it, is message N + 1.
    this.ids = new MessageIds(knownMessages(scenario));
  }

  /** 1-based count of `packet` for `message` on this hop, this one included. */
  count(packet: PacketType, message: number): number {
    const key = `${packet}:${message}`;
    const n = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, n);
    return n;
  }

  /** A PUBREL for an id whose PUBREL was sent already is a resend (after a reconnect). */
  pubrelResend(packetId: number | undefined): boolean {
    if (packetId === undefined) return false;
    if (this.pubrelSent.has(packetId)) return true;
    this.pubrelSent.add(packetId);
    return false;
  }

  /** The PUBCOMP frees the id [MQTT-4.3.3]: a later PUBREL on it starts a new flow. */
  pubcomp(packetId: number | undefined): void {
    if (packetId !== undefined) this.pubrelSent.delete(packetId);
  }
}

interface Parsed {
  cmd: string;
  messageId?: number;
  qos?: number;
  dup?: boolean;
  retain?: boolean;
  topic?: string;
  payload?: Buffer | string;
  sessionPresent?: boolean;
  reasonCode?: number;
  returnCode?: number;
  username?: string;
  password?: Buffer | string;
  properties?: Record<string, unknown>;
  granted?: number[] | object[];
  subscriptions?: { topic: string; qos: number; rap?: boolean; rh?: number }[];
}

/** The MQTT 5.0 properties a trace keeps (src/protocol/wire.ts WireProperties), when present. */
const KEPT_PROPERTIES = [
  "receiveMaximum",
  "sessionExpiryInterval",
  "messageExpiryInterval",
  "willDelayInterval",
  "maximumQoS",
  "retainAvailable",
  "reasonString",
] as const;

function keptProperties(packet: Parsed): { properties?: PacketProperties } {
  const all = packet.properties;
  if (all === undefined) return {};
  const out: Record<string, unknown> = {};
  for (const name of KEPT_PROPERTIES) if (all[name] !== undefined) out[name] = all[name];
  return Object.keys(out).length > 0 ? { properties: out as PacketProperties } : {};
}

function subscriptionsOf(packet: Parsed): { subscriptions?: SubscriptionRecord[] } {
  if (packet.subscriptions === undefined) return {};
  return {
    subscriptions: packet.subscriptions.map((s) => ({
      topic: s.topic,
      qos: s.qos,
      ...(s.rap !== undefined ? { retainAsPublished: s.rap } : {}),
      ...(s.rh !== undefined ? { retainHandling: s.rh } : {}),
    })),
  };
}

/** Parses one whole packet (bytes from the Framer) with mqtt-packet for the hop's protocol. */
function parseOne(frame: Buffer, protocol: Protocol): Parsed {
  const parser = mqtt.parser({ protocolVersion: protocol === "5.0" ? 5 : 4 });
  let packet: Parsed | undefined;
  let failure: Error | undefined;
  parser.on("packet", (p: Parsed) => (packet = p));
  parser.on("error", (e: Error) => (failure = e));
  parser.parse(frame);
  if (packet === undefined) throw failure ?? new Error(`could not parse packet ${toHex(frame)}`);
  return packet;
}

export async function startRelay(options: RelayOptions): Promise<Relay> {
  const { hop, scenario, upstream, recorder, loss } = options;
  const mode = options.faultMode ?? "cut";
  const protocol = scenario.protocol;
  const client: Party = hop === "publisher-broker" ? "publisher" : "subscriber";
  const state = new HopState(scenario);
  const faults = scenario.faults.filter((f) => f.hop === hop);
  const sockets = new Set<net.Socket>();
  const holds = new Set<Hold>();
  /** Ends the hop's current connection from outside (cutNow). */
  const cutters = new Set<() => void>();
  let closing = false;

  const server = net.createServer((downstream) => {
    sockets.add(downstream);
    downstream.once("close", () => sockets.delete(downstream));
    if (options.upstreamReady === undefined) return serve(downstream);
    // A broker restart: the client's bytes wait unread until the broker is back.
    downstream.pause();
    void options.upstreamReady().then(() => {
      if (closing || downstream.destroyed) return downstream.destroy();
      serve(downstream);
      downstream.resume();
    });
  });

  const serve = (downstream: net.Socket) => {
    const up = net.connect({ host: upstream.host, port: upstream.port });
    sockets.add(downstream);
    sockets.add(up);
    let open = true;
    /** The client's DISCONNECT went through: the close that follows is the normal end, not a loss. */
    let disconnected = false;
    /** Hold mode: the packet this connection holds, once one is. */
    let hold: Hold | undefined;

    /**
     * Closes both sides; a close the run did not ask for is a connection loss. `closedBy` is the
     * side whose socket closed first; a half-open connection's loss is caused by its held packet,
     * and whatever it held is dropped with it.
     */
    const end = (causedBy?: number, closedBy?: Party) => {
      if (!open) return;
      open = false;
      downstream.destroy();
      up.destroy();
      if (hold !== undefined) holds.delete(hold);
      cutters.delete(cutHere);
      if (closing || disconnected) return;
      state.lost = true;
      state.awaitingReconnect = true;
      if (hold !== undefined && closedBy !== undefined) recorder.heldEndedBy(hold.event, closedBy);
      recorder.connectionLost(hop, causedBy ?? hold?.event);
    };

    const handle = (frame: Buffer, fromClient: boolean, target: net.Socket) => {
      if (!open) return;
      const from: Party = fromClient ? client : "broker";
      const to: Party = fromClient ? "broker" : client;
      const packet = parseOne(frame, protocol);
      const type = FLOW_PACKETS[packet.cmd];
      const t = recorder.now();
      // SUBACK: the granted QoS (or 0x80) of its one subscription is its reason code.
      const granted = packet.granted?.[0];
      const reasonCode =
        packet.reasonCode ?? packet.returnCode ?? (typeof granted === "number" ? granted : undefined);
      // Behind a held packet in its direction: recorded as sent, never forwarded (TCP keeps order).
      const waiting = hold?.stalls(fromClient) === true;
      const heldBehind = waiting ? { dropped: true, held: true as const } : {};
      if (type === undefined) {
        // A broker's DISCONNECT (5.0, e.g. 0x8D keep-alive timeout) ends the connection: a loss.
        if (packet.cmd === "disconnect" && fromClient && !waiting) disconnected = true;
        recorder.add({
          t,
          type: "packet",
          hop,
          from,
          to,
          packet: CONTROL_PACKETS[packet.cmd] ?? "AUTH",
          ...(packet.messageId !== undefined ? { packetId: packet.messageId } : {}),
          dup: false,
          retain: false,
          bytes: frame.length,
          hex: toHex(frame),
          ...(reasonCode !== undefined ? { reasonCode } : {}),
          ...keptProperties(packet),
          ...subscriptionsOf(packet),
          ...heldBehind,
        });
        if (!waiting) target.write(frame);
        return;
      }
      let message: number | undefined;
      let resend = false;
      if (type === "PUBLISH") {
        const payload =
          typeof packet.payload === "string" ? packet.payload : (packet.payload?.toString("utf8") ?? "");
        message = state.ids.publish(
          packet.topic ?? "",
          payload,
          packet.qos ?? 0,
          packet.dup === true,
          packet.messageId,
        );
        resend = packet.dup === true;
      } else if (type !== "CONNECT" && type !== "CONNACK") {
        message = state.ids.ack(packet.messageId);
        if (type === "PUBREL") resend = state.pubrelResend(packet.messageId);
        if (type === "PUBCOMP") state.pubcomp(packet.messageId);
      }
      let attempt: number;
      if (type === "CONNECT" || type === "CONNACK") {
        // CONNECT/CONNACK faults count connection attempts after the first loss (scenario-format.md);
        // the first connection is attempt 0, which no fault names.
        if (type === "CONNECT" && state.lost) state.connectAttempts++;
        attempt = state.lost ? state.connectAttempts : 0;
      } else {
        attempt = message === undefined ? 0 : state.count(type, message);
      }
      // A packet behind a held one is lost already: no fault and no random draw applies to it.
      const fault = waiting
        ? undefined
        : faults.find(
            (f) =>
              !state.used.has(f) &&
              f.packet === type &&
              f.attempt === attempt &&
              (type === "CONNECT" || type === "CONNACK" || f.message === message),
          );
      // Every eligible packet takes one draw, in the order this hop sees them, so the same seed
      // and the same traffic give the same cuts; a planned fault takes precedence over a draw.
      const drawn =
        !waiting &&
        loss !== undefined &&
        lossEligible(type, message, attempt, scenario.messages.length) &&
        loss.draw();
      const applied: Fault | undefined =
        fault ?? (drawn ? { hop, packet: type, message: message ?? 1, attempt } : undefined);
      const qos = packet.qos as Qos | undefined;
      const event: LivePacketEvent = {
        t,
        type: "packet",
        hop,
        from,
        to,
        packet: type,
        ...(message !== undefined ? { message } : {}),
        ...(packet.messageId !== undefined && (type !== "PUBLISH" || (qos ?? 0) > 0)
          ? { packetId: packet.messageId }
          : {}),
        ...(type === "PUBLISH" ? { qos: qos ?? 0 } : {}),
        dup: type === "PUBLISH" && packet.dup === true,
        retain: type === "PUBLISH" && packet.retain === true,
        ...(type === "CONNACK" ? { sessionPresent: packet.sessionPresent === true } : {}),
        bytes: frame.length,
        // A CONNECT's user name and password never reach the trace (lab/transport/credentials.ts).
        hex: toHex(type === "CONNECT" ? maskCredentials(frame, packet) : frame),
        arrives: t,
        dropped: applied !== undefined || waiting,
        ...(applied !== undefined
          ? {
              lostBy: fault !== undefined ? ("fault" as const) : ("random" as const),
              cut: true as const,
              ...(mode === "hold" ? { held: true as const } : {}),
            }
          : {}),
        ...(waiting ? { lostBy: "connection-lost" as const, held: true as const } : {}),
        attempt,
        ...(resend ? { resend: true } : {}),
        ...(reasonCode !== undefined && type !== "CONNECT" ? { reasonCode } : {}),
        ...keptProperties(packet),
      };
      state.track(type, fromClient, packet, !waiting && applied === undefined);
      if (waiting) {
        recorder.packet(event);
        return;
      }
      if (applied !== undefined) {
        if (fault !== undefined) state.used.add(fault);
        const index = recorder.packet(event, applied);
        if (mode === "hold") {
          hold = new Hold(index, fromClient);
          holds.add(hold);
        } else end(index);
        return;
      }
      const index = recorder.packet(event);
      target.write(frame);
      // A session not present: the broker dropped what it had in flight for this client.
      if (type === "CONNACK" && packet.sessionPresent !== true) state.brokerFlows.clear();
      if (type === "CONNACK" && state.awaitingReconnect) {
        state.awaitingReconnect = false;
        recorder.reconnected(hop, packet.sessionPresent === true, index);
      }
    };

    const pipe = (source: net.Socket, target: net.Socket, fromClient: boolean) => {
      const framer = new Framer();
      const side: Party = fromClient ? client : "broker";
      source.on("data", (chunk: Buffer) => {
        try {
          for (const frame of framer.push(chunk)) handle(frame, fromClient, target);
        } catch {
          end(); // a malformed packet ends the connection, as a broker would [MQTT-4.8.0-1]
        }
      });
      source.on("close", () => end(undefined, side));
      source.on("error", () => end(undefined, side));
    };
    const cutHere = () => end();
    cutters.add(cutHere);
    pipe(downstream, up, true);
    pipe(up, downstream, false);
    up.once("close", () => sockets.delete(up));
  };

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, LOOPBACK, resolve); // loopback only
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;

  return {
    port,
    unusedFaults: () => faults.filter((f) => !state.used.has(f)),
    recovering: () => holds.size > 0 || state.awaitingReconnect,
    flowsOpen: () => state.brokerFlows.size > 0,
    cutNow() {
      for (const cut of [...cutters]) cut();
    },
    async close() {
      closing = true;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
