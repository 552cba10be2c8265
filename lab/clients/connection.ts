/**
 * One MQTT client connection of this project's own client: CONNECT with the scenario's session,
 * and after a connection loss, a new connection after `reconnectDelayMs` (the scenario's
 * "on-reconnect" mode). Packets are encoded by the same code as the model (src/protocol/wire.ts),
 * so a real packet and the model's have the same bytes where they mean the same thing.
 */
import net from "node:net";
import mqtt, { type Packet } from "mqtt-packet";
import { encode, type WirePacket, type WireProperties, type WireWill } from "../../src/protocol/wire.ts";
import type { Protocol } from "../../src/sim/types.ts";
import type { Credentials } from "../transport/credentials.ts";

export interface ConnectionOptions {
  host: string;
  port: number;
  protocol: Protocol;
  clientId: string;
  /** Keep the session across connections (3.1.1 CleanSession=0; 5.0 Clean Start=0 + expiry). */
  persistent: boolean;
  reconnectDelayMs: number;
  /** User name and password for CONNECT (never recorded: the relay masks them). */
  credentials?: Credentials;
  /** Keep Alive the CONNECT declares, in seconds (default 60, the model's); 0 turns it off. */
  keepaliveSeconds?: number;
  /** 5.0 CONNECT properties beyond the persistent session's expiry (Receive Maximum, Session Expiry). */
  connectProperties?: WireProperties;
  /** The will message the CONNECT carries. */
  will?: WireWill;
}

/** The model's Keep Alive (src/protocol/wire.ts): the CONNECT's bytes are the model's by default. */
export const DEFAULT_KEEPALIVE_S = 60;

/** A received packet, as mqtt-packet parses it (the fields this client reads). */
export interface Received {
  cmd: string;
  messageId?: number;
  qos?: number;
  dup?: boolean;
  topic?: string;
  payload?: Buffer | string;
  sessionPresent?: boolean;
  reasonCode?: number;
  returnCode?: number;
  properties?: Record<string, unknown>;
}

/**
 * The CONNECT's bytes with another Keep Alive. It sits right after the protocol name (00 04 M Q T T),
 * the level and the flags in both 3.1.1 and 5.0 (§3.1.2.10), so everything else stays the model's.
 */
export function withKeepalive(connect: Uint8Array, seconds: number): Uint8Array {
  let header = 1;
  while (((connect[header] as number) & 0x80) !== 0) header++; // Remaining Length bytes
  const at = header + 1 + 8;
  const out = connect.slice();
  out[at] = (seconds >> 8) & 0xff;
  out[at + 1] = seconds & 0xff;
  return out;
}

export abstract class Connection {
  protected readonly options: ConnectionOptions;
  private socket: net.Socket | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Keep-alive: when to send the next PINGREQ, or to give up on a CONNACK or PINGRESP. */
  private pingTimer: NodeJS.Timeout | undefined;
  private awaitTimer: NodeJS.Timeout | undefined;
  private keepaliveMs: number;
  private stopped = false;
  /** Offline on purpose (a scenario's offline period): no reconnect until `comeBack`. */
  private away = false;
  /** Between CONNACK and the connection's end. */
  connected = false;
  /** 5.0: the server's Receive Maximum from the last CONNACK (65535 when it sent none) [MQTT-3.2.2-…]. */
  protected serverReceiveMaximum = 65_535;
  private failWith: ((error: Error) => void) | undefined;
  /** Rejects when the broker refuses the connection (CONNACK with a non-zero code); never resolves. */
  readonly failure: Promise<never>;

