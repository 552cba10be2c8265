/**
 * Properties of the implementation profiles: the "spec" profile changes nothing, every knob a
 * profile turns has its sources, a profile turns no knob its record does not name, and any mix of
 * profiles on any scenario runs to a trace whose causes hold, the same under both drivers, with
 * findings that point at real events and at their profile's own sources.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SPEC_BEHAVIOUR, type Behaviour } from "../protocol/behaviour.ts";
import { BROKER_PROFILE_IDS, CLIENT_PROFILE_IDS } from "../protocol/profileIds.ts";
import { PROFILES, profileIdsFor, profileNamed, type BehaviourKnob } from "../protocol/profiles/index.ts";
import { PROFILE_NOTES } from "../protocol/profiles/notes.ts";
import { arbitraryScenario } from "./arbitrary.ts";
import { behavioursOf } from "./behaviours.ts";
import { causeProblems } from "./causeRules.ts";
import { FINDING_CODES, knobOf } from "./findings.ts";
import { runScenario } from "./runScenario.ts";
import { withProfileDefaults } from "./profileDefaults.ts";
import { differencesFromSpec } from "./specComparison.ts";
import type { Party, Scenario, Trace } from "./types.ts";

const TIMEOUT = { timeout: 120_000 };
const PARTIES: readonly Party[] = ["publisher", "broker", "subscriber"];
/** Every knob: those the specification sets, and the optional ones it leaves unset. */
const KNOBS = [
  ...new Set([...Object.keys(SPEC_BEHAVIOUR), "qos2Delivery", "liveResendMs"]),
] as BehaviourKnob[];

type Profiles = NonNullable<Scenario["profiles"]>;
const arbitraryProfiles = fc.record({
  broker: fc.constantFrom(...(profileIdsFor("broker") as Profiles["broker"][])),
  publisher: fc.constantFrom(...(profileIdsFor("client") as Profiles["publisher"][])),
  subscriber: fc.constantFrom(...(profileIdsFor("client") as Profiles["subscriber"][])),
});

/** As parsing would give it: the profiles, and the QoS 2 methods they imply where none was set. */
function withProfiles(s: Scenario, profiles: NonNullable<Scenario["profiles"]>): Scenario {
  const input: Partial<Scenario> = { ...s };
  delete input.qos2Delivery;
  return withProfileDefaults(input, { ...s, profiles });
}

function withoutProfiles(t: Trace): Trace {
  const scenario = { ...t.scenario };
  delete scenario.profiles;
  return { ...t, scenario };
}

describe("implementation profiles as data", () => {
  it("has one record per id, each id where main's schema lists it, and each role's list as the schema's", () => {
    expect(new Set(PROFILES.map((p) => p.id)).size).toBe(PROFILES.length);
    expect(profileIdsFor("broker")).toStrictEqual([...BROKER_PROFILE_IDS]);
    expect(profileIdsFor("client")).toStrictEqual([...CLIENT_PROFILE_IDS]);
  });

  it("gives every knob a profile turns at least one source URL, and sources to no other knob", () => {
    for (const p of PROFILES) {
      const turned = Object.keys(p.behaviour).sort();
      expect(Object.keys(p.sources).sort(), p.id).toStrictEqual(turned);
      for (const knob of turned as BehaviourKnob[]) {
        const urls = p.sources[knob] ?? [];
        expect(urls.length, `${p.id}.${knob}`).toBeGreaterThan(0);
        for (const url of urls) expect(new URL(url).protocol, `${p.id}.${knob}: ${url}`).toBe("https:");
      }
      for (const note of PROFILE_NOTES.get(p.id) ?? []) {
        expect(note.sources.length, `${p.id}: ${note.text}`).toBeGreaterThan(0);
        for (const url of note.sources) expect(new URL(url).protocol).toBe("https:");
      }
    }
  });

  it("turns only the knobs a record names, for its own party only", () => {
    for (const p of PROFILES) {
      for (const party of PARTIES) {
        const role = party === "broker" ? "broker" : "client";
        if (!p.roles.includes(role)) continue;
        const profiles = { broker: "spec", publisher: "spec", subscriber: "spec", [party]: p.id };
        const behaviours = behavioursOf({ profiles } as unknown as Scenario, profileNamed);
        for (const other of PARTIES) {
          for (const knob of KNOBS) {
            const value = (behaviours[other] as Behaviour)[knob];
            const named = other === party && Object.hasOwn(p.behaviour, knob);
            const expected = named ? (p.behaviour as Behaviour)[knob] : SPEC_BEHAVIOUR[knob];
            expect(value, `${p.id} as ${party}: ${other}.${knob}`).toStrictEqual(expected);
          }
        }
      }
    }
  });

  it("documents every kind of finding through a knob of Behaviour", () => {
    for (const code of FINDING_CODES) expect(KNOBS).toContain(knobOf(code));
  });
});

describe("profiles in the simulator", () => {
  it(
    'with every profile "spec", gives exactly the trace without profiles, but for the echoed field',
    TIMEOUT,
    () => {
      fc.assert(
        fc.property(arbitraryScenario(), (s) => {
          const spec = runScenario({
            ...s,
            profiles: { broker: "spec", publisher: "spec", subscriber: "spec" },
          });
          expect(spec.findings).toBeUndefined();
          expect(withoutProfiles(spec)).toStrictEqual(runScenario(s));
        }),
        { numRuns: 300 },
      );
    },
  );

  it("runs any mix of profiles to a trace whose causes hold, the same under both drivers", TIMEOUT, () => {
    fc.assert(
      fc.property(arbitraryScenario(), arbitraryProfiles, (s, profiles) => {
        const scenario = withProfiles(s, profiles);
        const trace = runScenario(scenario, { states: true });
        expect(causeProblems(trace)).toEqual([]);
        expect(runScenario(scenario, { states: true, driver: "actor" })).toStrictEqual(trace);
        for (const f of trace.findings ?? []) {
          const profile = PROFILES.find((p) => p.id === f.profile);
          expect(profile?.id).toBe(profiles[f.party]);
          // Its source is one its profile gives for the knob behind it.
          expect(profile?.sources[knobOf(f.code as (typeof FINDING_CODES)[number])]).toContain(f.source);
          if (f.event !== undefined) expect(trace.events[f.event]).toBeDefined();
        }
        // A finding names a party whose profile is not the specification.
        for (const f of trace.findings ?? []) expect(f.profile).not.toBe("spec");
      }),
      { numRuns: 200 },
    );
  });

  it("names a message as differing from the specification only with findings to explain it", TIMEOUT, () => {
    fc.assert(
      fc.property(arbitraryScenario(), arbitraryProfiles, (s, profiles) => {
        const trace = runScenario(withProfiles(s, profiles));
        for (const d of differencesFromSpec(trace)) {
          expect(d.findings.length).toBeGreaterThan(0);
          expect(d.verdict).not.toBe(d.specVerdict);
          expect(trace.outcome.messages[d.message - 1]?.verdict).toBe(d.verdict);
        }
        if (trace.findings === undefined) expect(differencesFromSpec(trace)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
