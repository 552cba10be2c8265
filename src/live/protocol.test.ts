import { describe, expect, it } from "vitest";
import { MAX_LOSS_RATE, MAX_RUN_MS, parseClientMessage, parseServerMessage } from "./protocol.ts";

const request = { scenario: { publishQos: 1 }, broker: "aedes" };
const run = (fields: Record<string, unknown>) => ({
  type: "run",
  id: "r1",
  request: { ...request, ...fields },
});

/** Each message a page might send wrongly, and the field its refusal must name. */
const REFUSED: [string, unknown, string][] = [
  ["a number", 5, "message"],
  ["null", null, "message"],
  ["no type", {}, "type"],
  ["an unknown type", { type: "launch", id: "r1" }, "type"],
  ["a run without id", { type: "run", request }, "id"],
  ["an id with a space", { type: "run", id: "r 1", request }, "id"],
  ["an empty id", { type: "run", id: "", request }, "id"],
  ["an id of 65 characters", { type: "run", id: "a".repeat(65), request }, "id"],
  ["an id that is a number", { type: "cancel", id: 5 }, "id"],
  ["a run without request", { type: "run", id: "r1" }, "request"],
  ["a field the envelope does not have", { type: "run", id: "r1", request, extra: 1 }, "extra"],
  ["a cancel with a request", { type: "cancel", id: "r1", request }, "request"],
  ["a request without scenario", { type: "run", id: "r1", request: { broker: "aedes" } }, "request.scenario"],
  ["a request without broker", { type: "run", id: "r1", request: { scenario: {} } }, "request.broker"],
  ["a broker that is not text", run({ broker: 1883 }), "request.broker"],
  ["a broker of 2001 characters", run({ broker: "x".repeat(2001) }), "request.broker"],
  ["an unknown client", run({ client: "paho" }), "request.client"],
  ["an unknown fault mode", run({ faultMode: "drop" }), "request.faultMode"],
  [
    "a loss rate above the limit",
    run({ loss: { rate: MAX_LOSS_RATE + 0.01, seed: 1 } }),
    "request.loss.rate",
  ],
  ["a negative loss rate", run({ loss: { rate: -0.1, seed: 1 } }), "request.loss.rate"],
  ["a loss without seed", run({ loss: { rate: 0.1 } }), "request.loss.seed"],
  ["a fractional seed", run({ loss: { rate: 0.1, seed: 1.5 } }), "request.loss.seed"],
  ["a negative seed", run({ loss: { rate: 0.1, seed: -1 } }), "request.loss.seed"],
  ["a seed of 2^32", run({ loss: { rate: 0.1, seed: 2 ** 32 } }), "request.loss.seed"],
  ["a field loss does not have", run({ loss: { rate: 0.1, seed: 1, burst: 2 } }), "request.loss.burst"],
  ["credentials without username", run({ credentials: { password: "p" } }), "request.credentials.username"],
  [
    "a username of 1001 characters",
    run({ credentials: { username: "u".repeat(1001) } }),
    "request.credentials.username",
  ],
  [
    "a password that is not text",
    run({ credentials: { username: "u", password: 5 } }),
    "request.credentials.password",
  ],
  ["tlsInsecure that is not a boolean", run({ tlsInsecure: "yes" }), "request.tlsInsecure"],
  ["a timeout under 1 s", run({ timeoutMs: 999 }), "request.timeoutMs"],
  ["a timeout over the longest run", run({ timeoutMs: MAX_RUN_MS + 1 }), "request.timeoutMs"],
  ["a fractional timeout", run({ timeoutMs: 1500.5 }), "request.timeoutMs"],
  ["a field a request does not have", run({ retries: 3 }), "request.retries"],
];

describe("parseClientMessage", () => {
  it.each(REFUSED)("refuses %s, naming %s", (_what, message, field) => {
    const parsed = parseClientMessage(JSON.stringify(message));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message.startsWith(`${field}: `), parsed.message).toBe(true);
  });

  it("refuses text that is not JSON, saying so", () => {
    const parsed = parseClientMessage("{type: run}");
    expect(parsed).toMatchObject({ ok: false });
    if (!parsed.ok) expect(parsed.message).toMatch(/^not JSON: /);
  });

  it("reads a run with the defaults filled in, the scenario left to the scenario parser", () => {
    expect(parseClientMessage(JSON.stringify({ type: "run", id: "a-B_9", request }))).toEqual({
      ok: true,
      value: {
        type: "run",
        id: "a-B_9",
        request: { ...request, client: "own", faultMode: "cut", tlsInsecure: false },
      },
    });
    const full = {
      ...request,
      client: "mqttjs",
      faultMode: "hold",
      loss: { rate: MAX_LOSS_RATE, seed: 2 ** 32 - 1 },
      credentials: { username: "u", password: "p" },
      tlsInsecure: true,
      timeoutMs: MAX_RUN_MS,
    };
    expect(parseClientMessage(JSON.stringify({ type: "run", id: "x", request: full }))).toEqual({
      ok: true,
      value: { type: "run", id: "x", request: full },
    });
  });

  it("reads a cancel", () => {
    expect(parseClientMessage('{"type":"cancel","id":"r1"}')).toEqual({
      ok: true,
      value: { type: "cancel", id: "r1" },
    });
  });
});

describe("parseServerMessage", () => {
  it.each(["hello", "started", "event", "done", "cancelled", "failed"])("reads a %s message", (type) => {
    const message = { type, id: "r1", message: "m" };
    expect(parseServerMessage(JSON.stringify(message))).toEqual({ ok: true, value: message });
  });

  it.each([
    ["an unknown type", { type: "progress" }],
    ["no type", { id: "r1" }],
    ["an array", [{ type: "hello" }]],
    ["null", null],
    ["a string", "hello"],
  ])("refuses %s, naming the type", (_what, message) => {
    const parsed = parseServerMessage(JSON.stringify(message));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/^type: expected one of hello, started, event, done/);
  });

  it("refuses text that is not JSON, saying so", () => {
    const parsed = parseServerMessage("<html>");
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/^not JSON: /);
  });
});
