import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseScenarioOrThrow } from "../sim/scenario.ts";
import {
  formatLessonProblem,
  parseCourse,
  parseCourseText,
  parseLesson,
  parseLessonText,
  stepScenario,
} from "./lesson.ts";
import { htmlProblem, linkProblem } from "./markdownRules.ts";
import { parsePath } from "./paths.ts";
import { textOf } from "./text.ts";

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), "utf8");

/** A valid lesson to break one field at a time. */
function base(
  steps: unknown[] = [{ kind: "show", text: "Hi", scenario: { publishQos: 1 } }],
): Record<string, unknown> {
  return { lesson: 1, id: "a-lesson", title: "T", audience: "A", minutes: 5, summary: "S", steps };
}

const task = (extra: Record<string, unknown> = {}) => ({
  kind: "task",
  text: "Make it duplicate",
  goal: { verdict: "duplicated" },
  hint: "Drop an ack",
  solution: { faults: [{ packet: "PUBACK" }] },
  ...extra,
});

function problemsOf(input: unknown): { path: string; message: string }[] {
  const result = parseLesson(input);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems;
}

/** The one problem at `path`. */
function problemAt(input: unknown, path: string): string {
  const problems = problemsOf(input);
  const at = problems.filter((p) => p.path === path);
  expect(at, JSON.stringify(problems)).toHaveLength(1);
  return at[0]?.message ?? "";
}

describe("parseLesson on the fixtures", () => {
  it.each(["qos1-duplicate", "qos2-holder"])("%s parses, and its parsed form parses to itself", (name) => {
    const first = parseLessonText(fixture(name));
    expect(first.ok, JSON.stringify(first)).toBe(true);
    if (!first.ok) return;
    expect(parseLesson(first.lesson)).toStrictEqual(first);
    expect(parseLesson(JSON.parse(JSON.stringify(first.lesson)))).toStrictEqual(first);
    expect(first.scenarios).toHaveLength(first.lesson.steps.length);
  });

  it("resolves each step's scenario: its own, else the previous step's; null for an explain step before any", () => {
    const result = parseLessonText(fixture("qos2-holder"));
    if (!result.ok) throw new Error("fixture");
    const [explain, first, second, third, stats, last] = result.scenarios;
    expect(explain).toBeNull();
    expect(first?.publishQos).toBe(2);
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(stats?.publishQos).toBe(1);
    expect(last).toBe(stats);
    expect(stepScenario(result.lesson, 3)).toStrictEqual(first);
    expect(stepScenario(result.lesson, 0)).toBeNull();
  });

  it("fills in defaults: assessed true, may [drop], goal message 1, the solution's faults in full", () => {
    const result = parseLesson(base([{ kind: "show", text: "x", scenario: { publishQos: 1 } }, task()]));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const step = result.lesson.steps[1];
    expect(step?.kind).toBe("task");
    if (step?.kind !== "task") return;
    expect(step.assessed).toBe(true);
    expect(step.may).toStrictEqual(["drop"]);
    expect(step.goal.message).toBe(1);
    expect(step.solution.faults).toStrictEqual([
      { hop: "publisher-broker", packet: "PUBACK", message: 1, attempt: 1 },
    ]);
    expect(step.scenario).toBeUndefined();
  });

  it("leaves out $schema", () => {
    const result = parseLesson({ $schema: "../schema/lesson.schema.json", ...base() });
    expect(result.ok && "$schema" in result.lesson).toBe(false);
  });
});

