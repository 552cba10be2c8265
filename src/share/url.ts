/**
 * The scenario in a link's search part, in the format's own field names
 * (`?publishQos=2&subscriber.qos=1&faults=PUBREC`), so it can be edited by hand. The element's
 * attribute names are accepted too (vocabulary.ts). Reading validates once, here at the edge:
 * the page gets a parsed `Scenario`, never a text to parse again. Pure.
 */
import { MAX_MESSAGES } from "../sim/scenario.ts";
import { QOS2_DELIVERIES, SESSION_KINDS, type Scenario } from "../sim/types.ts";
import { faultShapeProblem, formatFaults, parseFault, splitFaults } from "./faultText.ts";
import { applyParts, type Part } from "./partsWriter.ts";
import type { resolveParts } from "./resolveParts.ts";
import type { Obj } from "./jsonPath.ts";
import { HOPS_PROBLEM, LINK_ALIASES, LINK_ONLY_NAMES, linkNameOf } from "./vocabulary.ts";

export interface UrlState {
  /** The scenario the link names, validated; undefined when it names no scenario field. */
  scenario?: Scenario;
  /** Playback position in simulated ms, when given. */
  t?: number;
  view?: string;
  /** Presentation mode (`present=1`) and predict-then-reveal (`predict=1`), when given. */
  present?: boolean;
  predict?: boolean;
  /**
   * Compare mode's columns as written (`compare=0,1,2`), when the link opens it: read by
   * compareParam.ts when compare mode loads, so the first diagram's script does not grow.
   */
  compare?: string;
  /**
   * The lesson and step a lessons link opens (`view=lessons&lesson=pump-duplicate&step=3`), as
   * written: ui/lessons/lessonLink.ts checks them against the course, which this file does not load.
   */
  lesson?: string;
  step?: string;
  /**
   * A lesson carried in the link (`view=lessons&lessonData=<base64url of its JSON>`), as written:
   * app/lessons/import/ decodes and validates it, with the lesson parser this layer does not load.
   */
  lessonData?: string;
  /** One line per bad parameter, naming it and what was expected. */
  notices: string[];
}

/** The page's modes a link can open: presentation and predict-then-reveal, `1` on, `0` off. */
export const MODES = ["present", "predict"] as const;
export type Mode = (typeof MODES)[number];

/** A mode's value: true for `1`, false for `0`, null for anything else. */
function modeValue(text: string): boolean | null {
  return text === "1" ? true : text === "0" ? false : null;
}

/** The modes a search part turns on (a bad value turns none on; readUrl names it). Pure. */
export function modesIn(search: string): Record<Mode, boolean> {
  const params = new URLSearchParams(search);
  return {
    present: modeValue(params.get("present") ?? "") === true,
    predict: modeValue(params.get("predict") ?? "") === true,
  };
}

/** Link names of scenario fields: each is the field's own dotted path (`timing.latencyMs`). */
const FIELDS = [
  "protocol",
  "retransmit",
  "session",
  "session.publisher",
  "session.subscriber",
  "publishQos",
  "subscriber.qos",
  "qos2Delivery.broker",
  "qos2Delivery.subscriber",
  "dedupe",
  "timing.latencyMs",
  "timing.timeoutMs",
  "timing.reconnectDelayMs",
  "timing.publishIntervalMs",
] as const;
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
  ...FIELDS,
  ...LINK_ONLY_NAMES,
  "messages",
  "faults",
  "t",
  "view",
  "scenario",
  ...MODES,
  // compare mode's columns (compareParam.ts)
  "compare",
  // the lessons view's lesson and step (ui/lessons/lessonLink.ts)
  "lesson",
  "step",
  // a built lesson's JSON (app/lessons/import/lessonData.ts)
  "lessonData",
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

/** How a notice names a parameter written with no name (`?=2`). */
export const NAMELESS = "(a parameter with no name)";

/** The most messages a link's count opens (`messages=1000`); a JSON array or an import may hold more. */
export const MAX_LINK_MESSAGES = 1000;
/**
 * Whether the lab writes this scenario as a link (the address bar, Copy link, the embed and
 * element code). Past MAX_LINK_MESSAGES a link would not open what it holds (`messages=5000` opens
 * 1,000) and its text runs to megabytes; such a scenario is shared as a file (Export JSON).
 */
export function fitsInLink(scenario: Scenario): boolean {
  return scenario.messages.length <= MAX_LINK_MESSAGES;
}

/** The views a link can open (the page's tabs). */
export const LINK_VIEWS = ["diagram", "explore", "stats", "lessons"] as const;

/**
 * The `messages` parameter: a count of default messages (at most MAX_LINK_MESSAGES, said in a
 * notice when a larger count is cut) or a JSON array of messages. Undefined: nothing usable.
 */
