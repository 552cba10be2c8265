/**
 * The fault text of links and element attributes: `[hop/]PACKET[/message[/attempt]]`, several
 * joined by commas (`PUBREC,broker-subscriber/PUBACK/1/2`). The hop defaults to
 * publisher-broker, message and attempt to 1, as in the scenario format. Pure.
 */
import { HOPS, type Fault } from "../sim/types.ts";

/** One fault's text → a fault object, unvalidated: the scenario parser says what is wrong with it. */
export function parseFault(text: string): Record<string, unknown> {
  const parts = text.split("/");
  const fault: Record<string, unknown> = {};
  if (HOPS.includes(parts[0] as never)) fault.hop = parts.shift();
  fault.packet = parts.shift() ?? "";
  const num = (s: string | undefined) => (s !== undefined && /^\d+$/.test(s) ? Number(s) : s);
  if (parts.length > 0) fault.message = num(parts.shift());
  if (parts.length > 0) fault.attempt = num(parts.shift());
  return fault;
}

/**
 * What is wrong with a fault text's shape (more parts than `[hop/]PACKET/message/attempt`), or
 * null; the parts' values are the scenario parser's to judge.
 */
export function faultShapeProblem(text: string): string | null {
  const parts = text.split("/");
  const most = HOPS.includes(parts[0] as never) ? 4 : 3;
  if (parts.length <= most) return null;
  return `expected [hop/]PACKET[/message[/attempt]] (at most ${most} parts here); got ${parts.length}`;
}

/** The shortest text for a fault: defaults left out. */
export function formatFault(f: Fault): string {
  const hop = f.hop === "publisher-broker" ? "" : `${f.hop}/`;
  const tail = f.attempt !== 1 ? `/${f.message}/${f.attempt}` : f.message !== 1 ? `/${f.message}` : "";
  return `${hop}${f.packet}${tail}`;
}

/** A comma-separated list of faults, blanks around and between commas ignored. */
export function splitFaults(text: string): string[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** The faults of a scenario as one comma-separated text. */
export function formatFaults(faults: readonly Fault[]): string {
  return faults.map(formatFault).join(",");
}
