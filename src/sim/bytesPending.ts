/**
 * Which traces still wait for their packets' bytes (deferredBytes.ts): a tiny module, so that what
 * shows bytes (the event table, the inspector, the exports) can ask before the engine has loaded.
 */
import type { WirePacket } from "../protocol/wirePacket.ts";
import type { Trace } from "./types.ts";

/** A trace whose bytes are placeholders → the packets the engine asked to encode, in order. */
const pending = new WeakMap<Trace, readonly WirePacket[]>();

/** Whether the trace has its packets' bytes: every trace but a run without bytes not yet completed. */
export function hasBytes(trace: Trace): boolean {
  return !pending.has(trace);
}

/** Marks a run without bytes, with the packets its bytes are to be encoded from. */
export function markPending(trace: Trace, packets: readonly WirePacket[]): void {
  pending.set(trace, packets);
}

/** The packets a run without bytes recorded; undefined when the trace has its bytes. */
export function pendingPackets(trace: Trace): readonly WirePacket[] | undefined {
  return pending.get(trace);
}
