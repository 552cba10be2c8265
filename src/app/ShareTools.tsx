/**
 * The share buttons: a link, the embed code, the element code. Memoised and given the playback
 * position as a function read at the click, so that neither a click on a packet's playback update
 * nor playing redraws them; each text is made only when its button is pressed.
 */
import { memo } from "react";
import type { Scenario } from "../sim/types.ts";
import { CopyElement, CopyEmbed } from "./CopyEmbed.tsx";
import { CopyLink } from "./CopyLink.tsx";

export const ShareTools = memo(function ShareTools({
  scenario,
  time,
}: {
  scenario: Scenario;
  /** The playback position now, for Copy link's `t`. */
  time(): number;
}) {
  return (
    <div className="share-tools" role="group" aria-label="Share this scenario">
      <CopyLink scenario={scenario} time={time} />
      <CopyEmbed scenario={scenario} />
      <CopyElement scenario={scenario} />
    </div>
  );
});
