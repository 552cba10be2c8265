import { describe, expect, it } from "vitest";
import { parseBrokerUrl } from "./brokerUrl.ts";

function message(text: string): string {
  const r = parseBrokerUrl(text);
  if (r.ok) throw new Error(`accepted ${text}`);
  return r.message;
}

describe("parseBrokerUrl", () => {
  it("takes the two brokers the lab starts itself by name", () => {
    expect(parseBrokerUrl("aedes")).toEqual({ ok: true, broker: { kind: "aedes" } });
    expect(parseBrokerUrl(" Mosquitto ")).toEqual({ ok: true, broker: { kind: "mosquitto" } });
  });

  it.each([
    ["mqtt://localhost", "mqtt", "localhost", 1883, "", "mqtt://localhost:1883"],
    [
      "mqtts://broker.example.com",
      "mqtts",
      "broker.example.com",
      8883,
      "",
      "mqtts://broker.example.com:8883",
    ],
    ["MQTT://127.0.0.1:1884/", "mqtt", "127.0.0.1", 1884, "", "mqtt://127.0.0.1:1884"],
    ["ws://localhost:8083/mqtt", "ws", "localhost", 8083, "/mqtt", "ws://localhost:8083/mqtt"],
    ["wss://broker.example.com", "wss", "broker.example.com", 443, "/", "wss://broker.example.com:443/"],
    ["ws://[::1]:9001", "ws", "[::1]", 9001, "/", "ws://[::1]:9001/"],
    ["mqtt://h:65535", "mqtt", "h", 65535, "", "mqtt://h:65535"],
  ])("reads %s", (text, scheme, host, port, path, url) => {
    expect(parseBrokerUrl(text)).toEqual({
      ok: true,
      broker: { kind: "url", scheme, host, port, path, url },
    });
  });

  it("refuses credentials in the URL, points to the environment and never repeats them", () => {
    const text = message("mqtt://alice:s3cret@localhost:1883");
    expect(text).toBe(
      '--broker: credentials are never taken from the URL; remove "user:password@" and set MQTT_USERNAME / MQTT_PASSWORD in the environment instead',
    );
    expect(text).not.toContain("s3cret");
    expect(message("wss://token@host")).toContain("MQTT_USERNAME / MQTT_PASSWORD");
  });

  it("names what it expected for something that is not a broker URL", () => {
    expect(message("localhost:1883")).toBe(
      '--broker: expected mqtt://host[:port], mqtts://host[:port], ws://host[:port][/path], wss://…, "aedes" or "mosquitto"; got "localhost:1883"',
    );
    expect(message("http://localhost")).toBe(
      '--broker: unsupported scheme "http://": expected mqtt://host[:port], mqtts://host[:port], ws://host[:port][/path], wss://…, "aedes" or "mosquitto"',
    );
    expect(message("mqtt://")).toMatch(/^--broker: mqtt:\/\/ URL has no host; expected /);
  });

  it.each(["0", "65536", "99999", "12a", "", "-1", "123456"])("refuses port %j", (port) => {
    expect(message(`mqtt://localhost:${port}`)).toBe(
      `--broker: port: expected a number from 1 to 65535; got ${JSON.stringify(port)}`,
    );
  });

  it("refuses a bad host, a path on mqtt:// and a fragment", () => {
    expect(message("mqtt://bad_host")).toBe(
      '--broker: host: expected a host name or an IP address; got "bad_host"',
    );
    expect(message("mqtt://localhost/topic")).toBe(
      '--broker: mqtt:// URLs take no path or query (only ws:// and wss:// have a path); got "/topic"',
    );
    expect(message("ws://localhost/mqtt#x")).toBe(
      '--broker: a broker URL has no fragment ("#…"); got "/mqtt#x"',
    );
  });
});
