/**
 * TEST-ONLY: a scenario at the format's limits (MAX_MESSAGES messages, MAX_FAULTS faults), for
 * the tests that walk it through simulate, render, the exports and the page's import.
 */
import { MAX_FAULTS, MAX_MESSAGES } from "./scenarioSchema.ts";

/**
 * Faults fall on every `messages / faults`-th message, starting with the first. QoS 2 on one hop, persistent session, resend after reconnect: each lost PUBREC breaks the
 * connection, and after the reconnect the PUBLISH is resent (DUP) and answered with PUBREC again,
 * so every message is still processed exactly once.
 */
export function limitScenario(messages = MAX_MESSAGES, faults = MAX_FAULTS) {
  const every = Math.max(1, Math.floor(messages / faults));
  return {
    publishQos: 2,
    messages: Array.from({ length: messages }, (_, i) => ({
      // Short, so the file stays under the import limit (export/importFile.ts, 5 MB).
      topic: `plant/${i % 7}`,
      payload: `#${i + 1}`,
    })),
    faults: Array.from({ length: faults }, (_, i) => ({ packet: "PUBREC", message: 1 + i * every })),
  };
}
