/** The CONNECT the own clients send: the model's bytes with the run's Keep Alive. */
import mqtt from "mqtt-packet";
import { describe, expect, it } from "vitest";
import { encode } from "../../src/protocol/wire.ts";
import type { Protocol } from "../../src/sim/types.ts";
import { DEFAULT_KEEPALIVE_S, withKeepalive } from "./connection.ts";

function parse(bytes: Uint8Array, protocol: Protocol): Record<string, unknown> {
  const parser = mqtt.parser({ protocolVersion: protocol === "5.0" ? 5 : 4 });
  let packet: Record<string, unknown> | undefined;
  parser.on("packet", (p) => (packet = p as unknown as Record<string, unknown>));
  parser.parse(Buffer.from(bytes));
  if (packet === undefined) throw new Error("no packet");
  return packet;
}

describe("withKeepalive", () => {
  it.each([
    ["3.1.1", "publisher", true],
    ["5.0", "publisher", false],
    // A client id long enough for a two-byte Remaining Length.
    ["3.1.1", "p".repeat(200), false],
    ["5.0", "s".repeat(200), true],
  ] as const)("MQTT %s, client id %s, clean %s: only the Keep Alive changes", (protocol, clientId, clean) => {
    const model = encode({ packet: "CONNECT", protocol, clientId, clean }).bytes;
    for (const seconds of [1, 2, 300, 65_535]) {
      const bytes = withKeepalive(model, seconds);
      expect(bytes).toHaveLength(model.length);
      const { keepalive, ...rest } = parse(bytes, protocol);
      expect(keepalive).toBe(seconds);
      const { keepalive: before, ...same } = parse(model, protocol);
      expect(before).toBe(DEFAULT_KEEPALIVE_S);
      expect(rest).toEqual(same);
    }
    expect(withKeepalive(model, DEFAULT_KEEPALIVE_S)).toEqual(model);
  });
});
