/**
 * The embed page's URL: the app's scenario parameters (read by readUrl, same names, the element's
 * names accepted too) plus
 *
 *   theme=light|dark|auto   controls=none|playback|full   autoplay=1   loop=1   steps=3-9
 *
 * and `compare=0,1,2` (compare mode, the app's parameter: share/compareParam.ts).
 *
 * `steps` locks playback to a range of steps (1-based steps of the trace: each send, arrival,
 * loss and event; the playback counter counts instants instead). A bad value becomes a notice and
 * the default stands in, as in the app. Pure.
 */
import { parseScenarioOrThrow } from "../sim/scenario.ts";
import type { Scenario } from "../sim/types.ts";
import { preview, readUrl } from "./url.ts";
import { CONTROLS, THEMES, type Controls, type Theme } from "./displayVocabulary.ts";

export type EmbedTheme = Theme;
export type EmbedControls = Controls;
/** A locked range of steps, 1-based and inclusive. */
export interface StepRange {
  from: number;
  to: number;
}

export interface EmbedParams {
  /** The link's scenario, validated; one QoS 1 message when it names none. */
  scenario: Scenario;
  /** The start position in simulated ms (`t`), when given. */
  t?: number;
  theme: EmbedTheme;
  controls: EmbedControls;
  autoplay: boolean;
  loop: boolean;
  /** First and last step of the locked range, 1-based and inclusive. */
  steps?: StepRange;
  /** Compare mode's columns as written (`compare=0,1,2`; share/compareParam.ts reads them), when given. */
  compare?: string;
  notices: string[];
}

export const EMBED_KEYS = ["theme", "controls", "autoplay", "loop", "steps"] as const;

/**
 * `steps=3-9` (the embed) or `steps="3-9"` (the element): the range, or the problem in words that
 * name `name`. The trace's length is not known here: playback clamps a range past its end.
 */
export function readStepRange(name: string, text: string): StepRange | string {
  const match = /^(\d+)-(\d+)$/.exec(text);
  const from = Number(match?.[1]);
  const to = Number(match?.[2]);
  if (match && Number.isSafeInteger(to) && from >= 1 && to >= from) return { from, to };
  return `${name}: expected a range of steps such as 3-9 (first ≥ 1, last ≥ first); got ${preview(text)}`;
}

function flag(name: string, value: string, notices: string[]): boolean {
  if (value === "1" || value === "true" || value === "") return true;
  if (value === "0" || value === "false") return false;
  notices.push(`${name}: expected 1 or 0; got ${preview(value)}`);
  return false;
}

export function readEmbedParams(search: string): EmbedParams {
  const params = new URLSearchParams(search);
  const own = new Map<string, string>();
  const notices: string[] = [];
  for (const key of EMBED_KEYS) {
    // The last one counts, as in the app's links.
    const values = params.getAll(key);
    const value = values[values.length - 1];
    if (value !== undefined) own.set(key, value);
    if (values.length > 1) notices.push(`${key}: given ${values.length} times; the last one is used`);
    params.delete(key);
  }
  const url = readUrl(params.toString());
  const result: EmbedParams = {
    scenario: url.scenario ?? parseScenarioOrThrow({ publishQos: 1 }),
    ...(url.t === undefined ? {} : { t: url.t }),
    ...(url.compare === undefined ? {} : { compare: url.compare }),
    theme: "auto",
    controls: "playback",
    autoplay: false,
    loop: false,
    notices,
  };
  const theme = own.get("theme");
  if (theme !== undefined) {
    if ((THEMES as readonly string[]).includes(theme)) result.theme = theme as EmbedTheme;
    else notices.push(`theme: expected one of ${THEMES.join(", ")}; got ${preview(theme)}`);
  }
  const controls = own.get("controls");
  if (controls !== undefined) {
    if ((CONTROLS as readonly string[]).includes(controls)) result.controls = controls as EmbedControls;
    else notices.push(`controls: expected one of ${CONTROLS.join(", ")}; got ${preview(controls)}`);
  }
  const autoplay = own.get("autoplay");
  if (autoplay !== undefined) result.autoplay = flag("autoplay", autoplay, notices);
  const loop = own.get("loop");
  if (loop !== undefined) result.loop = flag("loop", loop, notices);
  const steps = own.get("steps");
  if (steps !== undefined) {
    const range = readStepRange("steps", steps);
    if (typeof range === "string") notices.push(range);
    else result.steps = range;
  }
  notices.push(...url.notices);
  return result;
}