describe("parseLesson's problems, per field", () => {
  it("names an unknown key at the top with a did-you-mean", () => {
    expect(problemAt({ ...base(), titel: "x" }, "titel")).toMatch(/unknown field.*did you mean "title"\?/);
  });

  it("names a missing field with what it expects", () => {
    const rest = base();
    delete rest["minutes"];
    expect(problemAt(rest, "minutes")).toBe("required field is missing; expected an integer from 1 to 240");
    const noTitle = base();
    delete noTitle["title"];
    expect(problemAt(noTitle, "title")).toBe(
      `required field is missing; expected a text: Markdown, or an object of locales { "en": … }`,
    );
    expect(problemAt({ ...base(), lesson: 2 }, "lesson")).toBe("expected the number 1; got 2");
  });

  it("checks the id's shape and length", () => {
    expect(problemAt({ ...base(), id: "Pump_Duplicate" }, "id")).toMatch(
      /lower-case letters.*got "Pump_Duplicate"/,
    );
    expect(problemAt({ ...base(), id: "a".repeat(61) }, "id")).toMatch(/at most 60 characters/);
  });

  it("checks minutes and the number of steps", () => {
    expect(problemAt({ ...base(), minutes: 0 }, "minutes")).toBe("expected an integer from 1 to 240; got 0");
    expect(problemAt({ ...base(), minutes: 2.5 }, "minutes")).toBe(
      "expected an integer from 1 to 240; got 2.5",
    );
    expect(problemAt(base([]), "steps")).toBe("expected 1 to 40 entries; got 0");
    expect(problemAt(base(Array.from({ length: 41 }, () => ({ kind: "explain", text: "x" }))), "steps")).toBe(
      "expected 1 to 40 entries; got 41",
    );
  });

  it("names a step's unknown kind with a did-you-mean, and a key of another kind", () => {
    expect(problemAt(base([{ kind: "predcit", text: "x" }]), "steps[0].kind")).toMatch(
      /expected one of show, predict, task, explain; got "predcit"; did you mean "predict"\?/,
    );
    const steps = [{ kind: "show", text: "x", scenario: { publishQos: 1 }, question: { ask: "processed" } }];
    expect(problemAt(base(steps), "steps[0].question")).toMatch(/unknown field for a show step/);
  });

  it("puts a step's scenario problems under the step's path, in the scenario parser's words", () => {
    const steps = [{ kind: "show", text: "x", scenario: { publishQos: 1, faults: [{ packet: "PUBAK" }] } }];
    expect(problemAt(base(steps), "steps[0].scenario.faults[0].packet")).toMatch(
      /expected one of PUBLISH.*got "PUBAK"/,
    );
    const unknown = [{ kind: "show", text: "x", scenario: { publishQos: 1, qos: 2 } }];
    expect(problemAt(base(unknown), "steps[0].scenario.qos")).toMatch(/did you mean "publishQos"\?/);
    expect(problemAt(base([{ kind: "show", text: "x", scenario: 3 }]), "steps[0].scenario")).toMatch(
      /expected a JSON object; got 3/,
    );
  });

  it("needs a scenario on the first step with a diagram; an explain step may come before", () => {
    expect(
      problemAt(
        base([
          { kind: "explain", text: "x" },
          { kind: "show", text: "y" },
        ]),
        "steps[1].scenario",
      ),
    ).toMatch(/required field is missing; expected a scenario/);
    expect(parseLesson(base([{ kind: "explain", text: "x" }])).ok).toBe(true);
  });

  it("refuses a question it does not know, with a did-you-mean, and names a question's own fields", () => {
    const ask = (question: unknown) =>
      base([{ kind: "predict", text: "x", scenario: { publishQos: 2 }, question }]);
    expect(problemAt(ask({ ask: "holdr" }), "steps[0].question.ask")).toMatch(/did you mean "holder"\?/);
    expect(problemAt(ask({ ask: "qos-needed" }), "steps[0].question.need")).toMatch(
      /required field is missing; expected one of once, at-least-once/,
    );
    expect(problemAt(ask({ ask: "hand-on", message: 1 }), "steps[0].question.message")).toMatch(
      /unknown field for the question "hand-on"/,
    );
    expect(problemAt(ask("processed"), "steps[0].question")).toMatch(/expected an object \{ "ask"/);
  });

  it("asks hand-on only of a QoS 2 scenario [Figure 4.3: only a QoS 2 receiver chooses]", () => {
    const steps = [{ kind: "predict", text: "x", scenario: { publishQos: 1 }, question: { ask: "hand-on" } }];
    expect(problemAt(base(steps), "steps[0].question.ask")).toMatch(
      /publishes at QoS 1 \(expected publishQos 2\)/,
    );
  });

  it("keeps message numbers within the step's scenario", () => {
    const steps = [
      { kind: "predict", text: "x", scenario: { publishQos: 1 }, question: { ask: "processed", message: 2 } },
    ];
    expect(problemAt(base(steps), "steps[0].question.message")).toBe(
      "expected a message of this step's scenario, from 1 to 1; got 2",
    );
    const goal = [
      { kind: "show", text: "x", scenario: { publishQos: 1 } },
      task({ goal: { verdict: "once", message: 3 } }),
    ];
    expect(problemAt(base(goal), "steps[1].goal.message")).toMatch(/from 1 to 1; got 3/);
  });

  it("needs an outcome constraint in a task's goal, and min <= max", () => {
    const steps = (goal: unknown) =>
      base([{ kind: "show", text: "x", scenario: { publishQos: 1 } }, task({ goal })]);
    expect(problemAt(steps({ drops: { max: 1 } }), "steps[1].goal")).toMatch(
      /at least one outcome constraint/,
    );
    expect(problemAt(steps({ processed: { min: 2, max: 1 } }), "steps[1].goal.processed")).toMatch(
      /min <= max/,
    );
    expect(problemAt(steps({ processed: {} }), "steps[1].goal.processed")).toMatch(/"min", "max" or both/);
  });

  it("lets a solution set only what may names, and drop faults only with drop", () => {
    const show = { kind: "show", text: "x", scenario: { publishQos: 1 } };
    const locked = task({ solution: { faults: [{ packet: "PUBACK" }], set: { publishQos: 2 } } });
    expect(problemAt(base([show, locked]), "steps[1].solution.set.publishQos")).toMatch(
      /"publishQos" is locked/,
    );
    const noDrop = task({
      may: ["publishQos"],
      goal: { verdict: "once" },
      solution: { faults: [{ packet: "PUBACK" }] },
    });
    expect(problemAt(base([show, noDrop]), "steps[1].solution.faults")).toMatch(/"may" does not name "drop"/);
    const unknownSet = task({ may: ["drop"], solution: { faults: [], set: { publishQOS: 2 } } });
    expect(problemAt(base([show, unknownSet]), "steps[1].solution.set.publishQOS")).toMatch(
      /did you mean "publishQos"/,
    );
  });

  it("checks the solution's faults with the scenario parser, under the solution's path", () => {
    const show = { kind: "show", text: "x", scenario: { publishQos: 1 } };
    const steps = [show, task({ solution: { faults: [{ packet: "PUBACK", hop: "broker-subscriber" }] } })];
    expect(problemAt(base(steps), "steps[1].solution.faults[0].hop")).toMatch(/exists only with two hops/);
    const typo = [show, task({ solution: { faults: [{ packet: "PUBACK", atempt: 1 }] } })];
    expect(problemAt(base(typo), "steps[1].solution.faults[0].atempt")).toMatch(/did you mean "attempt"/);
  });

  it("refuses two steps with one id", () => {
    const steps = [
      { kind: "show", id: "start", text: "x", scenario: { publishQos: 1 } },
      { kind: "show", id: "start", text: "y" },
    ];
    expect(problemAt(base(steps), "steps[1].id")).toBe(
      `expected an id no other step has; steps[0] has "start"`,
    );
  });

  it("checks the compare parameter as a link does", () => {
    const steps = [{ kind: "show", text: "x", scenario: { publishQos: 1 }, compare: "0,5" }];
    expect(problemAt(base(steps), "steps[0].compare")).toMatch(/"5" is not a set-up/);
    expect(
      parseLesson(base([{ kind: "show", text: "x", scenario: { publishQos: 1 }, compare: "1,1-clean" }])).ok,
    ).toBe(true);
  });

  it("keeps compare mode to show steps: a question is asked about one diagram", () => {
    const question = { ask: "processed" };
    const steps = [{ kind: "predict", text: "x", scenario: { publishQos: 1 }, compare: "0,1,2", question }];
    expect(problemAt(base(steps), "steps[0].compare")).toMatch(/unknown field for a predict step/);
  });

  it("needs a scenario for statistics, and spec ids of the reference's shape", () => {
    const stats = { kind: "explain", text: "x", statistics: { lossPercent: 5, messages: 100, seed: 1 } };
    expect(problemAt(base([stats]), "steps[0].statistics")).toMatch(/statistics need a scenario/);
    expect(
      problemAt(
        base([{ ...stats, statistics: { lossPercent: 31, messages: 1, seed: 1 } }]),
        "steps[0].statistics.lossPercent",
      ),
    ).toMatch(/from 0 to 30; got 31/);
    expect(problemAt(base([{ kind: "explain", text: "x", spec: ["MQTT-4.3"] }]), "steps[0].spec[0]")).toMatch(
      /a statement id such as MQTT-4.3.3-2; got "MQTT-4.3"/,
    );
  });

  it("names the fields of an EventMatch", () => {
    const show = (until: unknown) =>
      base([{ kind: "show", text: "x", scenario: { publishQos: 1 }, narration: [{ text: "a", until }] }]);
    expect(
      problemAt(show({ paket: "PUBACK", packet: "PUBACK" }), "steps[0].narration[0].until.paket"),
    ).toMatch(/did you mean "packet"/);
    expect(problemAt(show({ nth: 2 }), "steps[0].narration[0].until")).toMatch(
      /at least one field of a trace event/,
    );
    expect(problemAt(show({ packet: "PUBACK", dropped: "yes" }), "steps[0].narration[0].until.dropped")).toBe(
      `expected true or false; got "yes"`,
    );
  });

  it("lists problems in the order a reader meets them", () => {
    const input = {
      ...base([
        { kind: "show", text: "<b>x</b>", scenario: { publishQos: 5 } },
        { kind: "predict", text: "y", question: { ask: "nope" } },
      ]),
      minutes: -1,
      extra: 1,
    };
    expect(problemsOf(input).map((p) => p.path)).toStrictEqual([
      "extra",
      "minutes",
      "steps[0].scenario.publishQos",
      "steps[0].text",
      "steps[1].question.ask",
    ]);
  });

  it("reports a JSON syntax error with line and column", () => {
    const result = parseLessonText('{\n  "lesson": 1,\n  "id": pump\n}');
    expect(result).toStrictEqual({
      ok: false,
      problems: [{ path: "", message: `invalid JSON at line 3, column 9: expected a value; got "p"` }],
    });
  });

  it("never throws, on anything", () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error("no");
        },
      },
    );
    expect(parseLesson(hostile)).toStrictEqual({
      ok: false,
      problems: [{ path: "", message: "could not read the lesson: no" }],
    });
    for (const input of [null, undefined, 3, "x", [], [base()]]) expect(parseLesson(input).ok).toBe(false);
  });

  it("formats a problem with its path, the root as lesson", () => {
    expect(formatLessonProblem({ path: "", message: "m" })).toBe("lesson: m");
    expect(formatLessonProblem({ path: "steps[0].text", message: "m" })).toBe("steps[0].text: m");
  });
});

