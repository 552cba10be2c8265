/**
 * Where a real QoS 2 receiver handed a message on: at the PUBLISH (Method B) or at the PUBREL
 * (Method A), the spec's Figure 4.3 (mqtt-reference.md §4), read from packet order. Pure.
 */
import { HOP_RECEIVER, hopQos } from "../explain/words.ts";
import { HOPS } from "../sim/types.ts";
import type { Hop, Party, Trace } from "../sim/types.ts";
import type { Difference } from "./difference.ts";
import { deliveriesSeen } from "./seen.ts";
import type { RealTrace } from "./realTrace.ts";
import { handOnSentence } from "./words.ts";

type Trigger = "PUBLISH" | "PUBREL";

/**
 * The index of the moment `party` handed `message` on: its first `deliver` event when the run
 * observes that party's deliveries; for a broker with a subscriber otherwise, its first onward
 * PUBLISH (a Method A broker forwards only after the PUBREL).
 */
function handOnIndex(real: RealTrace, party: Party, message: number, seen: Set<Party>): number {
  if (seen.has(party)) {
    return real.events.findIndex((e) => e.type === "deliver" && e.at === party && e.message === message);
  }
  if (party !== "broker" || !real.scenario.subscriber) return -1;
  return real.events.findIndex(
    (e) =>
      e.type === "packet" &&
      e.hop === "broker-subscriber" &&
      e.from === "broker" &&
      e.packet === "PUBLISH" &&
      e.message === message,
  );
}

/** The packet that made the party hand the message on: the `causedBy` one, else the last that reached it. */
function trigger(real: RealTrace, hop: Hop, party: Party, message: number, at: number): Trigger | undefined {
  const moment = real.events[at];
  const cause =
    moment && "causedBy" in moment && moment.causedBy !== undefined
      ? real.events[moment.causedBy]
      : undefined;
  if (cause?.type === "packet" && (cause.packet === "PUBLISH" || cause.packet === "PUBREL"))
    return cause.packet;
  for (let i = at - 1; i >= 0; i--) {
    const e = real.events[i];
    if (e?.type !== "packet" || e.hop !== hop || e.to !== party || e.message !== message || e.cut) continue;
    if (e.packet === "PUBLISH" || e.packet === "PUBREL") return e.packet;
  }
  return undefined;
}

/**
 * Whether the model runs a QoS 2 flow for the message on this hop: not when its receiver answers
 * with PUBACK or its PUBLISHes there are all below QoS 2, as a broker's profile makes them (RabbitMQ
 * handles a QoS 2 PUBLISH as QoS 1 and grants a QoS 2 subscription QoS 1): no PUBREL is awaited,
 * so there is no hand-on point to compare.
 */
function qos2InModel(model: Trace, hop: Hop, message: number): boolean {
  const packets = model.events.filter((e) => e.type === "packet" && e.hop === hop && e.message === message);
  if (packets.some((e) => e.type === "packet" && e.packet === "PUBACK")) return false;
  const qos = packets.flatMap((e) => (e.type === "packet" && e.packet === "PUBLISH" ? [e.qos] : []));
  return qos.length === 0 || qos.includes(2);
}

/**
 * One `hand-on` difference per message and QoS 2 receiver whose real hand-on point is not the one
 * the scenario sets (qos2Delivery). Receivers at QoS 0/1 and messages never handed on are skipped.
 */
export function handOnDifferences(model: Trace, real: RealTrace): Difference[] {
  const scenario = model.scenario;
  const seen = deliveriesSeen(real);
  const out: Difference[] = [];
  for (const hop of HOPS) {
    if (hop === "broker-subscriber" && !scenario.subscriber) continue;
    if (hopQos(scenario, hop) !== 2) continue;
    const party = HOP_RECEIVER[hop];
    const expected: Trigger =
      (party === "broker" ? scenario.qos2Delivery.broker : scenario.qos2Delivery.subscriber) === "on-publish"
        ? "PUBLISH"
        : "PUBREL";
    scenario.messages.forEach((_, i) => {
      const message = i + 1;
      if (!qos2InModel(model, hop, message)) return;
      const at = handOnIndex(real, party, message, seen);
      if (at < 0) return;
      const got = trigger(real, hop, party, message, at);
      if (got === undefined || got === expected) return;
      out.push({
        kind: "hand-on",
        hop,
        message,
        party,
        model: expected,
        real: got,
        realIndex: at,
        sentence: handOnSentence(party, message, got),
      });
    });
  }
  return out;
}
