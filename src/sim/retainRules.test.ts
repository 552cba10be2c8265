/** The cross-field rules of retained messages, late subscribers and wills (retainRules.ts). */
import { describe, expect, it } from "vitest";
import { parseScenario } from "./scenario.ts";

function problems(input: unknown): string[] {
  const result = parseScenario(input);
  return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
}

describe("retained and will rules", () => {
  it("refuses the 5.0-only options with 3.1.1, and accepts the values that mean what 3.1.1 does", () => {
    expect(
      problems({
        protocol: "3.1.1",
        publishQos: 1,
        subscriber: { qos: 1, retainAsPublished: true, retainHandling: 2 },
        will: { delayS: 5 },
        publisherEnd: { atMs: 10, kind: "disconnect-with-will" },
      }),
    ).toEqual([
      "subscriber.retainAsPublished: expected false or nothing in MQTT 3.1.1 (the option exists only in 5.0); got true",
      "subscriber.retainHandling: expected 0 or nothing in MQTT 3.1.1 (the option exists only in 5.0); got 2",
      "will.delayS: expected 0 or nothing in MQTT 3.1.1 (the option exists only in 5.0); got 5",
      'publisherEnd.kind: expected "disconnect" or "crash" in MQTT 3.1.1 (the option exists only in 5.0); got "disconnect-with-will"',
    ]);
    expect(
      problems({
        protocol: "3.1.1",
        publishQos: 1,
        subscriber: { qos: 1, retainAsPublished: false, retainHandling: 0 },
        will: { delayS: 0 },
      }),
    ).toEqual([]);
  });

  it("puts the publisher's end after its last message is published", () => {
    const messages = [{}, {}, {}];
    expect(problems({ publishQos: 1, messages, publisherEnd: { atMs: 2000, kind: "crash" } })).toEqual([
      "publisherEnd.atMs: expected a time after the last message is published (2000 ms); got 2000",
    ]);
    expect(problems({ publishQos: 1, messages, publisherEnd: { atMs: 2001, kind: "crash" } })).toEqual([]);
    expect(
      problems({
        publishQos: 1,
        messages,
        timing: { publishIntervalMs: 10 },
        publisherEnd: { atMs: 21, kind: "crash" },
      }),
    ).toEqual([]);
  });

  it("lets a fault name the will's PUBLISH as message N + 1, and only with a will", () => {
    const fault = { hop: "broker-subscriber", packet: "PUBLISH", message: 2 };
    expect(problems({ publishQos: 1, subscriber: { qos: 1 }, faults: [fault] })).toEqual([
      "faults[0].message: expected an integer from 1 to 1; got 2",
    ]);
    expect(problems({ publishQos: 1, subscriber: { qos: 1 }, will: {}, faults: [fault] })).toEqual([]);
  });
});
