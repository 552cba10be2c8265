/**
 * The attributes of <mqtt-qos-handshake> → a scenario and display options, validated once, here
 * at the edge; every problem is told by the attribute's name. The links' names are accepted too
 * (`publishQos`, `faults`, `timing.latencyMs`, … see vocabulary.ts), with the links' values. Pure.
 */
import { SESSION_KINDS, type Scenario } from "../sim/types.ts";
import { readStepRange, type StepRange } from "./embedParams.ts";
import { faultShapeProblem, parseFault, splitFaults } from "./faultText.ts";
import { readProfiles, setProfiles } from "./profileRead.ts";
import { resolveParts, type Obj, type Part } from "./resolveParts.ts";
import { linkValue, preview } from "./url.ts";
import { CONTROLS, THEMES, type Controls, type Theme } from "./displayVocabulary.ts";
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
  "profiles",
  "theme",
  "controls",
  "autoplay",
  "loop",
  "width",
  "step",
  "steps",
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

export type ElementTheme = Theme;
export type ElementControls = Controls;

export interface ElementOptions {
  scenario: Scenario;
  theme: ElementTheme;
  controls: ElementControls;
  autoplay: boolean;
  loop: boolean;
  width: number;
  /** Show the handshake as it stands at this step (1-based, steps of the trace as the embed's `steps` counts them). */
  step?: number;
  /** Lock playback to these steps, as the embed's `steps=3-9` does (same words, same counting). */
  steps?: StepRange;
}

/**
 * The options, or the problems (one per bad attribute, named as written) together with the options
 * the good attributes give, each bad one's default standing in.
 */
export type ReadResult =
  { ok: true; options: ElementOptions } | { ok: false; problems: string[]; options: ElementOptions };

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
  problems.push(`${name}: expected one of ${allowed.join(", ")}; got ${preview(value)}`);
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
function scenarioBase(text: string | null, problems: string[]): Obj | null {
  if (!given(text)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    problems.push(`scenario: expected a JSON object in the scenario format; ${(error as Error).message}`);
    return null;
  }
  if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return parsed as Obj;
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  problems.push(`scenario: expected a JSON object in the scenario format; got ${JSON.stringify(shown)}`);
  return null;
}

/**
 * The scenario attributes as parts, in the order they apply: the element's own first, then the
 * links' names (`session.publisher` after `session`), then `hops` (it reads the publish QoS).
 * A value the element itself refuses (a message count over MAX_MESSAGES, an unknown QoS 2 method,
 * a fault with too many parts) is a problem here and not a part.
 */
