import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraryScenario } from "../sim/arbitrary.ts";
import { parseScenarioOrThrow } from "../sim/scenario.ts";
import { simulate } from "../sim/simulate.ts";
import type { Scenario, Trace, TraceEvent } from "../sim/types.ts";
import { beatStops, eventInstant, eventMatches, findEvent, matchInstant } from "./events.ts";
import { checkGoal, learnerDrops } from "./goal.ts";
import type { Goal, MayChange, TaskStep } from "./lessonSchema.ts";
import { askQuestion, qosOutcomes, scenarioAtQos } from "./question.ts";
import { changedControls, lockedChange, solutionScenario } from "./solution.ts";

const PROPERTY = { timeout: 120_000 };

function scenario(input: Record<string, unknown>): Scenario {
  return parseScenarioOrThrow(input);
}

function run(input: Record<string, unknown>): { scenario: Scenario; trace: Trace } {
  const s = scenario(input);
  return { scenario: s, trace: simulate(s) };
}

describe("eventMatches and findEvent", () => {
  const { trace } = run({ publishQos: 1, faults: [{ packet: "PUBACK" }] });

  it("matches every given field; type defaults to packet when packet is given", () => {
    const index = findEvent(trace, { packet: "PUBACK", dropped: true });
    expect(index).not.toBeNull();
    const event = trace.events[index as number] as TraceEvent;
    expect(event).toMatchObject({ type: "packet", packet: "PUBACK", dropped: true });
    expect(eventMatches({ packet: "PUBACK", dropped: false }, event)).toBe(false);
    expect(eventMatches({ type: "deliver", packet: "PUBACK" }, event)).toBe(false);
    expect(eventMatches({ hop: "publisher-broker" }, event)).toBe(true);
  });

  it("reads a packet's absent resend as false, and never matches a field the event lacks", () => {
    const first = findEvent(trace, { packet: "PUBLISH" }) as number;
    expect(eventMatches({ packet: "PUBLISH", resend: false }, trace.events[first] as TraceEvent)).toBe(true);
    const deliver = findEvent(trace, { type: "deliver" }) as number;
    expect(eventMatches({ type: "deliver", dropped: false }, trace.events[deliver] as TraceEvent)).toBe(
      false,
    );
  });

  it("picks the nth match in trace order, and null past the last", () => {
    const all = trace.events.flatMap((e, i) => (e.type === "packet" && e.packet === "PUBLISH" ? [i] : []));
    expect(all).toHaveLength(2);
    expect(findEvent(trace, { packet: "PUBLISH", nth: 2 })).toBe(all[1]);
    expect(findEvent(trace, { packet: "PUBLISH", nth: 3 })).toBeNull();
    expect(findEvent(trace, { type: "deliver", count: 2 })).not.toBeNull();
    expect(findEvent(trace, { packet: "PUBREC" })).toBeNull();
  });

  it("never matches a state event, so a moment is the same with or without them", () => {
    const withStates = simulate(trace.scenario, { states: true });
    const stateEvent = withStates.events.find((e) => e.type === "state") as TraceEvent;
    expect(eventMatches({ at: "publisher", message: 1 }, stateEvent)).toBe(false);
    const match = { at: "broker", message: 1 } as const;
    const a = findEvent(trace, match);
    const b = findEvent(withStates, match);
    expect(a).not.toBeNull();
    expect((trace.events[a as number] as TraceEvent).t).toBe(
      (withStates.events[b as number] as TraceEvent).t,
    );
  });

  it("places a moment where the diagram shows it: an arrival, a loss halfway, an event's time", () => {
    const lost = findEvent(trace, { packet: "PUBACK", dropped: true }) as number;
    const e = trace.events[lost] as Extract<TraceEvent, { type: "packet" }>;
    expect(eventInstant(trace, lost)).toBe(e.t + (e.arrives - e.t) / 2);
    const sent = findEvent(trace, { packet: "PUBLISH" }) as number;
    expect(eventInstant(trace, sent)).toBe(
      (trace.events[sent] as Extract<TraceEvent, { type: "packet" }>).arrives,
    );
    expect(matchInstant(trace, { type: "deliver" })).toBe(40);
    expect(matchInstant(trace, { packet: "PUBREC" })).toBeNull();
  });

  it("beatStops: one entry per beat, null for a beat waiting for Continue or matching nothing", () => {
    const narration = [
      { text: "a" },
      { text: "b", until: { packet: "PUBACK" as const, dropped: true } },
      { text: "c", until: { packet: "PUBCOMP" as const } },
    ];
    expect(beatStops({ narration }, trace)).toStrictEqual([null, 60, null]);
    expect(beatStops({}, trace)).toStrictEqual([]);
  });
});

