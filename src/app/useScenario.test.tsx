// @vitest-environment jsdom
// The page's scenario state in React: the opening scenario needs no validator (it comes parsed);
// what the user types or sets in the form is parsed by the validator, loaded when needed.
import { act, StrictMode, useEffect } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, describe, expect, it, vi } from "vitest";
import { presetScenario, OPENING_PRESET } from "./presets.ts";
import { useScenario, type PageScenario } from "./useScenario.ts";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
let page: PageScenario | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  page = null;
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

/** Renders the page and waits until the engine has drawn the opening scenario's trace. */
async function open(): Promise<void> {
  root = createRoot(document.createElement("div"));
  act(() =>
    root?.render(
      <StrictMode>
        <Page
          onPage={(next) => {
            page = next;
          }}
        />
      </StrictMode>,
    ),
  );
  await vi.waitFor(() => expect(current().state.trace).not.toBeNull(), { timeout: 30_000 });
}

describe("useScenario", () => {
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
