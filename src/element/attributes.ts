/**
 * The attributes of <mqtt-qos-handshake> → a scenario input and display options. Pure: the
 * element validates what comes out with parseScenario and shows every problem by attribute name.
 */
import { parseFault } from "../app/url.ts";
import { formatProblem, parseScenario } from "../sim/scenario.ts";
import type { Scenario } from "../sim/types.ts";

export const OBSERVED_ATTRIBUTES = [
  "qos",
  "hops",
  "subscriber-qos",
  "session",
  "retransmit",
  "protocol",
  "drop",
  "theme",
  "controls",
  "autoplay",
  "loop",
  "width",
] as const;

export type ElementTheme = "light" | "dark" | "auto";
export type ElementControls = "none" | "playback";

export interface ElementOptions {
  scenario: Scenario;
  theme: ElementTheme;
  controls: ElementControls;
  autoplay: boolean;
  loop: boolean;
  width: number;
}

export type ReadResult = { ok: true; options: ElementOptions } | { ok: false; problems: string[] };

export const DEFAULT_WIDTH = 640;
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

/** Builds the scenario input and display options from attributes. Never throws. */
export function readAttributes(get: AttributeReader): ReadResult {
  const problems: string[] = [];
  const raw: Record<string, unknown> = {};
  const qos = get("qos");
  raw.publishQos = qos === null || qos.trim() === "" ? 1 : numberOrText(qos);

  const subscriberQos = get("subscriber-qos");
  const hopsText = get("hops");
  let hops = subscriberQos !== null && subscriberQos.trim() !== "" ? 2 : 1;
  if (hopsText !== null && hopsText.trim() !== "") {
    if (hopsText.trim() === "1" || hopsText.trim() === "2") hops = Number(hopsText.trim());
    else
      problems.push(
        `hops: expected 1 (publisher → broker) or 2 (… → subscriber); got ${JSON.stringify(hopsText)}`,
      );
  }
  if (hops === 2) {
    const sub =
      subscriberQos !== null && subscriberQos.trim() !== "" ? numberOrText(subscriberQos) : raw.publishQos;
    raw.subscriber = { qos: sub };
  }
  for (const name of ["session", "retransmit", "protocol"] as const) {
    const value = get(name);
    if (value !== null && value.trim() !== "") raw[name] = value.trim();
  }
  const drop = get("drop");
  const dropped =
    drop === null
      ? []
      : drop
          .split(",")
          .map((s) => s.trim())
          .filter((s) => s !== "");
  raw.faults = dropped.map(parseFault);

  const theme = oneOf<ElementTheme>("theme", get("theme"), ["light", "dark", "auto"], "auto", problems);
  const controls = oneOf<ElementControls>(
    "controls",
    get("controls"),
    ["none", "playback"],
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

  const parsed = parseScenario(raw);
  if (!parsed.ok) {
    for (const problem of parsed.problems) {
      problems.push(attributeProblem(formatProblem(problem), problem.path, dropped, subscriberQos !== null));
    }
  }
  if (problems.length > 0 || !parsed.ok) return { ok: false, problems };
  return {
    ok: true,
    options: {
      scenario: parsed.scenario,
      theme,
      controls,
      autoplay: flag(get("autoplay")),
      loop: flag(get("loop")),
      width,
    },
  };
}

/** A scenario problem ("publishQos: expected …") told by the attribute it came from. */
function attributeProblem(text: string, path: string, dropped: readonly string[], hasSubscriberQos: boolean) {
  const message = text.replace(/^[^:]+: /, "");
  const fault = /^faults\[(\d+)\]\.?(.*)$/.exec(path);
  if (fault) {
    const written = dropped[Number(fault[1])] ?? "";
    return `drop: ${JSON.stringify(written)}${fault[2] ? ` (${fault[2]})` : ""}: ${message}`;
  }
  if (path.startsWith("faults")) return `drop: ${message}`;
  if (path === "publishQos") return `qos: ${message}`;
  if (path === "subscriber.qos") return `${hasSubscriberQos ? "subscriber-qos" : "qos"}: ${message}`;
  if (path.startsWith("session")) return `session: ${message}`;
  return text;
}
