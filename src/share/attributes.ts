/**
 * The attributes of <mqtt-qos-handshake> → a scenario and display options, validated once, here
 * at the edge; every problem is told by the attribute's name. The links' names are accepted too
 * (`publishQos`, `faults`, `timing.latencyMs`, … see vocabulary.ts), with the links' values. Pure.
 */
import { formatProblem, parseScenario } from "../sim/scenario.ts";
import type { Problem, Scenario } from "../sim/types.ts";
import { parseFault, splitFaults } from "./faultText.ts";
import { linkValue, setField } from "./url.ts";
import { ATTRIBUTE_ALIASES, ATTRIBUTE_ONLY_LINK_NAMES, attributeNameOf, HOPS_PROBLEM } from "./vocabulary.ts";

export const ELEMENT_NAME = "mqtt-qos-handshake";

/** The element's own attribute names. */
const ELEMENT_ATTRIBUTES = [
  "scenario",
  "qos",
  "hops",
  "subscriber-qos",
  "session",
  "retransmit",
  "protocol",
  "drop",
  "messages",
  "qos2-delivery",
  "dedupe",
  "theme",
  "controls",
  "autoplay",
  "loop",
  "width",
  "step",
] as const;

/**
 * Every attribute the element reads: its own and the links' names. An HTML document lowercases
 * attribute names (getAttribute does too), so the element observes these lowercased.
 */
export const OBSERVED_ATTRIBUTES: readonly string[] = [
  ...ELEMENT_ATTRIBUTES,
  ...ATTRIBUTE_ALIASES,
  ...ATTRIBUTE_ONLY_LINK_NAMES,
];

export type ElementTheme = "light" | "dark" | "auto";
export type ElementControls = "none" | "playback" | "full";

export interface ElementOptions {
  scenario: Scenario;
  theme: ElementTheme;
  controls: ElementControls;
  autoplay: boolean;
  loop: boolean;
  width: number;
  /** Show the handshake as it stands at this step (1-based, steps of the trace as the embed's `steps` counts them). */
  step?: number;
}

export type ReadResult = { ok: true; options: ElementOptions } | { ok: false; problems: string[] };

export const DEFAULT_WIDTH = 640;
/** Enough for any diagram worth reading on a page; the app and the JSON go further. */
export const MAX_MESSAGES = 20;
export const MIN_WIDTH = 200;
export const MAX_WIDTH = 4000;

/** Reads an attribute by name; null when absent. */
export type AttributeReader = (name: string) => string | null;

function numberOrText(text: string): number | string {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : text;
}

/** A boolean attribute: present means on, unless written "false". */
function flag(value: string | null): boolean {
  return value !== null && value.trim().toLowerCase() !== "false";
}

function oneOf<T extends string>(
  name: string,
  value: string | null,
  allowed: readonly T[],
  fallback: T,
  problems: string[],
): T {
  if (value === null || value.trim() === "") return fallback;
  const v = value.trim() as T;
  if (allowed.includes(v)) return v;
  problems.push(`${name}: expected one of ${allowed.join(", ")}; got ${JSON.stringify(value)}`);
  return fallback;
}

/** A JSON array, or undefined when the text is not one. */
function jsonList(text: string): unknown[] | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Whether an attribute is there with something in it. */
function given(value: string | null): value is string {
  return value !== null && value.trim() !== "";
}

/** The `scenario` attribute: a JSON object in the public scenario format, or a problem. */
function scenarioBase(text: string | null, problems: string[]): Record<string, unknown> {
  if (!given(text)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    problems.push(`scenario: expected a JSON object in the scenario format; ${(error as Error).message}`);
    return {};
  }
  if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return { ...parsed };
  problems.push(`scenario: expected a JSON object in the scenario format; got ${JSON.stringify(text)}`);
  return {};
}

/**
 * Builds the scenario input and display options from attributes. Never throws. The `scenario`
 * attribute (JSON) is the base; every other scenario attribute that is present overrides its part.
 */
