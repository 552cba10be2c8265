/**
 * Copies this scenario for other pages: an <iframe> of the embed page (embed.html) with a height
 * listener, or the <mqtt-qos-handshake> custom element's markup.
 */
import { elementCode } from "../element/elementCode.ts";
import type { Scenario } from "../sim/types.ts";
import { CopyButton } from "./CopyButton.tsx";
import { describeSetupShort } from "../ui/SetupForm.tsx";
import { setupOf } from "./setup.ts";
import { writeUrl } from "./url.ts";

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
    'addEventListener("message", (e) => { if (e.data?.type !== "mqtt-qos-lab:height") return;',
    '  for (const f of document.querySelectorAll("iframe")) if (f.contentWindow === e.source) f.height = e.data.height; });',
    "</script>",
  ].join("\n");
}

export function CopyEmbed({ scenario }: { scenario: Scenario }) {
  return (
    <CopyButton
      label="Copy embed code"
      done="Embed code copied"
      testId="copy-embed"
      title="An iframe of this scenario for any web page, sized to its content"
      text={() => embedCode(scenario, window.location.href)}
    />
  );
}

/** Copies the <mqtt-qos-handshake> markup for this scenario (pages that load its script). */
export function CopyElement({ scenario }: { scenario: Scenario }) {
  return (
    <CopyButton
      label="Copy element code"
      done="Element code copied"
      testId="copy-element"
      title="The <mqtt-qos-handshake> tag for this scenario, for pages that load its script"
      text={() => elementCode(scenario, { controls: "playback" })}
    />
  );
}
