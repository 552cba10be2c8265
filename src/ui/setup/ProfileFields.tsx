/** The profile picker: which real broker and client libraries the three parties behave like. */
import { BROKER_PROFILE_IDS, CLIENT_PROFILE_IDS } from "../../protocol/profileIds.ts";
import { Group, Select, type Option } from "./controls.tsx";
import { setField, type Json } from "./edits.ts";
import { profileName } from "../../share/profileNames.ts";
import { PROFILE_NOTES, type BrokerProfileId, type ClientProfileId } from "./profileOptions.ts";
import { needsSubscriber, type GroupProps } from "./types.ts";

const NOT_SET = "";

/** Each profile by its record's label (the same name as compare, the explorer and the matrix). */
function optionsOf(ids: readonly (BrokerProfileId | ClientProfileId)[]): Option<string>[] {
  return [
    { value: NOT_SET, label: "Not set (the model as before)" },
    ...ids.map((id) => ({ value: id, label: profileName(id) })),
  ];
}

const BROKER_OPTIONS = optionsOf(BROKER_PROFILE_IDS);
const CLIENT_OPTIONS = optionsOf(CLIENT_PROFILE_IDS);

const ROLES = [
  {
    role: "broker",
    label: "Broker",
    hint: "Which broker or cloud service the broker behaves like, as its sources say.",
    options: BROKER_OPTIONS,
  },
  {
    role: "publisher",
    label: "Publisher's library",
    hint: "Which client library the publisher behaves like.",
    options: CLIENT_OPTIONS,
  },
  {
    role: "subscriber",
    label: "Subscriber's library",
    hint: "Which client library the subscriber behaves like.",
    options: CLIENT_OPTIONS,
  },
] as const;

/**
 * One party's profile set, or left out. Once `profiles` is given every party defaults to "spec"
 * (and the model shows 5.0 reason codes), so "Not set" with only "spec" left removes `profiles`.
 */
export function withProfile(raw: Json, role: "broker" | "publisher" | "subscriber", id: string): Json {
  const next = setField(raw, ["profiles", role], id === NOT_SET ? undefined : id);
  if (id !== NOT_SET) return next;
  const left = Object.values((next.profiles as Record<string, unknown> | undefined) ?? {});
  return left.every((other) => other === "spec") ? setField(next, ["profiles"], undefined) : next;
}

export function ProfileFields({ scenario, edit }: GroupProps) {
  return (
    <Group title="Implementations" testId="setup.profiles">
      {ROLES.map(({ role, label, hint, options }) => {
        const value = scenario.profiles?.[role] ?? NOT_SET;
        const note = value === NOT_SET ? undefined : PROFILE_NOTES[value];
        return (
          <div key={role} className="field-with-note">
            <Select
              label={label}
              hint={hint}
              testId={`setup.profiles.${role}`}
              value={value}
              options={options}
              disabledWhy={role === "subscriber" ? needsSubscriber(scenario) : undefined}
              onChange={(id) => edit((raw) => withProfile(raw, role, id))}
            />
            {note && (
              <p className="field-note" data-testid={`setup.profiles.${role}.note`}>
                {note}
              </p>
            )}
          </div>
        );
      })}
    </Group>
  );
}
