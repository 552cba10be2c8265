/** The cross-field rules of per-message times, Receive Maximum and refusals (scenarioRules.ts). */
import { describe, expect, it } from "vitest";
import { parseScenario } from "./scenario.ts";

function problems(input: Record<string, unknown>): string[] {
  const r = parseScenario(input);
  return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
}

describe("flow scenario rules", () => {
  it("refuses refusals in 3.1.1, naming the field and why", () => {
    const found = problems({ protocol: "3.1.1", publishQos: 1, refusals: [{ message: 1, reasonCode: 135 }] });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^refusals: refusals need "protocol": "5.0": a 3.1.1 PUBACK or PUBREC carries no reason code/,
    );
  });

  it("refuses a refusal of a message sent at QoS 0 on that hop (no acknowledgement to carry it)", () => {
    expect(problems({ publishQos: 0, refusals: [{ message: 1, reasonCode: 135 }] })).toEqual([
      "refusals[0].message: message 1 goes at QoS 0 on publisher-broker: a QoS 0 PUBLISH has no PUBACK or PUBREC to refuse it with",
    ]);
    // Published at QoS 2 but granted 0: the second hop has no acknowledgement either.
    expect(
      problems({
        publishQos: 2,
        subscriber: { qos: 0 },
        refusals: [{ hop: "broker-subscriber", message: 1, reasonCode: 135 }],
      }),
    ).toHaveLength(1);
    // A message's own QoS counts, not publishQos.
    expect(
      problems({ publishQos: 0, messages: [{ qos: 1 }], refusals: [{ message: 1, reasonCode: 135 }] }),
    ).toEqual([]);
  });

  it("refuses a refusal of a message the scenario does not have, on a hop it does not have, or twice", () => {
    expect(problems({ publishQos: 1, refusals: [{ message: 2, reasonCode: 135 }] })).toEqual([
      "refusals[0].message: expected an integer from 1 to 1; got 2",
    ]);
    expect(
      problems({ publishQos: 1, refusals: [{ hop: "broker-subscriber", message: 1, reasonCode: 135 }] }),
    ).toHaveLength(1);
    expect(
      problems({
        publishQos: 1,
        refusals: [
          { message: 1, reasonCode: 135 },
          { message: 1, reasonCode: 128 },
        ],
      }),
    ).toEqual(["refusals[1]: message 1 is already refused on publisher-broker"]);
  });

  it("publishes in order: an atMs before the previous message's publish time is refused", () => {
    expect(problems({ publishQos: 1, messages: [{ atMs: 500 }, { atMs: 100 }] })).toEqual([
      "messages[1].atMs: expected a time >= 500 (message 1's publish time): messages are published in order; got 100",
    ]);
    // Without atMs a message follows the previous one by publishIntervalMs (default 1000).
    expect(problems({ publishQos: 1, messages: [{}, {}, {}, { atMs: 1500 }] })).toHaveLength(1);
    expect(problems({ publishQos: 1, messages: [{}, {}, {}, { atMs: 2000 }] })).toEqual([]);
    expect(problems({ publishQos: 1, messages: [{ atMs: 0 }, { atMs: 0 }, { atMs: 0 }] })).toEqual([]);
  });

  it("the subscriber's Receive Maximum needs a subscriber", () => {
    expect(problems({ publishQos: 1, receiveMaximum: { subscriber: 2 } })).toEqual([
      'receiveMaximum.subscriber: the subscriber\'s Receive Maximum needs a subscriber: add "subscriber": { "qos": … }',
    ]);
    expect(problems({ publishQos: 1, subscriber: { qos: 1 }, receiveMaximum: { subscriber: 2 } })).toEqual(
      [],
    );
  });
});
