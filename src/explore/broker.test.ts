import { describe, expect, it } from "vitest";
import { parseScenarioOrThrow } from "../sim/scenario.ts";
import { withBroker } from "./broker.ts";
import { explore } from "./enumerate.ts";

describe("the explorer for a chosen broker", () => {
  const base = parseScenarioOrThrow({
    publishQos: 2,
    subscriber: { qos: 2 },
    profiles: { subscriber: "mqttjs-5" },
  });

  it("sets only the broker's profile, a valid scenario", () => {
    const s = withBroker(base, "emqx-5");
    expect(s.profiles).toEqual({ broker: "emqx-5", publisher: "spec", subscriber: "mqttjs-5" });
    expect(parseScenarioOrThrow(s)).toEqual(s);
    expect(withBroker(base, null)).toBe(base);
    const plain = parseScenarioOrThrow({ publishQos: 1 });
    expect(withBroker(plain, "spec").profiles).toEqual({
      broker: "spec",
      publisher: "spec",
      subscriber: "spec",
    });
  });

  it("explores the set-up under that broker", () => {
    const exploration = explore(withBroker(base, "mosquitto-2.0"), 1);
    expect(exploration.scenario.profiles?.broker).toBe("mosquitto-2.0");
    expect(exploration.plans.length).toBeGreaterThan(0);
  });
});
