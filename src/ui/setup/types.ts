/** What every group of the real-world controls is given. */
import type { Scenario } from "../../sim/types.ts";
import type { Json } from "./edits.ts";

export interface GroupProps {
  /** The scenario on screen (parsed): what the controls show. */
  scenario: Scenario;
  /** Applies a change to the scenario as a raw object; the page validates and runs the result. */
  edit: (change: (raw: Json) => Json) => void;
}

/** Why a 5.0-only control is disabled under 3.1.1; undefined under 5.0. */
export function only5(scenario: Scenario, what = "It"): string | undefined {
  return scenario.protocol === "5.0"
    ? undefined
    : `${what} is MQTT 5.0 only: choose Protocol MQTT 5.0 to use it.`;
}

/** Why a subscriber control is disabled with one hop. */
export function needsSubscriber(scenario: Scenario): string | undefined {
  return scenario.subscriber ? undefined : "Needs a subscriber: choose Hops “Two”.";
}
