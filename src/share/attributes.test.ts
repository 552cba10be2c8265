import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_MESSAGES, OBSERVED_ATTRIBUTES, readAttributes, type ReadResult } from "./attributes.ts";
import { readEmbedParams } from "./embedParams.ts";

const read = (a: Record<string, string>): ReadResult => readAttributes((name) => a[name] ?? null);

function options(a: Record<string, string>) {
  const result = read(a);
  if (!result.ok) throw new Error(`unexpected problems: ${result.problems.join("; ")}`);
  return result.options;
}

function problems(a: Record<string, string>): string[] {
  const result = read(a);
  if (result.ok) throw new Error("expected problems, got a scenario");
  return result.problems;
}

describe("element attributes", () => {
  it("defaults to one QoS 1 message over one hop, nothing dropped", () => {
    const { scenario } = options({});
    expect(scenario.publishQos).toBe(1);
    expect(scenario.subscriber).toBeUndefined();
    expect(scenario.messages).toHaveLength(1);
    expect(scenario.faults).toEqual([]);
  });

  it("messages, qos2-delivery and dedupe set their parts of the scenario", () => {
    const { scenario } = options({
      qos: "2",
      "subscriber-qos": "2",
      messages: "3",
      "qos2-delivery": "on-publish",
    });
    expect(scenario.messages).toHaveLength(3);
    expect(scenario.qos2Delivery).toEqual({ broker: "on-publish", subscriber: "on-publish" });
    expect(options({ dedupe: "" }).scenario.dedupe).toBe(true);
    expect(options({ dedupe: "false" }).scenario.dedupe).toBe(false);
  });

  it("the scenario attribute is the base and other attributes override their parts", () => {
    const json = JSON.stringify({
      publishQos: 2,
      subscriber: { qos: 1 },
      timing: { latencyMs: 100 },
      faults: [{ packet: "PUBREC" }],
    });
    const base = options({ scenario: json }).scenario;
    expect(base.publishQos).toBe(2);
    expect(base.subscriber).toEqual({ qos: 1 });
    expect(base.timing.latencyMs).toBe(100);
    expect(base.faults).toHaveLength(1);
    const over = options({ scenario: json, qos: "1", hops: "1", drop: "" }).scenario;
    expect(over.publishQos).toBe(1);
    expect(over.subscriber).toBeUndefined();
    expect(over.faults).toEqual([]);
    expect(over.timing.latencyMs).toBe(100);
    // hops="2" keeps the JSON's subscription; subscriber-qos overrides it.
    expect(options({ scenario: json, hops: "2" }).scenario.subscriber).toEqual({ qos: 1 });
    expect(options({ scenario: json, "subscriber-qos": "0" }).scenario.subscriber).toEqual({ qos: 0 });
    expect(options({ qos: "2", hops: "2" }).scenario.subscriber).toEqual({ qos: 2 });
  });

  it("names the attribute and what was expected", () => {
    expect(problems({ messages: "0" })).toEqual([
      `messages: expected a whole number from 1 to ${MAX_MESSAGES}; got "0"`,
    ]);
    expect(problems({ messages: "many" })[0]).toMatch(/^messages: expected a whole number/);
    expect(problems({ step: "0" })).toEqual(['step: expected a whole number of steps, 1 or more; got "0"']);
    expect(options({ step: "4" }).step).toBe(4);
    expect(options({}).step).toBeUndefined();
    expect(problems({ "qos2-delivery": "later" })[0]).toMatch(
      /^qos2-delivery: expected one of on-pubrel, on-publish/,
    );
    expect(problems({ scenario: "{publishQos: 2" })[0]).toMatch(
      /^scenario: expected a JSON object in the scenario format; /,
    );
    expect(problems({ scenario: "[1, 2]" })[0]).toMatch(/^scenario: expected a JSON object/);
    const timing = problems({ scenario: JSON.stringify({ publishQos: 1, timing: { latencyMs: -5 } }) });
    expect(timing).toHaveLength(1);
    expect(timing[0]).toMatch(/^scenario: timing\.latencyMs: /);
    // A part given both ways is blamed on the attribute that set it last.
    expect(problems({ scenario: JSON.stringify({ publishQos: 1 }), qos: "7" })).toEqual([
      "qos: expected one of 0, 1, 2; got 7",
    ]);
    expect(problems({ hops: "2", qos: "9" })).toEqual(["qos: expected one of 0, 1, 2; got 9"]);
    expect(problems({ hops: "2", scenario: '{"publishQos":1,"subscriber":{"qos":5}}' })[0]).toMatch(
      /^scenario: subscriber\.qos: /,
    );
    expect(problems({ hops: "2", scenario: '{"publishQos":"x"}' })).toEqual([
      'scenario: publishQos: expected a number, one of 0, 1, 2; got "x"',
    ]);
  });

  it("never throws, and every problem starts with the attribute it is about", () => {
    const value = fc.oneof(
      fc.string(),
      fc.constantFrom("0", "1", "2", "3", "-1", "", "on-publish", "clean", "PUBREC", "true", "false"),
      fc.json(),
    );
    const attributes = fc.dictionary(fc.constantFrom(...OBSERVED_ATTRIBUTES), value);
    fc.assert(
      fc.property(attributes, (a) => {
        const result = read(a);
        if (result.ok) return;
        expect(result.problems.length).toBeGreaterThan(0);
        for (const problem of result.problems) {
          const name = problem.split(":")[0] ?? "";
          expect(OBSERVED_ATTRIBUTES, problem).toContain(name);
          expect(a[name], problem).not.toBeUndefined();
        }
      }),
      { numRuns: 1000 },
    );
  }, 60_000);
});

