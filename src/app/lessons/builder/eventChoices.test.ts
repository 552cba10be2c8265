import { describe, expect, it } from "vitest";
import { runScenario } from "../../../sim/runScenario.ts";
import { parseScenarioOrThrow } from "../../../sim/scenario.ts";
import { eventChoices, findMatch, matchFor, matchLabel } from "./eventChoices.ts";

const trace = (input: unknown) => runScenario(parseScenarioOrThrow(input), { states: true });

// Batch #101 with PUBREC lost on reconnect, two hops, plus a lost CONNACK: many look-alike events.
const busy = trace({
  publishQos: 2,
  subscriber: { qos: 2 },
  messages: [{}, {}],
  faults: [
    { hop: "publisher-broker", packet: "PUBREC" },
    { hop: "publisher-broker", packet: "CONNACK" },
  ],
});

describe("the events a beat can wait for", () => {
  it("offers every event but state changes, each found again by its own match", () => {
    const choices = eventChoices(busy);
    const named = busy.events.filter((e) => e.type !== "state").length;
    expect(choices).toHaveLength(named);
    for (const choice of choices) expect(findMatch(busy, choice.match)).toBe(choice.index);
  });

  it("adds nth only where an earlier event has the same fields", () => {
    // Two connection losses on one hop: the second is told apart by nth.
    const losses = eventChoices(busy).filter((c) => c.match.type === "connection-lost");
    expect(losses.map((c) => c.match)).toEqual([
      { type: "connection-lost", hop: "publisher-broker" },
      { type: "connection-lost", hop: "publisher-broker", nth: 2 },
    ]);
    // CONNECTs differ by attempt: no nth needed.
    const connects = eventChoices(busy).filter((c) => c.match.packet === "CONNECT");
    expect(connects.length).toBeGreaterThan(1);
    expect(connects.every((c) => c.match.nth === undefined)).toBe(true);
    const lost = eventChoices(busy).find((c) => c.match.packet === "PUBREC" && c.match.dropped === true);
    expect(lost?.match).toEqual({
      packet: "PUBREC",
      hop: "publisher-broker",
      message: 1,
      attempt: 1,
      dropped: true,
    });
    expect(lost?.label).toMatch(/^\d+ ms · PUBREC broker → publisher, message 1: lost$/);
  });

  it("says which event a stored match finds, or null when this trace has none", () => {
    const choice = eventChoices(busy).find((c) => c.match.type === "process");
    expect(choice && matchLabel(busy, choice.match)).toMatch(/subscriber's application processes message 1/);
    expect(matchLabel(trace({ publishQos: 0 }), { packet: "PUBREC" })).toBeNull();
    expect(matchFor(busy, busy.events.length)).toBeNull();
  });
});
