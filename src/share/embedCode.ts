/**
 * The HTML that puts the embed page (embed.html) in someone else's page: an iframe of the
 * scenario's link and a three-line script that sizes it to the height the embed reports. Pure.
 */
import type { Scenario } from "../sim/types.ts";
import { describeSetupShort, setupOf } from "./setup.ts";
import { writeUrl } from "./url.ts";

/** What the embed posts to its parent whenever its height changes. */
export const HEIGHT_MESSAGE = "mqtt-qos-lab:height";

function attr(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/** The HTML to paste into a page: the iframe and a 3-line script that sizes it to its content. */
export function embedCode(scenario: Scenario, base: string): string {
  const src = new URL(`embed.html${writeUrl(scenario)}&controls=playback`, base).href;
  const title = `MQTT QoS handshake: ${describeSetupShort(setupOf(scenario))}`;
  return [
    `<iframe src="${attr(src)}" title="${attr(title)}" style="width:100%;border:0" height="520" loading="lazy"></iframe>`,
    "<script>",
    `addEventListener("message", (e) => { if (e.data?.type !== "${HEIGHT_MESSAGE}") return;`,
    '  for (const f of document.querySelectorAll("iframe")) if (f.contentWindow === e.source) f.height = e.data.height; });',
    "</script>",
  ].join("\n");
}
