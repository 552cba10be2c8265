/**
 * One-line descriptions of a scenario and its outcome, for the title and description of an
 * exported diagram (SVG <title>/<desc>, Mermaid title). Pure.
 */
import { headlineOf } from "../explain/verdict.ts";
import type { Scenario, Trace } from "../sim/types.ts";

/** "MQTT 5.0, QoS 2, publisher → broker → subscriber (granted QoS 1), resend on reconnect, persistent sessions". */
export function describeScenario(s: Scenario): string {
  const hops = s.subscriber
    ? `publisher → broker → subscriber (granted QoS ${s.subscriber.qos})`
    : "publisher → broker";
  const resend = s.retransmit === "on-timeout" ? "resend on timeout" : "resend on reconnect";
  const sessions =
    s.session.publisher === s.session.subscriber || !s.subscriber
      ? `${s.session.publisher} session${s.subscriber ? "s" : ""}`
      : `${s.session.publisher} publisher session, ${s.session.subscriber} subscriber session`;
  return `MQTT ${s.protocol}, QoS ${s.publishQos}, ${hops}, ${resend}, ${sessions}`;
}

/** "Message 1: processed exactly once. Message 2: processed twice." */
export function describeOutcome(trace: Trace): string {
  return trace.outcome.messages
    .map((o) => `Message ${o.message}: ${headlineOf(o, trace.scenario.dedupe)}.`)
    .join(" ");
}
