/**
 * The HTML that puts the embed page (embed.html) in someone else's page: an iframe of the
 * scenario's link with its display options, and a three-line script that sizes it to the height
 * the embed reports. readEmbedParams reads back exactly what embedUrl writes. Pure.
 */
import type { Scenario } from "../sim/types.ts";
import type { StepRange } from "./embedParams.ts";
import { describeSetupShort, setupOf } from "./setup.ts";
import { writeUrl } from "./urlWriter.ts";
import type { Controls, Theme } from "./displayVocabulary.ts";

/** What the embed posts to its parent whenever its height changes. */
export const HEIGHT_MESSAGE = "mqtt-qos-lab:height";

/**
 * How the embedded diagram shows: the options the embed and the element both take (in the same
 * words, share/vocabulary.ts), and a width in CSS pixels (none: the column's whole width).
 */
export interface EmbedDisplay {
  controls: Controls;
  theme: Theme;
  autoplay: boolean;
  loop: boolean;
  steps?: StepRange | undefined;
  width?: number | undefined;
}

/** What Copy embed code has always written: the playback bar, the reader's theme. */
export const DEFAULT_DISPLAY: EmbedDisplay = {
  controls: "playback",
  theme: "auto",
  autoplay: false,
  loop: false,
};

function attr(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/** The embed page's address for a scenario: `embed.html?…&controls=…` (defaults left out but controls). */
export function embedUrl(scenario: Scenario, base: string, display: EmbedDisplay = DEFAULT_DISPLAY): string {
  const own = new URLSearchParams({ controls: display.controls });
  if (display.theme !== "auto") own.set("theme", display.theme);
  if (display.autoplay) own.set("autoplay", "1");
  if (display.loop) own.set("loop", "1");
  if (display.steps) own.set("steps", `${display.steps.from}-${display.steps.to}`);
  return new URL(`embed.html${writeUrl(scenario)}&${own.toString()}`, base).href;
}

/** The HTML to paste into a page: the iframe and a 3-line script that sizes it to its content. */
export function embedCode(scenario: Scenario, base: string, display: EmbedDisplay = DEFAULT_DISPLAY): string {
  const src = embedUrl(scenario, base, display);
  const title = `MQTT QoS handshake: ${describeSetupShort(setupOf(scenario))}`;
  // A fixed width still gives way to a narrower column (max-width), as the element does.
  const width = display.width === undefined ? "width:100%" : `width:${display.width}px;max-width:100%`;
  return [
    `<iframe src="${attr(src)}" title="${attr(title)}" style="${width};border:0" height="520" loading="lazy"></iframe>`,
    "<script>",
    `addEventListener("message", (e) => { if (e.data?.type !== "${HEIGHT_MESSAGE}") return;`,
    '  for (const f of document.querySelectorAll("iframe")) if (f.contentWindow === e.source) f.height = e.data.height; });',
    "</script>",
  ].join("\n");
}
