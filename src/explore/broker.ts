/**
 * The explorer for a chosen broker: the set-up on screen with the broker's implementation profile
 * set (the clients' profiles as the set-up has them, else the specification). Pure.
 */
import type { Scenario } from "../sim/types.ts";
import type { BrokerProfile } from "./matrix.ts";

/** `scenario` with this broker profile; null: the scenario as it is. */
export function withBroker(scenario: Scenario, profile: BrokerProfile | null): Scenario {
  if (profile === null) return scenario;
  return {
    ...scenario,
    profiles: { publisher: "spec", subscriber: "spec", ...scenario.profiles, broker: profile },
  };
}
