/**
 * The scenario in a link's search part, in the format's own field names
 * (`?publishQos=2&subscriber.qos=1&faults=PUBREC`), so it can be edited by hand. The element's
 * attribute names are accepted too (vocabulary.ts). Reading validates once, here at the edge:
 * the page gets a parsed `Scenario`, never a text to parse again. Pure.
 */
import { formatProblem, parseScenario } from "../sim/scenario.ts";
import type { Scenario } from "../sim/types.ts";
import { formatFaults, parseFault, splitFaults } from "./faultText.ts";
import { HOPS_PROBLEM, LINK_ALIASES, LINK_ONLY_NAMES, linkNameOf } from "./vocabulary.ts";

export interface UrlState {
  /** The scenario the link names, validated; undefined when it names no scenario field. */
  scenario?: Scenario;
  /** Playback position in simulated ms, when given. */
  t?: number;
  view?: string;
  /** One line per bad parameter, naming it and what was expected. */
  notices: string[];
}

/** Link names of scenario fields and the field each sets. */
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
const NUMERIC = new Set([
  "publishQos",
  "subscriber.qos",
  "timing.latencyMs",
  "timing.timeoutMs",
  "timing.reconnectDelayMs",
  "timing.publishIntervalMs",
]);
/** The link's own names; the element's names (LINK_ALIASES) are read as these. */
const KNOWN = new Set([
  ...Object.keys(SIMPLE),
  ...LINK_ONLY_NAMES,
  "messages",
  "faults",
  "t",
  "view",
  "scenario",
]);

/**
 * A link value as the JSON value it most plausibly means ("2" → 2, "true" → true). A bare
 * `dedupe` (as the element's boolean attribute is written) is true.
 */
export function linkValue(key: string, text: string): unknown {
  if (NUMERIC.has(key) && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (key === "dedupe" && (text === "true" || text === "1" || text === "")) return true;
  if (key === "dedupe" && (text === "false" || text === "0")) return false;
  return text;
}

/** Sets a field by its link name (`timing.latencyMs`), making the objects on the way. */
export function setField(target: Record<string, unknown>, name: string, value: unknown): void {
  const path = SIMPLE[name];
  if (!path) throw new Error(`setField: ${name} is not a scenario field's link name`);
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== "object" || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = value;
}

function parseMessages(text: string): unknown {
  if (/^\d+$/.test(text)) return Array.from({ length: Math.min(Number(text), 1000) }, () => ({}));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Which parameter a problem's field path came from: the parameter that sets that field, else the
 * `scenario` JSON. A subscription made by `hops=2` copies the publish QoS, so it shares its blame.
 */
function paramOf(path: string, given: ReadonlyMap<string, string>): string {
  const from = (param: string) => (given.has(param) ? param : "scenario");
  if (path.startsWith("faults")) return from("faults");
  if (path.startsWith("messages")) return from("messages");
  const dotted = path.replace(/\[\d+\]/g, "");
  if (dotted.startsWith("qos2Delivery") && !given.has(dotted) && given.has("qos2-delivery")) {
    return "qos2-delivery";
  }
  if (dotted.startsWith("subscriber") && !given.has("subscriber.qos") && !given.has("scenario")) {
    return from("publishQos");
  }
  for (const [param, fieldPath] of Object.entries(SIMPLE)) {
    if (fieldPath.join(".") === dotted) return from(param);
  }
  const top = dotted.split(".")[0] ?? "";
  return KNOWN.has(top) ? from(top) : given.has("scenario") ? "scenario" : dotted;
}

/** Builds the scenario input from the parameters, leaving out those in `skip`. */
function build(values: ReadonlyMap<string, string>, skip: Set<string>): Record<string, unknown> {
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
  // Both hops at once first, so that a hop's own parameter overrides it.
  const delivery = values.get("qos2-delivery");
  if (delivery !== undefined && !skip.has("qos2-delivery")) {
    setField(raw, "qos2Delivery.broker", delivery);
    setField(raw, "qos2Delivery.subscriber", delivery);
  }
  for (const [key, value] of values) {
    if (skip.has(key) || key === "scenario" || LINK_ONLY_NAMES.includes(key)) continue;
    if (key === "faults") raw.faults = splitFaults(value).map(parseFault);
    else if (key === "messages") raw.messages = parseMessages(value);
    else setField(raw, key, linkValue(key, value));
  }
  if (raw.publishQos === undefined) raw.publishQos = 1;
  const hops = values.get("hops");
  if (hops === "1" && !skip.has("hops")) delete raw.subscriber;
  // hops=2 alone keeps a subscription the scenario JSON has, else grants the publish QoS.
  else if (hops === "2" && !skip.has("hops")) raw.subscriber ??= { qos: raw.publishQos };
  return raw;
}

/** Reads the URL's search part. Never throws; bad parameters become notices. */
export function readUrl(search: string): UrlState {
  const params = new URLSearchParams(search);
  const notices: string[] = [];
  const values = new Map<string, string>();
  const aliased = new Map<string, string>();
  for (const [written, value] of params) {
    const key = linkNameOf(written);
    if (!KNOWN.has(key)) {
      notices.push(
        `${written}: unknown parameter; expected one of ${[...KNOWN, ...LINK_ALIASES].join(", ")}`,
      );
    } else if (written !== key && values.has(key)) {
      notices.push(`${written}: ${key} says the same and is given too; ${key} is used`);
    } else {
      if (written === key && aliased.has(key)) {
        notices.push(`${aliased.get(key)}: ${key} says the same and is given too; ${key} is used`);
      }
      if (written !== key) aliased.set(key, written);
      values.set(key, value);
    }
  }
  const state: UrlState = { notices };
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

  const nameOf = (key: string) => aliased.get(key) ?? key;
  const skip = new Set<string>();
  const hops = values.get("hops");
  if (hops !== undefined && hops !== "1" && hops !== "2") {
    notices.push(`${nameOf("hops")}: ${HOPS_PROBLEM}; got "${hops}"`);
    skip.add("hops");
  }
  // Drop each parameter the core refuses, so that its default stands in, and say why. A valid
  // link is parsed once; a bad parameter costs one more parse (a default can clash with another).
  for (let round = 0; round < 5; round++) {
    const parsed = parseScenario(build(values, skip));
    if (parsed.ok) {
      if (skip.has("scenario") && !notices.some((n) => n.startsWith(`${nameOf("scenario")}:`))) {
        notices.push(`${nameOf("scenario")}: expected a JSON object in the scenario format`);
      }
      state.scenario = parsed.scenario;
      return state;
    }
    for (const problem of parsed.problems) {
      const param = paramOf(problem.path, values);
      if (!skip.has(param)) {
        notices.push(`${nameOf(param)}: ${formatProblem(problem).replace(/^[^:]+: /, "")}`);
      }
      skip.add(param);
    }
  }
  const fallback = parseScenario({ publishQos: 1 });
  if (fallback.ok) state.scenario = fallback.scenario;
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
  if (scenario.faults.length > 0) p.set("faults", formatFaults(scenario.faults));
  if (extra.view && extra.view !== "diagram") p.set("view", extra.view);
  if (extra.t !== undefined) p.set("t", String(Math.round(extra.t)));
  // Keep the commas, slashes and dots of the readable syntax readable.
  return "?" + p.toString().replace(/%2C/g, ",").replace(/%2F/g, "/");
}
