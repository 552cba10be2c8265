/**
 * TEST-ONLY: the one runner of every golden-trace table (golden.*.test.ts). A case is a scenario,
 * its hand-checked packet sequence and outcome; the runner also holds each trace to the cause
 * rules, to the live-actor driver's bytes and, when the case names a file, to its JSON in golden/.
 */
import { expect, it } from "vitest";
import { causeProblems } from "./causeRules.ts";
import { sequence } from "./sequence.ts";
import { simulate } from "./simulate.ts";

export interface Golden {
  name: string;
  /** The file in golden/ that pins the whole trace, byte for byte. */
  file?: string;
  scenario: unknown;
  /** One line per event (sequence.ts), checked by hand against the specification. */
  sequence: string[];
  outcome: [deliveries: number, verdict: string][];
  /** How many of the scenario's faults never matched a packet; 0 unless given. */
  unusedFaults?: number;
  /** "party code" of each profile finding, in order; none unless given. */
  findings?: string[];
}

/** One `it` per case, inside the caller's `describe`. */
export function itMatchesGolden(cases: readonly Golden[]): void {
  for (const c of cases) {
    it(c.name, async () => {
      const trace = simulate(c.scenario);
      expect(sequence(trace)).toStrictEqual(c.sequence);
      expect(trace.outcome.messages.map((m) => [m.deliveries, m.verdict])).toStrictEqual(c.outcome);
      expect(trace.unusedFaults).toHaveLength(c.unusedFaults ?? 0);
      expect((trace.findings ?? []).map((f) => `${f.party} ${f.code}`)).toStrictEqual(c.findings ?? []);
      expect(causeProblems(trace)).toStrictEqual([]);
      expect(causeProblems(simulate(c.scenario, { states: true }))).toStrictEqual([]);
      // The live-actor driver runs the same machines to the same bytes.
      expect(JSON.stringify(simulate(c.scenario, { driver: "actor" }))).toBe(JSON.stringify(trace));
      if (c.file !== undefined)
        await expect(JSON.stringify(trace, null, 2) + "\n").toMatchFileSnapshot(`golden/${c.file}.json`);
    });
  }
}
