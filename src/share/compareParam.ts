/**
 * The `compare` parameter of links and embeds: compare mode's columns, readable by hand.
 *
 *   compare=0,1,2            QoS 0, 1 and 2 side by side (also `compare=qos` or a bare `compare`)
 *   compare=1,1-clean        QoS 1 with the scenario's sessions beside QoS 1 with clean sessions
 *   compare=2-spec,2-mosquitto-2.0,2-emqx-5   QoS 2: the specification beside two brokers
 *
 * Each column is a QoS level, optionally followed by `-clean` or `-persistent` (both clients'
 * session kind), then optionally by `-` and a broker profile id (the ids of `profiles`,
 * profileText.ts). Two or three columns. A bad column is named in a notice and left out; when fewer
 * than two good ones remain, QoS 0, 1 and 2 stand in (the parameter still asks for compare mode).
 * Pure.
 */
import { BROKER_PROFILE_IDS } from "../protocol/profileIds.ts";
import { didYouMean } from "../sim/didYouMean.ts";
import { COMPARE_COLUMNS, DEFAULT_COMPARE, type BrokerProfile, type CompareSetup } from "../sim/compare.ts";
import type { Qos, SessionKind } from "../sim/types.ts";

const COLUMN = /^([012])(?:-(clean|persistent))?(?:-(.+))?$/;
const EXPECTED =
  `${COMPARE_COLUMNS.min} or ${COMPARE_COLUMNS.max} set-ups separated by commas, each a QoS 0, 1 or 2 ` +
  `optionally followed by -clean or -persistent and by -<broker profile id> (such as 0,1,2 or ` +
  `1,1-clean or 2-spec,2-mosquitto-2.0), or qos for 0,1,2`;
const STAND_IN = "QoS 0, 1 and 2 stand in";

function quoted(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/** The columns a `compare` value names, and a notice per problem (naming the parameter). */
export function readCompare(name: string, text: string): { setups: CompareSetup[]; notices: string[] } {
  if (text === "" || text === "qos") return { setups: [...DEFAULT_COMPARE], notices: [] };
  const notices: string[] = [];
  const setups: CompareSetup[] = [];
  for (const item of text.split(",")) {
    const match = COLUMN.exec(item);
    if (!match) {
      notices.push(`${name}: ${quoted(item)} is not a set-up; expected ${EXPECTED}`);
      continue;
    }
    const session = match[2] as SessionKind | undefined;
    const profile = match[3];
    if (profile !== undefined && !(BROKER_PROFILE_IDS as readonly string[]).includes(profile)) {
      const guess = didYouMean(profile, BROKER_PROFILE_IDS);
      const hint = guess === undefined ? `one of ${BROKER_PROFILE_IDS.join(", ")}` : `did you mean ${guess}?`;
      notices.push(
        `${name}: ${quoted(item)} is not a set-up: ${quoted(profile)} is no broker profile id (${hint})`,
      );
      continue;
    }
    setups.push({
      qos: Number(match[1]) as Qos,
      ...(session ? { session } : {}),
      ...(profile ? { profile: profile as BrokerProfile } : {}),
    });
  }
  if (setups.length > COMPARE_COLUMNS.max) {
    notices.push(
      `${name}: expected at most ${COMPARE_COLUMNS.max} set-ups; the first ${COMPARE_COLUMNS.max} of ` +
        `${setups.length} are used`,
    );
    return { setups: setups.slice(0, COMPARE_COLUMNS.max), notices };
  }
  if (setups.length < COMPARE_COLUMNS.min) {
    notices.push(
      notices.length === 0
        ? `${name}: expected ${EXPECTED}; got ${quoted(text)}; ${STAND_IN}`
        : `${name}: fewer than ${COMPARE_COLUMNS.min} good set-ups; ${STAND_IN}`,
    );
    return { setups: [...DEFAULT_COMPARE], notices };
  }
  return { setups, notices };
}

/** The `compare` value for these columns: `0,1,2`, `1,1-clean`, `2-spec,2-mosquitto-2.0`. */
export function writeCompare(setups: readonly CompareSetup[]): string {
  return setups
    .map((s) => [String(s.qos), s.session, s.profile].filter((p) => p !== undefined).join("-"))
    .join(",");
}
