import mqtt from "mqtt-packet";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { credentialsFromEnv, maskCredentials } from "./credentials.ts";

function parse(frame: Buffer, protocolVersion: 4 | 5) {
  const parser = mqtt.parser({ protocolVersion });
  let packet: mqtt.Packet | undefined;
  parser.on("packet", (p: mqtt.Packet) => (packet = p));
  parser.parse(frame);
  return packet;
}

describe("credentialsFromEnv", () => {
  it("reads MQTT_USERNAME and MQTT_PASSWORD; nothing without a user name", () => {
    expect(credentialsFromEnv({ MQTT_USERNAME: "u", MQTT_PASSWORD: "p" })).toEqual({
      username: "u",
      password: "p",
    });
    expect(credentialsFromEnv({ MQTT_USERNAME: "u" })).toEqual({ username: "u" });
    expect(credentialsFromEnv({ MQTT_PASSWORD: "p" })).toBeUndefined();
    expect(credentialsFromEnv({ MQTT_USERNAME: "" })).toBeUndefined();
  });
});

describe("maskCredentials", () => {
  it(
    "keeps the CONNECT's size and every other field; the user name and password become stars",
    { timeout: 60_000 },
    () => {
      fc.assert(
        fc.property(
          fc.constantFrom<4 | 5>(4, 5),
          fc.string({ minLength: 1, maxLength: 30 }),
          fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
          fc.string({ minLength: 1, maxLength: 20 }),
          fc.boolean(),
          (protocolVersion, username, password, clientId, clean) => {
            const packet = {
              cmd: "connect" as const,
              protocolVersion,
              clientId,
              clean,
              keepalive: 60,
              username,
              ...(password !== undefined ? { password: Buffer.from(password) } : {}),
              ...(protocolVersion === 5 && !clean ? { properties: { sessionExpiryInterval: 3600 } } : {}),
            };
            const frame = mqtt.generate(packet, { protocolVersion });
            const masked = maskCredentials(frame, packet);
            expect(masked.length).toBe(frame.length);
            const back = parse(masked, protocolVersion) as mqtt.IConnectPacket;
            expect(back).toMatchObject({ clientId, clean, keepalive: 60 });
            expect(back.username).toBe("*".repeat(Buffer.byteLength(username)));
            if (password !== undefined)
              expect(String(back.password)).toBe("*".repeat(Buffer.byteLength(password)));
          },
        ),
        { numRuns: 200 },
      );
    },
  );

  it("leaves a CONNECT without credentials as it is", () => {
    const frame = mqtt.generate({
      cmd: "connect",
      clientId: "publisher",
      protocolVersion: 4,
      clean: true,
      keepalive: 60,
    });
    expect(maskCredentials(frame, {})).toEqual(frame);
  });
});
