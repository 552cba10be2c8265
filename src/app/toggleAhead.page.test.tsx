// @vitest-environment jsdom
// The page takes a click worked out ahead: useScenario shows the very trace made ahead.
import { act, useEffect } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, describe, expect, it, vi } from "vitest";
import { layout } from "../diagram/layout.ts";
import { runScenario } from "../sim/runScenario.ts";
import type { Scenario, Trace } from "../sim/types.ts";
import { presetScenario, OPENING_PRESET } from "./presets.ts";
import {
  forgetAhead,
  scenarioAhead,
  stepsAhead,
  traceAhead,
  workAhead,
  workAheadSlice,
} from "./toggleAhead.ts";
import { useScenario, type PageScenario } from "./useScenario.ts";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
let page: PageScenario | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  page = null;
  forgetAhead();
});

function Page({ onPage }: { onPage: (next: PageScenario) => void }) {
  const next = useScenario(presetScenario(OPENING_PRESET));
  useEffect(() => onPage(next));
  return null;
}

function current(): PageScenario {
  if (!page) throw new Error("the page has not rendered");
  return page;
}

/** Renders the page on its opening preset; its first trace. */
async function openPage(): Promise<Trace> {
  root = createRoot(document.createElement("div"));
  act(() =>
    root?.render(
      <Page
        onPage={(next) => {
          page = next;
        }}
      />,
    ),
  );
  await vi.waitFor(() => expect(current().state.trace).not.toBeNull(), { timeout: 30_000 });
  const from = current().state.trace;
  if (!from) throw new Error("no trace");
  return from;
}

describe("a click worked out ahead", () => {
  it("shows the trace made ahead for that scenario object, and runs any other scenario as before", async () => {
    const from = await openPage();
    const index = from.events.findIndex((e) => e.type === "packet");
    const run = (scenario: Scenario) => runScenario(scenario, { states: true });
    workAhead(from, index, run, (trace) => layout(trace, { width: 900 }), "900|false");
    const scenario = scenarioAhead(from, index);
    if (!scenario) throw new Error("nothing worked out");
    const made = traceAhead(scenario);
    act(() => current().show(scenario));
    expect(current().state.trace).toBe(made);
    // An equal scenario that is another object: run by the engine, to the same trace.
    const copy = structuredClone(scenario);
    act(() => current().show(copy));
    expect(current().state.trace).not.toBe(made);
    expect(current().state.trace).toEqual(made);
  }, 90_000);

  it("takes the trace of a click whose work ahead stopped after its run", async () => {
    const from = await openPage();
    const index = from.events.findIndex((e) => e.type === "packet");
    const run = (scenario: Scenario) => runScenario(scenario, { states: true });
    const more = workAheadSlice(from, index, run, (trace) => layout(trace, { width: 900 }), "900|false");
    expect(more).toBe(true);
    const scenario = scenarioAhead(from, index);
    if (!scenario) throw new Error("nothing worked out");
    const made = traceAhead(scenario);
    if (!made) throw new Error("no trace ahead");
    expect(stepsAhead(made)).toBeUndefined();
    act(() => current().show(scenario));
    expect(current().state.trace).toBe(made);
  }, 90_000);
});
