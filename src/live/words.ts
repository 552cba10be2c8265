/** The one-sentence explanations of the live lab's differences. Pure string helpers. */
import { capitalise, hopEnds, ordinal, times } from "../explain/words.ts";
import type { Hop, PacketType, Party, Protocol } from "../sim/types.ts";
import type { FlagName } from "./difference.ts";

const HOP_WORDS: Record<Hop, string> = {
  "publisher-broker": "publisher → broker hop",
  "broker-subscriber": "broker → subscriber hop",
};

/** "the second PUBREC of message 1 on the publisher → broker hop". */
export function packetPhrase(packet: PacketType, message: number | undefined, nth: number, hop: Hop): string {
  const of = message === undefined ? "" : ` of message ${message}`;
  return `the ${nth > 1 ? `${ordinal(nth)} ` : ""}${packet}${of} on the ${HOP_WORDS[hop]}`;
}

export function missingSentence(sender: Party, phrase: string): string {
  return `The ${sender} did not send ${phrase}, which the model expects.`;
}

export function unexpectedSentence(sender: Party, phrase: string): string {
  return `The ${sender} sent ${phrase}, which the model does not send.`;
}

/** A QoS 1/2 PUBLISH or a PUBREL sent again with no reconnect in between. */
export function liveResendSentence(sender: Party, phrase: string, protocol: Protocol): string {
  const rule =
    protocol === "5.0"
      ? "MQTT 5.0 allows a resend only after a reconnect [MQTT-4.4.0-1]"
      : "the model resends only after a reconnect, as MQTT 3.1.1 requires [MQTT-4.4.0-1]";
  return `The ${sender} resent ${phrase} on a live connection; ${rule}.`;
}

export function cutSentence(phrase: string, modelLoses: boolean): string {
  return modelLoses
    ? `The relay did not cut ${phrase}, which the fault plan loses.`
    : `The relay cut ${phrase}, which the model does not lose.`;
}

export function deliveriesSentence(party: Party, message: number, model: number, real: number): string {
  const got = real === 0 ? `never got message ${message}` : `got message ${message} ${times(real)}`;
  const expected = model === 0 ? "the model never delivers it" : `the model delivers it ${times(model)}`;
  return `The ${party} ${got}; ${expected}.`;
}

function code(n: number | undefined): string {
  return n === undefined ? "none" : `0x${n.toString(16).padStart(2, "0")}`;
}

export function reasonSentence(
  sender: Party,
  phrase: string,
  model: number | undefined,
  real: number | undefined,
): string {
  return `The ${sender} sent ${phrase} with reason code ${code(real)}; the model sends ${code(model)}.`;
}

/**
 * A packet id that breaks the flow's use of ids (they are compared up to renaming): `expected` is
 * the real id this message already has on this hop.
 */
export function packetIdSentence(
  sender: Party,
  phrase: string,
  model: number | undefined,
  real: number | undefined,
  expected: number | undefined,
): string {
  if (model === undefined)
    return `The ${sender} sent ${phrase} with packet id ${real}; the model's has none.`;
  if (real === undefined) return `The ${sender} sent ${phrase} with no packet id; the model's carries one.`;
  if (expected !== undefined) {
    return `The ${sender} sent ${phrase} with packet id ${real}; in the model it carries the id this message already has on this hop (${expected} here).`;
  }
  return `The ${sender} sent ${phrase} with packet id ${real}, which this message's flow already gave another model id; the model uses a new one.`;
}

const FLAG_WORDS: Record<FlagName, string> = {
  qos: "QoS",
  dup: "DUP",
  retain: "RETAIN",
  sessionPresent: "Session Present",
};

export function flagSentence(
  sender: Party,
  phrase: string,
  flag: FlagName,
  model: number | boolean | undefined,
  real: number | boolean | undefined,
): string {
  const value = (v: number | boolean | undefined): string =>
    v === undefined ? "none" : typeof v === "boolean" ? (v ? "1" : "0") : String(v);
  return `The ${sender} sent ${phrase} with ${FLAG_WORDS[flag]}=${value(real)}; the model sends ${FLAG_WORDS[flag]}=${value(model)}.`;
}

const AT: Record<"PUBLISH" | "PUBREL", string> = {
  PUBLISH: "when the PUBLISH arrived (Method B)",
  PUBREL: "when the PUBREL arrived (Method A)",
};

/** The brief's example: "The broker handed message 1 on when the PUBLISH arrived (Method B); …". */
export function handOnSentence(party: Party, message: number, real: "PUBLISH" | "PUBREL"): string {
  const model =
    real === "PUBLISH"
      ? "the model, set to Method A, waits for the PUBREL"
      : "the model, set to Method B, hands it on at the PUBLISH";
  return `${capitalise(`the ${party}`)} handed message ${message} on ${AT[real]}; ${model}.`;
}

export function connectionSentence(hop: Hop, model: number, real: number): string {
  const broke = real === 0 ? "never broke" : `broke ${times(real)}`;
  const expected = model === 0 ? "the model never breaks it" : `the model breaks it ${times(model)}`;
  return `The connection between ${hopEnds(hop)} ${broke}; ${expected}.`;
}
