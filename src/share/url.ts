/**
 * The scenario in a link's search part, in the format's own field names
 * (`?publishQos=2&subscriber.qos=1&faults=PUBREC`), so it can be edited by hand. The element's
 * attribute names are accepted too (vocabulary.ts). Reading validates once, here at the edge:
 * the page gets a parsed `Scenario`, never a text to parse again. Writing a link is urlWriter.ts's
 * (the page loads it after its first diagram). Pure.
 */
import type { Scenario } from "../sim/types.ts";
import type { LinkRest, readLinkScenario } from "./linkScenario.ts";
import { MAX_LINK_MESSAGES, preview } from "./linkValues.ts";
import type { resolveParts } from "./resolveParts.ts";
import { LINK_ALIASES, LINK_ONLY_NAMES, linkNameOf } from "./vocabulary.ts";

export { linkValue, MAX_LINK_MESSAGES, preview } from "./linkValues.ts";

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
  "profiles.broker",
  "profiles.publisher",
  "profiles.subscriber",
] as const;
/** The link's own names; the element's names (LINK_ALIASES) are read as these. */
const KNOWN = new Set([
  ...FIELDS,
  ...LINK_ONLY_NAMES,
  // which implementation each party behaves like (profileText.ts)
  "profiles",
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

/** How a notice names a parameter written with no name (`?=2`). */
export const NAMELESS = "(a parameter with no name)";

/**
 * Whether the lab writes this scenario as a link (the address bar, Copy link, the embed and
 * element code). Past MAX_LINK_MESSAGES a link would not open what it holds (`messages=5000` opens
 * 1,000) and its text runs to megabytes; such a scenario is shared as a file (Export JSON).
 */
export function fitsInLink(scenario: Scenario): boolean {
  return scenario.messages.length <= MAX_LINK_MESSAGES;
}

/** The views a link can open (the page's tabs). */
export const LINK_VIEWS = ["diagram", "explore", "stats", "lessons", "live"] as const;

/**
 * What a link's scenario fields are read with is loaded only for a link that has some: the
 * scenario validator, with linkScenario.ts, and, for a link with a bad parameter, what leaves it
 * out (resolveParts.ts). The default page's first diagram waits for neither. `prepareLink` loads
 * what a link needs; readUrl can then read that link.
 */
let assemble: typeof readLinkScenario | null = null;
let repair: typeof resolveParts | null = null;

/** Loads what reads a link's scenario fields when each one is good (linkScenario.ts). */
export function loadLinkReader(): Promise<void> {
  return import("./linkScenario.ts").then((module) => {
    assemble = module.readLinkScenario;
  });
}

/** Loads what reads any link, bad parameters and all. */
export function loadLinkRepair(): Promise<void> {
  return Promise.all([
    loadLinkReader(),
    import("./resolveParts.ts").then((module) => {
      repair = module.resolveParts;
    }),
  ]).then(() => undefined);
}

/**
 * Resolves once readUrl can read `search` (at once for a link with no scenario field), to whether
 * the link names scenario fields.
 */
export async function prepareLink(search: string): Promise<boolean> {
  const params = readParams(search);
  if (params.values.size > 0 && assemble === null) await loadLinkReader();
  // Read once: the page's first readUrl of this very link takes this read instead of a second.
  const read = readScenario(params);
  prepared = { search, read };
  if (read.rest !== undefined && repair === null) await loadLinkRepair();
  return params.values.size > 0;
}

/** The read prepareLink made, for the readUrl of the same link that follows it. */
let prepared: { search: string; read: Read } | null = null;

/**
 * Reads the URL's search part. Never throws on any input; bad parameters become notices. A link
 * with scenario fields needs prepareLink(search) to have resolved first (a programming error
 * otherwise, said as such).
 */
export function readUrl(search: string): UrlState {
  const read = prepared?.search === search ? prepared.read : readScenario(readParams(search));
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

const LINK_DEFAULTS = { publishQos: 1 };

/** A link read in one pass: its scenario when good as it is, else what repairing it needs. */
interface Read {
  state: UrlState;
  scenario?: Scenario;
  rest?: LinkRest;
}

/** A link's parameters, the display options read off: what is left names scenario fields. */
interface Params {
  state: UrlState;
  values: Map<string, string>;
  nameOf: (key: string) => string;
}

function readParams(search: string): Params {
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
  return { state, values, nameOf: (key) => aliased.get(key) ?? key };
}

/** The scenario a link's parameters name (readParams), in one pass when each one is good. */
function readScenario({ state, values, nameOf }: Params): Read {
  if (values.size === 0) return { state };
  if (assemble === null)
    throw new Error("readUrl: this link has scenario fields; await prepareLink(search) first");
  const read = assemble(values, nameOf, state.notices, LINK_DEFAULTS);
  if ("rest" in read) return { state, rest: read.rest };
  state.scenario = read.scenario;
  return { state, scenario: read.scenario };
}
