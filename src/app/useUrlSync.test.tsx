// @vitest-environment jsdom
import { act, StrictMode } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, describe, expect, it } from "vitest";
import { parseScenarioOrThrow } from "../sim/scenario.ts";
import type { Scenario } from "../sim/types.ts";
import { MAX_LINK_MESSAGES, readUrl } from "../share/url.ts";
import { writeUrl } from "../share/urlWriter.ts";
import { useUrlSync } from "./useUrlSync.ts";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
});

let navigated: Scenario[] = [];
afterEach(() => {
  navigated = [];
});

function Page({ scenario, view }: { scenario: Scenario; view: string }) {
  useUrlSync(scenario, view, (next) => navigated.push(next));
  return null;
}

/** Lets the hook's write (after a frame, then a task) happen. */
const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 60)));

function open(search: string) {
  window.history.replaceState(null, "", `/${search}`);
  const opened = readUrl(search).scenario ?? parseScenarioOrThrow({ publishQos: 1 });
  root = createRoot(document.createElement("div"));
  const show = (scenario: Scenario, view = "diagram") =>
    act(() =>
      root?.render(
        <StrictMode>
          <Page scenario={scenario} view={view} />
        </StrictMode>,
      ),
    );
  show(opened);
  return { opened, show };
}

describe("useUrlSync", () => {
  it("keeps a link as typed while nothing changes, then writes its own form as a new entry", async () => {
    const typed = "?qos=2&hops=2&drop=PUBREC&bogus=1";
    const { opened, show } = open(typed);
    const entries = window.history.length;
    await settle();
    show(opened);
    await settle();
    expect(window.location.search).toBe(typed);
    expect(window.history.length).toBe(entries);

    const changed = { ...opened, faults: [] };
    show(changed);
    await settle();
    expect(window.location.search).toBe(writeUrl(changed));
    expect(window.history.length).toBe(entries + 1);
  });

  it("a change of view alone is a change", async () => {
    const { opened, show } = open("?publishQos=2");
    await settle();
    show(opened, "stats");
    await settle();
    expect(window.location.search).toBe("?publishQos=2&view=stats");
  });

  it("a scenario too big for a link is not written out, and Back and Forward still bring it back", async () => {
    const { opened, show } = open("?publishQos=1");
    await settle();
    const big = parseScenarioOrThrow({
      publishQos: 1,
      messages: Array.from({ length: MAX_LINK_MESSAGES + 1 }, () => ({})),
    });
    show(big);
    await settle();
    expect(window.location.search).toBe("");
    const bigEntry = window.history.state as unknown;

    // What Back / Forward do, as the browser reports it: a popstate with the entry's state.
    window.history.replaceState(null, "", "/?publishQos=1");
    act(() => window.dispatchEvent(new PopStateEvent("popstate", { state: null })));
    await settle();
    expect(navigated.at(-1)).toEqual(opened);
    window.history.replaceState(bigEntry, "", "/");
    act(() => window.dispatchEvent(new PopStateEvent("popstate", { state: bigEntry })));
    await settle();
    expect(navigated.at(-1)).toBe(big);
  });
});
