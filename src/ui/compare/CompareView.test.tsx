// @vitest-environment jsdom
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runScenario } from "../../sim/runScenario.ts";
import { parseScenarioOrThrow } from "../../sim/scenario.ts";
import type { Scenario } from "../../sim/types.ts";
import CompareView from "./CompareView.tsx";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const SCENARIO = parseScenarioOrThrow({
  publishQos: 2,
  subscriber: { qos: 2 },
  faults: [{ hop: "publisher-broker", packet: "PUBREC" }],
});

let root: Root | null = null;
beforeEach(() => {
  // jsdom has no ResizeObserver: the view keeps its fallback width.
  vi.stubGlobal(
    "ResizeObserver",
    class {
      observe() {}
      disconnect() {}
    },
  );
});
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = "";
  vi.unstubAllGlobals();
});

function render(
  columns: string,
  handlers: Partial<{
    onColumns: (c: string) => void;
    onNotices: (n: string[]) => void;
    onScenario: (s: Scenario) => void;
  }> = {},
) {
  const container = document.createElement("div");
  document.body.append(container);
  root = createRoot(container);
  const props = {
    scenario: SCENARIO,
    engine: runScenario,
    columns,
    onColumns: handlers.onColumns ?? (() => {}),
    onNotices: handlers.onNotices,
    onScenario: handlers.onScenario,
    keys: null,
  };
  act(() => root?.render(<CompareView {...props} />));
  return container;
}

const labels = (c: HTMLElement) =>
  [...c.querySelectorAll('[data-testid="compare.label"]')].map((e) => e.textContent);
const verdicts = (c: HTMLElement) =>
  [...c.querySelectorAll('[data-testid="compare.column"]')].map((col) =>
    [...col.querySelectorAll("[data-verdict]")].map((e) => e.getAttribute("data-verdict")),
  );

