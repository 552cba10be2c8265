/** Copies a link to this exact scenario (and, optionally, the playback position). */
import type { Scenario } from "../sim/types.ts";
import { CopyButton } from "./CopyButton.tsx";
import { writeUrl } from "../share/urlWriter.ts";

/** `time` gives the playback position when the button is pressed. */
export function CopyLink({ scenario, time }: { scenario: Scenario; time(): number }) {
  return (
    <CopyButton
      label="Copy link"
      done="Link copied"
      testId="copy-link"
      text={() => `${window.location.origin}${window.location.pathname}${writeUrl(scenario, { t: time() })}`}
    />
  );
}
