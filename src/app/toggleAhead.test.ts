import { afterEach, describe, expect, it, vi } from "vitest";
import { layout } from "../diagram/layout.ts";
import { runScenario } from "../sim/runScenario.ts";
import { toggleDrop } from "../sim/interventions.ts";
import { stepsOf } from "../sim/steps.ts";
import type { PacketEvent, Scenario, Trace } from "../sim/types.ts";
import { presetScenario, PRESETS } from "./presets.ts";
import {
  forgetAhead,
  layoutAhead,
  scenarioAhead,
  slicesWhenIdle,
  stepsAhead,
  traceAhead,
  whenIdle,
  workAhead,
  workAheadSlice,
} from "./toggleAhead.ts";

afterEach(() => {
  forgetAhead();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const pageRun = (scenario: Scenario) => runScenario(scenario, { states: true });
const lay = (trace: Trace) => layout(trace, { width: 900 });

/** The opening preset's trace, as the page has it. */
function opening(): Trace {
  const preset = PRESETS[0];
  if (!preset) throw new Error("no preset");
  return pageRun(presetScenario(preset));
}

/** The page's run, counting its calls. */
function countedRun() {
  const counted = Object.assign(
    (scenario: Scenario) => {
      counted.runs += 1;
      return pageRun(scenario);
    },
    { runs: 0 },
  );
  return counted;
}

/** Every packet event of a trace, with its index. */
function packets(trace: Trace): [PacketEvent, number][] {
  return trace.events.flatMap((e, i): [PacketEvent, number][] => (e.type === "packet" ? [[e, i]] : []));
}

describe("toggleAhead", () => {
  it("gives a click exactly the scenario, trace and layout the click would make, for every packet of every preset", () => {
    for (const preset of PRESETS) {
      const from = pageRun(presetScenario(preset));
      for (const [event, index] of packets(from)) {
        workAhead(from, index, pageRun, lay, "900|false");
        const scenario = scenarioAhead(from, index);
        expect(scenario, `${preset.id} #${index}`).toEqual(toggleDrop(from.scenario, event));
        if (!scenario) continue;
        const trace = traceAhead(scenario);
        expect(trace, `${preset.id} #${index}`).toEqual(pageRun(toggleDrop(from.scenario, event)));
        if (!trace) continue;
        expect(JSON.stringify(layoutAhead(trace, "900|false"))).toBe(JSON.stringify(lay(trace)));
        expect(stepsAhead(trace)).toEqual(stepsOf(trace));
      }
    }
  }, 120_000);

  it("answers only for the very trace, packet, scenario object and layout it worked out", () => {
    const from = opening();
    const [[, index] = [undefined, -1], [, other] = [undefined, -1]] = packets(from);
    const counted = countedRun();
    workAhead(from, index, counted, lay, "900|false");
    workAhead(from, index, counted, lay, "900|false");
    expect(counted.runs).toBe(1);
    const scenario = scenarioAhead(from, index);
    if (!scenario) throw new Error("nothing worked out");
    expect(scenarioAhead(from, other)).toBeUndefined();
    expect(stepsAhead(from)).toBeUndefined();
    expect(scenarioAhead(pageRun(from.scenario), index)).toBeUndefined();
    expect(traceAhead(structuredClone(scenario))).toBeUndefined();
    const trace = traceAhead(scenario);
    if (!trace) throw new Error("no trace");
    expect(layoutAhead(trace, "901|false")).toBeUndefined();
    expect(layoutAhead(pageRun(scenario), "900|false")).toBeUndefined();
    // Another packet selected: the last one is what is kept.
    workAhead(from, other, counted, lay, "900|false");
    expect(counted.runs).toBe(2);
    expect(scenarioAhead(from, index)).toBeUndefined();
  });

  it("leaves a scenario that fails to run, and an event that is no packet, to the click", () => {
    const from = opening();
    const [[, index] = [undefined, -1]] = packets(from);
    workAhead(
      from,
      index,
      () => {
        throw new Error("engine bug");
      },
      lay,
      "900|false",
    );
    expect(scenarioAhead(from, index)).toBeUndefined();
    const notPacket = from.events.findIndex((e) => e.type !== "packet");
    workAhead(from, notPacket, pageRun, lay, "900|false");
    expect(scenarioAhead(from, notPacket)).toBeUndefined();
  });

  it("works in slices (run, steps, layout), each giving what the click would make", () => {
    const from = opening();
    const [[event, index] = [undefined, -1]] = packets(from);
    if (!event) throw new Error("no packet");
    const counted = countedRun();
    let lays = 0;
    const countedLay = (trace: Trace) => {
      lays += 1;
      return lay(trace);
    };
    // The run: the scenario and trace are there, nothing else yet.
    expect(workAheadSlice(from, index, counted, countedLay, "900|false")).toBe(true);
    const scenario = scenarioAhead(from, index);
    expect(scenario).toEqual(toggleDrop(from.scenario, event));
    if (!scenario) throw new Error("nothing worked out");
    const trace = traceAhead(scenario);
    if (!trace) throw new Error("no trace");
    expect(trace).toEqual(pageRun(scenario));
    expect(stepsAhead(trace)).toBeUndefined();
    expect(layoutAhead(trace, "900|false")).toBeUndefined();
    // The steps.
    expect(workAheadSlice(from, index, counted, countedLay, "900|false")).toBe(true);
    expect(stepsAhead(trace)).toEqual(stepsOf(trace));
    expect(layoutAhead(trace, "900|false")).toBeUndefined();
    // The layout, and nothing is left.
    expect(workAheadSlice(from, index, counted, countedLay, "900|false")).toBe(false);
    expect(JSON.stringify(layoutAhead(trace, "900|false"))).toBe(JSON.stringify(lay(trace)));
    expect(workAheadSlice(from, index, counted, countedLay, "900|false")).toBe(false);
    expect([counted.runs, lays]).toEqual([1, 1]);
    // Another width: laid out again, not run again; the same objects stay.
    expect(workAheadSlice(from, index, counted, countedLay, "700|false")).toBe(false);
    expect([counted.runs, lays]).toEqual([1, 2]);
    expect(traceAhead(scenario)).toBe(trace);
    expect(layoutAhead(trace, "900|false")).toBeUndefined();
    // (`lay` lays out at 900 whatever the key: the key only says what the layout was made for.)
    expect(JSON.stringify(layoutAhead(trace, "700|false"))).toBe(JSON.stringify(lay(trace)));
  });

  it("goes on where it stopped when the same arrow is selected again, and starts over for another", () => {
    const from = opening();
    const [[, index] = [undefined, -1], [, other] = [undefined, -1]] = packets(from);
    const counted = countedRun();
    workAheadSlice(from, index, counted, lay, "900|false");
    const scenario = scenarioAhead(from, index);
    // The same arrow, later: the run is kept.
    workAhead(from, index, counted, lay, "900|false");
    expect(counted.runs).toBe(1);
    expect(scenarioAhead(from, index)).toBe(scenario);
    // Another arrow replaces it.
    workAheadSlice(from, other, counted, lay, "900|false");
    expect(counted.runs).toBe(2);
    expect(scenarioAhead(from, index)).toBeUndefined();
    expect(scenarioAhead(from, other)).toBeDefined();
  });

  it("runs one slice per idle period, and none once stopped", () => {
    vi.useFakeTimers();
    const done: number[] = [];
    const stop = slicesWhenIdle(() => {
      done.push(done.length);
      return done.length < 3;
    });
    expect(done).toEqual([]);
    vi.advanceTimersToNextTimer();
    expect(done).toEqual([0]);
    vi.advanceTimersToNextTimer();
    expect(done).toEqual([0, 1]);
    stop();
    vi.runAllTimers();
    expect(done).toEqual([0, 1]);
    // Left alone, it ends when the slice says nothing is left.
    const all: number[] = [];
    slicesWhenIdle(() => {
      all.push(all.length);
      return all.length < 3;
    });
    vi.runAllTimers();
    expect(all).toEqual([0, 1, 2]);
  });

  it("waits for an idle period with time left, or for the idle timeout", () => {
    const pending: IdleRequestCallback[] = [];
    vi.stubGlobal("requestIdleCallback", (callback: IdleRequestCallback) => pending.push(callback));
    vi.stubGlobal("cancelIdleCallback", () => {});
    const idle = (left: number, didTimeout = false) =>
      pending.shift()?.({ didTimeout, timeRemaining: () => left });
    const done: string[] = [];
    whenIdle(() => done.push("work"));
    idle(2); // the end of an idle period, a frame due: not now
    expect(done).toEqual([]);
    idle(45);
    expect(done).toEqual(["work"]);
    whenIdle(() => done.push("late"));
    idle(0, true); // a second without a long idle period: at last
    expect(done).toEqual(["work", "late"]);
  });

  it("runs work when idle, not at once, and not once cancelled", () => {
    vi.useFakeTimers();
    const done: string[] = [];
    whenIdle(() => done.push("a"));
    const cancel = whenIdle(() => done.push("b"));
    expect(done).toEqual([]);
    cancel();
    vi.runAllTimers();
    expect(done).toEqual(["a"]);
  });
});
