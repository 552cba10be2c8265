import { describe, expect, it } from "vitest";
import { scheduleOf, setField, withMessageCount, withRefusal, withSchedule, type Json } from "./edits.ts";

const base: Json = {
  publishQos: 1,
  subscriber: { qos: 1 },
  messages: [{ topic: "t", payload: "a" }],
  faults: [{ hop: "publisher-broker", packet: "PUBACK", message: 1, attempt: 1 }],
};

describe("setField", () => {
  it("sets a nested field, creating the objects on the way, without touching the input", () => {
    const copy = structuredClone(base);
    const out = setField(base, ["receiveMaximum", "broker"], 2);
    expect(out.receiveMaximum).toEqual({ broker: 2 });
    expect(base).toEqual(copy);
  });

  it("removing the last field of a section removes the section: absent, not empty", () => {
    const one = setField(base, ["receiveMaximum", "broker"], 2);
    expect("receiveMaximum" in setField(one, ["receiveMaximum", "broker"], undefined)).toBe(false);
    const two = setField(one, ["receiveMaximum", "subscriber"], 1);
    expect(setField(two, ["receiveMaximum", "broker"], undefined).receiveMaximum).toEqual({ subscriber: 1 });
  });

  it("removing what is not there adds nothing", () => {
    expect(setField(base, ["broker", "maxQueued"], undefined)).toEqual(base);
  });

  it("edits and removes list entries; an emptied list goes", () => {
    const offline = setField(
      base,
      ["subscriber", "offline"],
      [
        { atMs: 0, forMs: 1 },
        { atMs: 5, forMs: 1 },
      ],
    );
    const edited = setField(offline, ["subscriber", "offline", 1, "end"], "cut");
    expect(edited.subscriber).toEqual({
      qos: 1,
      offline: [
        { atMs: 0, forMs: 1 },
        { atMs: 5, forMs: 1, end: "cut" },
      ],
    });
    const removed = setField(
      setField(edited, ["subscriber", "offline", 0], undefined),
      ["subscriber", "offline", 0],
      undefined,
    );
    expect(removed.subscriber).toEqual({ qos: 1 });
  });

  it("a message's own QoS is set on that message only, and removed again", () => {
    const out = setField(withMessageCount(base, 3), ["messages", 1, "qos"], 2);
    expect((out.messages as Json[]).map((m) => m.qos)).toEqual([undefined, 2, undefined]);
    expect(Array.isArray(out.messages)).toBe(true);
    expect(setField(out, ["messages", 1, "qos"], undefined).messages).toEqual(
      withMessageCount(base, 3).messages,
    );
  });
});

describe("withMessageCount", () => {
  it("adds numbered messages on the last one's topic, and cuts back", () => {
    const six = withMessageCount(base, 3);
    expect(six.messages).toEqual([
      { topic: "t", payload: "a" },
      { topic: "t", payload: "a (2)" },
      { topic: "t", payload: "a (3)" },
    ]);
    expect(withMessageCount(six, 1).messages).toEqual([{ topic: "t", payload: "a" }]);
  });

  it("drops the faults and refusals that named a message no longer there, keeping connection faults", () => {
    let three = withMessageCount(base, 3);
    three = setField(
      three,
      ["faults"],
      [
        { packet: "PUBACK", message: 3 },
        { packet: "CONNACK", message: 3 },
        { packet: "PUBLISH", message: 1 },
      ],
    );
    three = withRefusal(three, "publisher-broker", 2, 0x87);
    const one = withMessageCount(three, 1);
    expect(one.faults).toEqual([
      { packet: "CONNACK", message: 3 },
      { packet: "PUBLISH", message: 1 },
    ]);
    expect("refusals" in one).toBe(false);
  });
});

describe("schedule", () => {
  it("back to back puts every message at 0 ms; one per interval removes every atMs", () => {
    const three = withMessageCount(base, 3);
    const tight = withSchedule(three, "back-to-back");
    expect((tight.messages as Json[]).map((m) => m.atMs)).toEqual([0, 0, 0]);
    expect(scheduleOf(tight.messages as { atMs?: number }[])).toBe("back-to-back");
    const spaced = withSchedule(tight, "interval");
    expect(spaced.messages).toEqual(three.messages);
    expect(scheduleOf(spaced.messages as { atMs?: number }[])).toBe("interval");
    expect(scheduleOf([{ atMs: 0 }, { atMs: 10 }])).toBe("custom");
  });
});

describe("withRefusal", () => {
  it("one refusal per message and hop, in message order; none left removes the field", () => {
    let out = withRefusal(withMessageCount(base, 3), "publisher-broker", 3, 0x87);
    out = withRefusal(out, "publisher-broker", 1, 0x97);
    out = withRefusal(out, "broker-subscriber", 1, 0x80);
    out = withRefusal(out, "publisher-broker", 3, 0x83);
    expect(out.refusals).toEqual([
      { hop: "publisher-broker", message: 1, reasonCode: 0x97 },
      { hop: "broker-subscriber", message: 1, reasonCode: 0x80 },
      { hop: "publisher-broker", message: 3, reasonCode: 0x83 },
    ]);
    for (const [hop, m] of [
      ["publisher-broker", 1],
      ["broker-subscriber", 1],
      ["publisher-broker", 3],
    ] as const)
      out = withRefusal(out, hop, m, undefined);
    expect("refusals" in out).toBe(false);
  });
});

describe("withProfile", () => {
  it("sets one party's profile; Not set with only spec left removes profiles altogether", async () => {
    const { withProfile } = await import("./ProfileFields.tsx");
    const one = withProfile(base, "broker", "mosquitto-2.0");
    expect(one.profiles).toEqual({ broker: "mosquitto-2.0" });
    const parsedLike = {
      ...one,
      profiles: { broker: "mosquitto-2.0", publisher: "spec", subscriber: "mqttjs-5" },
    };
    expect(withProfile(parsedLike, "broker", "").profiles).toEqual({
      publisher: "spec",
      subscriber: "mqttjs-5",
    });
    const allSpec = { ...one, profiles: { broker: "mosquitto-2.0", publisher: "spec", subscriber: "spec" } };
    expect("profiles" in withProfile(allSpec, "broker", "")).toBe(false);
  });
});
