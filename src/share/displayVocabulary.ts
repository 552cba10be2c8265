/**
 * One vocabulary, display half (the scenario's names are in vocabulary.ts): the display options
 * the embed's parameters and the element's attributes share, and the words a reader sees on their
 * controls, the same as the app's. Kept apart from vocabulary.ts so the first diagram's script,
 * which reads links, does not carry them. Pure.
 */
/** `theme`, in the embed's parameters and on the element alike. */
export const THEMES = ["light", "dark", "auto"] as const;
export type Theme = (typeof THEMES)[number];

/** `controls`, in the embed's parameters and on the element alike. */
export const CONTROLS = ["none", "playback", "full"] as const;
export type Controls = (typeof CONTROLS)[number];

/** What each `controls` value shows, in the builder's words. */
export const CONTROLS_MEANING: Readonly<Record<Controls, string>> = {
  none: "the diagram and its verdict",
  playback: "adds the playback buttons",
  full: "also the narration and dropping packets by click",
};

/** The playback buttons' labels, as the app's playback bar shows them. */
export const PLAYBACK_WORDS = {
  group: "Playback",
  restart: "Restart",
  previous: "Back",
  play: "Play",
  pause: "Pause",
  next: "Next",
} as const;

/** How a reader drops a packet (`controls` full), as the app says it under its diagram. */
export const DROP_HINT = "Click or press Enter on a packet to drop it; again to restore it.";

/** The embed's narration line before the first step (the app's, less its arrow keys' mention). */
export const START_HINT = "Press Play. Click any packet to drop it.";

/** The first line of the list of options that could not be used, per form. */
export function noticeIntro(form: "embed" | "element"): string {
  const what = form === "element" ? "attributes" : "parameters";
  return `Some ${what} could not be used; defaults stand in:`;
}