describe("CompareView", () => {
  it("draws a labelled column per set-up with the simulator's verdict and each loss's fate", () => {
    const c = render("0,1,2-clean");
    expect(labels(c)).toEqual(["QoS 0", "QoS 1", "QoS 2 · clean session"]);
    const expected = [{ qos: 0 }, { qos: 1 }, { qos: 2, clean: true }].map(({ qos, clean }) =>
      runScenario({
        ...SCENARIO,
        publishQos: qos as 0 | 1 | 2,
        subscriber: { qos: qos as 0 | 1 | 2 },
        ...(clean ? { session: { publisher: "clean", subscriber: "clean" } } : {}),
      }).outcome.messages.map((m) => m.verdict),
    );
    expect(verdicts(c)).toEqual(expected);
    const fates = [...c.querySelectorAll('[data-testid="compare.fault"]')].map((e) =>
      e.getAttribute("data-status"),
    );
    expect(fates).toEqual(["not-in-setup", "not-in-setup", "lost"]);
    expect(c.querySelectorAll("svg.seq")).toHaveLength(3);
  });

  it("keeps each column's verdict short above its diagram, the why, losses and narration in one disclosure", () => {
    const c = render("0,1,2");
    const columns = [...c.querySelectorAll<HTMLElement>('[data-testid="compare.column"]')];
    for (const col of columns) {
      const verdict = col.querySelector('[data-testid="verdict"]') as HTMLElement;
      const more = col.querySelector<HTMLDetailsElement>(
        '[data-testid="compare.more"]',
      ) as HTMLDetailsElement;
      const diagram = col.querySelector("svg.seq") as Element;
      // Headline, then the disclosure, then the diagram; the headline alone, without its why.
      expect(verdict.compareDocumentPosition(more) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
      expect(more.compareDocumentPosition(diagram) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
      expect(verdict.textContent).toMatch(/^✓ once Message 1: processed exactly once\.$/);
      expect(more.open).toBe(false);
      expect(more.querySelector("summary")?.textContent).toBe("Why, planned losses and narration");
      // Everything the column told before is in it: the why, each loss's fate, the narration.
      expect(more.querySelector('[data-testid="verdict.reasons"]')?.textContent).toMatch(/^Message 1: \S/);
      expect(more.querySelectorAll('[data-testid="compare.fault"]')).toHaveLength(1);
      expect(more.querySelector('[data-testid="compare.narration"]')).not.toBeNull();
    }
    // Opened in one column, opened in all: the diagrams stay level.
    const first = columns[0]?.querySelector("details") as HTMLDetailsElement;
    act(() => {
      first.open = true;
      first.dispatchEvent(new Event("toggle"));
    });
    expect(columns.map((col) => col.querySelector("details")?.open)).toEqual([true, true, true]);
  });

  it("a column of many messages sums its verdicts up in one line", () => {
    const container = document.createElement("div");
    document.body.append(container);
    root = createRoot(container);
    const many = parseScenarioOrThrow({
      publishQos: 1,
      messages: Array.from({ length: 5 }, () => ({})),
      faults: [{ packet: "PUBACK", message: 2 }],
    });
    act(() =>
      root?.render(
        <CompareView scenario={many} engine={runScenario} columns="0,1" onColumns={() => {}} keys={null} />,
      ),
    );
    const summaries = [...container.querySelectorAll('[data-testid="verdict.summary"]')].map((e) =>
      e.textContent?.replace(/[✓⚠✕] /g, ""),
    );
    expect(summaries).toEqual(["5 messages: 5 once", "5 messages: 4 once, 1 more than once"]);
    const reasons = container.querySelectorAll('[data-testid="verdict.reasons"]')[1];
    expect(reasons?.textContent).toContain("Message 2, processed twice:");
  });

  it("a long profile name heads its column on a line of its own, below the QoS, the label whole", () => {
    const c = render("2-persistent-rabbitmq-3,1-aws-iot-core");
    expect(labels(c)).toEqual([
      "QoS 2 · persistent session · RabbitMQ 3.x (MQTT plugin)",
      "QoS 1 · AWS IoT Core",
    ]);
    const heading = c.querySelector('[data-testid="compare.label"]') as HTMLElement;
    const lines = (selector: string) => [...heading.querySelectorAll(selector)].map((e) => e.textContent);
    expect(lines(".compare-label-qos")).toEqual(["QoS 2"]);
    expect(lines(".compare-label-part")).toEqual(["persistent session", "RabbitMQ 3.x (MQTT plugin)"]);
    // The separators are read, not seen: each part is a line of its own.
    expect(lines(".visually-hidden")).toEqual([" · ", " · "]);
    // The column and its losses are still named by the whole label.
    const column = c.querySelector('[data-testid="compare.column"]') as HTMLElement;
    expect(column.getAttribute("aria-labelledby")).toBe(heading.id);
  });

  it("a column by broker profile: the picker offers the specification and every broker, by name", () => {
    const onColumns = vi.fn();
    const c = render("2-spec,2-mosquitto-2.0", { onColumns });
    expect(labels(c)).toEqual(["QoS 2 · Specification", "QoS 2 · Mosquitto 2.0"]);
    const columns = [...c.querySelectorAll('[data-testid="compare.column"]')];
    expect(columns.map((col) => col.getAttribute("data-profile"))).toEqual(["spec", "mosquitto-2.0"]);
    const pickers = c.querySelectorAll<HTMLSelectElement>('[data-testid="compare.broker"]');
    const names = [...(pickers[1] as HTMLSelectElement).options].map((o) => o.text);
    expect(names.slice(0, 4)).toEqual([
      "as set up (Specification)",
      "Specification",
      "Mosquitto 2.0",
      "EMQX 5",
    ]);
    act(() => {
      const picker = pickers[1] as HTMLSelectElement;
      picker.value = "emqx-5";
      picker.dispatchEvent(new Event("change", { bubbles: true }));
    });
    expect(onColumns).toHaveBeenLastCalledWith("2-spec,2-emqx-5");
    // Each column runs the scenario with its broker's profile, and the same plan.
    const first = runScenario({
      ...SCENARIO,
      profiles: { broker: "spec", publisher: "spec", subscriber: "spec" },
    });
    expect(verdicts(c)[0]).toEqual(first.outcome.messages.map((m) => m.verdict));
  });

  it("names a bad compare value once, and writes each change as a good one", () => {
    const onNotices = vi.fn();
    const onColumns = vi.fn();
    const c = render("1,x", { onNotices, onColumns });
    expect(labels(c)).toEqual(["QoS 0", "QoS 1", "QoS 2"]);
    expect(onNotices).toHaveBeenCalledTimes(1);
    expect(onNotices.mock.calls[0]?.[0]?.[0]).toMatch(/^compare: "x" is not a set-up/);
    const session = c.querySelectorAll<HTMLSelectElement>(
      '[data-testid="compare.session"]',
    )[1] as HTMLSelectElement;
    act(() => {
      session.value = "clean";
      session.dispatchEvent(new Event("change", { bubbles: true }));
    });
    expect(onColumns).toHaveBeenLastCalledWith("0,1-clean,2");
    act(() => (c.querySelector('[data-testid="compare.remove"]') as HTMLButtonElement).click());
    expect(onColumns).toHaveBeenLastCalledWith("1,2");
  });

  it("drops a packet into the one plan every column shares", () => {
    const onScenario = vi.fn();
    const c = render("1,2", { onScenario });
    const puback = c.querySelector<SVGElement>(
      '[data-testid="compare.column"] [role="button"][aria-label^="PUBACK, message 1, attempt 1"]',
    );
    expect(puback).not.toBeNull();
    act(() => puback?.dispatchEvent(new MouseEvent("click", { bubbles: true })));
    expect(onScenario).toHaveBeenCalledTimes(1);
    const next = onScenario.mock.calls[0]?.[0] as Scenario;
    expect(next.publishQos).toBe(2);
    expect(next.faults).toEqual([
      ...SCENARIO.faults,
      { hop: "publisher-broker", packet: "PUBACK", message: 1, attempt: 1 },
    ]);
  });

  it("in presentation, scales its text and zooms each diagram, and can hold the verdicts back", () => {
    const container = document.createElement("div");
    document.body.append(container);
    root = createRoot(container);
    act(() =>
      root?.render(
        <CompareView
          scenario={SCENARIO}
          engine={runScenario}
          columns="0,1,2"
          onColumns={() => {}}
          keys={null}
          presenting
          fontScale={2}
          showVerdicts={false}
        />,
      ),
    );
    const section = container.querySelector<HTMLElement>('[data-testid="compare"]');
    expect(section?.dataset.presenting).toBe("true");
    expect(section?.style.fontSize).toBe("2rem");
    const zooms = [...container.querySelectorAll<HTMLElement>(".compare-zoom")].map((e) => e.style.zoom);
    expect(zooms).toEqual(["2", "2", "2"]);
    expect(container.querySelectorAll("[data-verdict]")).toHaveLength(0);
    // Held back, the disclosure holds no why either, and says so by its name.
    const mores = [...container.querySelectorAll('[data-testid="compare.more"]')];
    expect(mores.map((m) => m.querySelector("summary")?.textContent)).toEqual(
      Array(3).fill("Planned losses and narration"),
    );
    expect(container.querySelectorAll('[data-testid="verdict.reasons"]')).toHaveLength(0);
    // The layout is made at the column's width divided by the scale, never below its minimum.
    const widths = [...container.querySelectorAll("svg.seq")].map((svg) => Number(svg.getAttribute("width")));
    expect(widths.every((w) => w >= 420)).toBe(true);
  });
});