export function readAttributes(read: AttributeReader): ReadResult {
  const { get, nameOf } = withLinkNames(read);
  const problems: string[] = [];
  const raw = scenarioBase(get("scenario"), problems);
  const qos = get("qos");
  if (given(qos)) raw.publishQos = numberOrText(qos);
  else raw.publishQos ??= 1;

  const subscriberQos = get("subscriber-qos");
  const hopsText = get("hops");
  let subscriptionFromQos = false;
  if (given(hopsText) || given(subscriberQos)) {
    let hops = given(subscriberQos) ? 2 : 1;
    if (given(hopsText)) {
      if (hopsText.trim() === "1" || hopsText.trim() === "2") hops = Number(hopsText.trim());
      else problems.push(`hops: ${HOPS_PROBLEM}; got ${JSON.stringify(hopsText)}`);
    }
    if (hops === 1) delete raw.subscriber;
    else if (given(subscriberQos)) raw.subscriber = { qos: numberOrText(subscriberQos) };
    // hops="2" alone keeps a subscription the scenario JSON has, else grants the publish QoS.
    else if (raw.subscriber === undefined) {
      raw.subscriber = { qos: raw.publishQos };
      subscriptionFromQos = true;
    }
  }
  for (const name of ["session", "retransmit", "protocol"] as const) {
    const value = get(name);
    if (given(value)) raw[name] = value.trim();
  }
  const drop = get("drop");
  const dropped = drop === null ? [] : splitFaults(drop);
  if (drop !== null) raw.faults = dropped.map(parseFault);

  const messages = get("messages");
  const list = given(messages) && messages.trim().startsWith("[") ? jsonList(messages) : undefined;
  // A JSON array of messages, as links write them, is checked by the scenario parser.
  if (list !== undefined) raw.messages = list;
  else if (given(messages)) {
    const n = Number(messages.trim());
    if (Number.isInteger(n) && n >= 1 && n <= MAX_MESSAGES)
      raw.messages = Array.from({ length: n }, () => ({}));
    else
      problems.push(
        `messages: expected a whole number from 1 to ${MAX_MESSAGES}; got ${JSON.stringify(messages)}`,
      );
  }
  const delivery = get("qos2-delivery");
  if (given(delivery)) {
    const method = oneOf("qos2-delivery", delivery, ["on-pubrel", "on-publish"], "on-pubrel", problems);
    raw.qos2Delivery = { broker: method, subscriber: method };
  }
  if (get("dedupe") !== null) raw.dedupe = flag(get("dedupe"));
  // The links' own fields (per-client sessions, per-hop delivery, timing), with their values.
  for (const name of ATTRIBUTE_ONLY_LINK_NAMES) {
    const value = get(name);
    if (given(value)) setField(raw, name, linkValue(name, value.trim()));
  }

  const theme = oneOf<ElementTheme>("theme", get("theme"), ["light", "dark", "auto"], "auto", problems);
  const controls = oneOf<ElementControls>(
    "controls",
    get("controls"),
    ["none", "playback", "full"],
    "none",
    problems,
  );
  let width = DEFAULT_WIDTH;
  const widthText = get("width");
  if (widthText !== null && widthText.trim() !== "") {
    const w = Number(widthText.trim().replace(/px$/, ""));
    if (Number.isInteger(w) && w >= MIN_WIDTH && w <= MAX_WIDTH) width = w;
    else
      problems.push(
        `width: expected a whole number of pixels from ${MIN_WIDTH} to ${MAX_WIDTH}; got ${JSON.stringify(widthText)}`,
      );
  }

  let step: number | undefined;
  const stepText = get("step");
  if (given(stepText)) {
    const n = Number(stepText.trim());
    if (Number.isInteger(n) && n >= 1) step = n;
    else problems.push(`step: expected a whole number of steps, 1 or more; got ${JSON.stringify(stepText)}`);
  }

  const parsed = parseScenario(raw);
  if (!parsed.ok) {
    for (const problem of parsed.problems)
      problems.push(attributeProblem(problem, dropped, { get, nameOf }, subscriptionFromQos));
  }
  if (problems.length > 0 || !parsed.ok) return { ok: false, problems: [...new Set(problems)] };
  return {
    ok: true,
    options: {
      scenario: parsed.scenario,
      theme,
      controls,
      autoplay: flag(get("autoplay")),
      loop: flag(get("loop")),
      width,
      ...(step === undefined ? {} : { step }),
    },
  };
}

