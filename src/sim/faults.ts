/**
 * The scenario's fault plan: which transmissions are lost. A fault is used at most once; a fault
 * that never matches a transmission is reported as unused, not as an error (scenario-format.md).
 * Pure, apart from remembering which faults have been used.
 */
import type { PacketType } from "../protocol/types.ts";
import type { Fault, Hop } from "./types.ts";

function key(hop: Hop, packet: PacketType, message: number, attempt: number): string {
  // CONNECT/CONNACK belong to a connection attempt, not to a message.
  const m = packet === "CONNECT" || packet === "CONNACK" ? 0 : message;
  return `${hop}|${packet}|${m}|${attempt}`;
}

export class FaultPlan {
  private readonly pending = new Map<string, number[]>();
  private readonly used: boolean[];

  private readonly faults: readonly Fault[];

  constructor(faults: readonly Fault[]) {
    this.faults = faults;
    this.used = faults.map(() => false);
    faults.forEach((f, i) => {
      const k = key(f.hop, f.packet, f.message, f.attempt);
      const list = this.pending.get(k);
      if (list) list.push(i);
      else this.pending.set(k, [i]);
    });
  }

  /** True when this transmission is to be lost; marks the matching fault as used. */
  take(hop: Hop, packet: PacketType, message: number, attempt: number): boolean {
    if (this.pending.size === 0) return false;
    const k = key(hop, packet, message, attempt);
    const list = this.pending.get(k);
    if (!list) return false;
    const index = list.shift() as number;
    if (list.length === 0) this.pending.delete(k);
    this.used[index] = true;
    return true;
  }

  /** The faults that matched no transmission, in scenario order. */
  unused(): Fault[] {
    return this.faults.filter((_, i) => !this.used[i]).map((f) => ({ ...f }));
  }
}
