import { describe, expect, it } from "vitest";
import { withBroker } from "../../explore/broker.ts";
import { parseScenarioOrThrow } from "../../sim/scenario.ts";
import type { Fault, Scenario } from "../../sim/types.ts";
import { planScenario } from "./planScenario.ts";

const FAULTS: Fault[] = [{ hop: "publisher-broker", packet: "PUBACK", message: 1, attempt: 1 }];

const parsed = (input: unknown): Scenario => parseScenarioOrThrow(input);

describe("planScenario: what 'Show in diagram' loads", () => {
  const onScreen = parsed({ publishQos: 1, messages: [{ topic: "t", payload: "p" }], faults: [] });

  it("a plan explored under a chosen broker loads with that broker, the clients as set up", () => {
    const explored = withBroker(onScreen, "mosquitto-2.0");
    const loaded = planScenario(onScreen, FAULTS, explored.profiles);
    expect(loaded.profiles).toEqual({ broker: "mosquitto-2.0", publisher: "spec", subscriber: "spec" });
    expect(loaded.faults).toEqual(FAULTS);
    // Everything else is the set-up on screen.
    expect({ ...loaded, faults: [], profiles: undefined }).toEqual({ ...onScreen, profiles: undefined });
  });

  it("keeps the set-up's client profiles when only the broker was chosen", () => {
    const withClients = parsed({ ...onScreen, profiles: { publisher: "mqttjs-5", subscriber: "paho-go-1" } });
    const explored = withBroker(withClients, "emqx-5");
    expect(planScenario(withClients, FAULTS, explored.profiles).profiles).toEqual({
      broker: "emqx-5",
      publisher: "mqttjs-5",
      subscriber: "paho-go-1",
    });
  });

  it("a plan explored as set up loads the set-up as it is, with no profiles added", () => {
    const loaded = planScenario(onScreen, FAULTS, withBroker(onScreen, null).profiles);
    expect(loaded).toEqual({ ...onScreen, faults: FAULTS });
    expect("profiles" in loaded).toBe(false);
  });
});
