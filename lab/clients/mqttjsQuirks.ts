/**
 * MQTT.js's own behaviour where it departs from the model, found in a real trace and named on the
 * differences it makes, so a run with `--client mqttjs` says which differences are the client's
 * (not the broker's) and which issue of MQTT.js describes them:
 * - `resend-without-dup`: after a reconnect it resends an unacknowledged PUBLISH with DUP=0;
 *   [MQTT-3.3.1-1] asks for DUP=1 (mqttjs/MQTT.js#692);
 * - `resend-ignoring-session-present`: it resends its outgoing store even when CONNACK says no
 *   session is present, so with a clean session a message the model discards (scenario-format.md:
 *   the in-flight state is thrown away) goes out again (mqttjs/MQTT.js#1651);
 * - `hands-on-at-pubrel`: as a QoS 2 receiver it hands a message to the application at PUBREL
 *   (Method A) whatever the scenario's `qos2Delivery.subscriber` says. Not a bug: the spec allows
 *   both methods (Figure 4.3); it only differs from a scenario that asks for Method B.
 */
import type { Difference } from "../../src/live/index.ts";
import type { LiveTrace } from "../types.ts";

export type MqttjsQuirk = "resend-without-dup" | "resend-ignoring-session-present" | "hands-on-at-pubrel";

/** `issue`: where MQTT.js's maintainers discuss it, or the code that does it. */
export const MQTTJS_QUIRKS: Record<MqttjsQuirk, { issue: string; sentence: string }> = {
  "resend-without-dup": {
    issue: "https://github.com/mqttjs/MQTT.js/issues/692",
    sentence: "MQTT.js resends an unacknowledged PUBLISH after a reconnect with DUP=0, not DUP=1.",
  },
  "resend-ignoring-session-present": {
    issue: "https://github.com/mqttjs/MQTT.js/issues/1651",
    sentence:
      "MQTT.js resends its unacknowledged messages after a reconnect even when the broker kept no session (Session Present=0).",
  },
  "hands-on-at-pubrel": {
    issue: "https://github.com/mqttjs/MQTT.js/blob/main/src/lib/handlers/pubrel.ts",
    sentence: "MQTT.js hands a QoS 2 message to the application at PUBREL (Method A), not at PUBLISH.",
  },
};

export interface QuirkSeen {
  quirk: MqttjsQuirk;
  message: number;
  /** Index in the trace's events of the publisher's packet that shows it. */
  event: number;
}

/** The quirks the publisher's packets show, read from the wire (the relay's record) only. */
export function mqttjsQuirksIn(trace: LiveTrace): QuirkSeen[] {
  const seen: QuirkSeen[] = [];
  /** Session Present of the publisher hop's last reconnect, while one is in force. */
  let sessionPresent: boolean | undefined;
  /** Messages whose PUBLISH or PUBREL the publisher sent on an earlier connection. */
  const sentBefore = new Set<number>();
  const sentNow = new Set<number>();
  trace.events.forEach((e, index) => {
    if (e.hop !== "publisher-broker") return;
    if (e.type === "connection-lost") {
      for (const m of sentNow) sentBefore.add(m);
      sentNow.clear();
      sessionPresent = undefined;
      return;
    }
    if (e.type === "reconnected") {
      sessionPresent = e.sessionPresent;
      return;
    }
    if (e.type !== "packet" || e.from !== "publisher" || e.message === undefined) return;
    if (e.packet !== "PUBLISH" && e.packet !== "PUBREL") return;
    const message = e.message;
    sentNow.add(message);
    if (!sentBefore.has(message)) return;
    if (e.packet === "PUBLISH" && e.qos !== undefined && e.qos > 0 && !e.dup)
      seen.push({ quirk: "resend-without-dup", message, event: index });
    if (
      sessionPresent === false &&
      !seen.some((s) => s.quirk === "resend-ignoring-session-present" && s.message === message)
    )
      seen.push({ quirk: "resend-ignoring-session-present", message, event: index });
  });
  return seen;
}

/**
 * The MQTT.js quirk a difference comes from, if any: a DUP=0 resend is `resend-without-dup`; a
 * packet, delivery or hand-on point of a message MQTT.js resent without a session follows from
 * `resend-ignoring-session-present` (the whole flow the model does not have).
 */
export function quirkOf(difference: Difference, seen: readonly QuirkSeen[]): MqttjsQuirk | undefined {
  if (difference.kind === "hand-on" && difference.party === "subscriber" && difference.real === "PUBREL")
    return "hands-on-at-pubrel";
  const showing = (quirk: MqttjsQuirk) =>
    seen.some((s) => s.quirk === quirk && s.message === difference.message);
  if (
    difference.kind === "flag" &&
    difference.flag === "dup" &&
    difference.packet === "PUBLISH" &&
    difference.party === "publisher" &&
    difference.real === false &&
    showing("resend-without-dup")
  )
    return "resend-without-dup";
  if (
    (difference.kind === "unexpected" || difference.kind === "deliveries" || difference.kind === "hand-on") &&
    showing("resend-ignoring-session-present")
  )
    return "resend-ignoring-session-present";
  return undefined;
}
