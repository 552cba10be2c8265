/**
 * The fields of issue 14 in every external form: any scenario with them (profiles, per-message QoS,
 * times and expiry, Receive Maximum, refusals, offline periods, late subscribers, retain options,
 * session expiry, the broker's queue, persistence and restarts, the will, the publisher's end)
 * reads back exactly from a link, the embed's parameters and iframe, the element's attributes and
 * its markup, and across forms.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraryExtendedScenario } from "../sim/arbitrary.ts";
import { parseScenario } from "../sim/scenario.ts";
import type { Scenario } from "../sim/types.ts";
import { readAttributes } from "./attributes.ts";
import { elementAttributes, elementCode } from "./elementCode.ts";
import { embedCode, embedUrl } from "./embedCode.ts";
import { readEmbedParams } from "./embedParams.ts";
import { parseMarkup } from "./markup.testing.ts";
import { readUrl } from "./url.ts";
import { writeUrl } from "./urlWriter.ts";

const BASE = "https://lab.example/";

function fromAttributes(attributes: Record<string, string>): Scenario {
  const read = readAttributes((name) => attributes[name] ?? null);
  if (!read.ok) throw new Error(`attributes refused: ${read.problems.join("; ")}`);
  return read.options.scenario;
}

function fromLink(search: string): Scenario | undefined {
  const state = readUrl(search);
  expect(state.notices).toEqual([]);
  return state.scenario;
}

describe("the fields of issue 14 in links, the embed and the element", () => {
  it("any scenario with them reads back the same from every form", () => {
    fc.assert(
      fc.property(arbitraryExtendedScenario(), (scenario) => {
        // The generator follows the field rules loosely: a scenario the rules refuse is no case here.
        fc.pre(parseScenario(scenario).ok);
        const search = writeUrl(scenario);
        expect(fromLink(search)).toEqual(scenario);
        const url = embedUrl(scenario, BASE, {
          controls: "full",
          theme: "dark",
          autoplay: true,
          loop: false,
        });
        const embed = readEmbedParams(new URL(url).search);
        expect(embed.notices).toEqual([]);
        expect(embed.scenario).toEqual(scenario);
        const src = /src="([^"]*)"/
          .exec(embedCode(scenario, BASE))?.[1]
          ?.replace(/&quot;/g, '"')
          .replace(/&lt;/g, "<")
          .replace(/&amp;/g, "&");
        expect(readEmbedParams(new URL(src ?? "").search).scenario).toEqual(scenario);
        const attributes = elementAttributes(scenario);
        expect(fromAttributes(attributes)).toEqual(scenario);
        expect(fromAttributes(parseMarkup(elementCode(scenario)))).toEqual(scenario);
        // Across the forms: the link's parameters as attributes, the attributes as a link.
        expect(fromAttributes(Object.fromEntries(new URLSearchParams(search)))).toEqual(scenario);
        expect(fromLink(`?${new URLSearchParams(attributes).toString()}`)).toEqual(scenario);
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});
