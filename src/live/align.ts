/**
 * Pairs the model's packets with the real ones, per hop by message and packet order, never by time
 * (real timings differ from the model's simulated ones). Pure.
 */
import { PACKET_TYPES } from "../protocol/types.ts";
import type { PacketEvent, PacketType, Trace } from "../sim/types.ts";
import type { RealPacketEvent, RealTrace, RealTraceEvent } from "./realTrace.ts";

/** An event and its index in its own trace's `events` array (so a view can mark it). */
export interface Slot<E> {
  event: E;
  index: number;
}

/**
 * One stream position: the n-th `packet` sent by `from` for `message` on `hop`. `model` or `real`
 * is absent when only one side sent it.
 */
export interface PacketPair {
  /** 1-based position in its stream (the model's `attempt` when nothing was left unpaired). */
  position: number;
  model?: Slot<PacketEvent>;
  real?: Slot<RealModelPacket>;
}

/** A real packet of a type the model also draws. */
export type RealModelPacket = RealPacketEvent & { packet: PacketType };

const MODEL_TYPES: ReadonlySet<string> = new Set(PACKET_TYPES);

function isModelPacket(e: RealTraceEvent): e is RealModelPacket {
  return e.type === "packet" && MODEL_TYPES.has(e.packet);
}

/** Packets of one stream: same hop, sender, type and message (CONNECT/CONNACK have none). */
function streamKey(e: { hop: string; from: string; packet: string; message?: number }): string {
  return `${e.hop}|${e.from}|${e.packet}|${e.message ?? "-"}`;
}

/**
 * The real packets the model also has. The model draws CONNECT/CONNACK only after a loss
 * (scenario-format.md), so each hop's CONNECT/CONNACK before its first `connection-lost` (the
 * initial connection) is left out, as are packets the model never draws (SUBSCRIBE, PINGREQ, …).
 */
export function comparableRealPackets(real: RealTrace): Slot<RealModelPacket>[] {
  const broken = new Set<string>();
  const out: Slot<RealModelPacket>[] = [];
  real.events.forEach((event, index) => {
    if (event.type === "connection-lost") broken.add(event.hop);
    if (!isModelPacket(event)) return;
    const connection = event.packet === "CONNECT" || event.packet === "CONNACK";
    if (connection && !broken.has(event.hop)) return;
    out.push({ event, index });
  });
  return out;
}

function groupBy<E extends PacketEvent | RealModelPacket>(slots: Slot<E>[]): Map<string, Slot<E>[]> {
  const groups = new Map<string, Slot<E>[]>();
  for (const slot of slots) {
    const key = streamKey(slot.event);
    const list = groups.get(key);
    if (list) list.push(slot);
    else groups.set(key, [slot]);
  }
  return groups;
}

/**
 * Model packets lost only because their connection broke under them. Whether the relay saw such a
 * packet before the cut depends on real timing, so when the real stream is shorter they are the
 * ones left unpaired, without a difference.
 */
function lostWithConnection(e: PacketEvent): boolean {
  return e.dropped && e.lostBy === "connection-lost";
}

/**
 * Every stream position of either trace, model streams first in trace order, then streams only
 * the real trace has. Within a stream the k-th model packet pairs with the k-th real one.
 */
export function alignPackets(model: Trace, real: RealTrace): PacketPair[] {
  const modelSlots: Slot<PacketEvent>[] = [];
  model.events.forEach((event, index) => {
    if (event.type === "packet") modelSlots.push({ event, index });
  });
  const modelGroups = groupBy(modelSlots);
  const realGroups = groupBy(comparableRealPackets(real));
  const keys = [...modelGroups.keys(), ...[...realGroups.keys()].filter((k) => !modelGroups.has(k))];
  const pairs: PacketPair[] = [];
  for (const key of keys) {
    const realList = realGroups.get(key) ?? [];
    let spare = (modelGroups.get(key)?.length ?? 0) - realList.length;
    const modelList = (modelGroups.get(key) ?? []).filter((slot) => {
      if (spare > 0 && lostWithConnection(slot.event)) {
        spare -= 1;
        return false;
      }
      return true;
    });
    const n = Math.max(modelList.length, realList.length);
    for (let k = 0; k < n; k++) {
      const m = modelList[k];
      const r = realList[k];
      pairs.push({ position: k + 1, ...(m ? { model: m } : {}), ...(r ? { real: r } : {}) });
    }
  }
  return pairs;
}