describe("Text", () => {
  const titled = (title: unknown) => ({ ...base(), title });

  it("is Markdown, or Markdown per locale with en required", () => {
    expect(parseLesson(titled({ en: "Pump", de: "Pumpe", "pt-BR": "Bomba" })).ok).toBe(true);
    expect(problemAt(titled({ de: "Pumpe" }), "title")).toMatch(/expected an "en" text/);
    expect(problemAt(titled({ en: "Pump", DE: "Pumpe" }), "title.DE")).toMatch(
      /a locale such as "en".*got "DE"/,
    );
    expect(problemAt(titled(""), "title")).toMatch(/a non-empty text/);
    expect(problemAt(titled(3), "title")).toMatch(/a string of Markdown, or an object of locales/);
  });

  it("refuses HTML outside code spans, and links that are not http(s)", () => {
    expect(problemAt(titled("a <script>x</script>"), "title")).toMatch(/^no HTML; write Markdown/);
    expect(problemAt(titled({ en: "ok", de: "</p>" }), "title.de")).toMatch(/^no HTML/);
    expect(problemAt(titled("<!-- c -->"), "title")).toMatch(/^no HTML/);
    expect(parseLesson(titled("use `<b>` for bold? no: **bold**; 2 < 3")).ok).toBe(true);
    expect(problemAt(titled("[x](javascript:alert(1))"), "title")).toMatch(
      /links to http:\/\/ or https:\/\/ pages/,
    );
    expect(parseLesson(titled("[spec](https://docs.oasis-open.org/mqtt/)")).ok).toBe(true);
  });

  it("markdownRules: each rule on its own", () => {
    expect(htmlProblem("a < b and c > d")).toBeNull();
    expect(htmlProblem("``<div>``")).toBeNull();
    expect(htmlProblem("x <img src=1>")).toMatch(/found "<img src=1>"/);
    expect(linkProblem("[a](http://example.com) [b](mailto:x@y)")).toMatch(/got "mailto:x@y"/);
    expect(linkProblem("[a](<https://example.com>)")).toBeNull();
  });

  it("textOf picks the locale, its language, else English", () => {
    const text = { en: "Pump", de: "Pumpe", "pt-BR": "Bomba" };
    expect(textOf("Pump")).toBe("Pump");
    expect(textOf("Pump", "de")).toBe("Pump");
    expect(textOf(text, "de")).toBe("Pumpe");
    expect(textOf(text, "de-AT")).toBe("Pumpe");
    expect(textOf(text, "pt-BR")).toBe("Bomba");
    expect(textOf(text, "fr")).toBe("Pump");
    expect(textOf(text)).toBe("Pump");
  });
});

