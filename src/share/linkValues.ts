/**
 * How a link's parameter values are read and quoted: shared by the link's reader (url.ts, and
 * linkScenario.ts, which reads its scenario fields) and the element's attributes. Pure.
 */

const NUMERIC = new Set([
  "publishQos",
  "subscriber.qos",
  "timing.latencyMs",
  "timing.timeoutMs",
  "timing.reconnectDelayMs",
  "timing.publishIntervalMs",
]);

/**
 * A link value as the JSON value it most plausibly means ("2" → 2, "true" → true). A bare
 * `dedupe` (as the element's boolean attribute is written) is true.
 */
export function linkValue(key: string, text: string): unknown {
  if (NUMERIC.has(key) && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (key === "dedupe" && (text === "true" || text === "1" || text === "")) return true;
  if (key === "dedupe" && (text === "false" || text === "0")) return false;
  return text;
}

/** A value quoted for a notice, cut when long (a notice must stay one readable line). */
export function preview(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/** The most messages a link's count opens (`messages=1000`); a JSON array or an import may hold more. */
export const MAX_LINK_MESSAGES = 1000;
