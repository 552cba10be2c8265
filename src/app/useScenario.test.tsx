// @vitest-environment jsdom
// The page's scenario state in React: the opening scenario needs no validator (it comes parsed);
// what the user types or sets in the form is parsed by the validator, loaded when needed.
import { act, StrictMode, useEffect } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, describe, expect, it, vi } from "vitest";
import { presetScenario, OPENING_PRESET } from "./presets.ts";
import { useScenario, type PageScenario } from "./useScenario.ts";
import { hasBytes } from "../sim/bytesPending.ts";
import { runScenario } from "../sim/runScenario.ts";
import type { Trace } from "../sim/types.ts";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
let page: PageScenario | null = null;
/** Every trace the page has committed, in order. */
let traces: Trace[] = [];
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  page = null;
  traces = [];
});

const OPENING = presetScenario(OPENING_PRESET);

/** Hands the hook's result to the test after each commit. */
function Page({ onPage }: { onPage: (next: PageScenario) => void }) {
  const next = useScenario(OPENING);
  useEffect(() => onPage(next));
  return null;
}

function current(): PageScenario {
  if (!page) throw new Error("the page has not rendered");
  return page;
}

/** Renders the page (the opening scenario's trace may still wait for its bytes). */
function render(): void {
  root = createRoot(document.createElement("div"));
  act(() =>
    root?.render(
      <StrictMode>
        <Page
          onPage={(next) => {
            page = next;
            const { trace } = next.state;
            if (trace && traces.at(-1) !== trace) traces.push(trace);
          }}
        />
      </StrictMode>,
    ),
  );
}

/** Renders the page and waits until the opening scenario's trace is in with its bytes. */
async function open(): Promise<void> {
  render();
  await vi.waitFor(
    () => {
      const { trace } = current().state;
      expect(trace !== null && hasBytes(trace)).toBe(true);
      expect(current().engine).not.toBeNull();
    },
    { timeout: 30_000 },
  );
}

describe("useScenario", () => {
  it("draws the opening trace before the encoder is in, then completes it to runScenario's trace", async () => {
    await open();
    // Drawn first from the engine alone (the encoder is fetched once that trace is on screen),
    // then completed as one new trace.
    expect(traces).toHaveLength(2);
    const [first, completed] = traces as [Trace, Trace];
    expect(hasBytes(first)).toBe(false);
    expect(completed).toBe(current().state.trace);
    expect(completed.scenario).toBe(current().state.scenario);
    expect(JSON.stringify(completed)).toBe(JSON.stringify(runScenario(OPENING, { states: true })));
    // Later runs have their bytes at once.
    act(() => current().show({ ...OPENING, faults: [] }));
    const next = current().state.trace as Trace;
    expect(hasBytes(next)).toBe(true);
    expect(JSON.stringify(next)).toBe(
      JSON.stringify(runScenario({ ...OPENING, faults: [] }, { states: true })),
    );
  }, 90_000);

  it("parses what was typed once typing pauses: problems name the field, the last good trace stays", async () => {
    await open();
    const before = current().state;
    act(() => current().type('{ "publishQos": 7 }'));
    expect(current().text()).toBe('{ "publishQos": 7 }');
    await vi.waitFor(() => expect(current().state.problems).not.toHaveLength(0), { timeout: 30_000 });
    expect(current().state.problems).toEqual(["publishQos: expected one of 0, 1, 2; got 7"]);
    expect(current().state.scenario).toBe(before.scenario);
    expect(current().state.trace).toBe(before.trace);
    expect(current().text()).toBe('{ "publishQos": 7 }');
  }, 90_000);

  it("runs a valid typed scenario, and a set-up change the format refuses is named", async () => {
    await open();
    act(() => current().type('{ "publishQos": 1 }'));
    await vi.waitFor(() => expect(current().state.scenario.publishQos).toBe(1), { timeout: 30_000 });
    expect(current().state.trace?.scenario).toBe(current().state.scenario);
    expect(current().state.problems).toEqual([]);

    const shown = current().state.scenario;
    act(() => current().setSetup({ ...current().setup, retransmit: "on-timeout" }));
    await vi.waitFor(() => expect(current().state.problems).not.toHaveLength(0), { timeout: 30_000 });
    expect(current().state.problems[0]).toMatch(/^retransmit: /);
    expect(current().state.scenario).toBe(shown);
  }, 90_000);
});
