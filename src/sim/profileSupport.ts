/**
 * What the engine needs only for a scenario that names implementation profiles (`profiles`): the
 * profile records (src/protocol/profiles/) and the findings they make (findings.ts,
 * profileFindings.ts). The engine is handed it (runScenarioWith's `parts.profiles`) instead of
 * importing it, so that a scenario without profiles runs without these modules: the page's first
 * diagram does not wait for them. runScenario.ts binds it for Node, the command line, the worker and
 * the tests; the page loads it when a scenario names profiles, and after its first diagram.
 */
import { profileNamed } from "../protocol/profiles/index.ts";
import type { Behaviours, ProfileLookup } from "./behaviours.ts";
import type { FindingLog } from "./findings.ts";
import { startingFindings } from "./profileFindings.ts";
import type { Scenario } from "./types.ts";

/** A run's findings, as the engine notes and reads them (findings.ts's FindingLog). */
export type Findings = Pick<FindingLog, "add" | "result">;

export interface ProfileSupport {
  /** The profile a scenario's id names. */
  profileNamed: ProfileLookup;
  /** A run's finding log, holding what the profiles change from the start. */
  startingFindings(scenario: Scenario, behaviours: Behaviours): Findings;
}

/** The real records and findings. */
export const PROFILE_SUPPORT: ProfileSupport = { profileNamed, startingFindings };
