/**
 * Fault plans in words, for an engineer scanning a list of edge cases: "PUBACK lost, then the
 * resent PUBLISH lost", "on the second hop: the second PUBREC lost", "the reconnect's CONNECT
 * lost". Pure string helpers.
 */
import { ordinal } from "../explain/words.ts";
import type { Fault, Hop, Scenario } from "../sim/types.ts";

/** Packets a sender sends again (so a later copy is a resend); the others are answers sent again. */
const RESENT: ReadonlySet<string> = new Set(["PUBLISH", "PUBREL"]);

/**
 * One lost transmission in words, without its hop: "PUBACK", "the resent PUBLISH of message 2",
 * "the second PUBREC", "the third PUBLISH", "the second reconnect's CONNECT". Pure.
 */
export function transmissionName(fault: Fault, scenario: Pick<Scenario, "messages">): string {
  if (fault.packet === "CONNECT" || fault.packet === "CONNACK") {
    // A CONNECT/CONNACK's attempt counts reconnects, not copies of one packet.
    const which = fault.attempt === 1 ? "the reconnect's" : `the ${ordinal(fault.attempt)} reconnect's`;
    return `${which} ${fault.packet}`;
  }
  const of = scenario.messages.length > 1 ? ` of message ${fault.message}` : "";
  if (fault.attempt === 1) return `${fault.packet}${of}`;
  // "Resent" says why there is a second PUBLISH; for a third, the count is clearer.
  if (fault.attempt === 2 && RESENT.has(fault.packet)) return `the resent ${fault.packet}${of}`;
  return `the ${ordinal(fault.attempt)} ${fault.packet}${of}`;
}

const HOP_WORDS: Record<Hop, string> = {
  "publisher-broker": "on the first hop",
  "broker-subscriber": "on the second hop",
};

/**
 * A plan in words, its faults in the order given (the explorer gives them in the order they were
 * sent). With two hops, each run of faults on one hop is introduced by the hop:
 * "on the first hop: PUBREC lost; then on the second hop: PUBACK lost". Pure.
 */
export function planName(
  faults: readonly Fault[],
  scenario: Pick<Scenario, "messages" | "subscriber">,
): string {
  if (faults.length === 0) return "nothing lost";
  const twoHops = scenario.subscriber !== undefined;
  const runs: { hop: Hop; names: string[] }[] = [];
  for (const fault of faults) {
    const name = `${transmissionName(fault, scenario)} lost`;
    const current = runs[runs.length - 1];
    if (twoHops && current?.hop !== fault.hop) runs.push({ hop: fault.hop, names: [name] });
    else if (current === undefined) runs.push({ hop: fault.hop, names: [name] });
    else current.names.push(name);
  }
  return runs.map((r) => (twoHops ? `${HOP_WORDS[r.hop]}: ` : "") + r.names.join(", then ")).join("; then ");
}

/** A fault as compact, exact data for a table cell: "publisher-broker PUBACK m1 #2". Pure. */
export function faultLabel(fault: Fault): string {
  const connection = fault.packet === "CONNECT" || fault.packet === "CONNACK";
  return `${fault.hop} ${fault.packet}${connection ? "" : ` m${fault.message}`} #${fault.attempt}`;
}
