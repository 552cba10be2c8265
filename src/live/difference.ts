/** What diffTraces reports: one difference between the model's trace and the real one. Pure types. */
import type { Hop, PacketType, Party } from "../sim/types.ts";

/**
 * - `missing`: a packet the model expected that the real party did not send;
 * - `unexpected`: a packet the real party sent that the model does not (e.g. a resend on a live
 *   connection, which the model forbids);
 * - `cut`: the relay cut a different packet from the one the fault plan names;
 * - `deliveries`: a different delivery count at the final receiver;
 * - `connection-lost`: a hop's connection broke a different number of times (e.g. the broker closed it);
 * - `reason-code`, `packet-id`, `flag` (QoS, DUP, RETAIN, CONNACK's Session Present): a field of a
 *   paired packet differs;
 * - `hand-on`: a QoS 2 receiver handed the message on at another packet (Method A vs B).
 */
export type DifferenceKind =
  | "missing"
  | "unexpected"
  | "cut"
  | "deliveries"
  | "connection-lost"
  | "reason-code"
  | "packet-id"
  | "flag"
  | "hand-on";

export const DIFFERENCE_KINDS: readonly DifferenceKind[] = [
  "missing",
  "unexpected",
  "cut",
  "deliveries",
  "connection-lost",
  "reason-code",
  "packet-id",
  "flag",
  "hand-on",
];

export type FlagName = "qos" | "dup" | "retain" | "sessionPresent";

export interface Difference {
  kind: DifferenceKind;
  /** One plain sentence that explains it. */
  sentence: string;
  hop?: Hop;
  message?: number;
  packet?: PacketType;
  /** The packet's sender, or for `deliveries` and `hand-on` the receiving party. */
  party?: Party;
  /** `flag` only. */
  flag?: FlagName;
  /** What the model has and what the real trace has (absent for `missing` / `unexpected`). */
  model?: number | boolean | string;
  real?: number | boolean | string;
  /** Index of the event concerned in the model trace's `events`, when there is one. */
  modelIndex?: number;
  /** Index of the event concerned in the real trace's `events`, when there is one. */
  realIndex?: number;
}
