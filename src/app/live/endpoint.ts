/**
 * Where the page finds the lab server: the `<meta name="mqtt-qos-lab-live">` tag that only the lab
 * server writes into the index.html it serves (src/live/protocol.ts). The static build, `npm run
 * dev` and `vite preview` have none: the Live view then says that Live needs `npm run lab`.
 */
import * as v from "valibot";
import { LIVE_META_NAME, LiveEndpointSchema, type LiveEndpoint } from "../../live/index.ts";

/** The endpoint named by the page's meta tag, or null (no tag, or a tag that does not parse). */
export function readEndpoint(doc: Pick<Document, "querySelector">): LiveEndpoint | null {
  const content = doc.querySelector(`meta[name="${LIVE_META_NAME}"]`)?.getAttribute("content");
  if (content === null || content === undefined) return null;
  try {
    const parsed = v.safeParse(LiveEndpointSchema, JSON.parse(content));
    return parsed.success ? parsed.output : null;
  } catch {
    return null;
  }
}

/** `ws://<same host:port><path>?token=…` (wss:// on an https:// page). */
export function socketUrl(endpoint: LiveEndpoint, location: Pick<Location, "protocol" | "host">): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}${endpoint.ws}?token=${encodeURIComponent(endpoint.token)}`;
}
