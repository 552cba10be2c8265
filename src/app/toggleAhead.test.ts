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
  stepsAhead,
  traceAhead,
  whenIdle,
  workAhead,
} from "./toggleAhead.ts";

afterEach(() => {
  forgetAhead();
  vi.useRealTimers();
});

const pageRun = (scenario: Scenario) => runScenario(scenario, { states: true });
const lay = (trace: Trace) => layout(trace, { width: 900 });

/** The opening preset's trace, as the page has it. */
function opening(): Trace {
  const preset = PRESETS[0];
  if (!preset) throw new Error("no preset");
  return pageRun(presetScenario(preset));
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
    let runs = 0;
    const counted = (scenario: Scenario) => {
      runs += 1;
      return pageRun(scenario);
    };
    workAhead(from, index, counted, lay, "900|false");
    workAhead(from, index, counted, lay, "900|false");
    expect(runs).toBe(1);
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
    expect(runs).toBe(2);
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
