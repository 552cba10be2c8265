/**
 * The scenario in the URL, readable enough to edit by hand. Parameters are the public format's
 * field names (shared/docs/scenario-format.md), dotted for nested fields:
 *
 *   ?publishQos=2&subscriber.qos=1&session=clean&faults=PUBREC,broker-subscriber/PUBACK/1/2&t=520
 *
 * `faults` is a comma-separated list of `[hop/]PACKET[/message[/attempt]]`; `messages` is a count
 * of default messages or a JSON array; `t` is the playback position and `view` the open view.
 * A bad parameter never stops the page: it is reported by name and its default stands in. Pure.
 */
import { formatProblem, parseScenario } from "../sim/scenario.ts";
import { HOPS, type Fault, type Scenario } from "../sim/types.ts";

export interface UrlState {
  /** The scenario as written in the URL, before defaults (what the JSON editor shows). */
  raw: Record<string, unknown>;
  /** Playback position in simulated ms, when given. */
  t?: number;
  view?: string;
  /** One line per bad parameter, naming it and what was expected. */
  notices: string[];
}

const SIMPLE: Record<string, readonly string[]> = {
  protocol: ["protocol"],
  retransmit: ["retransmit"],
  session: ["session"],
  "session.publisher": ["session", "publisher"],
  "session.subscriber": ["session", "subscriber"],
  publishQos: ["publishQos"],
  "subscriber.qos": ["subscriber", "qos"],
  "qos2Delivery.broker": ["qos2Delivery", "broker"],
  "qos2Delivery.subscriber": ["qos2Delivery", "subscriber"],
  dedupe: ["dedupe"],
  "timing.latencyMs": ["timing", "latencyMs"],
  "timing.timeoutMs": ["timing", "timeoutMs"],
  "timing.reconnectDelayMs": ["timing", "reconnectDelayMs"],
  "timing.publishIntervalMs": ["timing", "publishIntervalMs"],
};
const NUMERIC = new Set(["publishQos", "subscriber.qos", "timing.latencyMs", "timing.timeoutMs"]);
const NUMERIC_TOO = new Set(["timing.reconnectDelayMs", "timing.publishIntervalMs"]);
const KNOWN = new Set([...Object.keys(SIMPLE), "messages", "faults", "t", "view", "scenario"]);

