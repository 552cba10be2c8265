/**
 * One vocabulary: links (and the embed) read the element's names, the element reads the links'
 * names, and a scenario written in any form reads back exactly from every other.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraryScenario } from "../sim/arbitrary.ts";
import { parseScenario } from "../sim/scenario.ts";
import type { Scenario } from "../sim/types.ts";
import { readAttributes } from "./attributes.ts";
import { elementAttributes } from "./elementCode.ts";
import { readEmbedParams } from "./embedParams.ts";
import { readUrl } from "./url.ts";
import { writeUrl } from "./urlWriter.ts";
import { attributeNameOf, linkNameOf, VOCABULARY } from "./vocabulary.ts";

function scenarioOf(input: Record<string, unknown>): Scenario {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(`bad test scenario: ${JSON.stringify(parsed.problems)}`);
  return parsed.scenario;
}

/** The element's reader over a name → value record (the DOM's getAttribute, minus its lowercasing). */
function fromAttributes(attributes: Record<string, string>) {
  const read = readAttributes((name) => attributes[name] ?? null);
  if (!read.ok) throw new Error(`attributes refused: ${read.problems.join("; ")}`);
  return read.options.scenario;
}

function fromLink(search: string): Scenario | undefined {
  const state = readUrl(search);
  expect(state.notices).toEqual([]);
  return state.scenario;
}

/** A link's parameters with every name the element has a name for given under that name. */
function linkAsAttributes(search: string): Record<string, string> {
  return Object.fromEntries([...new URLSearchParams(search)].map(([k, v]) => [attributeNameOf(k), v]));
}

/** Element attributes given to a link under the link's names. */
function attributesAsLink(attributes: Record<string, string>): string {
  const p = new URLSearchParams();
  for (const [name, value] of Object.entries(attributes)) p.set(linkNameOf(name), value);
  return `?${p.toString()}`;
}

