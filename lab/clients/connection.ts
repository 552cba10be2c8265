/**
 * One MQTT client connection of this project's own client: CONNECT with the scenario's session,
 * and after a connection loss, a new connection after `reconnectDelayMs` (the scenario's
 * "on-reconnect" mode). Packets are encoded by the same code as the model (src/protocol/wire.ts),
 * so a real packet and the model's have the same bytes where they mean the same thing.
 */
import net from "node:net";
import mqtt, { type Packet } from "mqtt-packet";
import { encode, type WirePacket } from "../../src/protocol/wire.ts";
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
}

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
}

export abstract class Connection {
  protected readonly options: ConnectionOptions;
  private socket: net.Socket | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Between CONNACK and the connection's end. */
  connected = false;
  private failWith: ((error: Error) => void) | undefined;
  /** Rejects when the broker refuses the connection (CONNACK with a non-zero code); never resolves. */
  readonly failure: Promise<never>;

  constructor(options: ConnectionOptions) {
    this.options = options;
    this.failure = new Promise<never>((_, reject) => (this.failWith = reject));
    this.failure.catch(() => undefined); // read by whoever waits on it; never unhandled
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  private connect(): void {
    const { host, port, protocol } = this.options;
    const socket = net.connect({ host, port });
    this.socket = socket;
    const parser = mqtt.parser({ protocolVersion: protocol === "5.0" ? 5 : 4 });
    parser.on("packet", (packet: Received) => {
      if (this.socket !== socket) return;
      if (packet.cmd === "connack") {
        const code = packet.reasonCode ?? packet.returnCode ?? 0;
        if (code !== 0) {
          // A refused CONNECT is final: reconnecting would be refused again.
          this.stopped = true;
          socket.destroy();
          this.failWith?.(new Error(refusal(this.options.clientId, protocol, code)));
          return;
        }
        this.connected = true;
        this.onConnack(packet.sessionPresent === true && this.options.persistent);
      } else this.onPacket(packet);
    });
    parser.on("error", () => socket.destroy());
    socket.on("data", (chunk: Buffer) => parser.parse(chunk));
    socket.on("connect", () => {
      const { clientId, persistent, credentials } = this.options;
      const connect = { packet: "CONNECT" as const, clientId, clean: !persistent };
      if (credentials === undefined) this.send(connect);
      else this.sendRaw(withCredentials(encode({ ...connect, protocol }).bytes, protocol, credentials));
    });
    socket.on("error", () => socket.destroy());
    socket.on("close", () => {
      if (this.socket !== socket) return;
      this.connected = false;
      this.socket = undefined;
      // The client notices the loss and reconnects after a pause (scenario-format.md, on-reconnect).
      if (!this.stopped) this.timer = setTimeout(() => this.connect(), this.options.reconnectDelayMs);
    });
  }

  /** Sends a QoS-flow packet, encoded as the model encodes it. */
  protected send(packet: Omit<WirePacket, "protocol">): void {
    this.socket?.write(encode({ ...packet, protocol: this.options.protocol }).bytes);
  }

  /** Sends any other packet (SUBSCRIBE, DISCONNECT). */
  protected sendRaw(packet: Packet): void {
    this.socket?.write(mqtt.generate(packet, { protocolVersion: this.options.protocol === "5.0" ? 5 : 4 }));
  }

  /** CONNACK arrived; `sessionPresent` is true only when this client asked for a kept session. */
  protected abstract onConnack(sessionPresent: boolean): void;
  protected abstract onPacket(packet: Received): void;

  /** Ends for good: DISCONNECT when connected, no reconnect, every socket closed. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
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

  constructor(options: Omit<ConnectionOptions, "persistent">) {
    super({ ...options, persistent: false });
  }

  protected onConnack(): void {
    this.resolveConnack?.();
  }

  protected onPacket(): void {}
}