describe("element attributes keep every good one", () => {
  it("names every bad attribute and still reads the good ones, defaults standing in", () => {
    const result = read({
      qos: "2",
      "subscriber-qos": "7",
      hops: "2",
      session: "clean",
      drop: "PUBREC,NOPE,PUBACK/1/2/3",
      theme: "pink",
      scenario: JSON.stringify({ dedupe: 7, timing: { latencyMs: 80 } }),
      "session.subscriber": "persistent",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.split(":")[0]).sort()).toEqual(
      ["drop", "drop", "scenario", "subscriber-qos", "theme"].sort(),
    );
    expect(result.problems).toContain("scenario: dedupe: expected true or false; got 7");
    const { scenario, theme } = result.options;
    expect(theme).toBe("auto");
    expect(scenario.publishQos).toBe(2);
    // subscriber-qos left out: hops="2" grants the publish QoS.
    expect(scenario.subscriber).toEqual({ qos: 2 });
    expect(scenario.session).toEqual({ publisher: "clean", subscriber: "persistent" });
    expect(scenario.faults.map((f) => f.packet)).toEqual(["PUBREC"]);
    expect(scenario.timing.latencyMs).toBe(80);
  });

  it("a conflict with a default leaves out the attribute that caused it", () => {
    const result = read({ protocol: "3.1.1", retransmit: "on-timeout", "timing.latencyMs": "5000" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(/^timing\.latencyMs: left out, as it conflicts: timing\.timeoutMs: /);
    expect(result.options.scenario).toMatchObject({ protocol: "3.1.1", retransmit: "on-timeout" });
  });
});

describe("the element takes every display option the embed does", () => {
  it("steps locks a range in the embed's words, and a bad range is named as the embed names it", () => {
    const good = readAttributes((name) => ({ steps: "3-9", controls: "full", theme: "dark" })[name] ?? null);
    expect(good.ok && good.options).toMatchObject({
      steps: { from: 3, to: 9 },
      controls: "full",
      theme: "dark",
    });
    for (const steps of ["9-3", "0-4", "3", "a-b"]) {
      const bad = readAttributes((name) => (name === "steps" ? steps : null));
      const embed = readEmbedParams(`?steps=${steps}`);
      expect(!bad.ok && bad.problems).toEqual(embed.notices);
      expect(bad.options.steps).toBeUndefined();
    }
  });
});
