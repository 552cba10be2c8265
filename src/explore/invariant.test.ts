import { describe, expect, it } from "vitest";
import { parseScenarioOrThrow, type ScenarioInput } from "../sim/scenario.ts";
import { explore } from "./enumerate.ts";
import { invariantLine } from "./invariant.ts";

function line(input: ScenarioInput, k: number): string {
  const scenario = parseScenarioOrThrow(input);
  return invariantLine(explore(scenario, k), scenario);
}

describe("the invariant line, computed from the plans", () => {
  it("QoS 2 persistent: exactly once in every plan", () => {
    expect(line({ publishQos: 2 }, 2)).toBe(
      "QoS 2 with persistent sessions, Method A: exactly once in all 24 plans of up to 2 lost packets",
    );
  });

  it("QoS 1 persistent: duplicates, never loses, with an example", () => {
    expect(line({ publishQos: 1 }, 2)).toMatch(
      /^QoS 1 with persistent sessions: \d+ of 10 plans duplicate the message, none lose it, e\.g\. PUBACK lost$/,
    );
  });

  it("QoS 0: every plan loses the message", () => {
    expect(line({ publishQos: 0 }, 1)).toBe(
      "QoS 0 with persistent sessions: the only plan loses the message, none duplicate it, e.g. PUBLISH lost",
    );
  });

  it("both kinds of failure, with a counter-example of each", () => {
    expect(line({ publishQos: 1, subscriber: { qos: 0 } }, 1)).toBe(
      "QoS 1 over two hops (granted QoS 0) with persistent sessions: 1 of 3 plans loses the message " +
        "(e.g. on the second hop: PUBLISH lost), 1 duplicates it (e.g. on the first hop: PUBACK lost)",
    );
  });

  it("clean sessions with Method A lose the message", () => {
    expect(line({ publishQos: 2, session: "clean" }, 1)).toBe(
      "QoS 2 with clean sessions, Method A: 3 of 4 plans lose the message, none duplicate it, e.g. PUBLISH lost",
    );
  });

  it("describes timers, methods, mixed sessions, dedupe and several messages", () => {
    const text = line(
      {
        publishQos: 2,
        subscriber: { qos: 2 },
        protocol: "3.1.1",
        retransmit: "on-timeout",
        session: { publisher: "clean", subscriber: "persistent" },
        qos2Delivery: { broker: "on-pubrel", subscriber: "on-publish" },
        dedupe: true,
        messages: [{}, {}],
      },
      1,
    );
    expect(text).toBe(
      "QoS 2 over two hops (granted QoS 2) with a clean publisher session and a persistent subscriber session, " +
        "Method A at the broker, B at the subscriber, timer resends (3.1.1), deduplicating application, 2 messages: " +
        "every message exactly once in all 16 plans of up to 1 lost packet",
    );
  });

  it("says when the exploration was stopped", () => {
    const scenario = parseScenarioOrThrow({ publishQos: 2 });
    const exploration = explore(scenario, 2, { shouldStop: () => true });
    expect(invariantLine(exploration, scenario)).toMatch(/\(stopped early\)$/);
  });
});
