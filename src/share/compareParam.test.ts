import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_COMPARE, type CompareSetup } from "../sim/compare.ts";
import { parseScenarioOrThrow } from "../sim/scenario.ts";
import { QOS_LEVELS, SESSION_KINDS } from "../sim/types.ts";
import { BROKER_PROFILE_IDS } from "../protocol/profileIds.ts";
import { readCompare, writeCompare } from "./compareParam.ts";
import { readEmbedParams } from "./embedParams.ts";
import { readUrl } from "./url.ts";
import { writeUrl } from "./urlWriter.ts";

const arbitrarySetups: fc.Arbitrary<CompareSetup[]> = fc.array(
  fc.record(
    {
      qos: fc.constantFrom(...QOS_LEVELS),
      session: fc.constantFrom(...SESSION_KINDS),
      profile: fc.constantFrom(...BROKER_PROFILE_IDS),
    },
    { requiredKeys: ["qos"], noNullPrototype: true },
  ),
  { minLength: 2, maxLength: 3 },
);

describe("the compare parameter", () => {
  it("reads QoS levels with optional session kinds, and qos or nothing as QoS 0, 1 and 2", () => {
    expect(readCompare("compare", "0,1,2")).toEqual({ setups: DEFAULT_COMPARE, notices: [] });
    expect(readCompare("compare", "qos")).toEqual({ setups: DEFAULT_COMPARE, notices: [] });
    expect(readCompare("compare", "")).toEqual({ setups: DEFAULT_COMPARE, notices: [] });
    expect(readCompare("compare", "1,1-clean").setups).toEqual([{ qos: 1 }, { qos: 1, session: "clean" }]);
  });

  it("reads a broker profile after the QoS (and session), in the ids of profiles", () => {
    expect(readCompare("compare", "2-spec,2-mosquitto-2.0,2-clean-emqx-5")).toEqual({
      setups: [
        { qos: 2, profile: "spec" },
        { qos: 2, profile: "mosquitto-2.0" },
        { qos: 2, session: "clean", profile: "emqx-5" },
      ],
      notices: [],
    });
    expect(
      writeCompare([
        { qos: 2, profile: "spec" },
        { qos: 1, session: "clean", profile: "aws-iot-core" },
      ]),
    ).toBe("2-spec,1-clean-aws-iot-core");
    const bad = readCompare("compare", "2-spec,2-mosquitto-2,2-emqx-5");
    expect(bad.setups).toEqual([
      { qos: 2, profile: "spec" },
      { qos: 2, profile: "emqx-5" },
    ]);
    expect(bad.notices).toEqual([
      'compare: "2-mosquitto-2" is not a set-up: "mosquitto-2" is no broker profile id (did you mean mosquitto-2.0?)',
    ]);
  });

  it("names each bad set-up and keeps the good ones when two or three remain", () => {
    const read = readCompare("compare", "0,5,2,1-dirty");
    expect(read.setups).toEqual([{ qos: 0 }, { qos: 2 }]);
    expect(read.notices).toHaveLength(2);
    expect(read.notices[0]).toMatch(/^compare: "5" is not a set-up; expected 2 or 3 set-ups .*0,1,2/);
    expect(read.notices[1]).toMatch(/^compare: "1-dirty" is not a set-up/);
  });

  it("puts QoS 0, 1 and 2 in when fewer than two set-ups are good, and cuts more than three", () => {
    const one = readCompare("compare", "1");
    expect(one.setups).toEqual(DEFAULT_COMPARE);
    expect(one.notices).toEqual([
      expect.stringMatching(/^compare: expected 2 or 3 set-ups.*got "1"; QoS 0, 1 and 2 stand in$/),
    ]);
    const bad = readCompare("compare", "yes");
    expect(bad.setups).toEqual(DEFAULT_COMPARE);
    expect(bad.notices).toHaveLength(2);
    expect(bad.notices[1]).toBe("compare: fewer than 2 good set-ups; QoS 0, 1 and 2 stand in");
    const four = readCompare("compare", "0,1,2,2-clean");
    expect(four.setups).toEqual(DEFAULT_COMPARE);
    expect(four.notices).toEqual(["compare: expected at most 3 set-ups; the first 3 of 4 are used"]);
  });

  it("round-trips any two or three set-ups, alone and in a link with its scenario", () => {
    const scenario = parseScenarioOrThrow({
      publishQos: 2,
      subscriber: { qos: 2 },
      faults: [{ packet: "PUBREC" }],
    });
    fc.assert(
      fc.property(arbitrarySetups, (setups) => {
        expect(readCompare("compare", writeCompare(setups))).toEqual({ setups, notices: [] });
        const link = readUrl(writeUrl(scenario, { compare: writeCompare(setups) }));
        expect(readCompare("compare", link.compare ?? "")).toEqual({ setups, notices: [] });
        expect(link.scenario).toEqual(scenario);
        expect(link.notices).toEqual([]);
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it("stays readable in a link, and a link without it opens no compare mode", () => {
    const scenario = parseScenarioOrThrow({ publishQos: 1 });
    expect(writeUrl(scenario, { compare: writeCompare(DEFAULT_COMPARE) })).toBe(
      "?publishQos=1&compare=0,1,2",
    );
    expect(writeUrl(scenario, { compare: null })).toBe("?publishQos=1");
    expect(readUrl("?publishQos=1").compare).toBeUndefined();
    // The link's reader keeps the text as written; compare mode reads it (and names what is bad).
    const bad = readUrl("?publishQos=1&compare=4");
    expect(bad.compare).toBe("4");
    expect(bad.scenario).toEqual(scenario);
    expect(bad.notices).toEqual([]);
    expect(readUrl("?compare=0,2")).toEqual({ compare: "0,2", notices: [] });
  });
});

describe("the compare parameter in an embed", () => {
  it("is read as in a link, beside the embed's own options", () => {
    const params = readEmbedParams("?publishQos=2&faults=PUBREC&controls=full&compare=1,2-clean");
    expect(readCompare("compare", params.compare ?? "").setups).toEqual([
      { qos: 1 },
      { qos: 2, session: "clean" },
    ]);
    expect(params.controls).toBe("full");
    expect(params.notices).toEqual([]);
    expect(readEmbedParams("?publishQos=2").compare).toBeUndefined();
    expect(readEmbedParams("?compare=9").compare).toBe("9");
  });
});
