/** Restart narration and verdict words, read from the trace's broker-down events. */
import { describe, expect, it } from "vitest";
import { retainedThenCrash } from "../sim/retain.testing.ts";
import { simulate } from "../sim/simulate.ts";
import { narrateEvent } from "./events.ts";
import { explainOutcome } from "./verdict.ts";

const crash = { restarts: [{ atMs: 100, kind: "crash", downMs: 500 }] };
const graceful = { restarts: [{ atMs: 100, kind: "graceful", downMs: 500 }] };

function sentenceOf(trace: ReturnType<typeof simulate>, type: string): string {
  const i = trace.events.findIndex((e) => e.type === type);
  return narrateEvent(trace, i);
}

describe("restart words", () => {
  it("a crash without persistence: what is gone, and the verdict says so", () => {
    const trace = simulate({ publishQos: 2, broker: crash });
    expect(sentenceOf(trace, "broker-down")).toBe(
      "The broker crashes, with no persistence: message 1 is gone; every session is gone. Every connection breaks, losing what was in flight. It runs again in 500 ms.",
    );
    expect(sentenceOf(trace, "connection-lost")).toBe(
      "The broker is down, so the connection between the publisher and the broker ends; the publisher retries until the broker is back.",
    );
    expect(sentenceOf(trace, "broker-up")).toBe(
      "The broker runs again with no sessions; the clients' next reconnect attempts reach it.",
    );
    expect(explainOutcome(trace)[0]?.why).toMatch(
      /^Lost when the broker crashed without persistence \(at 100 ms\); /,
    );
  });

  it("a graceful shutdown with persistence keeps the message; a duplicate names the restart", () => {
    const trace = simulate({
      publishQos: 1,
      subscriber: { qos: 1 },
      broker: { persistence: "on", ...graceful },
    });
    expect(sentenceOf(trace, "broker-down")).toBe(
      "The broker shuts down cleanly and saves its state first: it keeps message 1; the sessions survive. Every connection closes. It runs again in 500 ms.",
    );
    expect(explainOutcome(trace)[0]?.why).toMatch(
      /^The broker kept it through its shutdown at 100 ms \(persistence\) and sent it again; /,
    );
  });

  it("a crash that restores an older autosave names the save", () => {
    const trace = simulate({
      publishQos: 2,
      messages: [{}, {}],
      broker: { persistence: { autosaveMs: 1000 }, restarts: [{ atMs: 1100, kind: "crash", downMs: 400 }] },
    });
    expect(sentenceOf(trace, "broker-down")).toContain("it will restore the state it saved at 1000 ms");
    expect(explainOutcome(trace)[1]?.why).toMatch(
      /^Lost when the broker crashed at 1100 ms: its last save \(at 1000 ms\) did not hold it; /,
    );
  });

  it("a restart that changes the retained messages says which it holds again", () => {
    const run = (persistence: unknown) => simulate(retainedThenCrash(persistence));
    expect(sentenceOf(run({ autosaveMs: 220 }), "broker-down")).toContain(
      "losing what was in flight. Its retained messages go back to those of the save: message 1. It runs",
    );
    expect(sentenceOf(run("off"), "broker-down")).toContain(
      "losing what was in flight. Its retained messages go with it. It runs",
    );
    // Saved on every change, the crash keeps them as they were: nothing to say.
    expect(sentenceOf(run("on"), "broker-down")).not.toContain("retained");
  });
});
