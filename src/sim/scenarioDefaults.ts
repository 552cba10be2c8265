/**
 * The scenario format's limits and default values, apart from the schema (scenarioSchema.ts, which
 * takes them from here): code that only needs a bound or a default (a link's message count, the
 * element code, the presets) does not carry the validator with it. Pure data.
 */

export const MAX_MESSAGES = 100_000;
export const MAX_FAULTS = 1000;
/** Highest `attempt` a fault may name: far beyond any retry count a scenario can reach. */
export const MAX_ATTEMPT = 1000;
/** A topic name is a UTF-8 string with a 16-bit length prefix [MQTT-4.7.3-3]. */
export const MAX_TOPIC_BYTES = 65_535;
/** MQTT allows ~256 MB; this tool draws payloads, so it caps them at 64 KiB. */
export const MAX_PAYLOAD_BYTES = 65_535;
export const MAX_LATENCY_MS = 60_000;
/** Upper bound of timeoutMs, reconnectDelayMs and publishIntervalMs: one simulated hour. */
export const MAX_DELAY_MS = 3_600_000;

/** Most offline periods or broker restarts a scenario may list. */
export const MAX_PERIODS = 100;
/** MQTT's intervals in seconds (Session Expiry, Message Expiry, Will Delay) are four-byte integers. */
export const MAX_INTERVAL_S = 4_294_967_295;
/** Receive Maximum is a two-byte integer, 0 not allowed [MQTT-3.1.2-…]. */
export const MAX_RECEIVE_MAXIMUM = 65_535;

/** How many entries each list may have (by the list's path); a list out of bounds is refused without reading it. */
export const LIST_BOUNDS = {
  messages: { min: 1, max: MAX_MESSAGES },
  faults: { min: 0, max: MAX_FAULTS },
  refusals: { min: 0, max: MAX_FAULTS },
  "subscriber.offline": { min: 0, max: MAX_PERIODS },
  "broker.restarts": { min: 0, max: MAX_PERIODS },
} as const;

/** `timing` when a scenario leaves it (or one of its fields) out, simulated ms. */
export const DEFAULT_TIMING: Readonly<{
  latencyMs: number;
  timeoutMs: number;
  reconnectDelayMs: number;
  publishIntervalMs: number;
}> = Object.freeze({
  latencyMs: 40,
  timeoutMs: 500,
  reconnectDelayMs: 300,
  publishIntervalMs: 1000,
});

/** A message's fields when it leaves them out (`messages` left out: one such message). */
export const DEFAULT_MESSAGE: Readonly<{ topic: string; payload: string; retain: boolean }> = Object.freeze({
  topic: "plant/line1/batch",
  payload: "Batch #101 completed",
  retain: false,
});