describe("one vocabulary for links, the embed and the element", () => {
  it("any scenario round-trips through a link, the embed's parameters and the element's attributes", () => {
    fc.assert(
      fc.property(arbitraryScenario(), (scenario) => {
        const search = writeUrl(scenario);
        expect(fromLink(search)).toEqual(scenario);
        const embed = readEmbedParams(`${search}&controls=full&theme=dark&autoplay=1&steps=1-2`);
        expect(embed.notices).toEqual([]);
        expect(embed.scenario).toEqual(scenario);
        const attributes = elementAttributes(scenario);
        expect(fromAttributes(attributes)).toEqual(scenario);
        // Across the forms: a link read by the element, the element's attributes read as a link.
        expect(fromAttributes(linkAsAttributes(search))).toEqual(scenario);
        expect(fromAttributes(Object.fromEntries(new URLSearchParams(search)))).toEqual(scenario);
        expect(fromLink(attributesAsLink(attributes))).toEqual(scenario);
        expect(fromLink(`?${new URLSearchParams(attributes).toString()}`)).toEqual(scenario);
        expect(readEmbedParams(`?${new URLSearchParams(attributes).toString()}`).scenario).toEqual(scenario);
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it("links accept every element attribute name that says a scenario part", () => {
    const examples: Record<string, [string, Record<string, unknown>]> = {
      qos: ["2", { publishQos: 2 }],
      "subscriber-qos": ["0", { publishQos: 1, subscriber: { qos: 0 } }],
      drop: ["PUBACK,broker-subscriber/PUBACK/1/2", {}],
      hops: ["2", { publishQos: 1, subscriber: { qos: 1 } }],
      "qos2-delivery": [
        "on-publish",
        { publishQos: 1, qos2Delivery: { broker: "on-publish", subscriber: "on-publish" } },
      ],
    };
    const attributes = VOCABULARY.filter((t) => t.attribute !== null && t.attribute !== t.link);
    expect(attributes.map((t) => t.attribute).sort()).toEqual(Object.keys(examples).sort());
    for (const [name, [value, expected]] of Object.entries(examples)) {
      const extra = name === "drop" ? "&subscriber.qos=1" : "";
      const scenario = fromLink(`?${name}=${value}${extra}`);
      if (name === "drop") {
        expect(scenario?.faults).toEqual([
          { hop: "publisher-broker", packet: "PUBACK", message: 1, attempt: 1 },
          { hop: "broker-subscriber", packet: "PUBACK", message: 1, attempt: 2 },
        ]);
      } else expect(scenario, name).toEqual(scenarioOf(expected));
    }
    expect(fromLink("?publishQos=2&hops=1&subscriber.qos=2")?.subscriber).toBeUndefined();
    expect(fromLink("?qos2-delivery=on-publish&qos2Delivery.broker=on-pubrel")?.qos2Delivery).toEqual({
      broker: "on-pubrel",
      subscriber: "on-publish",
    });
    expect(fromLink("?dedupe")?.dedupe).toBe(true);
  });

  it("the element accepts every link name that says a scenario part", () => {
    const examples: Record<string, [string, Record<string, unknown>]> = {
      publishQos: ["2", { publishQos: 2 }],
      "subscriber.qos": ["0", { publishQos: 1, subscriber: { qos: 0 } }],
      faults: ["PUBACK/1/2", { publishQos: 1, faults: [{ packet: "PUBACK", attempt: 2 }] }],
      "session.publisher": ["clean", { publishQos: 1, session: { publisher: "clean" } }],
      "session.subscriber": ["clean", { publishQos: 1, session: { subscriber: "clean" } }],
      "qos2Delivery.broker": ["on-publish", { publishQos: 1, qos2Delivery: { broker: "on-publish" } }],
      "qos2Delivery.subscriber": [
        "on-publish",
        { publishQos: 1, qos2Delivery: { subscriber: "on-publish" } },
      ],
      "timing.latencyMs": ["80", { publishQos: 1, timing: { latencyMs: 80 } }],
      "timing.timeoutMs": ["900", { publishQos: 1, timing: { timeoutMs: 900 } }],
      "timing.reconnectDelayMs": ["50", { publishQos: 1, timing: { reconnectDelayMs: 50 } }],
      "timing.publishIntervalMs": ["20", { publishQos: 1, timing: { publishIntervalMs: 20 } }],
      "profiles.broker": ["emqx-5", { publishQos: 1, profiles: { broker: "emqx-5" } }],
      "profiles.publisher": ["mqttjs-5", { publishQos: 1, profiles: { publisher: "mqttjs-5" } }],
      "profiles.subscriber": ["paho-go-1", { publishQos: 1, profiles: { subscriber: "paho-go-1" } }],
    };
    const links = VOCABULARY.filter((t) => t.link !== null && t.link !== t.attribute);
    expect(links.map((t) => t.link).sort()).toEqual(Object.keys(examples).sort());
    for (const [name, [value, expected]] of Object.entries(examples)) {
      expect(fromAttributes({ [name]: value }), name).toEqual(scenarioOf(expected));
    }
    expect(fromAttributes({ messages: '[{"topic":"a/b","payload":"x"}]' }).messages).toEqual([
      { topic: "a/b", payload: "x", retain: false },
    ]);
  });

  it("the form's own name wins over the other's; a link says so", () => {
    const state = readUrl("?qos=2&publishQos=1");
    expect(state.scenario?.publishQos).toBe(1);
    expect(state.notices).toEqual(["qos: publishQos says the same and is given too; publishQos is used"]);
    expect(readUrl("?publishQos=1&qos=2").notices).toEqual([
      "qos: publishQos says the same and is given too; publishQos is used",
    ]);
    expect(fromAttributes({ qos: "2", publishQos: "1" }).publishQos).toBe(2);
  });

  it("a problem is told by the name that was written", () => {
    expect(readUrl("?qos=7").notices).toEqual(["qos: expected one of 0, 1, 2; got 7"]);
    expect(readUrl("?drop=PUBAK").notices[0]).toMatch(/^drop: /);
    expect(readUrl("?hops=3").notices).toEqual([
      'hops: expected 1 (publisher → broker) or 2 (… → subscriber); got "3"',
    ]);
    expect(readUrl("?qos2-delivery=later").notices[0]).toMatch(/^qos2-delivery: /);
    const element = (a: Record<string, string>) => {
      const read = readAttributes((name) => a[name] ?? null);
      return read.ok ? [] : read.problems;
    };
    expect(element({ publishQos: "7" })).toEqual(["publishQos: expected one of 0, 1, 2; got 7"]);
    expect(element({ faults: "PUBAK" })[0]).toMatch(/^faults: "PUBAK" \(packet\): /);
    expect(element({ "timing.latencyMs": "-5" })[0]).toMatch(/^timing\.latencyMs: /);
    expect(element({ "qos2Delivery.broker": "later" })[0]).toMatch(/^qos2Delivery\.broker: /);
  });
});
