import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraryScenario } from "../sim/arbitrary.ts";
import { parseScenario } from "../sim/scenario.ts";
import { readAttributes } from "./attributes.ts";
import { elementAttributes, elementCode } from "./elementCode.ts";
import { parseMarkup } from "./markup.testing.ts";

describe("elementCode", () => {
  it("writes short attributes for a plain scenario", () => {
    const parsed = parseScenario({ publishQos: 2, faults: [{ packet: "PUBREC" }] });
    if (!parsed.ok) throw new Error("bad test scenario");
    expect(elementCode(parsed.scenario, { controls: "playback" })).toBe(
      '<mqtt-qos-handshake qos="2" drop="PUBREC" controls="playback"></mqtt-qos-handshake>',
    );
  });

  it("puts only what attributes cannot say into the scenario JSON", () => {
    const parsed = parseScenario({
      publishQos: 1,
      subscriber: { qos: 1 },
      session: { publisher: "persistent", subscriber: "clean" },
      timing: { latencyMs: 80 },
    });
    if (!parsed.ok) throw new Error("bad test scenario");
    const a = elementAttributes(parsed.scenario);
    expect(JSON.parse(a.scenario!)).toEqual({
      session: { publisher: "persistent", subscriber: "clean" },
      timing: { latencyMs: 80 },
    });
    expect(a["subscriber-qos"]).toBe("1");
  });

  it("round-trips any scenario exactly through the markup and the element's attribute reader", () => {
    fc.assert(
      fc.property(arbitraryScenario(), (scenario) => {
        const attributes = parseMarkup(elementCode(scenario));
        const read = readAttributes((name) => attributes[name] ?? null);
        expect(read.ok && read.options.scenario).toEqual(scenario);
      }),
      { numRuns: 500 },
    );
  }, 60_000);
});