/** A URL value as the JSON value it most plausibly means ("2" → 2, "true" → true). */
function valueOf(key: string, text: string): unknown {
  if ((NUMERIC.has(key) || NUMERIC_TOO.has(key)) && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (key === "dedupe" && (text === "true" || text === "1")) return true;
  if (key === "dedupe" && (text === "false" || text === "0")) return false;
  return text;
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== "object" || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = value;
}

/** `[hop/]PACKET[/message[/attempt]]` → a fault object (validated later with the scenario). */
export function parseFault(text: string): Record<string, unknown> {
  const parts = text.split("/");
  const fault: Record<string, unknown> = {};
  if (HOPS.includes(parts[0] as never)) fault.hop = parts.shift();
  fault.packet = parts.shift() ?? "";
  const num = (s: string | undefined) => (s !== undefined && /^\d+$/.test(s) ? Number(s) : s);
  if (parts.length > 0) fault.message = num(parts.shift());
  if (parts.length > 0) fault.attempt = num(parts.shift());
  return fault;
}

export function formatFault(f: Fault): string {
  const hop = f.hop === "publisher-broker" ? "" : `${f.hop}/`;
  const tail = f.attempt !== 1 ? `/${f.message}/${f.attempt}` : f.message !== 1 ? `/${f.message}` : "";
  return `${hop}${f.packet}${tail}`;
}

function parseMessages(text: string): unknown {
  if (/^\d+$/.test(text)) return Array.from({ length: Math.min(Number(text), 1000) }, () => ({}));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Which URL parameter a problem's field path came from. */
function paramOf(path: string): string {
  if (path.startsWith("faults")) return "faults";
  if (path.startsWith("messages")) return "messages";
  const dotted = path.replace(/\[\d+\]/g, "");
  for (const [param, fieldPath] of Object.entries(SIMPLE)) {
    if (fieldPath.join(".") === dotted) return param;
  }
  const top = dotted.split(".")[0] ?? "";
  return KNOWN.has(top) ? top : dotted;
}

/** Reads the URL's search part. Never throws; bad parameters become notices. */
export function readUrl(search: string): UrlState {
  const params = new URLSearchParams(search);
  const notices: string[] = [];
  const values = new Map<string, string>();
  for (const [key, value] of params) {
    if (!KNOWN.has(key)) notices.push(`${key}: unknown parameter; expected one of ${[...KNOWN].join(", ")}`);
    else values.set(key, value);
  }
  const state: UrlState = { raw: {}, notices };
  const t = values.get("t");
  if (t !== undefined) {
    if (/^\d+(\.\d+)?$/.test(t)) state.t = Number(t);
    else notices.push(`t: expected a playback position in ms (a number ≥ 0); got "${t}"`);
    values.delete("t");
  }
  const view = values.get("view");
  if (view !== undefined) state.view = view;
  values.delete("view");
  if (values.size === 0) return state;

  const build = (skip: Set<string>): Record<string, unknown> => {
    let raw: Record<string, unknown> = {};
    const scenarioJson = values.get("scenario");
    if (scenarioJson !== undefined && !skip.has("scenario")) {
      try {
        const parsed = JSON.parse(scenarioJson) as unknown;
        if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) raw = { ...parsed };
        else skip.add("scenario");
      } catch {
        skip.add("scenario");
      }
    }
    for (const [key, value] of values) {
      if (skip.has(key) || key === "scenario") continue;
      if (key === "faults") raw.faults = value === "" ? [] : value.split(",").map(parseFault);
      else if (key === "messages") raw.messages = parseMessages(value);
      else setPath(raw, SIMPLE[key] as readonly string[], valueOf(key, value));
    }
    if (raw.publishQos === undefined) raw.publishQos = 1;
    return raw;
  };

  // Drop each parameter the core refuses, so that its default stands in, and say why.
  const skip = new Set<string>();
  for (let round = 0; round < 5; round++) {
    const raw = build(skip);
    const parsed = parseScenario(raw);
    if (parsed.ok) {
      if (skip.has("scenario") && !notices.some((n) => n.startsWith("scenario:"))) {
        notices.push("scenario: expected a JSON object in the scenario format");
      }
      state.raw = raw;
      return state;
    }
    for (const problem of parsed.problems) {
      const param = paramOf(problem.path);
      if (!skip.has(param)) notices.push(`${param}: ${formatProblem(problem).replace(/^[^:]+: /, "")}`);
      skip.add(param);
    }
  }
  state.raw = { publishQos: 1 };
  return state;
}

/** The search part for a scenario (defaults left out, so links stay short), position optional. */
export function writeUrl(scenario: Scenario, extra: { t?: number; view?: string } = {}): string {
  const p = new URLSearchParams();
  if (scenario.protocol !== "5.0") p.set("protocol", scenario.protocol);
  if (scenario.retransmit !== "on-reconnect") p.set("retransmit", scenario.retransmit);
  const { publisher, subscriber } = scenario.session;
  if (publisher === subscriber) {
    if (publisher !== "persistent") p.set("session", publisher);
  } else {
    p.set("session.publisher", publisher);
    p.set("session.subscriber", subscriber);
  }
  p.set("publishQos", String(scenario.publishQos));
  if (scenario.subscriber) p.set("subscriber.qos", String(scenario.subscriber.qos));
  if (scenario.qos2Delivery.broker !== "on-pubrel")
    p.set("qos2Delivery.broker", scenario.qos2Delivery.broker);
  if (scenario.qos2Delivery.subscriber !== "on-pubrel") {
    p.set("qos2Delivery.subscriber", scenario.qos2Delivery.subscriber);
  }
  if (scenario.dedupe) p.set("dedupe", "true");
  const defaultMessages = scenario.messages.every(
    (m) => m.topic === "plant/line1/batch" && m.payload === "Batch #101 completed" && !m.retain,
  );
  if (!defaultMessages) p.set("messages", JSON.stringify(scenario.messages));
  else if (scenario.messages.length > 1) p.set("messages", String(scenario.messages.length));
  const defaults = { latencyMs: 40, timeoutMs: 500, reconnectDelayMs: 300, publishIntervalMs: 1000 } as const;
  for (const key of Object.keys(defaults) as (keyof typeof defaults)[]) {
    if (scenario.timing[key] !== defaults[key]) p.set(`timing.${key}`, String(scenario.timing[key]));
  }
  if (scenario.faults.length > 0) p.set("faults", scenario.faults.map(formatFault).join(","));
  if (extra.view && extra.view !== "diagram") p.set("view", extra.view);
  if (extra.t !== undefined) p.set("t", String(Math.round(extra.t)));
  // Keep the commas, slashes and dots of the readable syntax readable.
  return "?" + p.toString().replace(/%2C/g, ",").replace(/%2F/g, "/");
}
