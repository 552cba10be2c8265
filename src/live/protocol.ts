/**
 * The live lab's WebSocket protocol between the app (Live view) and the lab server (`npm run lab`).
 * One JSON object per WebSocket message. The server validates every message it receives with
 * `parseClientMessage` (another program may send anything); the app reads the server's messages
 * with `parseServerMessage`, which checks the envelope and trusts the payload's shape.
 *
 * How the page finds the server: the lab server serves the app itself and writes
 * `<meta name="mqtt-qos-lab-live" content='{"ws":"/live","token":"…"}'>` into index.html. The
 * static build has no such tag: the Live view then says that Live needs `npm run lab`. The
 * WebSocket URL is `ws://<same host:port><ws>?token=<token>`; the server refuses an upgrade whose
 * Origin is not its own, whose Host is not its own (DNS rebinding), or whose token is wrong. Pure.
 */
import * as v from "valibot";
import type { Fault, MessageOutcome, Party } from "../sim/types.ts";
import type { RealTrace, RealTraceEvent } from "./realTrace.ts";

export const LIVE_PROTOCOL_VERSION = 1;
export const LIVE_META_NAME = "mqtt-qos-lab-live";
export const LIVE_CLIENTS = ["own", "mqttjs"] as const;
export type LiveClient = (typeof LIVE_CLIENTS)[number];
/** How a fault of the plan is applied to the real connection (see lab/README.md). */
export const FAULT_MODES = ["cut", "hold"] as const;
export type FaultMode = (typeof FAULT_MODES)[number];
/** Longest run a request may ask for; the server may bound it lower. */
export const MAX_RUN_MS = 120_000;
export const MAX_LOSS_RATE = 0.5;

/** Where the page finds the lab server (the meta tag's content). */
export const LiveEndpointSchema = v.object({
  ws: v.pipe(v.string(), v.startsWith("/")),
  token: v.pipe(v.string(), v.minLength(16)),
});
export type LiveEndpoint = v.InferOutput<typeof LiveEndpointSchema>;

/** What one run asks for. The scenario is checked by the server with the scenario parser. */
export const LiveRequestSchema = v.strictObject({
  scenario: v.unknown(),
  /** "aedes" | "mosquitto" | mqtt://, mqtts://, ws://, wss:// URL (src/live/brokerUrl.ts). */
  broker: v.pipe(v.string(), v.maxLength(2000)),
  client: v.optional(v.picklist(LIVE_CLIENTS), "own"),
  /** cut (default): the named packet resets its connection; hold: it stalls it until keep-alive ends it. */
  faultMode: v.optional(v.picklist(FAULT_MODES), "cut"),
  /** Seeded random loss on top of the scenario's faults, with the same connection-break semantics. */
  loss: v.optional(
    v.strictObject({
      rate: v.pipe(v.number(), v.minValue(0), v.maxValue(MAX_LOSS_RATE)),
      seed: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 32 - 1)),
    }),
  ),
  /** From the page's prompt; used for this run only, never stored, logged or echoed. */
  credentials: v.optional(
    v.strictObject({
      username: v.pipe(v.string(), v.maxLength(1000)),
      password: v.optional(v.pipe(v.string(), v.maxLength(1000))),
    }),
  ),
  /** TLS for mqtts:// and wss://: accept a certificate no known CA signed (a test broker). */
  tlsInsecure: v.optional(v.boolean(), false),
  timeoutMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1000), v.maxValue(MAX_RUN_MS))),
});
export type LiveRequest = v.InferOutput<typeof LiveRequestSchema>;

const RunId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/));

export const ClientMessageSchema = v.variant("type", [
  v.strictObject({ type: v.literal("run"), id: RunId, request: LiveRequestSchema }),
  v.strictObject({ type: v.literal("cancel"), id: RunId }),
]);
export type ClientMessage = v.InferOutput<typeof ClientMessageSchema>;

export interface BrokerChoice {
  /** What goes into `request.broker`: "aedes", "mosquitto". */
  id: string;
  label: string;
  available: boolean;
  /** Why not available ("mosquitto is not installed: apt-get install mosquitto"). */
  reason?: string;
  protocols: ("3.1.1" | "5.0")[];
}

/** A run's result: lab/types.ts's LiveRun as it travels (the real trace is a RealTrace). */
export interface LiveResult {
  trace: RealTrace & {
    unusedFaults: Fault[];
    deliveriesSeenAt: Party[];
    outcome: { messages: MessageOutcome[]; packets: number; bytes: number; durationMs: number };
  };
  /**
   * Each cut or hold the relay applied: the fault (random ones included) and its event index; for a
   * hold, who closed the half-open connection (`endedBy`: the client, or the broker's keep-alive).
   */
  cuts: { fault: Fault; event: number; endedBy?: Party }[];
  durationMs: number;
  broker: { name: string; url: string };
  timedOut: boolean;
}

export type ServerMessage =
  | {
      type: "hello";
      version: number;
      brokers: BrokerChoice[];
      clients: LiveClient[];
      limits: { maxRuns: number; runTimeoutMs: number };
      /** MQTT_USERNAME is set in the server's environment (the page need not prompt). */
      credentialsFromEnv: boolean;
    }
  | { type: "started"; id: string; broker: { name: string; url: string } }
  | { type: "event"; id: string; event: RealTraceEvent }
  | { type: "done"; id: string; result: LiveResult }
  | { type: "cancelled"; id: string }
  /** `field` names the request field at fault ("request.broker", "request.scenario.faults[0]"). */
  | { type: "failed"; id?: string; field?: string; message: string };

const SERVER_TYPES = ["hello", "started", "event", "done", "cancelled", "failed"] as const;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

function parseJson(text: string): Parsed<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, message: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** A message from the app, checked field by field; the refusal names the first bad field. */
export function parseClientMessage(text: string): Parsed<ClientMessage> {
  const json = parseJson(text);
  if (!json.ok) return json;
  const result = v.safeParse(ClientMessageSchema, json.value);
  if (result.success) return { ok: true, value: result.output };
  const issue = result.issues[0];
  const path = issue.path?.map((p) => String(p.key)).join(".") ?? "";
  return { ok: false, message: `${path === "" ? "message" : path}: ${issue.message}` };
}

/** A message from the lab server: the envelope is checked, the payload is the server's own. */
export function parseServerMessage(text: string): Parsed<ServerMessage> {
  const json = parseJson(text);
  if (!json.ok) return json;
  const value = json.value;
  if (
    typeof value !== "object" ||
    value === null ||
    !(SERVER_TYPES as readonly unknown[]).includes((value as { type?: unknown }).type)
  )
    return { ok: false, message: `type: expected one of ${SERVER_TYPES.join(", ")}` };
  return { ok: true, value: value as ServerMessage };
}
