/**
 * Copies this scenario for other pages: an <iframe> of the embed page (embed.html) with a height
 * listener, or the <mqtt-qos-handshake> custom element's markup; and opens the embed builder
 * (loaded on first use) to choose how either shows before copying.
 */
import { lazy, Suspense, useState } from "react";
import { elementCode } from "../share/elementCode.ts";
import { embedCode } from "../share/embedCode.ts";
import type { Scenario } from "../sim/types.ts";
import { CopyButton } from "./CopyButton.tsx";

const EmbedBuilder = lazy(() => import("./builder/EmbedBuilder.tsx"));

export function CopyEmbed({ scenario }: { scenario: Scenario }) {
  const [building, setBuilding] = useState(false);
  return (
    <>
      <CopyButton
        label="Copy embed code"
        done="Embed code copied"
        testId="copy-embed"
        title="An iframe of this scenario for any web page, sized to its content"
        text={() => embedCode(scenario, window.location.href)}
      />
      <button
        type="button"
        onClick={() => setBuilding(true)}
        aria-haspopup="dialog"
        data-testid="open-builder"
        title="Choose controls, theme, autoplay, steps and width; preview the embed and the element; copy"
      >
        Embed builder…
      </button>
      {building && (
        <Suspense fallback={null}>
          <EmbedBuilder scenario={scenario} onClose={() => setBuilding(false)} />
        </Suspense>
      )}
    </>
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
