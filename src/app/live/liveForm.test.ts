import { describe, expect, it } from "vitest";
import { parseClientMessage } from "../../live/index.ts";
import { simulate } from "../../sim/simulate.ts";
import { formRequest, INITIAL_FORM, isTlsUrl, scenarioWarnings, URL_BROKER, urlProblem } from "./liveForm.ts";

const scenario = simulate({ publishQos: 1, retransmit: "on-reconnect" }).scenario;

describe("formRequest", () => {
  it("makes a request the server's parser accepts, the scenario object passed as is", () => {
    const result = formRequest(INITIAL_FORM, scenario);
    if (!result.ok) throw new Error("refused");
    expect(result.request.scenario).toBe(scenario);
    expect(result.request).toMatchObject({
      broker: "aedes",
      client: "own",
      faultMode: "cut",
      tlsInsecure: false,
    });
    expect(result.request.credentials).toBeUndefined();
    const sent = parseClientMessage(JSON.stringify({ type: "run", id: "r1", request: result.request }));
    expect(sent.ok).toBe(true);
  });

  it("names a bad broker URL with parseBrokerUrl's message, without the command line's prefix", () => {
    const result = formRequest({ ...INITIAL_FORM, broker: URL_BROKER, url: "http://example.com" }, scenario);
    expect(result).toEqual({
      ok: false,
      problems: { url: expect.stringMatching(/^unsupported scheme "http:\/\/"/) },
    });
    expect(urlProblem("mqtt://user:secret@example.com")).toMatch(/^credentials are never taken from the URL/);
    expect(urlProblem("mqtt://user:secret@example.com")).not.toContain("secret");
  });

  it("ignores the URL field when a broker the server offers is chosen", () => {
    const result = formRequest({ ...INITIAL_FORM, broker: "mosquitto", url: "nonsense" }, scenario);
    expect(result.ok && result.request.broker).toBe("mosquitto");
  });

  it("sends credentials and TLS only for a URL broker, TLS only for mqtts:// and wss://", () => {
    const form = { ...INITIAL_FORM, username: "ann", password: "pw", tlsInsecure: true };
    const named = formRequest(form, scenario);
    expect(named.ok && named.request.credentials).toBeUndefined();
    expect(named.ok && named.request.tlsInsecure).toBe(false);
    const plain = formRequest({ ...form, broker: URL_BROKER, url: "mqtt://broker.local" }, scenario);
    expect(plain.ok && plain.request.credentials).toEqual({ username: "ann", password: "pw" });
    expect(plain.ok && plain.request.tlsInsecure).toBe(false);
    const tls = formRequest({ ...form, broker: URL_BROKER, url: "mqtts://broker.local" }, scenario);
    expect(tls.ok && tls.request.tlsInsecure).toBe(true);
    expect(isTlsUrl("wss://broker.local/mqtt")).toBe(true);
    expect(isTlsUrl("ws://broker.local/mqtt")).toBe(false);
  });

  it("sends seeded loss only when asked, and names a bad rate or seed", () => {
    expect(formRequest({ ...INITIAL_FORM, lossRate: "9" }, scenario).ok).toBe(true);
    const on = formRequest({ ...INITIAL_FORM, loss: true, lossRate: "0.25", lossSeed: "42" }, scenario);
    expect(on.ok && on.request.loss).toEqual({ rate: 0.25, seed: 42 });
    const bad = formRequest({ ...INITIAL_FORM, loss: true, lossRate: "0.9", lossSeed: "-1" }, scenario);
    expect(bad).toEqual({
      ok: false,
      problems: {
        lossRate: "expected a loss rate above 0 and at most 0.5",
        lossSeed: "expected a whole number from 0 to 4294967295",
      },
    });
    expect(formRequest({ ...INITIAL_FORM, loss: true, lossRate: "0" }, scenario).ok).toBe(false);
    expect(formRequest({ ...INITIAL_FORM, loss: true, lossSeed: "1.5" }, scenario).ok).toBe(false);
  });
});

describe("scenarioWarnings", () => {
  const aedes = { id: "aedes", label: "Aedes", available: true, protocols: ["3.1.1" as const] };
  it("says a timer-resend scenario cannot run live, and a broker that does not speak its MQTT", () => {
    const v311 = simulate({ publishQos: 1, retransmit: "on-reconnect", protocol: "3.1.1" }).scenario;
    expect(scenarioWarnings(v311, aedes)).toEqual([]);
    expect(scenarioWarnings(v311, undefined)).toEqual([]);
    const v5 = simulate({ publishQos: 1, retransmit: "on-reconnect", protocol: "5.0" }).scenario;
    expect(scenarioWarnings(v5, aedes)).toEqual([
      "Aedes speaks MQTT 3.1.1 only; this scenario uses MQTT 5.0. Change the protocol in Set-up, or pick another broker.",
    ]);
    const timer = simulate({ publishQos: 1, retransmit: "on-timeout", protocol: "3.1.1" }).scenario;
    expect(scenarioWarnings(timer, aedes)).toEqual([
      expect.stringMatching(/^This scenario resends on a timer/),
    ]);
  });
});
