/** Copies a link to this exact scenario (and, optionally, the playback position). */
import { useState } from "react";
import type { Scenario } from "../sim/types.ts";
import { writeUrl } from "./url.ts";

export function CopyLink({ scenario, time }: { scenario: Scenario; time: number }) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    const link = `${window.location.origin}${window.location.pathname}${writeUrl(scenario, { t: time })}`;
    try {
      await navigator.clipboard.writeText(link);
      setCopied("Link copied");
    } catch {
      // Clipboard access can be refused (insecure origin, permissions): show the link instead.
      window.prompt("Copy this link:", link);
      setCopied(null);
    }
  };
  return (
    <span className="copy-link">
      <button type="button" onClick={() => void copy()} data-testid="copy-link">
        Copy link
      </button>
      <span role="status" className="muted">
        {copied}
      </span>
    </span>
  );
}