describe("askQuestion", () => {
  it("processed: the trace's verdict, with the verdict's explanation", () => {
    const { scenario: s, trace } = run({ publishQos: 1, faults: [{ packet: "PUBACK" }] });
    const asked = askQuestion({ question: { ask: "processed" } }, s, trace);
    expect(asked.answer).toStrictEqual(["duplicated"]);
    expect(asked.choices.map((c) => c.id)).toStrictEqual(["once", "duplicated", "lost"]);
    expect(asked.multiple).toBe(false);
    expect(asked.prompt).toBe("How many times is message 1 processed at the broker?");
    expect(asked.explanation).toMatch(/^Processed twice\./);
  });

  it("processed: the message asked defaults to the first lost packet's", () => {
    const { scenario: s, trace } = run({
      publishQos: 1,
      messages: [{}, {}],
      faults: [{ packet: "PUBLISH", message: 2 }],
    });
    expect(askQuestion({ question: { ask: "processed" } }, s, trace).prompt).toMatch(/message 2/);
    expect(askQuestion({ question: { ask: "processed", message: 1 } }, s, trace).prompt).toMatch(/message 1/);
  });

  it("hand-on: PUBREL under Method A, PUBLISH under Method B, never when the message never arrives", () => {
    const a = run({ publishQos: 2, faults: [{ packet: "PUBREC" }] });
    expect(askQuestion({ question: { ask: "hand-on" } }, a.scenario, a.trace).answer).toStrictEqual([
      "PUBREL",
    ]);
    const b = run({ publishQos: 2, qos2Delivery: { broker: "on-publish" } });
    const asked = askQuestion({ question: { ask: "hand-on" } }, b.scenario, b.trace);
    expect(asked.answer).toStrictEqual(["PUBLISH"]);
    expect(asked.explanation).toMatch(/Method B/);
    const never = run({ publishQos: 2, session: "clean", faults: [{ packet: "PUBLISH" }] });
    expect(askQuestion({ question: { ask: "hand-on" } }, never.scenario, never.trace).answer).toStrictEqual([
      "never",
    ]);
  });

  it("next-resend: the first packet sent again after the stop, else none", () => {
    const lostPubrec = run({ publishQos: 2, faults: [{ packet: "PUBREC" }] });
    const stopAt = { packet: "PUBREC" as const, dropped: true };
    const asked = askQuestion(
      { question: { ask: "next-resend" }, stopAt },
      lostPubrec.scenario,
      lostPubrec.trace,
    );
    expect(asked.answer).toStrictEqual(["PUBLISH"]);
    const lostPubcomp = run({ publishQos: 2, faults: [{ packet: "PUBCOMP" }] });
    const pubrel = askQuestion(
      { question: { ask: "next-resend" }, stopAt: { packet: "PUBCOMP", dropped: true } },
      lostPubcomp.scenario,
      lostPubcomp.trace,
    );
    expect(pubrel.answer).toStrictEqual(["PUBREL"]);
    const clean = run({ publishQos: 1 });
    expect(
      askQuestion({ question: { ask: "next-resend" } }, clean.scenario, clean.trace).answer,
    ).toStrictEqual(["none"]);
  });

  it("holder: who awaits an ack or stores an id at the stop, from the state events", () => {
    const { scenario: s, trace } = run({
      publishQos: 2,
      subscriber: { qos: 2 },
      faults: [{ packet: "PUBREC" }],
    });
    const asked = askQuestion(
      { question: { ask: "holder" }, stopAt: { packet: "PUBREC", dropped: true } },
      s,
      trace,
    );
    expect(asked.multiple).toBe(true);
    expect(asked.choices.map((c) => c.id)).toStrictEqual(["publisher", "broker", "subscriber", "nobody"]);
    expect(asked.answer).toStrictEqual(["publisher", "broker"]);
    const end = askQuestion(
      { question: { ask: "holder" }, stopAt: { packet: "PUBCOMP", hop: "broker-subscriber" } },
      s,
      trace,
    );
    expect(end.answer).toStrictEqual(["nobody"]);
    const oneHop = run({ publishQos: 1 });
    const choices = askQuestion({ question: { ask: "holder" } }, oneHop.scenario, oneHop.trace).choices;
    expect(choices.map((c) => c.id)).toStrictEqual(["publisher", "broker", "nobody"]);
  });

  it("qos-needed: the lowest QoS that meets the need under the same losses", () => {
    const s = scenario({ publishQos: 1, faults: [{ packet: "PUBLISH" }, { packet: "PUBACK" }] });
    const once = askQuestion({ question: { ask: "qos-needed", need: "once" } }, s, simulate(s));
    expect(once.answer).toStrictEqual(["2"]);
    expect(once.explanation).toMatch(/QoS 0: lost; QoS 1: duplicated; QoS 2: once/);
    const atLeast = askQuestion({ question: { ask: "qos-needed", need: "at-least-once" } }, s, simulate(s));
    expect(atLeast.answer).toStrictEqual(["1"]);
    // A clean session loses a QoS 2 message in flight: no QoS helps.
    const clean = scenario({ publishQos: 2, session: "clean", faults: [{ packet: "PUBLISH" }] });
    expect(
      askQuestion({ question: { ask: "qos-needed", need: "once" } }, clean, simulate(clean)).answer,
    ).toStrictEqual(["none"]);
  });

  it("qos-needed keeps only the faults a set-up has a packet for (sim/compare.ts's faultFit)", () => {
    const s = scenario({ publishQos: 2, faults: [{ packet: "PUBREC" }, { packet: "PUBLISH", attempt: 2 }] });
    expect(scenarioAtQos(s, 0).faults).toStrictEqual([]);
    expect(scenarioAtQos(s, 1).faults).toStrictEqual([s.faults[1]]);
    expect(scenarioAtQos(s, 2).faults).toStrictEqual(s.faults);
  });

  it(
    "a property: the processed answer is the trace's verdict, and every answer is among the choices",
    PROPERTY,
    () => {
      fc.assert(
        fc.property(arbitraryScenario({ maxFaults: 3 }), fc.integer({ min: 1, max: 5 }), (s, m) => {
          const trace = simulate(s);
          const message = Math.min(m, s.messages.length);
          const asked = askQuestion({ question: { ask: "processed", message } }, s, trace);
          expect(asked.answer).toStrictEqual([trace.outcome.messages[message - 1]?.verdict]);
          for (const question of [{ ask: "next-resend" }, { ask: "holder", message }] as const) {
            const other = askQuestion({ question }, s, trace);
            const ids = other.choices.map((c) => c.id);
            expect(other.answer.every((a) => ids.includes(a))).toBe(true);
            expect(other.stopT).toBe(asked.stopT);
          }
        }),
        { numRuns: 150 },
      );
    },
  );

  it("a property: qos-needed's answer meets the need and no lower QoS does", PROPERTY, () => {
    fc.assert(
      fc.property(
        arbitraryScenario({ maxFaults: 3 }),
        fc.constantFrom("once", "at-least-once" as const),
        (s, need) => {
          const asked = askQuestion({ question: { ask: "qos-needed", need } }, s, simulate(s));
          const runs = qosOutcomes(s, need);
          const [answer] = asked.answer;
          const lowest = answer === "none" ? 3 : Number(answer);
          runs.forEach((r) =>
            expect(r.meets).toBe(r.qos < lowest ? false : r.qos === lowest ? true : r.meets),
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("checkGoal", () => {
  const start = scenario({ publishQos: 1 });
  const goal = (g: Partial<Goal>): Pick<TaskStep, "goal"> => ({ goal: { message: 1, ...g } });
  const check = (g: Partial<Goal>, current: Scenario) =>
    checkGoal(goal(g), start, current, simulate(current));

  it("checks each constraint listed, and only those", () => {
    const dup = scenario({ publishQos: 1, faults: [{ packet: "PUBACK" }] });
    expect(check({ verdict: "duplicated" }, dup)).toStrictEqual({
      met: true,
      parts: [{ text: "message 1 is processed twice or more", met: true }],
    });
    expect(check({ verdict: "duplicated" }, start).met).toBe(false);
    const result = check({ processed: { min: 2, max: 2 }, deliveries: { max: 1 } }, dup);
    expect(result.parts).toStrictEqual([
      { text: "message 1 reaches the broker at most once", met: false },
      { text: "message 1 is processed exactly twice", met: true },
    ]);
    expect(result.met).toBe(false);
  });

  it("counts the learner's drops: faults added to the start that lost a packet", () => {
    const two = scenario({ publishQos: 1, faults: [{ packet: "PUBACK" }, { packet: "PUBACK", attempt: 2 }] });
    const drops = { verdict: "duplicated" as const, drops: { max: 1, packets: ["PUBACK" as const] } };
    expect(check(drops, two).parts).toStrictEqual([
      { text: "message 1 is processed twice or more", met: true },
      { text: "you drop at most 1 packet (now 2)", met: false },
      { text: "you drop only PUBACK packets", met: true },
    ]);
    // A fault that matches nothing drops nothing.
    const unused = scenario({
      publishQos: 1,
      faults: [{ packet: "PUBACK" }, { packet: "PUBACK", attempt: 3 }],
    });
    expect(learnerDrops(start, unused, simulate(unused))).toHaveLength(1);
    const withHops = check({ verdict: "duplicated", drops: { hops: ["broker-subscriber"] } }, unused);
    expect(withHops.parts[1]).toStrictEqual({
      text: "you drop packets only on broker-subscriber",
      met: false,
    });
  });

  it("a goal about a message the scenario lacks is not met", () => {
    expect(check({ message: 2, verdict: "once" }, start).met).toBe(false);
  });

  it("a property: a verdict goal is met exactly when the trace's verdict is that verdict", PROPERTY, () => {
    fc.assert(
      fc.property(
        arbitraryScenario({ maxFaults: 3 }),
        fc.constantFrom("lost", "once", "duplicated" as const),
        (s, verdict) => {
          const trace = simulate(s);
          const result = checkGoal({ goal: { message: 1, verdict } }, s, s, trace);
          expect(result.met).toBe(trace.outcome.messages[0]?.verdict === verdict);
          const processed = trace.outcome.messages[0]?.processed ?? 0;
          const range = checkGoal(
            { goal: { message: 1, processed: { min: processed, max: processed } } },
            s,
            s,
            trace,
          );
          expect(range.met).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("lockedChange and solutionScenario", () => {
  const start = scenario({ publishQos: 1, subscriber: { qos: 1 } });
  const may = (...controls: MayChange[]) => ({ may: controls });

  it("allows a change of what may names, and names what is locked", () => {
    const dropped = scenario({ publishQos: 1, subscriber: { qos: 1 }, faults: [{ packet: "PUBACK" }] });
    expect(lockedChange(may("drop"), start, dropped)).toBeNull();
    expect(lockedChange(may("publishQos"), start, dropped)).toBe(
      "which packets are lost is locked in this task",
    );
    const qos2 = scenario({ publishQos: 2, subscriber: { qos: 1 } });
    expect(lockedChange(may("drop"), start, qos2)).toBe("the publisher's QoS is locked in this task");
    expect(lockedChange(may("publishQos"), start, qos2)).toBeNull();
    const clean = scenario({ publishQos: 1, subscriber: { qos: 1 }, session: { subscriber: "clean" } });
    expect(lockedChange(may("drop"), start, clean)).toBe("the session kind is locked in this task");
    const slower = scenario({ publishQos: 1, subscriber: { qos: 1 }, timing: { latencyMs: 80 } });
    expect(lockedChange(may(...(["drop", "publishQos"] as const)), start, slower)).toBe(
      "the timing cannot be changed in this task",
    );
    expect(changedControls(start, qos2)).toStrictEqual(["publishQos"]);
  });

  it("the fault plan is compared as a multiset", () => {
    const a = scenario({ publishQos: 1, faults: [{ packet: "PUBLISH" }, { packet: "PUBACK" }] });
    const b = scenario({ publishQos: 1, faults: [{ packet: "PUBACK" }, { packet: "PUBLISH" }] });
    expect(lockedChange(may(), a, b)).toBeNull();
  });

  it("the solution scenario: the start with the solution's faults and set fields", () => {
    const task = {
      may: ["drop", "subscriberQos", "session", "qos2Delivery"] as MayChange[],
      solution: {
        faults: [{ hop: "broker-subscriber" as const, packet: "PUBACK" as const, message: 1, attempt: 1 }],
        set: {
          subscriberQos: 2 as const,
          session: { subscriber: "clean" as const },
          qos2Delivery: { subscriber: "on-publish" as const },
        },
      },
    } as unknown as TaskStep;
    const solved = solutionScenario(task, start);
    expect(solved).toStrictEqual(
      scenario({
        publishQos: 1,
        subscriber: { qos: 2 },
        session: { publisher: "persistent", subscriber: "clean" },
        qos2Delivery: { broker: "on-pubrel", subscriber: "on-publish" },
        faults: [{ hop: "broker-subscriber", packet: "PUBACK" }],
      }),
    );
    expect(lockedChange(task, start, solved)).toBeNull();
  });
});
