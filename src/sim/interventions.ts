/**
 * A user's intervention on a trace, as data: "drop this packet" adds the fault that names its
 * transmission to the scenario; "restore it" removes that fault. The caller then simulates again.
 * Pure: returns a new scenario.
 */
import { isFaultPacket, type Fault, type PacketEvent, type Scenario } from "./types.ts";

/** The fault that names exactly this transmission; null for a packet no fault can name. */
export function faultOf(e: PacketEvent): Fault | null {
  if (!isFaultPacket(e.packet)) return null;
  const connection = e.packet === "CONNECT" || e.packet === "CONNACK";
  return { hop: e.hop, packet: e.packet, message: connection ? 1 : (e.message ?? 1), attempt: e.attempt };
}

export function sameFault(a: Fault, b: Fault): boolean {
  const connection = a.packet === "CONNECT" || a.packet === "CONNACK";
  return (
    a.hop === b.hop &&
    a.packet === b.packet &&
    a.attempt === b.attempt &&
    (connection || a.message === b.message)
  );
}

/** Drops the packet if it arrived, restores it if a fault dropped it; unchanged otherwise. */
export function toggleDrop(scenario: Scenario, e: PacketEvent): Scenario {
  if (e.dropped && e.lostBy !== "fault") return scenario;
  const fault = faultOf(e);
  if (fault === null) return scenario;
  const faults = e.dropped
    ? scenario.faults.filter((f) => !sameFault(f, fault))
    : [...scenario.faults, fault];
  return { ...scenario, faults };
}
