/**
 * A link's scenario fields (url.ts has read off the rest) as a scenario, parsed once by the
 * scenario validator: loaded, with the validator, only for a link that has scenario fields, so
 * the default page's first diagram waits for neither. Pure.
 */
import { MAX_MESSAGES } from "../sim/scenarioDefaults.ts";
import { QOS2_DELIVERIES, SESSION_KINDS, type Scenario } from "../sim/types.ts";
import { faultShapeProblem, parseFault, splitFaults } from "./faultText.ts";
import type { Obj } from "./jsonPath.ts";
import { linkValue, MAX_LINK_MESSAGES, preview } from "./linkValues.ts";
import { applyParts, type Part } from "./partsWriter.ts";
import { readProfiles, setProfiles } from "./profileRead.ts";
import { HOPS_PROBLEM } from "./vocabulary.ts";

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

/**
 * The order parts apply in, whatever their order in the query: shorthands first (`session`,
 * `qos2-delivery`), then the other fields, then the per-client sessions (they override the
 * shorthand), then `hops` (it reads the publish QoS).
 */
function rank(key: string): number {
  if (key === "session" || key === "qos2-delivery" || key === "profiles") return 0;
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
    } else if (key === "profiles") {
      // Each bad item is named and left out alone; the parser judges nothing here (ids checked).
      const read = readProfiles(name, value);
      notices.push(...read.problems);
      if (Object.keys(read.profiles).length > 0) {
        parts.push({ name, apply: (w) => setProfiles(w, read.profiles) });
      }
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

/** What a link's scenario is built from when it is not good as it is (resolveParts.ts repairs it). */
export interface LinkRest {
  base: Obj | null;
  name: string;
  parts: Part[];
}

/**
 * The scenario of a link's scenario fields (`values`, by link name; `nameOf` gives each as
 * written) over `defaults` when every part is good, else what repairing it takes; notices for
 * what cannot be read at all are added to `notices`.
 */
export function readLinkScenario(
  values: ReadonlyMap<string, string>,
  nameOf: (key: string) => string,
  notices: string[],
  defaults: Obj,
): { scenario: Scenario } | { rest: LinkRest } {
  const json = values.get("scenario");
  const base = json === undefined ? null : readScenarioJson(nameOf("scenario"), json, notices);
  const parts = linkParts(values, nameOf, notices);
  const scenario = applyParts(base, parts, defaults);
  return scenario === null ? { rest: { base, name: nameOf("scenario"), parts } } : { scenario };
}
