/**
 * The broker's queueing knobs come from its Behaviour (an implementation profile's values) unless
 * the scenario sets `broker.queueQos0` / `broker.maxQueued`, which win.
 */
import { describe, expect, it, vi } from "vitest";
import { SPEC_BEHAVIOUR } from "../protocol/behaviour.ts";
import { sequence } from "./sequence.ts";
import { simulate } from "./simulate.ts";

// A broker that queues QoS 0 and keeps at most one message, as a profile could say.
vi.mock("./behaviours.ts", async (importOriginal) => ({
  ...(await importOriginal<typeof import("./behaviours.ts")>()),
  behavioursOf: () => ({
    publisher: SPEC_BEHAVIOUR,
    broker: { ...SPEC_BEHAVIOUR, queueQos0: true, maxQueued: 1 },
    subscriber: SPEC_BEHAVIOUR,
  }),
}));

const away = {
  publishQos: 0,
  subscriber: { qos: 0, offline: [{ atMs: 500, forMs: 3000, end: "disconnect" }] },
  messages: [{}, {}, {}],
};

const notForwarded = (scenario: object) =>
  sequence(simulate(scenario)).filter((line) => line.includes("not-forwarded"));

describe("queueing knobs of the broker's behaviour", () => {
  it("queues QoS 0 and drops beyond its limit, as its behaviour says", () => {
    expect(notForwarded(away)).toEqual(["2040 not-forwarded m3 (queue-full)"]);
  });

  it("yields to the scenario's own broker settings", () => {
    expect(notForwarded({ ...away, broker: { queueQos0: false } })).toEqual([
      "1040 not-forwarded m2 (qos0-offline)",
      "2040 not-forwarded m3 (qos0-offline)",
    ]);
    expect(notForwarded({ ...away, broker: { maxQueued: 2 } })).toEqual([]);
  });
});
