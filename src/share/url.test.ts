import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../sim/scenario.ts";
import { arbitraryScenario } from "../sim/arbitrary.ts";
import { formatFault, parseFault } from "./faultText.ts";
import { readUrl } from "./url.ts";
import { writeUrl } from "./urlWriter.ts";

/** The scenario a scenario input stands for, defaults filled in. */
function scenarioOf(input: Record<string, unknown>) {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(`bad test scenario: ${JSON.stringify(parsed.problems)}`);
  return parsed.scenario;
}

describe("scenario in the URL", () => {
  it("reads the readable form", () => {
    const state = readUrl(
      "?publishQos=2&subscriber.qos=1&session=clean&faults=PUBREC,broker-subscriber/PUBACK/1/2&t=520",
    );
    expect(state.notices).toEqual([]);
    expect(state.t).toBe(520);
    expect(state.scenario).toEqual(
      scenarioOf({
        publishQos: 2,
        subscriber: { qos: 1 },
        session: "clean",
        faults: [
          { packet: "PUBREC" },
          { hop: "broker-subscriber", packet: "PUBACK", message: 1, attempt: 2 },
        ],
      }),
    );
  });

  it("round-trips any scenario exactly", () => {
    fc.assert(
      fc.property(arbitraryScenario(), (scenario) => {
        expect(readUrl(writeUrl(scenario)).scenario).toEqual(scenario);
      }),
      { numRuns: 500 },
    );
  }, 60_000);

  it("names no scenario when the link names no scenario field", () => {
    const state = readUrl("?t=40&view=explore");
    expect(state.scenario).toBeUndefined();
    expect(state).toMatchObject({ t: 40, view: "explore", notices: [] });
  });

  it("names each bad parameter and lets its default stand in", () => {
    const state = readUrl("?publishQos=7&retransmit=sometimes&faults=PUBAK&latency=3");
    expect(state.notices.map((n) => n.split(":")[0]).sort()).toEqual([
      "faults",
      "latency",
      "publishQos",
      "retransmit",
    ]);
    expect(state.notices.find((n) => n.startsWith("publishQos"))).toContain("expected one of 0, 1, 2");
    expect(state.scenario).toEqual(scenarioOf({ publishQos: 1 }));
  });

  it("keeps faults readable", () => {
    const fault = { hop: "broker-subscriber", packet: "PUBACK", message: 2, attempt: 3 } as const;
    expect(formatFault(fault)).toBe("broker-subscriber/PUBACK/2/3");
    expect(parseFault(formatFault(fault))).toEqual(fault);
    const parsed = parseScenario({ publishQos: 2, faults: [{ packet: "PUBREC" }] });
    expect(parsed.ok && writeUrl(parsed.scenario)).toBe("?publishQos=2&faults=PUBREC");
  });

  it("never throws on a thousand malformed URLs, and always says what was wrong", () => {
    const key = fc.constantFrom(
      "publishQos",
      "subscriber.qos",
      "faults",
      "messages",
      "session",
      "timing.latencyMs",
      "t",
      "scenario",
      "x",
      "retransmit",
      "protocol",
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(key, fc.string({ maxLength: 30 })), { maxLength: 6 }),
        fc.string(),
        (pairs, junk) => {
          const search = "?" + pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&") + junk;
          const state = readUrl(search);
          // Any link that names a scenario field gives a valid scenario, bad parameters left out.
          if (pairs.some(([k]) => k !== "t" && k !== "x")) expect(state.scenario).toBeDefined();
          if (state.scenario) expect(parseScenario(state.scenario).ok).toBe(true);
          for (const notice of state.notices) expect(notice).toMatch(/: \S/);
        },
      ),
      { numRuns: 1000 },
    );
  }, 60_000);
});