function scenarioParts({ get, nameOf }: Reader, problems: string[]): Part[] {
  const parts: Part[] = [];
  const qos = get("qos");
  if (given(qos)) parts.push({ name: nameOf("qos"), apply: (w) => w.set("publishQos", numberOrText(qos)) });
  const subscriberQos = get("subscriber-qos");
  if (given(subscriberQos)) {
    parts.push({
      name: nameOf("subscriber-qos"),
      // The subscription's other fields (issue 14) may come from the scenario JSON: only its QoS.
      apply: (w) => w.set("subscriber.qos", numberOrText(subscriberQos)),
    });
  }
  for (const name of ["session", "retransmit", "protocol"] as const) {
    const value = get(name);
    if (!given(value)) continue;
    // Checked here: session.publisher and session.subscriber may override both its parts.
    if (name === "session" && !(SESSION_KINDS as readonly string[]).includes(value.trim())) {
      problems.push(`session: expected one of ${SESSION_KINDS.join(", ")}; got ${preview(value)}`);
    } else parts.push({ name, apply: (w) => w.set(name, value.trim()) });
  }
  const drop = get("drop");
  if (drop !== null) {
    const items: string[] = [];
    for (const text of splitFaults(drop)) {
      const shape = faultShapeProblem(text);
      if (shape === null) items.push(text);
      else problems.push(`${nameOf("drop")}: ${JSON.stringify(text)}: ${shape}`);
    }
    parts.push({ name: nameOf("drop"), items, apply: (w, kept) => w.set("faults", kept.map(parseFault)) });
  }
  const messages = get("messages");
  const list = given(messages) && messages.trim().startsWith("[") ? jsonList(messages) : undefined;
  // A JSON array of messages, as links write them, is checked by the scenario parser.
  if (list !== undefined) parts.push({ name: "messages", apply: (w) => w.set("messages", list) });
  else if (given(messages)) {
    const n = Number(messages.trim());
    if (Number.isInteger(n) && n >= 1 && n <= MAX_MESSAGES) {
      parts.push({
        name: "messages",
        apply: (w) =>
          w.set(
            "messages",
            Array.from({ length: n }, () => ({})),
          ),
      });
    } else {
      problems.push(`messages: expected a whole number from 1 to ${MAX_MESSAGES}; got ${preview(messages)}`);
    }
  }
  const delivery = get("qos2-delivery");
  if (given(delivery)) {
    const before = problems.length;
    const method = oneOf("qos2-delivery", delivery, ["on-pubrel", "on-publish"], "on-pubrel", problems);
    if (problems.length === before) {
      parts.push({
        name: "qos2-delivery",
        apply: (w) => {
          w.set("qos2Delivery.broker", method);
          w.set("qos2Delivery.subscriber", method);
        },
      });
    }
  }
  const profilesText = get("profiles");
  if (given(profilesText)) {
    const read = readProfiles("profiles", profilesText);
    problems.push(...read.problems);
    if (Object.keys(read.profiles).length > 0) {
      parts.push({ name: "profiles", apply: (w) => setProfiles(w, read.profiles) });
    }
  }
  const dedupe = get("dedupe");
  if (dedupe !== null) parts.push({ name: "dedupe", apply: (w) => w.set("dedupe", flag(dedupe)) });
  // The links' own fields (per-client sessions, per-hop delivery, timing), with their values.
  for (const name of ATTRIBUTE_ONLY_LINK_NAMES) {
    const value = get(name);
    if (!given(value)) continue;
    const perClient = name === "session.publisher" || name === "session.subscriber";
    parts.push({
      name,
      apply: (w) => {
        if (perClient) w.spread("session", ["publisher", "subscriber"]);
        w.set(name, linkValue(name, value.trim()));
      },
    });
  }
  const hopsText = get("hops");
  if (given(hopsText)) {
    const hops = hopsText.trim();
    if (hops !== "1" && hops !== "2") problems.push(`hops: ${HOPS_PROBLEM}; got ${preview(hopsText)}`);
    // hops="2" alone keeps a subscription the scenario JSON has, else grants the publish QoS.
    else {
      parts.push({
        name: "hops",
        apply: (w) => {
          if (hops === "1") w.remove("subscriber");
          else if (w.get("subscriber") === undefined) w.copy("subscriber.qos", "publishQos");
        },
      });
    }
  }
  return parts;
}

/**
 * Builds the scenario input and display options from attributes. Never throws. The `scenario`
 * attribute (JSON) is the base; every other scenario attribute that is present overrides its part.
 * Every problem is named by its attribute; with problems, `options` still holds what the good
 * attributes say, each bad one's default standing in.
 */
export function readAttributes(read: AttributeReader): ReadResult {
  const reader = withLinkNames(read);
  const { get } = reader;
  const problems: string[] = [];
  const base = scenarioBase(get("scenario"), problems);
  const parts = scenarioParts(reader, problems);
  const resolved = resolveParts(base, "scenario", parts, { publishQos: 1 });
  problems.push(...resolved.notices);

  const theme = oneOf<ElementTheme>("theme", get("theme"), THEMES, "auto", problems);
  const controls = oneOf<ElementControls>("controls", get("controls"), CONTROLS, "none", problems);
  let width = DEFAULT_WIDTH;
  const widthText = get("width");
  if (widthText !== null && widthText.trim() !== "") {
    const w = Number(widthText.trim().replace(/px$/, ""));
    if (Number.isInteger(w) && w >= MIN_WIDTH && w <= MAX_WIDTH) width = w;
    else
      problems.push(
        `width: expected a whole number of pixels from ${MIN_WIDTH} to ${MAX_WIDTH}; got ${preview(widthText)}`,
      );
  }

  let step: number | undefined;
  const stepText = get("step");
  if (given(stepText)) {
    const n = Number(stepText.trim());
    if (Number.isSafeInteger(n) && n >= 1) step = n;
    else problems.push(`step: expected a whole number of steps, 1 or more; got ${preview(stepText)}`);
  }

  let steps: StepRange | undefined;
  const stepsText = get("steps");
  if (given(stepsText)) {
    const range = readStepRange("steps", stepsText.trim());
    if (typeof range === "string") problems.push(range);
    else steps = range;
  }

  const options: ElementOptions = {
    scenario: resolved.scenario,
    theme,
    controls,
    autoplay: flag(get("autoplay")),
    loop: flag(get("loop")),
    width,
    ...(step === undefined ? {} : { step }),
    ...(steps === undefined ? {} : { steps }),
  };
  if (problems.length > 0) return { ok: false, problems: [...new Set(problems)], options };
  return { ok: true, options };
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
