import { describe, expect, it } from "vitest";
import { parseScenario } from "../sim/scenario.ts";
import { withModes } from "./modes.ts";
import { modesIn, readUrl } from "./url.ts";
import { writeUrl } from "./urlWriter.ts";

function scenario() {
  const parsed = parseScenario({ publishQos: 2, faults: [{ packet: "PUBREC" }] });
  if (!parsed.ok) throw new Error("bad test scenario");
  return parsed.scenario;
}

describe("the page's modes in the URL", () => {
  it("reads present=1 and predict=1 beside the scenario", () => {
    const state = readUrl("?publishQos=2&faults=PUBREC&present=1&predict=1");
    expect(state.notices).toEqual([]);
    expect(state.present).toBe(true);
    expect(state.predict).toBe(true);
    expect(state.scenario).toEqual(scenario());
  });

  it("reads a mode alone without naming a scenario", () => {
    const state = readUrl("?present=1");
    expect(state).toEqual({ notices: [], present: true });
  });

  it("reads 0 as off", () => {
    expect(readUrl("?predict=0")).toEqual({ notices: [], predict: false });
  });

  it("names a bad value and what was expected, and keeps the rest of the link", () => {
    const state = readUrl("?publishQos=2&faults=PUBREC&present=yes&predict=2");
    expect(state.notices).toEqual([
      'present: expected 1 (on) or 0 (off); got "yes"',
      'predict: expected 1 (on) or 0 (off); got "2"',
    ]);
    expect(state.present).toBeUndefined();
    expect(state.predict).toBeUndefined();
    expect(state.scenario).toEqual(scenario());
  });

  it("writes the modes that are on and reads them back", () => {
    const search = writeUrl(scenario(), { present: true, predict: false });
    expect(search).toBe("?publishQos=2&faults=PUBREC&present=1");
    expect(readUrl(search)).toMatchObject({ present: true, scenario: scenario() });
    expect(modesIn(search)).toEqual({ present: true, predict: false });
  });

  it("turns no mode on for a bad value", () => {
    expect(modesIn("?present=true&predict=1")).toEqual({ present: false, predict: true });
  });

  it("switches a mode in a search part and keeps every other parameter", () => {
    expect(withModes("?publishQos=2&faults=PUBREC,PUBREL", { present: true, predict: false })).toBe(
      "?publishQos=2&faults=PUBREC,PUBREL&present=1",
    );
    expect(withModes("?present=1&predict=1", { present: false, predict: false })).toBe("");
  });
});
