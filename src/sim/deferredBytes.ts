/**
 * A run before the packet encoder has loaded, and its bytes filled in once it has. The page draws
 * its first diagram from such a run (the diagram never shows bytes), so it need not wait for
 * mqtt-packet and the `buffer` polyfill; whatever shows bytes (the event table, the inspector, the
 * exports) waits for the completed trace, which equals what `runScenario` gives (a test checks
 * every preset, key order included).
 *
 * The recorder keeps a copy of each packet the engine encodes and hands back a placeholder in the
 * same key position: `bytes` 0 and a `hex` that names the packet's record, so completing the trace
 * needs no assumption about where the engine puts its packet events.
 */
import type { Encode, Encoding, WirePacket } from "../protocol/wirePacket.ts";
import { markPending, pendingPackets } from "./bytesPending.ts";
import { runScenarioWith, type RunOptions } from "./engine.ts";
import type { ProfileSupport } from "./profileSupport.ts";
import type { PacketEvent, Scenario, Trace, TraceEvent } from "./types.ts";

const PLACEHOLDER = "pending:";
const NO_BYTES = new Uint8Array(0);

/**
 * Runs `scenario` without an encoder: every packet's `bytes` and `hex` are placeholders. A scenario
 * that names profiles needs their records (profileSupport.ts).
 */
export function runWithoutBytes(
  scenario: Scenario,
  options: RunOptions = {},
  profiles?: ProfileSupport,
): Trace {
  const packets: WirePacket[] = [];
  const record: Encode = (packet): Encoding => {
    // The engine reuses one description for every packet: keep a copy.
    packets.push({ ...packet });
    return { bytes: NO_BYTES, hex: `${PLACEHOLDER}${packets.length - 1}` };
  };
  const trace = runScenarioWith({ encode: record, profiles }, scenario, options);
  markPending(trace, packets);
  return trace;
}

/**
 * The trace with its packets' bytes, from `encode` (wire.ts's): a new trace, equal to what the
 * engine gives with that encoder. A trace that has its bytes is returned as it is.
 */
export function withBytes(trace: Trace, encode: Encode): Trace {
  const packets = pendingPackets(trace);
  if (!packets) return trace;
  const encodings = packets.map(encode);
  let total = 0;
  const events = trace.events.map((event): TraceEvent => {
    if (event.type !== "packet") return event;
    const encoding = encodingOf(event, encodings);
    total += encoding.bytes.length;
    // A spread keeps every key where it was: key order is the JSON contract.
    return { ...event, bytes: encoding.bytes.length, hex: encoding.hex };
  });
  // outcome.ts counts every transmission's bytes, lost ones included: the same sum.
  return { ...trace, events, outcome: { ...trace.outcome, bytes: total } };
}

function encodingOf(event: PacketEvent, encodings: readonly Encoding[]): Encoding {
  const index = event.hex.startsWith(PLACEHOLDER) ? Number(event.hex.slice(PLACEHOLDER.length)) : NaN;
  const encoding = encodings[index];
  if (!encoding) throw new Error(`packet event at t=${event.t}: no recorded packet for hex "${event.hex}"`);
  return encoding;
}
