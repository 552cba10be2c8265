/**
 * The retained-message and will rules on their own (retained.ts, will.ts), and the broker knob
 * `retainAvailable` read by the engine (a profile sets it; here a mocked behaviour does).
 */
import { describe, expect, it, vi } from "vitest";
import { SPEC_BEHAVIOUR } from "../protocol/behaviour.ts";
import { runScenario } from "./runScenario.ts";
import {
  forwardedRetain,
  grantedQos,
  RetainedStore,
  retainedDeliveryQos,
  sendsRetainedOnSubscribe,
} from "./retained.ts";
import { RETAIN_SCENARIOS } from "./retain.testing.ts";
import { sequence } from "./sequence.ts";
import { sessionExpiryS, willTiming } from "./will.ts";

const mocked = vi.hoisted(() => ({ retainAvailable: true }));
vi.mock("./behaviours.ts", async (original) => {
  const real = await original<typeof import("./behaviours.ts")>();
  return {
    ...real,
    behavioursOf: () => ({
      publisher: SPEC_BEHAVIOUR,
      broker: { ...SPEC_BEHAVIOUR, retainAvailable: mocked.retainAvailable },
      subscriber: SPEC_BEHAVIOUR,
    }),
  };
});

describe("the retained store", () => {
  it("keeps the last RETAIN=1 message per topic, clears on an empty payload, ignores RETAIN=0", () => {
    const store = new RetainedStore();
    expect(store.accept(1, "a", "x", true, 2)).toBe("stored");
    expect(store.accept(2, "b", "y", true, 0)).toBe("stored");
    expect(store.accept(3, "a", "z", true, 1)).toBe("stored");
    expect(store.accept(4, "b", "w", false, 1)).toBeNull();
    expect(store.all()).toEqual([
      { message: 2, topic: "b", qos: 0 },
      { message: 3, topic: "a", qos: 1 },
    ]);
    expect(store.accept(5, "a", "", true, 1)).toBe("cleared");
    expect(store.all()).toEqual([{ message: 2, topic: "b", qos: 0 }]);
  });

  it("forwards RETAIN=0 unless a 5.0 subscription asks for Retain As Published", () => {
    expect(forwardedRetain(true, false, "5.0")).toBe(false);
    expect(forwardedRetain(true, true, "5.0")).toBe(true);
    expect(forwardedRetain(false, true, "5.0")).toBe(false);
    expect(forwardedRetain(true, true, "3.1.1")).toBe(false);
  });

  it("sends retained messages on subscribe as Retain Handling says (3.1.1: always)", () => {
    expect([0, 1, 2].map((rh) => sendsRetainedOnSubscribe("5.0", rh as 0 | 1 | 2, false))).toEqual([
      true,
      true,
      false,
    ]);
    expect([0, 1, 2].map((rh) => sendsRetainedOnSubscribe("5.0", rh as 0 | 1 | 2, true))).toEqual([
      true,
      false,
      false,
    ]);
    expect(sendsRetainedOnSubscribe("3.1.1", 0, true)).toBe(true);
  });

  it("grants at most the broker's maximum and delivers a retained message at the minimum QoS", () => {
    expect(grantedQos(2, 1)).toBe(1);
    expect(grantedQos(0, 2)).toBe(0);
    expect(retainedDeliveryQos(2, 1)).toBe(1);
    expect(retainedDeliveryQos(0, 2)).toBe(0);
  });
});

describe("when a will goes out", () => {
  it("at once without a delay, and always at once in 3.1.1", () => {
    expect(willTiming("connection-lost", "5.0", undefined, 3600)).toEqual({
      afterMs: 0,
      reason: "connection-lost",
    });
    expect(willTiming("disconnect-with-will", "5.0", 0, 3600)).toEqual({
      afterMs: 0,
      reason: "disconnect-with-will",
    });
    expect(willTiming("connection-lost", "3.1.1", 5, 3600)).toEqual({
      afterMs: 0,
      reason: "connection-lost",
    });
  });

  it("after the Will Delay Interval, or when the session ends first", () => {
    expect(willTiming("connection-lost", "5.0", 5, 3600)).toEqual({ afterMs: 5000, reason: "delay-elapsed" });
    expect(willTiming("connection-lost", "5.0", 5, 5)).toEqual({ afterMs: 5000, reason: "delay-elapsed" });
    expect(willTiming("connection-lost", "5.0", 5, 2)).toEqual({ afterMs: 2000, reason: "session-expired" });
    expect(willTiming("connection-lost", "5.0", 5, 0)).toEqual({ afterMs: 0, reason: "session-expired" });
  });

  it("a clean session ends with its connection; a persistent one lasts its expiry (3600 s by default)", () => {
    expect(sessionExpiryS("clean", 60)).toBe(0);
    expect(sessionExpiryS("persistent", 60)).toBe(60);
    expect(sessionExpiryS("persistent", undefined)).toBe(3600);
  });
});

describe("a broker without retained messages (retainAvailable false)", () => {
  it("hands a RETAIN=1 message on but keeps nothing for a late subscriber", () => {
    mocked.retainAvailable = false;
    try {
      const lines = sequence(runScenario(RETAIN_SCENARIOS.lateSubscriber!));
      expect(lines.some((l) => l.includes("retained@broker"))).toBe(false);
      expect(lines.filter((l) => l.includes("broker>subscriber PUBLISH"))).toEqual([
        "1120 broker>subscriber PUBLISH id=1 qos=1",
      ]);
    } finally {
      mocked.retainAvailable = true;
    }
    expect(sequence(runScenario(RETAIN_SCENARIOS.lateSubscriber!))).toContain(
      "620 broker>subscriber PUBLISH id=1 qos=1 retain",
    );
  });
});