/** Attributes read under their own name or the links' name for them. */
interface Reader {
  get: AttributeReader;
  /** The name written on the element for one of its attributes (`publishQos` for `qos`). */
  nameOf(attribute: string): string;
}

/** The element's own name wins when both are written. */
function withLinkNames(read: AttributeReader): Reader {
  const aliasOf = new Map(ATTRIBUTE_ALIASES.map((link) => [attributeNameOf(link), link]));
  const written = (name: string): string => {
    const alias = aliasOf.get(name);
    return read(name) === null && alias !== undefined && read(alias) !== null ? alias : name;
  };
  return { get: (name) => read(written(name)), nameOf: written };
}

/** Which attributes set each part of the scenario, most specific first. */
const ATTRIBUTES_OF: readonly (readonly [RegExp, readonly string[]])[] = [
  [/^publishQos/, ["qos"]],
  [/^subscriber\.qos/, ["subscriber-qos"]],
  [/^subscriber/, ["hops"]],
  [/^session\.publisher/, ["session.publisher", "session"]],
  [/^session\.subscriber/, ["session.subscriber", "session"]],
  [/^session/, ["session"]],
  [/^retransmit/, ["retransmit"]],
  [/^protocol/, ["protocol"]],
  [/^faults/, ["drop"]],
  [/^messages/, ["messages"]],
  [/^qos2Delivery\.broker/, ["qos2Delivery.broker", "qos2-delivery"]],
  [/^qos2Delivery\.subscriber/, ["qos2Delivery.subscriber", "qos2-delivery"]],
  [/^qos2Delivery/, ["qos2-delivery"]],
  [/^dedupe/, ["dedupe"]],
  [/^timing\.latencyMs/, ["timing.latencyMs"]],
  [/^timing\.timeoutMs/, ["timing.timeoutMs"]],
  [/^timing\.reconnectDelayMs/, ["timing.reconnectDelayMs"]],
  [/^timing\.publishIntervalMs/, ["timing.publishIntervalMs"]],
];

/**
 * A scenario problem ("publishQos: expected …") told by the attribute it came from: the
 * attribute that set that part, else the `scenario` JSON, with the field's path.
 */
function attributeProblem(
  problem: Problem,
  dropped: readonly string[],
  reader: Reader,
  subscriptionFromQos: boolean,
): string {
  const { get, nameOf } = reader;
  const message = formatProblem(problem).replace(/^[^:]+: /, "");
  const { path } = problem;
  const candidates = ATTRIBUTES_OF.find(([pattern]) => pattern.test(path))?.[1] ?? [];
  if (candidates[0] === "drop" && get("drop") !== null) {
    const drop = nameOf("drop");
    const fault = /^faults\[(\d+)\]\.?(.*)$/.exec(path);
    if (!fault) return `${drop}: ${message}`;
    const written = dropped[Number(fault[1])] ?? "";
    return `${drop}: ${JSON.stringify(written)}${fault[2] ? ` (${fault[2]})` : ""}: ${message}`;
  }
  // A subscription that took the publish QoS has the same problem as it: told once.
  if (path === "subscriber.qos" && subscriptionFromQos) {
    return attributeProblem({ ...problem, path: "publishQos" }, dropped, reader, false);
  }
  const attribute = candidates.find((name) => given(get(name)));
  if (attribute !== undefined) return `${nameOf(attribute)}: ${message}`;
  if (given(get("scenario"))) return `scenario: ${path}: ${message}`;
  const first = candidates[0];
  return first === undefined ? formatProblem(problem) : `${nameOf(first)}: ${message}`;
}
