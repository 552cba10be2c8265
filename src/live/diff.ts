/**
 * diffTraces: the model's trace against a real one, difference by difference, each with one plain
 * sentence. Pure; aligns by hop, message and packet order, never by time.
 */
import { HOP_RECEIVER } from "../explain/words.ts";
import { decodePacket } from "../inspect/decode.ts";
import { HOPS } from "../sim/types.ts";
import type { Hop, PacketEvent, Party, Protocol, Scenario, Trace } from "../sim/types.ts";
import { alignPackets, type PacketPair, type RealModelPacket } from "./align.ts";
import type { Difference } from "./difference.ts";
import { handOnDifferences } from "./handOn.ts";
import type { RealTrace } from "./realTrace.ts";
import { packetIdMismatches, type IdMismatch } from "./packetIds.ts";
import { deliveriesSeen } from "./seen.ts";
import {
  connectionSentence,
  cutSentence,
  deliveriesSentence,
  flagSentence,
  liveResendSentence,
  missingSentence,
  packetIdSentence,
  packetPhrase,
  reasonSentence,
  unexpectedSentence,
} from "./words.ts";

const REASON_PACKETS = new Set(["PUBACK", "PUBREC", "PUBREL", "PUBCOMP", "CONNACK"]);

/**
 * A packet's reason code (CONNACK 3.1.1: its return code). A 5.0 acknowledgement may omit it,
 * which means 0x00 (5.0 §3.4.2.1), so omitted and 0 compare equal.
 */
function reasonOf(
  e: { packet: string; hex: string; reasonCode?: number },
  protocol: Protocol,
): number | undefined {
  if (!REASON_PACKETS.has(e.packet)) return undefined;
  if (e.reasonCode !== undefined) return e.reasonCode;
  const facts = decodePacket(e.hex, protocol).facts;
  return facts.reasonCode ?? facts.returnCode ?? (protocol === "5.0" ? 0 : undefined);
}

/** CONNACK's Session Present, from the packet's bytes when the relay did not set the field. */
function sessionPresentOf(e: RealModelPacket, protocol: Protocol): boolean | undefined {
  if (e.packet !== "CONNACK") return undefined;
  return e.sessionPresent ?? decodePacket(e.hex, protocol).facts.sessionPresent;
}

/** A QoS 1/2 PUBLISH or a PUBREL sent again with no `connection-lost` on its hop since the last one. */
function liveResend(real: RealTrace, pairs: PacketPair[], pair: PacketPair): boolean {
  const r = pair.real;
  if (!r || (r.event.packet !== "PUBLISH" && r.event.packet !== "PUBREL")) return false;
  if (r.event.packet === "PUBLISH" && (r.event.qos ?? 0) === 0) return false;
  const previous = pairs
    .filter((p) => p.real && sameStream(p.real.event, r.event) && p.real.index < r.index)
    .map((p) => p.real?.index ?? -1);
  if (previous.length === 0) return false;
  const since = Math.max(...previous);
  return !real.events.some(
    (e, i) => i > since && i < r.index && e.type === "connection-lost" && e.hop === r.event.hop,
  );
}

function sameStream(a: RealModelPacket, b: RealModelPacket): boolean {
  return a.hop === b.hop && a.from === b.from && a.packet === b.packet && a.message === b.message;
}

function base(e: PacketEvent | RealModelPacket, pair: PacketPair): Omit<Difference, "kind" | "sentence"> {
  return {
    hop: e.hop,
    ...(e.message !== undefined ? { message: e.message } : {}),
    packet: e.packet,
    party: e.from,
    ...(pair.model ? { modelIndex: pair.model.index } : {}),
    ...(pair.real ? { realIndex: pair.real.index } : {}),
  };
}

