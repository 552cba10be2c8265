/**
 * The embed builder's form: what the reader chose (text as typed for the numbers), checked
 * against the trace on screen, and kept in localStorage between visits. Pure but for the two
 * storage helpers, which never throw.
 */
import { MAX_WIDTH, MIN_WIDTH } from "../../share/attributes.ts";
import type { EmbedDisplay } from "../../share/embedCode.ts";
import { CONTROLS, THEMES, type Controls, type Theme } from "../../share/displayVocabulary.ts";

export interface BuilderForm {
  controls: Controls;
  theme: Theme;
  autoplay: boolean;
  loop: boolean;
  /** The locked range's ends as typed; both empty: the whole trace. */
  from: string;
  to: string;
  /** Pixels as typed; empty: the column's whole width. */
  width: string;
}

export type BuilderField = "from" | "to" | "width";

/** The words a field is called by, on its label and in its message. */
export const FIELD_LABELS: Readonly<Record<BuilderField, string>> = {
  from: "From step",
  to: "To step",
  width: "Width (px)",
};

export interface FieldProblem {
  field: BuilderField;
  message: string;
}

export type Checked = { ok: true; display: EmbedDisplay } | { ok: false; problems: FieldProblem[] };

export const DEFAULT_FORM: BuilderForm = {
  controls: "playback",
  theme: "auto",
  autoplay: false,
  loop: false,
  from: "",
  to: "",
  width: "640",
};

function wholeNumber(text: string): number | null {
  const t = text.trim();
  return /^\d+$/.test(t) ? Number(t) : null;
}

/**
 * The display the form asks for, or one problem per bad field, each naming the field and what it
 * expects. `stepCount` is the trace's number of steps (as the embed's `steps=` counts them).
 */
export function checkForm(form: BuilderForm, stepCount: number): Checked {
  const problems: FieldProblem[] = [];
  const fromText = form.from.trim();
  const toText = form.to.trim();
  let steps: EmbedDisplay["steps"];
  if (fromText !== "" || toText !== "") {
    const from = wholeNumber(fromText);
    const to = wholeNumber(toText);
    const fromOk = from !== null && from >= 1 && from <= stepCount;
    if (!fromOk) {
      problems.push({
        field: "from",
        message: `${FIELD_LABELS.from}: expected a whole number from 1 to ${stepCount} (this trace has ${stepCount} steps)`,
      });
    }
    const low = fromOk ? from : 1;
    if (to === null || to < low || to > stepCount) {
      problems.push({
        field: "to",
        message: `${FIELD_LABELS.to}: expected a whole number from ${low} to ${stepCount} (this trace has ${stepCount} steps)`,
      });
    } else if (fromOk) steps = { from, to };
  }
  let width: number | undefined;
  if (form.width.trim() !== "") {
    const w = wholeNumber(form.width);
    if (w === null || w < MIN_WIDTH || w > MAX_WIDTH) {
      problems.push({
        field: "width",
        message: `${FIELD_LABELS.width}: expected a whole number from ${MIN_WIDTH} to ${MAX_WIDTH}, or nothing to fill the column`,
      });
    } else width = w;
  }
  if (problems.length > 0) return { ok: false, problems };
  const { controls, theme, autoplay, loop } = form;
  return { ok: true, display: { controls, theme, autoplay, loop, steps, width } };
}

/** The form from what storage held: each field that is not as the form writes it is its default. */
export function formFromStored(text: string | null): BuilderForm {
  let value: unknown;
  try {
    value = text === null ? null : JSON.parse(text);
  } catch {
    return DEFAULT_FORM;
  }
  if (typeof value !== "object" || value === null) return DEFAULT_FORM;
  const v = value as Record<string, unknown>;
  const pick = <T extends string>(x: unknown, allowed: readonly T[], fallback: T): T =>
    typeof x === "string" && (allowed as readonly string[]).includes(x) ? (x as T) : fallback;
  const shortText = (x: unknown, fallback: string): string =>
    typeof x === "string" && x.length <= 12 ? x : fallback;
  return {
    controls: pick(v.controls, CONTROLS, DEFAULT_FORM.controls),
    theme: pick(v.theme, THEMES, DEFAULT_FORM.theme),
    autoplay: typeof v.autoplay === "boolean" ? v.autoplay : DEFAULT_FORM.autoplay,
    loop: typeof v.loop === "boolean" ? v.loop : DEFAULT_FORM.loop,
    from: shortText(v.from, DEFAULT_FORM.from),
    to: shortText(v.to, DEFAULT_FORM.to),
    width: shortText(v.width, DEFAULT_FORM.width),
  };
}

export const STORAGE_KEY = "mqtt-qos-lab:embed-builder";

/** The last choices, or the defaults where storage is refused or holds none. */
export function loadForm(): BuilderForm {
  try {
    return formFromStored(window.localStorage.getItem(STORAGE_KEY));
  } catch {
    return DEFAULT_FORM;
  }
}

/** Keeps the choices for the next visit; where storage is refused, for this visit only. */
export function saveForm(form: BuilderForm): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(form));
  } catch {
    // Storage refused (private mode, sandbox): nothing to keep.
  }
}
