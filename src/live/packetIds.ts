/**
 * Packet ids compared up to renaming: the sender picks them (a broker its own towards each
 * subscriber, mqtt-reference.md §3), so only their use must match the model's: one message's flow
 * on a hop keeps its id, a resend reuses it [MQTT-2.3.1-4] and an acknowledgement carries the id
 * of the packet it answers. Pure.
 */
import type { PacketPair } from "./align.ts";

/** Why a paired packet's id does not fit: the real id the flow already uses, or a clash. */
export interface IdMismatch {
  /** The real id this flow gave the model's id earlier; undefined when the real id is another's. */
  expected?: number;
}

/**
 * Per hop and message, walks the paired packets in real order, matching model ids to real ids one
 * to one; a pair that breaks the match, or where only one side has an id, is returned.
 */
export function packetIdMismatches(pairs: PacketPair[]): Map<PacketPair, IdMismatch> {
  const out = new Map<PacketPair, IdMismatch>();
  const toReal = new Map<string, number>();
  const toModel = new Map<string, number>();
  const both = pairs
    .filter((p) => p.model && p.real)
    .sort((a, b) => (a.real?.index ?? 0) - (b.real?.index ?? 0));
  for (const pair of both) {
    const m = pair.model?.event;
    const r = pair.real?.event;
    if (!m || !r || (m.packetId === undefined && r.packetId === undefined)) continue;
    if (m.packetId === undefined || r.packetId === undefined) {
      out.set(pair, {});
      continue;
    }
    const flow = `${m.hop}|${m.message ?? "-"}`;
    const mappedReal = toReal.get(`${flow}|${m.packetId}`);
    const mappedModel = toModel.get(`${flow}|${r.packetId}`);
    if (mappedReal === undefined && mappedModel === undefined) {
      toReal.set(`${flow}|${m.packetId}`, r.packetId);
      toModel.set(`${flow}|${r.packetId}`, m.packetId);
    } else if (mappedReal !== r.packetId || mappedModel !== m.packetId) {
      out.set(pair, mappedReal === undefined ? {} : { expected: mappedReal });
    }
  }
  return out;
}
