import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraryScenario } from "../sim/arbitrary.ts";
import { runScenario } from "../sim/runScenario.ts";
import { stepsOf } from "../sim/steps.ts";
import type { Trace } from "../sim/types.ts";
import { compareAnswers, predictStop, questionOf, rightAnswer } from "./predict.ts";
import { run } from "./testing.ts";

function predict(trace: Trace) {
  const steps = stepsOf(trace);
  const question = questionOf(trace, steps);
  return { steps, stop: predictStop(trace, steps), question, answer: rightAnswer(trace, question) };
}

/** Times of the events that give the outcome away (hand-ons the stop must come before). */
function handOnTimes(trace: Trace): number[] {
  const final = trace.scenario.subscriber ? "subscriber" : "broker";
  return trace.events
    .filter(
      (e) =>
        e.type === "not-forwarded" ||
        (e.type === "deliver" && (e.at === final || trace.scenario.publishQos === 2)),
    )
    .map((e) => e.t);
}

describe("predictStop", () => {
  it("stops a lost PUBACK's QoS 1 flow before the broker hands the message on", () => {
    const trace = run({ publishQos: 1, faults: [{ packet: "PUBACK" }] });
    const { stop } = predict(trace);
    const deliver = trace.events.find((e) => e.type === "deliver");
    expect(stop.reason).toBe("hand-on");
    expect(stop.decisive).toBe(deliver?.t);
    expect(stop.t).toBeLessThan(stop.decisive);
  });

  it("shows a lost PUBLISH and stops before its consequence", () => {
    const trace = run({ publishQos: 1, faults: [{ packet: "PUBLISH" }] });
    const { stop, steps } = predict(trace);
    const loss = steps.find((s) => s.kind === "lost");
    expect(stop.reason).toBe("loss");
    expect(stop.t).toBe(loss?.t);
    expect(stop.decisive).toBeGreaterThan(stop.t);
  });

  it("asks right after a loss that nothing follows", () => {
    // MQTT 3.1.1 with a resend timer: a lost QoS 0 PUBLISH breaks no connection, and nothing follows.
    const trace = run({
      protocol: "3.1.1",
      retransmit: "on-timeout",
      publishQos: 0,
      faults: [{ packet: "PUBLISH" }],
    });
    const { stop, steps } = predict(trace);
    const loss = steps.find((s) => s.kind === "lost")?.t;
    expect(stop).toEqual({ t: loss, decisive: loss, reason: "loss" });
  });

  it("stops a QoS 2 flow with Method A before the broker's hand-on at PUBREL", () => {
    const trace = run({ publishQos: 2, qos2Delivery: { broker: "on-pubrel", subscriber: "on-pubrel" } });
    const { stop } = predict(trace);
    const deliver = trace.events.find((e) => e.type === "deliver");
    expect(stop.decisive).toBe(deliver?.t);
    expect(stop.t).toBeLessThan(stop.decisive);
  });

  it("never shows a hand-on before the room is asked, on random scenarios", { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(arbitraryScenario(), (scenario) => {
        const trace = runScenario(scenario);
        const { stop, steps } = predict(trace);
        expect(stop.t).toBeLessThanOrEqual(stop.decisive);
        // Nothing that hands the message on is on screen at the stop, unless at the very first instant.
        const first = steps[0]?.t ?? 0;
        for (const t of handOnTimes(trace)) expect(t > stop.t || t === first).toBe(true);
        // The stop is one of the trace's instants.
        expect(steps.some((s) => s.t === stop.t) || steps.length === 0).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("rightAnswer", () => {
  it("is twice for QoS 1 with a lost PUBACK", () => {
    const { answer, question } = predict(run({ publishQos: 1, faults: [{ packet: "PUBACK" }] }));
    expect(question).toEqual({ message: 1, asksHandOn: false });
    expect(answer).toEqual({ processed: "duplicated" });
  });

  it("is not at all for QoS 0 with a lost PUBLISH", () => {
    expect(predict(run({ publishQos: 0, faults: [{ packet: "PUBLISH" }] })).answer).toEqual({
      processed: "lost",
    });
  });

  it("reads where the QoS 2 broker hands the message on from the trace", () => {
    const methodA = predict(
      run({ publishQos: 2, qos2Delivery: { broker: "on-pubrel", subscriber: "on-pubrel" } }),
    );
    const methodB = predict(
      run({ publishQos: 2, qos2Delivery: { broker: "on-publish", subscriber: "on-pubrel" } }),
    );
    expect(methodA.answer).toEqual({ processed: "once", handOn: "PUBREL" });
    expect(methodB.answer).toEqual({ processed: "once", handOn: "PUBLISH" });
  });

  it("asks about the message of the first lost packet", () => {
    const trace = run({ publishQos: 1, messages: [{}, {}, {}], faults: [{ packet: "PUBACK", message: 2 }] });
    expect(predict(trace).question.message).toBe(2);
  });

  it(
    "equals the simulator's verdict, and the broker's method, on random scenarios",
    { timeout: 60_000 },
    () => {
      fc.assert(
        fc.property(arbitraryScenario(), (scenario) => {
          const trace = runScenario(scenario);
          const { question, answer } = predict(trace);
          const outcome = trace.outcome.messages.find((m) => m.message === question.message);
          expect(answer.processed).toBe(outcome?.verdict);
          if (!question.asksHandOn) expect(answer.handOn).toBeUndefined();
          else if (answer.handOn !== "never") {
            expect(answer.handOn).toBe(scenario.qos2Delivery.broker === "on-publish" ? "PUBLISH" : "PUBREL");
          }
        }),
        { numRuns: 300 },
      );
    },
  );
});

describe("compareAnswers", () => {
  it("judges each part of the room's answer", () => {
    expect(compareAnswers({ processed: "once" }, { processed: "duplicated" })).toEqual({
      processed: false,
      handOn: undefined,
    });
    expect(
      compareAnswers({ processed: "once", handOn: "PUBLISH" }, { processed: "once", handOn: "PUBREL" }),
    ).toEqual({ processed: true, handOn: false });
  });
});
