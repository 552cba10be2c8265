/**
 * The embed builder's profile picker: which broker and which client library the shared diagram
 * behaves like (the ids of `profiles`, as the copied link and tag carry them), and a line saying
 * what the previews show.
 */
import { useId } from "react";
import { profileName } from "../../share/profileNames.ts";
import {
  BROKER_PROFILE_IDS,
  CLIENT_PROFILE_IDS,
  formatProfiles,
  type BrokerProfileId,
  type ClientProfileId,
} from "../../share/profileText.ts";
import type { Scenario } from "../../sim/types.ts";

/** The picker's choice; null: as the set-up on screen has it. */
export interface ProfileChoice {
  broker: BrokerProfileId | null;
  /** Both clients' library. */
  clients: ClientProfileId | null;
}

/** The scenario to share: the set-up on screen with the chosen profiles (the others as it has them). */
export function sharedProfiles(scenario: Scenario, choice: ProfileChoice): Scenario {
  if (choice.broker === null && choice.clients === null) return scenario;
  const own = scenario.profiles ?? { broker: "spec", publisher: "spec", subscriber: "spec" };
  return {
    ...scenario,
    profiles: {
      broker: choice.broker ?? own.broker,
      publisher: choice.clients ?? own.publisher,
      subscriber: choice.clients ?? own.subscriber,
    },
  };
}

interface BuilderProfilesProps {
  scenario: Scenario;
  choice: ProfileChoice;
  onChange(choice: ProfileChoice): void;
}

export function BuilderProfiles({ scenario, choice, onChange }: BuilderProfilesProps) {
  const brokerId = useId();
  const clientsId = useId();
  const shared = sharedProfiles(scenario, choice).profiles;
  const own = scenario.profiles;
  return (
    <fieldset className="builder-profiles" data-testid="builder.profiles">
      <legend>Behaves like</legend>
      <label htmlFor={brokerId}>Broker</label>
      <select
        id={brokerId}
        value={choice.broker ?? ""}
        data-testid="builder.broker"
        onChange={(e) =>
          onChange({ ...choice, broker: e.target.value === "" ? null : (e.target.value as BrokerProfileId) })
        }
      >
        <option value="">as set up ({profileName(own?.broker ?? "spec")})</option>
        {BROKER_PROFILE_IDS.map((id) => (
          <option key={id} value={id}>
            {profileName(id)}
          </option>
        ))}
      </select>
      <label htmlFor={clientsId}>Clients</label>
      <select
        id={clientsId}
        value={choice.clients ?? ""}
        data-testid="builder.clients"
        onChange={(e) =>
          onChange({ ...choice, clients: e.target.value === "" ? null : (e.target.value as ClientProfileId) })
        }
      >
        <option value="">as set up</option>
        {CLIENT_PROFILE_IDS.map((id) => (
          <option key={id} value={id}>
            {profileName(id)}
          </option>
        ))}
      </select>
      <p className="muted" data-testid="builder.profile-line">
        {shared === undefined ? (
          "The previews show the specification (no profiles named)."
        ) : (
          <>
            The previews show broker {profileName(shared.broker)}, publisher {profileName(shared.publisher)},
            subscriber {profileName(shared.subscriber)}: <code>profiles={formatProfiles(shared)}</code>
          </>
        )}
      </p>
    </fieldset>
  );
}
