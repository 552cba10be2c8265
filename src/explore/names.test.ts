import { describe, expect, it } from "vitest";
import { parseScenarioOrThrow } from "../sim/scenario.ts";
import type { Fault, FaultPacketType, Hop } from "../sim/types.ts";
import { faultLabel, planName } from "./names.ts";

const oneHop = parseScenarioOrThrow({ publishQos: 2 });
const twoHops = parseScenarioOrThrow({ publishQos: 2, subscriber: { qos: 2 } });
const twoMessages = parseScenarioOrThrow({ publishQos: 1, messages: [{}, {}] });

const f = (packet: FaultPacketType, attempt = 1, hop: Hop = "publisher-broker", message = 1): Fault => ({
  hop,
  packet,
  message,
  attempt,
});

describe("plan names", () => {
  it.each([
    [[f("PUBACK")], "PUBACK lost"],
    [[f("PUBACK"), f("PUBLISH", 2)], "PUBACK lost, then the resent PUBLISH lost"],
    [[f("PUBREC"), f("PUBREC", 2)], "PUBREC lost, then the second PUBREC lost"],
    [
      [f("PUBREL"), f("PUBREL", 2), f("PUBREL", 3)],
      "PUBREL lost, then the resent PUBREL lost, then the third PUBREL lost",
    ],
    [[f("PUBLISH"), f("CONNECT")], "PUBLISH lost, then the reconnect's CONNECT lost"],
    [[f("CONNACK", 2)], "the second reconnect's CONNACK lost"],
  ] as [Fault[], string][])("one hop: %j is %s", (faults, name) => {
    expect(planName(faults, oneHop)).toBe(name);
  });

  it("names the hop with two hops, once per run of faults on one hop", () => {
    expect(planName([f("PUBACK", 1, "broker-subscriber")], twoHops)).toBe("on the second hop: PUBACK lost");
    expect(planName([f("PUBREC"), f("PUBLISH", 2), f("PUBREC", 1, "broker-subscriber")], twoHops)).toBe(
      "on the first hop: PUBREC lost, then the resent PUBLISH lost; then on the second hop: PUBREC lost",
    );
  });

  it("names the message when the scenario has several", () => {
    expect(
      planName([f("PUBACK", 1, "publisher-broker", 2), f("PUBLISH", 2, "publisher-broker", 2)], twoMessages),
    ).toBe("PUBACK of message 2 lost, then the resent PUBLISH of message 2 lost");
    expect(planName([f("CONNECT")], twoMessages)).toBe("the reconnect's CONNECT lost");
  });

  it("says so when nothing is lost", () => {
    expect(planName([], oneHop)).toBe("nothing lost");
  });

  it("labels a fault exactly for a table", () => {
    expect(faultLabel(f("PUBACK", 2, "broker-subscriber"))).toBe("broker-subscriber PUBACK m1 #2");
    expect(faultLabel(f("CONNECT"))).toBe("publisher-broker CONNECT #1");
  });
});
