/**
 * The share buttons: a link, the embed code, the element code. Memoised and given the playback
 * position as a function read at the click, so that neither a click on a packet's playback update
 * nor playing redraws them; each text is made only when its button is pressed.
 */
import { memo } from "react";
import type { Scenario } from "../sim/types.ts";
import { CopyElement, CopyEmbed } from "./CopyEmbed.tsx";
import { CopyLink } from "./CopyLink.tsx";
import { fitsInLink, MAX_LINK_MESSAGES } from "../share/url.ts";

export const ShareTools = memo(function ShareTools({
  scenario,
  time,
}: {
  scenario: Scenario;
  /** The playback position now, for Copy link's `t`. */
  time(): number;
}) {
  if (!fitsInLink(scenario)) {
    return (
      <p className="share-tools muted" data-testid="share-too-big">
        Links, embed and element code hold at most {MAX_LINK_MESSAGES.toLocaleString("en")} messages; this
        scenario has {scenario.messages.length.toLocaleString("en")}. Share it as a file: JSON export.
      </p>
    );
  }
  return (
    <div className="share-tools" role="group" aria-label="Share this scenario">
      <CopyLink scenario={scenario} time={time} />
      <CopyEmbed scenario={scenario} />
      <CopyElement scenario={scenario} />
    </div>
  );
});
