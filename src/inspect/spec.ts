/**
 * Spec vocabulary for the inspector: packet type names, 3.1.1 return codes and section references
 * (5.0 reason codes: reasonCodes.ts).
 * Pure data; section numbers differ between 3.1.1 and 5.0, so every reference names its version.
 */
import type { Protocol } from "../protocol/types.ts";

/** Control packet type names by the high nibble of the first byte (3.1.1 §2.2.1, 5.0 §2.1.2). */
export const TYPE_NAMES = [
  "Reserved",
  "CONNECT",
  "CONNACK",
  "PUBLISH",
  "PUBACK",
  "PUBREC",
  "PUBREL",
  "PUBCOMP",
  "SUBSCRIBE",
  "SUBACK",
  "UNSUBSCRIBE",
  "UNSUBACK",
  "PINGREQ",
  "PINGRESP",
  "DISCONNECT",
  "AUTH",
] as const;

export type TypeName = (typeof TYPE_NAMES)[number];

/**
 * A reference for one version: `ref("5.0", "3.3.1.1", "[MQTT-3.3.1-1]")` is "5.0 §3.3.1.1 [MQTT-3.3.1-1]".
 * Several sections are joined with commas.
 */
export function ref(protocol: Protocol, sections: string | readonly string[], ...ids: string[]): string {
  const list = typeof sections === "string" ? [sections] : sections;
  const head = `${protocol} ${list.map((s) => `§${s}`).join(", ")}`;
  return ids.length ? `${head} ${ids.join(" ")}` : head;
}

/** Picks the 3.1.1 or the 5.0 variant of anything (section number, statement id, sentence). */
export function pick<T>(protocol: Protocol, v311: T, v5: T): T {
  return protocol === "5.0" ? v5 : v311;
}

/** 3.1.1 CONNACK return codes (§3.2.2.3). */
export const RETURN_CODES: Readonly<Record<number, string>> = {
  0x00: "Connection Accepted",
  0x01: "Unacceptable protocol version",
  0x02: "Identifier rejected",
  0x03: "Server unavailable",
  0x04: "Bad user name or password",
  0x05: "Not authorized",
};

/** "0x1f" style, the way the spec tables write bytes. */
export function hex2(n: number): string {
  return `0x${n.toString(16).padStart(2, "0")}`;
}
