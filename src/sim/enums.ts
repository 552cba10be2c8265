/**
 * The format's own words: the values of its enumerated fields, beside the protocol's
 * (../protocol/types.ts). Both the scenario schema and the trace types read them.
 */

export type Retransmit = "on-reconnect" | "on-timeout";
export type SessionKind = "persistent" | "clean";
export type Hop = "publisher-broker" | "broker-subscriber";
export type Party = "publisher" | "broker" | "subscriber";
export type Verdict = "lost" | "once" | "duplicated";

export const RETRANSMIT_MODES: readonly Retransmit[] = ["on-reconnect", "on-timeout"];
export const SESSION_KINDS: readonly SessionKind[] = ["persistent", "clean"];
export const HOPS: readonly Hop[] = ["publisher-broker", "broker-subscriber"];
