/**
 * Reads the `profiles` text (profileText.ts says its syntax) of links, the embed and the element:
 * each item checked against the profile ids, a bad one named with what was expected. Pure.
 */
import { didYouMean } from "../sim/didYouMean.ts";
import type { Writer } from "./partsWriter.ts";
import {
  BROKER_PROFILE_IDS,
  CLIENT_PROFILE_IDS,
  PROFILE_ROLES,
  type BrokerProfileId,
  type ClientProfileId,
  type Profiles,
} from "./profileText.ts";

/** What one item may be, for a notice. */
const PROFILE_EXPECTED =
  `a broker id (${BROKER_PROFILE_IDS.join(", ")}) or a client id (${CLIENT_PROFILE_IDS.join(", ")}), ` +
  `optionally after broker:, publisher: or subscriber:, separated by commas`;

const isBroker = (id: string): id is BrokerProfileId =>
  (BROKER_PROFILE_IDS as readonly string[]).includes(id);
const isClient = (id: string): id is ClientProfileId =>
  (CLIENT_PROFILE_IDS as readonly string[]).includes(id);

/** What one item sets, or why it cannot be read (without the parameter's name). */
function readProfileItem(text: string): Partial<Profiles> | string {
  const colon = text.indexOf(":");
  const role = colon < 0 ? null : text.slice(0, colon);
  const id = colon < 0 ? text : text.slice(colon + 1);
  if (role !== null && !(PROFILE_ROLES as readonly string[]).includes(role)) {
    return `${JSON.stringify(text)}: expected broker:, publisher: or subscriber: before the id; got ${JSON.stringify(`${role}:`)}`;
  }
  if (role === "broker" || (role === null && isBroker(id) && id !== "spec")) {
    if (isBroker(id)) return { broker: id };
    return unknownId(
      text,
      id,
      isClient(id) ? "a broker id; that is a client's" : "a broker id",
      BROKER_PROFILE_IDS,
    );
  }
  if (role === "publisher" || role === "subscriber") {
    if (isClient(id)) return { [role]: id };
    return unknownId(
      text,
      id,
      isBroker(id) ? "a client id; that is a broker's" : "a client id",
      CLIENT_PROFILE_IDS,
    );
  }
  if (id === "spec") return { broker: "spec", publisher: "spec", subscriber: "spec" };
  if (isClient(id)) return { publisher: id, subscriber: id };
  return unknownId(text, id, "a profile id", [...BROKER_PROFILE_IDS, ...CLIENT_PROFILE_IDS.slice(1)]);
}

function unknownId(text: string, id: string, what: string, known: readonly string[]): string {
  const guess = didYouMean(id, known);
  const hint = guess === undefined ? `one of ${known.join(", ")}` : `did you mean ${guess}?`;
  return `${JSON.stringify(text)}: expected ${what} (${hint})`;
}

/**
 * Reads a `profiles` text: the parties it sets (in order, a later item over an earlier one) and one
 * problem per bad item, each naming `name` and the item; the good items still count.
 */
export function readProfiles(
  name: string,
  text: string,
): { profiles: Partial<Profiles>; problems: string[] } {
  const profiles: Partial<Profiles> = {};
  const problems: string[] = [];
  const items = text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (items.length === 0) problems.push(`${name}: expected ${PROFILE_EXPECTED}; got ${JSON.stringify(text)}`);
  for (const item of items) {
    const read = readProfileItem(item);
    if (typeof read === "string") problems.push(`${name}: ${read}`);
    else Object.assign(profiles, read);
  }
  return { profiles, problems };
}

/**
 * Writes the parties a `profiles` text named into a scenario JSON; the others keep what the
 * scenario JSON says, else the parser's "spec".
 */
export function setProfiles(w: Writer, profiles: Partial<Profiles>): void {
  if (w.get("profiles") === undefined) w.set("profiles", {});
  for (const role of PROFILE_ROLES) {
    const id = profiles[role];
    if (id !== undefined) w.set(`profiles.${role}`, id);
  }
}