describe("parseCourse", () => {
  const course = { course: 1, title: "C", summary: "S", lessons: ["a", "b-c"] };

  it("accepts a course and leaves out $schema", () => {
    expect(parseCourse({ $schema: "x", ...course })).toStrictEqual({ ok: true, course });
  });

  it("names each problem", () => {
    const result = parseCourse({ ...course, lesons: [], lessons: ["a", "a", "B"] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toStrictEqual({
      path: "lesons",
      message:
        'unknown field of a course; expected one of course, title, summary, lessons; did you mean "lessons"?',
    });
    expect(result.problems.map((p) => p.path)).toContain("lessons[2]");
    expect(parseCourse({ ...course, lessons: ["a", "a"] })).toMatchObject({
      ok: false,
      problems: [{ path: "lessons", message: expect.stringMatching(/without repeats/) as unknown }],
    });
  });

  it("reports JSON syntax errors", () => {
    expect(parseCourseText("{")).toMatchObject({ ok: false, problems: [{ path: "" }] });
  });
});

describe("parsePath", () => {
  it("reads back what formatPath writes", () => {
    expect(parsePath("faults[0].packet")).toStrictEqual(["faults", 0, "packet"]);
    expect(parsePath('timing[""]')).toStrictEqual(["timing", ""]);
    expect(parsePath('["a b"].c')).toStrictEqual(["a b", "c"]);
    expect(parsePath("")).toStrictEqual([]);
  });
});

describe("stepScenario", () => {
  it("is the step's own scenario, else an earlier one's", () => {
    const result = parseLesson(
      base([
        { kind: "show", text: "x", scenario: { publishQos: 2 } },
        { kind: "show", text: "y" },
      ]),
    );
    if (!result.ok) throw new Error("base");
    expect(stepScenario(result.lesson, 1)).toStrictEqual(parseScenarioOrThrow({ publishQos: 2 }));
  });
});

describe("parseLesson on mutated lessons (a property)", () => {
  it("never throws, and what it accepts parses to itself", { timeout: 120_000 }, () => {
    const lessons = ["qos1-duplicate", "qos2-holder"].map((name) => JSON.parse(fixture(name)) as unknown);
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom("show", "task", "holder", "PUBACK", "de", 0, 1, 2, 41, false),
    );
    const mutation = fc.record({ steps: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), value });
    fc.assert(
      fc.property(fc.constantFrom(...lessons), fc.array(mutation, { maxLength: 3 }), (lesson, mutations) => {
        let input: unknown = lesson;
        for (const { steps, value } of mutations) input = replaceAt(input, steps, value);
        const first = parseLesson(input);
        if (!first.ok) {
          expect(first.problems.length).toBeGreaterThan(0);
          return;
        }
        expect(parseLesson(JSON.parse(JSON.stringify(first.lesson)))).toStrictEqual(first);
      }),
      { numRuns: 1000 },
    );
  });
});

/** A copy of JSON `root` with the node that `steps` pick (a key index per level) replaced by `value`. */
function replaceAt(root: unknown, steps: readonly number[], value: unknown): unknown {
  const [step = 0, ...rest] = steps;
  if (typeof root !== "object" || root === null) return value;
  const copy = (Array.isArray(root) ? [...(root as unknown[])] : { ...root }) as Record<string, unknown>;
  const keys = Object.keys(copy);
  const key = keys[step % Math.max(keys.length, 1)] ?? "extra";
  copy[key] = rest.length === 0 ? value : replaceAt(copy[key], rest, value);
  return copy;
}
