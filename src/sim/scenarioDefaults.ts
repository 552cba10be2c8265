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

/** How many entries each list may have; a list out of bounds is refused without reading it. */
export const LIST_BOUNDS = {
  messages: { min: 1, max: MAX_MESSAGES },
  faults: { min: 0, max: MAX_FAULTS },
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

/** Upper bound of a moment in a scenario's timeline (joinAtMs, publisherEnd.atMs): a simulated year. */
export const MAX_AT_MS = 31_536_000_000;
/** MQTT's own intervals (Will Delay, Session and Message Expiry) are four-byte integers of seconds. */
export const MAX_INTERVAL_S = 4_294_967_295;

/** A will's fields when it leaves them out: QoS 0, not retained, no delay (the protocol's zero values). */
export const DEFAULT_WILL: Readonly<{ topic: string; payload: string; qos: 0 | 1 | 2; retain: boolean }> =
  Object.freeze({
    topic: "plant/line1/status",
    payload: "offline",
    qos: 0,
    retain: false,
  });