function readMessages(name: string, text: string, notices: string[]): unknown {
  if (!/^\d+$/.test(text)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  const count = Number(text);
  if (count < 1 || count > MAX_MESSAGES) {
    notices.push(
      `${name}: expected a count of messages from 1 to ${MAX_MESSAGES} (a link opens at most ` +
        `${MAX_LINK_MESSAGES}) or a JSON array of messages; got "${text}"`,
    );
    return undefined;
  }
  if (count > MAX_LINK_MESSAGES) {
    notices.push(
      `${name}: a link opens at most ${MAX_LINK_MESSAGES} messages; the first ${MAX_LINK_MESSAGES} ` +
        `of ${count} are used (import a scenario file for more)`,
    );
  }
  return Array.from({ length: Math.min(count, MAX_LINK_MESSAGES) }, () => ({}));
}

/** Reads the `scenario` parameter: a JSON object, or null with a notice. */
function readScenarioJson(name: string, text: string, notices: string[]): Obj | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    notices.push(`${name}: expected a JSON object in the scenario format; ${(error as Error).message}`);
    return null;
  }
  if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return parsed as Obj;
  notices.push(`${name}: expected a JSON object in the scenario format; got ${preview(text)}`);
  return null;
}

/** A value quoted for a notice, cut when long (a notice must stay one readable line). */
export function preview(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/**
 * The order parts apply in, whatever their order in the query: shorthands first (`session`,
 * `qos2-delivery`), then the other fields, then the per-client sessions (they override the
 * shorthand), then `hops` (it reads the publish QoS).
 */
function rank(key: string): number {
  if (key === "session" || key === "qos2-delivery") return 0;
  if (key === "session.publisher" || key === "session.subscriber") return 2;
  if (key === "hops") return 3;
  return 1;
}

/** What a shorthand for two fields takes. */
const SHORTHAND_VALUES: Record<"session" | "qos2-delivery", readonly string[]> = {
  session: SESSION_KINDS,
  "qos2-delivery": QOS2_DELIVERIES,
};

/** The scenario parts of a link, in the order they apply. */
function linkParts(
  values: ReadonlyMap<string, string>,
  nameOf: (key: string) => string,
  notices: string[],
): Part[] {
  const parts: Part[] = [];
  const keys = [...values.keys()].filter((k) => k !== "scenario").sort((a, b) => rank(a) - rank(b));
  for (const key of keys) {
    const value = values.get(key) as string;
    const name = nameOf(key);
    if (key === "hops") {
      if (value !== "1" && value !== "2") {
        notices.push(`${name}: ${HOPS_PROBLEM}; got ${preview(value)}`);
        continue;
      }
      // hops=2 alone keeps a subscription the scenario JSON has, else grants the publish QoS.
      parts.push({
        name,
        apply: (w) => {
          if (value === "1") w.remove("subscriber");
          else if (w.get("subscriber") === undefined) w.copy("subscriber.qos", "publishQos");
        },
      });
    } else if ((key === "session" || key === "qos2-delivery") && !SHORTHAND_VALUES[key].includes(value)) {
      // Checked here: the per-client (per-hop) parameters may override both its parts.
      notices.push(`${name}: expected one of ${SHORTHAND_VALUES[key].join(", ")}; got ${preview(value)}`);
    } else if (key === "qos2-delivery") {
      parts.push({
        name,
        apply: (w) => {
          w.set("qos2Delivery.broker", value);
          w.set("qos2Delivery.subscriber", value);
        },
      });
    } else if (key === "faults") {
      const items: string[] = [];
      for (const text of splitFaults(value)) {
        const shape = faultShapeProblem(text);
        if (shape === null) items.push(text);
        else notices.push(`${name}: ${JSON.stringify(text)}: ${shape}`);
      }
      parts.push({ name, items, apply: (w, kept) => w.set("faults", kept.map(parseFault)) });
    } else if (key === "messages") {
      const messages = readMessages(name, value, notices);
      if (messages !== undefined) parts.push({ name, apply: (w) => w.set("messages", messages) });
    } else if (key === "session.publisher" || key === "session.subscriber") {
      parts.push({
        name,
        apply: (w) => {
          w.spread("session", ["publisher", "subscriber"]);
          w.set(key, value);
        },
      });
    } else {
      parts.push({ name, apply: (w) => w.set(key, linkValue(key, value)) });
    }
  }
  return parts;
}

/**
 * Leaving out bad parameters (resolveParts.ts) is only needed for a link that has one, so it is
 * loaded then: a good link's first diagram does not wait for it. `prepareLink` loads it when the
 * link needs it; readUrl can then read that link.
 */
let repair: typeof resolveParts | null = null;

export function loadLinkRepair(): Promise<void> {
  return import("./resolveParts.ts").then((module) => {
    repair = module.resolveParts;
  });
}

/** Resolves once readUrl can read `search` (at once for a good link). */
export function prepareLink(search: string): Promise<void> {
  // Read once: the page's first readUrl of this very link takes this read instead of a second.
  const read = readWith(search);
  prepared = { search, read };
  return read.scenario === undefined && read.rest !== undefined && repair === null
    ? loadLinkRepair()
    : Promise.resolve();
}

/** The read prepareLink made, for the readUrl of the same link that follows it. */
let prepared: { search: string; read: Read } | null = null;

/**
 * Reads the URL's search part. Never throws on any input; bad parameters become notices. A link
 * with a bad parameter needs prepareLink(search) to have resolved first (a programming error
 * otherwise, said as such).
 */
export function readUrl(search: string): UrlState {
  const read = prepared?.search === search ? prepared.read : readWith(search);
  prepared = null;
  if (read.scenario === undefined && read.rest !== undefined) {
    if (repair === null)
      throw new Error("readUrl: this link has bad parameters; await prepareLink(search) first");
    const { base, name, parts } = read.rest;
    const resolved = repair(base, name, parts, LINK_DEFAULTS);
    read.state.notices.push(...resolved.notices);
    read.state.scenario = resolved.scenario;
  }
  return read.state;
}

/** What a link's scenario is built from when it is not good as it is. */
interface Rest {
  base: Obj | null;
  name: string;
  parts: Part[];
}

const LINK_DEFAULTS = { publishQos: 1 };

/** A link read in one pass: its scenario when good as it is, else what repairing it needs. */
interface Read {
  state: UrlState;
  scenario?: Scenario;
  rest?: Rest;
}

function readWith(search: string): Read {
  const params = new URLSearchParams(search);
  const notices: string[] = [];
  const values = new Map<string, string>();
  const aliased = new Map<string, string>();
  const count = new Map<string, number>();
  for (const [written, value] of params) {
    const key = linkNameOf(written);
    if (written === "") {
      notices.push(`${NAMELESS}: expected name=value; got ${preview(`=${value}`)}`);
      continue;
    }
    if (!KNOWN.has(key)) {
      notices.push(
        `${written}: unknown parameter; expected one of ${[...KNOWN, ...LINK_ALIASES].join(", ")}`,
      );
      continue;
    }
    count.set(written, (count.get(written) ?? 0) + 1);
    if (written !== key && values.has(key) && !aliased.has(key)) {
      notices.push(`${written}: ${key} says the same and is given too; ${key} is used`);
    } else {
      if (written === key && aliased.has(key)) {
        notices.push(`${aliased.get(key)}: ${key} says the same and is given too; ${key} is used`);
        aliased.delete(key);
      }
      if (written !== key) aliased.set(key, written);
      values.set(key, value);
    }
  }
  for (const [written, n] of count) {
    if (n > 1) notices.push(`${written}: given ${n} times; the last one is used`);
  }
  const state: UrlState = { notices };
  const t = values.get("t");
  if (t !== undefined) {
    const position = Number(t);
    if (/^\d+(\.\d+)?$/.test(t) && Number.isFinite(position)) state.t = position;
    else notices.push(`t: expected a playback position in ms (a number ≥ 0); got ${preview(t)}`);
    values.delete("t");
  }
  const view = values.get("view");
  if (view !== undefined) {
    if ((LINK_VIEWS as readonly string[]).includes(view)) state.view = view;
    else notices.push(`view: expected one of ${LINK_VIEWS.join(", ")}; got ${preview(view)}`);
  }
  values.delete("view");
  for (const mode of MODES) {
    const text = values.get(mode);
    if (text === undefined) continue;
    const on = modeValue(text);
    if (on === null) notices.push(`${mode}: expected 1 (on) or 0 (off); got ${preview(text)}`);
    else state[mode] = on;
    values.delete(mode);
  }
  const compare = values.get("compare");
  if (compare !== undefined) state.compare = compare;
  values.delete("compare");
  for (const key of ["lesson", "step", "lessonData"] as const) {
    const text = values.get(key);
    if (text !== undefined) state[key] = text;
    values.delete(key);
  }
  if (values.size === 0) return { state };

  const nameOf = (key: string) => aliased.get(key) ?? key;
  const json = values.get("scenario");
  const base = json === undefined ? null : readScenarioJson(nameOf("scenario"), json, notices);
  const parts = linkParts(values, nameOf, notices);
  const scenario = applyParts(base, parts, LINK_DEFAULTS);
  if (scenario === null) return { state, rest: { base, name: nameOf("scenario"), parts } };
  state.scenario = scenario;
  return { state, scenario };
}

/**
 * The search part for a scenario (defaults left out, so links stay short); position and modes
 * optional.
 */
export function writeUrl(
  scenario: Scenario,
  extra: { t?: number; view?: string } & Partial<Record<Mode, boolean>> & { compare?: string | null } = {},
): string {
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
  for (const mode of MODES) if (extra[mode]) p.set(mode, "1");
  if (typeof extra.compare === "string") p.set("compare", extra.compare);
  if (extra.t !== undefined) p.set("t", String(Math.round(extra.t)));
  // Keep the commas, slashes and dots of the readable syntax readable.
  return "?" + p.toString().replace(/%2C/g, ",").replace(/%2F/g, "/");
}