/** The differences of one paired packet: cut, reason code, packet id (packetIds.ts), flags. */
function pairDifferences(
  pair: PacketPair,
  m: PacketEvent,
  r: RealModelPacket,
  protocol: Protocol,
  idMismatch: IdMismatch | undefined,
): Difference[] {
  const out: Difference[] = [];
  const phrase = packetPhrase(m.packet, m.message, pair.position, m.hop);
  const at = base(m, pair);
  const modelCut = m.dropped && m.lostBy === "fault";
  if (modelCut !== (r.cut === true)) {
    out.push({
      ...at,
      kind: "cut",
      model: modelCut,
      real: r.cut === true,
      sentence: cutSentence(phrase, modelCut),
    });
  }
  const mCode = reasonOf(m, protocol);
  const rCode = reasonOf(r, protocol);
  if (mCode !== rCode) {
    out.push({
      ...at,
      kind: "reason-code",
      ...(mCode !== undefined ? { model: mCode } : {}),
      ...(rCode !== undefined ? { real: rCode } : {}),
      sentence: reasonSentence(m.from, phrase, mCode, rCode),
    });
  }
  if (idMismatch) {
    out.push({
      ...at,
      kind: "packet-id",
      ...(m.packetId !== undefined ? { model: m.packetId } : {}),
      ...(r.packetId !== undefined ? { real: r.packetId } : {}),
      sentence: packetIdSentence(m.from, phrase, m.packetId, r.packetId, idMismatch.expected),
    });
  }
  for (const flag of ["qos", "dup", "retain", "sessionPresent"] as const) {
    const mv = m[flag];
    const rv = flag === "sessionPresent" ? sessionPresentOf(r, protocol) : r[flag];
    if (mv === rv) continue;
    out.push({
      ...at,
      kind: "flag",
      flag,
      ...(mv !== undefined ? { model: mv } : {}),
      ...(rv !== undefined ? { real: rv } : {}),
      sentence: flagSentence(m.from, phrase, flag, mv, rv),
    });
  }
  return out;
}

function packetDifferences(model: Trace, real: RealTrace): Difference[] {
  const protocol = model.scenario.protocol;
  const pairs = alignPackets(model, real);
  const idMismatches = packetIdMismatches(pairs);
  const out: Difference[] = [];
  for (const pair of pairs) {
    const { model: m, real: r } = pair;
    if (m && r) {
      out.push(...pairDifferences(pair, m.event, r.event, protocol, idMismatches.get(pair)));
    } else if (m) {
      // A packet lost by the fault plan or with its connection is not expected on the wire.
      if (m.event.dropped && m.event.lostBy === "connection-lost") continue;
      const phrase = packetPhrase(m.event.packet, m.event.message, pair.position, m.event.hop);
      out.push({ ...base(m.event, pair), kind: "missing", sentence: missingSentence(m.event.from, phrase) });
    } else if (r) {
      const phrase = packetPhrase(r.event.packet, r.event.message, pair.position, r.event.hop);
      const sentence = liveResend(real, pairs, pair)
        ? liveResendSentence(r.event.from, phrase, protocol)
        : unexpectedSentence(r.event.from, phrase);
      out.push({ ...base(r.event, pair), kind: "unexpected", sentence });
    }
  }
  return out;
}

/** The party whose deliveries the outcome counts: the subscriber with two hops, else the broker. */
function finalReceiver(scenario: Scenario): { party: Party; hop: Hop } {
  const hop: Hop = scenario.subscriber ? "broker-subscriber" : "publisher-broker";
  return { party: HOP_RECEIVER[hop], hop };
}

function deliveryDifferences(model: Trace, real: RealTrace): Difference[] {
  const { party, hop } = finalReceiver(model.scenario);
  if (!deliveriesSeen(real).has(party)) return [];
  const count = (
    events: readonly { type: string; at?: string; message?: number }[],
    message: number,
  ): number => events.filter((e) => e.type === "deliver" && e.at === party && e.message === message).length;
  const out: Difference[] = [];
  model.scenario.messages.forEach((_, i) => {
    const message = i + 1;
    const m = count(model.events, message);
    const r = count(real.events, message);
    if (m === r) return;
    out.push({
      kind: "deliveries",
      hop,
      message,
      party,
      model: m,
      real: r,
      sentence: deliveriesSentence(party, message, m, r),
    });
  });
  return out;
}

/** How often each hop's connection broke: the relay's cuts and a broker closing it alike. */
function connectionDifferences(model: Trace, real: RealTrace): Difference[] {
  const out: Difference[] = [];
  for (const hop of HOPS) {
    const count = (events: readonly { type: string; hop?: string }[]): number =>
      events.filter((e) => e.type === "connection-lost" && e.hop === hop).length;
    const m = count(model.events);
    const r = count(real.events);
    if (m === r) continue;
    out.push({ kind: "connection-lost", hop, model: m, real: r, sentence: connectionSentence(hop, m, r) });
  }
  return out;
}

/**
 * Every difference between the model's trace and a real run of the same scenario: packets first
 * (in the order of the model's streams, then streams only the real trace has), then how often each
 * connection broke, then delivery counts, then hand-on points. Empty when the broker and clients did what the model says, timing
 * aside. Pure.
 */
export function diffTraces(model: Trace, real: RealTrace): Difference[] {
  return [
    ...packetDifferences(model, real),
    ...connectionDifferences(model, real),
    ...deliveryDifferences(model, real),
    ...handOnDifferences(model, real),
  ];
}
