/** Copies an <iframe> of the embed page (embed.html) for this scenario, with a height listener. */
import { useState } from "react";
import type { Scenario } from "../sim/types.ts";
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
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    const code = embedCode(scenario, window.location.href);
    try {
      await navigator.clipboard.writeText(code);
      setCopied("Embed code copied");
    } catch {
      window.prompt("Copy this embed code:", code);
      setCopied(null);
    }
  };
  return (
    <span className="copy-link">
      <button type="button" onClick={() => void copy()} data-testid="copy-embed">
        Copy embed code
      </button>
      <span role="status" className="muted">
        {copied}
      </span>
    </span>
  );
}
