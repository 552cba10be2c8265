import { describe, expect, it } from "vitest";
import { runScenario } from "../sim/runScenario.ts";
import { toggleDrop } from "../sim/interventions.ts";
import * as validator from "../sim/scenario.ts";
import { parseScenarioOrThrow } from "../sim/scenario.ts";
import type { PacketEvent, Scenario, Trace } from "../sim/types.ts";
import {
  editorText,
  editSetup,
  editText,
  initialState,
  setupShown,
  showScenario,
  withEngine,
  type Run,
} from "./scenarioState.ts";

/** The engine, recording every scenario it is given (by identity). */
function recordingRun(): { run: Run; seen: Scenario[] } {
  const seen: Scenario[] = [];
  return {
    seen,
    run: (scenario) => {
      seen.push(scenario);
      return runScenario(scenario, { states: true });
    },
  };
}

const QOS2 = parseScenarioOrThrow({ publishQos: 2, subscriber: { qos: 2 } });

function firstPacket(trace: Trace | null, packet: string): PacketEvent {
  const event = trace?.events.find((e): e is PacketEvent => e.type === "packet" && e.packet === packet);
  if (!event) throw new Error(`no ${packet} in the trace`);
  return event;
}

describe("the page's scenario state", () => {
  it("a click runs the engine once, on the changed scenario object itself: no text, no parsing", () => {
    const { run, seen } = recordingRun();
    const state = initialState(QOS2, run);
    const next = toggleDrop(state.scenario, firstPacket(state.trace, "PUBREC"));
    const clicked = showScenario(state, next, run);
    expect(seen).toHaveLength(2);
    expect(seen[1]).toBe(next);
    expect(clicked.scenario).toBe(next);
    expect(clicked).toMatchObject({ draft: null, problems: [] });
    expect(firstPacket(clicked.trace, "PUBREC").dropped).toBe(true);
  });

  it("waits for the engine, then runs the scenario on screen", () => {
    const { run, seen } = recordingRun();
    const waiting = initialState(QOS2, null);
    expect(waiting.trace).toBeNull();
    expect(withEngine(waiting, run).trace?.scenario).toEqual(QOS2);
    expect(seen).toEqual([QOS2]);
  });

  it("the editor shows the scenario when nobody typed, and what was typed, as typed, after", () => {
    const { run } = recordingRun();
    const state = initialState(QOS2, run);
    expect(JSON.parse(editorText(state))).toEqual(QOS2);
    const typed = '{ "publishQos": 1 }';
    const edited = editText(state, typed, run, validator);
    expect(editorText(edited)).toBe(typed);
    expect(edited.scenario).toEqual(parseScenarioOrThrow({ publishQos: 1 }));
    expect(edited.trace?.scenario).toBe(edited.scenario);
    // A click afterwards: the editor follows the scenario again.
    const clicked = showScenario(edited, { ...edited.scenario, faults: [] }, run);
    expect(clicked.draft).toBeNull();
  });

  it("a text with problems lists them and keeps the last good scenario and trace", () => {
    const { run } = recordingRun();
    const state = initialState(QOS2, run);
    const broken = editText(
      state,
      '{ "publishQos": 2,\n  "faults": [{ "packet": "PUBAK" }] }',
      run,
      validator,
    );
    expect(broken.scenario).toBe(state.scenario);
    expect(broken.trace).toBe(state.trace);
    expect(broken.problems[0]).toMatch(/^faults\[0\]\.packet: /);
    expect(editText(state, "{", run, validator).problems[0]).toMatch(/line 1, column 2/);
  });

  it("the set-up form changes its fields and keeps the rest", () => {
    const { run } = recordingRun();
    const start = initialState(parseScenarioOrThrow({ publishQos: 2, faults: [{ packet: "PUBREC" }] }), run);
    const twoHops = editSetup(start, { ...setupShown(start), hops: 2, subscriberQos: 1 }, run, validator);
    expect(twoHops.scenario.subscriber).toEqual({ qos: 1 });
    expect(twoHops.scenario.faults).toEqual(start.scenario.faults);
    expect(twoHops.draft).toBeNull();
    // A hand-written text keeps its own shape; only the form's fields change in it.
    const typed = editText(start, '{ "publishQos": 1, "messages": [{}, {}] }', run, validator);
    const edited = editSetup(typed, { ...setupShown(typed), publishQos: 0 }, run, validator);
    expect(edited.scenario.publishQos).toBe(0);
    expect(JSON.parse(edited.draft ?? "null")).toMatchObject({ publishQos: 0, messages: [{}, {}] });
  });

  it("a combination the format refuses is shown with its problem; the form shows what was asked", () => {
    const { run } = recordingRun();
    const start = initialState(QOS2, run);
    const refused = editSetup(start, { ...setupShown(start), retransmit: "on-timeout" }, run, validator);
    expect(refused.scenario).toBe(start.scenario);
    expect(refused.problems[0]).toMatch(/^retransmit: .*\[MQTT-4\.4\.0-1\]/);
    expect(setupShown(refused).retransmit).toBe("on-timeout");
    const fixed = editSetup(refused, { ...setupShown(refused), protocol: "3.1.1" }, run, validator);
    expect(fixed.problems).toEqual([]);
    expect(fixed.scenario).toMatchObject({ protocol: "3.1.1", retransmit: "on-timeout" });
  });

  it("an engine failure is a problem; the last trace stays on screen", () => {
    const { run } = recordingRun();
    const state = initialState(QOS2, run);
    const failing: Run = () => {
      throw new Error("boom");
    };
    const failed = showScenario(state, { ...QOS2, faults: [] }, failing);
    expect(failed.problems).toEqual(["The simulator failed: boom"]);
    expect(failed.trace).toBe(state.trace);
  });
});
