import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { layout, type DiagramLayout } from "../diagram/layout.ts";
import { lastLayoutFrom } from "../diagram/layoutFrom.ts";
import { toggleDrop } from "../sim/interventions.ts";
import { parseScenarioOrThrow } from "../sim/scenario.ts";
import { simulate } from "../sim/simulate.ts";
import type { Trace } from "../sim/types.ts";
import { runWithoutBytes, withBytes } from "../sim/deferredBytes.ts";
import { PROFILE_SUPPORT } from "../sim/profileSupport.ts";
import { encode } from "../protocol/wire.ts";
import { presetScenario, PRESETS } from "./presets.ts";
import {
  forgetDrawn,
  layoutAfterDrawn,
  loadLayoutFrom,
  loadLayoutHead,
  rememberDrawn,
} from "./layoutAfter.ts";
import { layoutHead } from "../diagram/layoutHead.ts";
import { FIRST_BAND } from "../diagram/visible.ts";

const OPTIONS = { width: 960, fontScale: 1 };

function longTrace(messages: number): Trace {
  const raw = {
    publishQos: 2,
    subscriber: { qos: 2 },
    messages: Array.from({ length: messages }, () => ({})),
  };
  return simulate(parseScenarioOrThrow(raw));
}

/** The toggle of the `nth` PUBLISH from the end: a click late in the diagram. */
function clickLate(trace: Trace, nth: number): Trace {
  const publishes = trace.events.filter((e) => e.type === "packet" && e.packet === "PUBLISH");
  const event = publishes[publishes.length - nth];
  if (event?.type !== "packet") throw new Error("no such PUBLISH");
  return simulate(toggleDrop(trace.scenario, event));
}

const json = (d: DiagramLayout) => JSON.parse(JSON.stringify(d)) as unknown;

describe("layoutAfterDrawn", () => {
  beforeAll(loadLayoutFrom);
  afterEach(forgetDrawn);

  it("lays out in full when nothing was drawn", () => {
    const trace = longTrace(5);
    expect(json(layoutAfterDrawn(trace, OPTIONS))).toEqual(json(layout(trace, OPTIONS)));
  });

  it("takes over the drawn layout for a click, drawing what a full layout draws", () => {
    const trace = longTrace(120);
    const first = layoutAfterDrawn(trace, OPTIONS);
    rememberDrawn(trace, first);
    const next = clickLate(trace, 3);
    const taken = layoutAfterDrawn(next, OPTIONS);
    const reuse = lastLayoutFrom();
    expect(reuse.full).toBeNull();
    expect(reuse.kept.arrows).toBeGreaterThan(first.arrows.length / 2);
    expect(taken.arrows[0]).toBe(first.arrows[0]);
    expect(json(taken)).toEqual(json(layout(next, OPTIONS)));
  });

  it("lays out in full at other options (another width)", () => {
    const trace = longTrace(120);
    rememberDrawn(trace, layout(trace, OPTIONS));
    const wider = { ...OPTIONS, width: 1200 };
    const next = clickLate(trace, 3);
    expect(json(layoutAfterDrawn(next, wider))).toEqual(json(layout(next, wider)));
    expect(lastLayoutFrom().full).toBe("other options");
  });

  it("keeps the drawn layout when the trace's bytes come in, pointing at the new events: a full layout's equal", () => {
    const scenarios = [...PRESETS.map(presetScenario), longTrace(120).scenario];
    for (const scenario of scenarios) {
      // As the page runs it: with the profile records when the scenario names profiles.
      const records = scenario.profiles === undefined ? undefined : PROFILE_SUPPORT;
      const pending = runWithoutBytes(scenario, { states: true }, records);
      const drawnFirst = layout(pending, OPTIONS);
      rememberDrawn(pending, drawnFirst, OPTIONS);
      const complete = withBytes(pending, encode);
      const taken = layoutAfterDrawn(complete, OPTIONS);
      expect(taken.boxes).toBe(drawnFirst.boxes);
      expect(json(taken)).toEqual(json(layout(complete, OPTIONS)));
      for (const arrow of taken.arrows) expect(arrow.event).toBe(complete.events[arrow.index]);
    }
  });

  it("lays the bytes' trace out anew at other options, and another trace of the same scenario as a click", () => {
    const scenario = longTrace(20).scenario;
    const pending = runWithoutBytes(scenario, { states: true });
    const drawnFirst = layout(pending, OPTIONS);
    rememberDrawn(pending, drawnFirst, OPTIONS);
    const wider = { ...OPTIONS, width: 1200 };
    const complete = withBytes(pending, encode);
    expect(layoutAfterDrawn(complete, wider).boxes).not.toBe(drawnFirst.boxes);
    expect(json(layoutAfterDrawn(complete, wider))).toEqual(json(layout(complete, wider)));
    // A trace that had its bytes all along is no completion of the drawn one.
    rememberDrawn(complete, drawnFirst, OPTIONS);
    expect(layoutAfterDrawn(simulate(scenario), OPTIONS).boxes).not.toBe(drawnFirst.boxes);
  });

  it("draws a long trace's top first once layoutHead is in, and a trace laid out after it in full", async () => {
    const trace = longTrace(600);
    // Before it is in (the default page never waits for it): the whole layout.
    expect(layoutAfterDrawn(trace, OPTIONS).partOf).toBeUndefined();
    await loadLayoutHead();
    const first = layoutAfterDrawn(trace, OPTIONS);
    expect(first.partOf).toEqual({ arrows: 4800 });
    expect(json(first)).toEqual(json(layoutHead(trace, OPTIONS, FIRST_BAND.bottom) as DiagramLayout));
    // Drawn, then its bytes come in: still the head (the whole follows it, useWholeLayout.ts).
    rememberDrawn(trace, first, OPTIONS);
    const scenario = trace.scenario;
    const bare = runWithoutBytes(scenario, {}, PROFILE_SUPPORT);
    forgetDrawn();
    const head = layoutAfterDrawn(bare, OPTIONS);
    rememberDrawn(bare, head, OPTIONS);
    const completed = layoutAfterDrawn(withBytes(bare, encode), OPTIONS);
    expect(completed.partOf).toEqual({ arrows: 4800 });
    expect(completed.arrows.length).toBe(head.arrows.length);
    // A click on the head: no placing to take over, so a whole layout of the new trace.
    const clicked = clickLate(trace, 3);
    rememberDrawn(trace, first, OPTIONS);
    expect(json(layoutAfterDrawn(clicked, OPTIONS))).toEqual(json(layout(clicked, OPTIONS)));
  }, 120_000);
});