  constructor(options: ConnectionOptions) {
    this.options = options;
    this.keepaliveMs = (options.keepaliveSeconds ?? DEFAULT_KEEPALIVE_S) * 1000;
    this.failure = new Promise<never>((_, reject) => (this.failWith = reject));
    this.failure.catch(() => undefined); // read by whoever waits on it; never unhandled
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  /** Counts connections: something scheduled on one is not sent on the next. */
  protected generation = 0;

  private connect(): void {
    const { host, port, protocol } = this.options;
    const socket = net.connect({ host, port });
    this.socket = socket;
    this.generation++;
    this.keepaliveMs = (this.options.keepaliveSeconds ?? DEFAULT_KEEPALIVE_S) * 1000;
    const parser = mqtt.parser({ protocolVersion: protocol === "5.0" ? 5 : 4 });
    parser.on("packet", (packet: Received) => {
      if (this.socket !== socket) return;
      if (packet.cmd === "pingresp") {
        this.clearAwait();
        return;
      }
      if (packet.cmd === "connack") {
        this.clearAwait();
        const code = packet.reasonCode ?? packet.returnCode ?? 0;
        if (code !== 0) {
          // A refused CONNECT is final: reconnecting would be refused again.
          this.stopped = true;
          socket.destroy();
          this.failWith?.(new Error(refusal(this.options.clientId, protocol, code)));
          return;
        }
        this.connected = true;
        // 5.0: a Server Keep Alive replaces the one the client asked for [MQTT-3.1.2-21].
        const serverKeepAlive = packet.properties?.serverKeepAlive;
        if (typeof serverKeepAlive === "number") this.keepaliveMs = serverKeepAlive * 1000;
        const receiveMaximum = packet.properties?.receiveMaximum;
        this.serverReceiveMaximum = typeof receiveMaximum === "number" ? receiveMaximum : 65_535;
        this.armPing();
        this.onConnack(packet.sessionPresent === true && this.options.persistent);
      } else this.onPacket(packet);
    });
    parser.on("error", () => socket.destroy());
    socket.on("data", (chunk: Buffer) => parser.parse(chunk));
    socket.on("connect", () => {
      const { clientId, persistent, credentials, connectProperties, will } = this.options;
      const { bytes } = encode({
        packet: "CONNECT",
        protocol,
        clientId,
        clean: !persistent,
        ...(connectProperties !== undefined ? { properties: connectProperties } : {}),
        ...(will !== undefined ? { will } : {}),
      });
      const connect = withKeepalive(bytes, this.options.keepaliveSeconds ?? DEFAULT_KEEPALIVE_S);
      if (credentials === undefined) socket.write(connect);
      else
        socket.write(
          mqtt.generate(withCredentials(connect, protocol, credentials), {
            protocolVersion: protocol === "5.0" ? 5 : 4,
          }),
        );
      this.awaitAnswer(socket);
    });
    socket.on("error", () => socket.destroy());
    socket.on("close", () => {
      if (this.socket !== socket) return;
      clearTimeout(this.pingTimer);
      this.clearAwait();
      this.connected = false;
      this.socket = undefined;
      // The client notices the loss and reconnects after a pause (scenario-format.md, on-reconnect).
      if (!this.stopped && !this.away)
        this.timer = setTimeout(() => this.connect(), this.options.reconnectDelayMs);
    });
  }

  /**
   * Leaves for an offline period or for good: with `reasonCode`, a DISCONNECT (5.0 carries the
   * code, e.g. 0x04 "disconnect with will message"), then the socket closes; without, `cut` breaks
   * the connection from outside (the relay cuts both directions). No reconnect until `comeBack`.
   */
  leave(how: { disconnect: true; reasonCode?: number } | { disconnect: false; cut: () => void }): void {
    this.away = true;
    clearTimeout(this.timer);
    clearTimeout(this.pingTimer);
    this.clearAwait();
    const socket = this.socket;
    if (!how.disconnect) {
      how.cut();
      return;
    }
    if (socket === undefined || socket.destroyed) return;
    const v5 = this.options.protocol === "5.0";
    socket.write(
      mqtt.generate(v5 ? { cmd: "disconnect", reasonCode: how.reasonCode ?? 0 } : { cmd: "disconnect" }, {
        protocolVersion: v5 ? 5 : 4,
      }),
    );
    this.connected = false;
    socket.end();
    setTimeout(() => socket.destroy(), 500).unref();
  }

  /** Back from an offline period: connects again with the same options (its session kind). */
  comeBack(): void {
    if (this.stopped) return;
    this.away = false;
    clearTimeout(this.timer);
    if (this.socket === undefined) this.connect();
  }

  /** Sends a QoS-flow packet, encoded as the model encodes it. */
  protected send(packet: Omit<WirePacket, "protocol">): void {
    this.socket?.write(encode({ ...packet, protocol: this.options.protocol }).bytes);
    this.armPing();
  }

  /** Sends any other packet (SUBSCRIBE, DISCONNECT). */
  protected sendRaw(packet: Packet): void {
    this.socket?.write(mqtt.generate(packet, { protocolVersion: this.options.protocol === "5.0" ? 5 : 4 }));
    this.armPing();
  }

  /**
   * Keep-alive: no more than Keep Alive between two packets the client sends [MQTT-3.1.2-23], so a
   * PINGREQ when the client had nothing else to send; each packet sent restarts the wait.
   */
  private armPing(): void {
    clearTimeout(this.pingTimer);
    const socket = this.socket;
    if (this.keepaliveMs === 0 || socket === undefined || !this.connected) return;
    this.pingTimer = setTimeout(() => {
      if (this.socket !== socket || !this.connected) return;
      socket.write(mqtt.generate({ cmd: "pingreq" }));
      this.awaitAnswer(socket);
      this.armPing();
    }, this.keepaliveMs);
  }

  private clearAwait(): void {
    clearTimeout(this.awaitTimer);
    this.awaitTimer = undefined;
  }

  /**
   * A CONNACK or PINGRESP that does not come within Keep Alive means the connection is dead (a
   * half-open one, say): the client closes it (3.1.1 §3.1.2.10, 5.0 §3.1.2.10) and reconnects.
   */
  private awaitAnswer(socket: net.Socket): void {
    if (this.keepaliveMs === 0 || this.awaitTimer !== undefined) return;
    this.awaitTimer = setTimeout(() => {
      this.awaitTimer = undefined;
      if (this.socket === socket) socket.destroy();
    }, this.keepaliveMs);
  }

  /** CONNACK arrived; `sessionPresent` is true only when this client asked for a kept session. */
  protected abstract onConnack(sessionPresent: boolean): void;
  protected abstract onPacket(packet: Received): void;

  /** Ends for good: DISCONNECT when connected, no reconnect, every socket closed. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.away = false;
    clearTimeout(this.timer);
    clearTimeout(this.pingTimer);
    this.clearAwait();
    const socket = this.socket;
    this.socket = undefined;
    this.connected = false;
    if (socket === undefined || socket.destroyed) return;
    if (socket.writable)
      socket.write(
        mqtt.generate({ cmd: "disconnect" }, { protocolVersion: this.options.protocol === "5.0" ? 5 : 4 }),
      );
    await new Promise<void>((resolve) => {
      socket.once("close", () => resolve());
      socket.end();
      setTimeout(() => socket.destroy(), 500).unref();
    });
  }
}

/** The model's CONNECT (src/protocol/wire.ts) with a user name and password added. */
function withCredentials(modelConnect: Uint8Array, protocol: Protocol, credentials: Credentials): Packet {
  const parser = mqtt.parser({ protocolVersion: protocol === "5.0" ? 5 : 4 });
  let connect: Packet | undefined;
  parser.on("packet", (packet: Packet) => (connect = packet));
  parser.parse(Buffer.from(modelConnect));
  if (connect?.cmd !== "connect") throw new Error("the model's CONNECT did not parse back");
  const { username, password } = credentials;
  return { ...connect, username, ...(password !== undefined ? { password: Buffer.from(password) } : {}) };
}

/** What a CONNACK's refusal code means: 3.1.1 return codes 1-5, 5.0 reason codes from 0x80. */
const REFUSALS: Record<number, string> = {
  0x01: "unacceptable protocol version",
  0x02: "identifier rejected",
  0x03: "server unavailable",
  0x04: "bad user name or password",
  0x05: "not authorized",
  0x80: "unspecified error",
  0x81: "malformed packet",
  0x82: "protocol error",
  0x83: "implementation specific error",
  0x84: "unsupported protocol version",
  0x85: "client identifier not valid",
  0x86: "bad user name or password",
  0x87: "not authorized",
  0x88: "server unavailable",
  0x89: "server busy",
  0x8a: "banned",
  0x8c: "bad authentication method",
};

/** "the broker refused publisher's MQTT 3.1.1 CONNECT (code 0x05): not authorized". */
export function refusal(clientId: string, protocol: Protocol, code: number): string {
  const meaning = REFUSALS[code];
  const hex = `0x${code.toString(16).padStart(2, "0")}`;
  return `the broker refused ${clientId}'s MQTT ${protocol} CONNECT (code ${hex})${meaning !== undefined ? `: ${meaning}` : ""}`;
}

/** The payload of a received PUBLISH as text. */
export function payloadText(payload: Buffer | string | undefined): string {
  return typeof payload === "string" ? payload : (payload?.toString("utf8") ?? "");
}

/**
 * Connects once with a clean session and does nothing else: on a broker the lab did not start,
 * this ends what an earlier run left in a client id's session, so each run starts the same.
 */
export class SessionReset extends Connection {
  private resolveConnack: (() => void) | undefined;
  readonly connacked: Promise<void> = new Promise((resolve) => (this.resolveConnack = resolve));

  /** `persistent`: opens a kept session instead (a scenario's "session that existed before"). */
  constructor(options: Omit<ConnectionOptions, "persistent"> & { persistent?: boolean }) {
    super({ ...options, persistent: options.persistent === true });
  }

  protected onConnack(): void {
    this.resolveConnack?.();
  }

  protected onPacket(): void {}
}
