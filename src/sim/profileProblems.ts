/**
 * The `profiles` field's ids as the scenario schema checks them: one of the known profiles, and one
 * that can play the party's role (a client library cannot be the broker). Each problem says what
 * was expected, with a "did you mean" for a near miss. Pure.
 */
import { profileById, profileIdsFor, PROFILE_IDS, type ProfileRole } from "../protocol/profiles/index.ts";
import { didYouMean } from "./didYouMean.ts";
import { expected, oneOf } from "./scenarioErrors.ts";

/** The parties a scenario's `profiles` names, with the role each plays. */
export const PROFILE_PARTIES = { broker: "broker", publisher: "client", subscriber: "client" } as const;
export type ProfiledParty = keyof typeof PROFILE_PARTIES;

/** Why `input` is not a profile id for `party`. */
export function profileIdProblem(input: unknown, party: ProfiledParty): string {
  const role: ProfileRole = PROFILE_PARTIES[party];
  const allowed = profileIdsFor(role);
  const profile = typeof input === "string" ? profileById(input) : undefined;
  if (profile !== undefined) {
    const what = role === "broker" ? "a client library" : "a broker or service";
    return `"${profile.id}" (${profile.name}) is ${what}, not a ${role === "broker" ? "broker" : "client"}; expected one of ${allowed.join(", ")}`;
  }
  const guess = typeof input === "string" ? didYouMean(input, PROFILE_IDS) : undefined;
  const known = guess !== undefined && allowed.includes(guess) ? guess : undefined;
  const hint = known === undefined ? "" : `; did you mean "${known}"?`;
  return `${expected(`a profile id, ${oneOf(allowed, input)}`, input)}${hint}`;
}
