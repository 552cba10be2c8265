/**
 * TEST-ONLY: what the encoder's and the inspector's tests share. Never imported by the app.
 */
import { Buffer } from "buffer";
import { parser, type Packet } from "mqtt-packet";
import { expect } from "vitest";
import type { Protocol } from "./types.ts";

/** mqtt-reference.md §9: topic "plant/batch" with a 20-byte payload. */
export const TOPIC = "plant/batch";
export const PAYLOAD = "01234567890123456789";

/** Parses one encoded packet back with mqtt-packet's own parser: the reference to check against. */
export function parseBack(hex: string, protocol: Protocol): Packet {
  const packets: Packet[] = [];
  const p = parser({ protocolVersion: protocol === "5.0" ? 5 : 4 });
  p.on("packet", (packet) => packets.push(packet));
  p.on("error", (error: unknown) => {
    throw error;
  });
  p.parse(Buffer.from(hex.replaceAll(" ", ""), "hex"));
  expect(packets).toHaveLength(1);
  return packets[0] as Packet;
}
