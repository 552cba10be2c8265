/**
 * The implementation profiles a scenario can name (`"profiles": { "broker": …, "publisher": …,
 * "subscriber": … }`): their ids, look-up and list. Pure data.
 */
import { aedes } from "./aedes.ts";
import { awsIot } from "./awsIot.ts";
import { azureIotHub } from "./azureIotHub.ts";
import { emqx } from "./emqx.ts";
import { hivemq } from "./hivemq.ts";
import { mosquitto } from "./mosquitto.ts";
import { mqttjs } from "./mqttjs.ts";
import { pahoGo } from "./pahoGo.ts";
import { pahoPython } from "./pahoPython.ts";
import type { Profile, ProfileRole } from "./profile.ts";
import { rabbitmq } from "./rabbitmq.ts";
import { spec } from "./spec.ts";
import { vernemq } from "./vernemq.ts";

export type { BehaviourKnob, Profile, ProfileRole } from "./profile.ts";

/** Every profile, the specification first, then brokers and services, then client libraries. */
export const PROFILES: readonly Profile[] = [
  spec,
  mosquitto,
  emqx,
  hivemq,
  vernemq,
  aedes,
  rabbitmq,
  awsIot,
  azureIotHub,
  mqttjs,
  pahoGo,
  pahoPython,
];

/** Every profile id, in the order of PROFILES. */
export const PROFILE_IDS: readonly string[] = PROFILES.map((p) => p.id);

const BY_ID: ReadonlyMap<string, Profile> = new Map(PROFILES.map((p) => [p.id, p]));

/** The profile with this id, or undefined. */
export function profileById(id: string): Profile | undefined {
  return BY_ID.get(id);
}

/**
 * The profile a scenario's id names: its record, or the specification ("spec", what a party no id
 * names behaves like) for an id it does not know.
 */
export function profileNamed(id: string): Profile {
  return BY_ID.get(id) ?? spec;
}

/** The ids of the profiles that can play `role`. */
export function profileIdsFor(role: ProfileRole): string[] {
  return PROFILES.filter((p) => p.roles.includes(role)).map((p) => p.id);
}
