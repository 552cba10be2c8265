// @vitest-environment jsdom
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { VerdictCause } from "../explain/causes.ts";
import { explainOutcome } from "../explain/verdict.ts";
import { layout } from "../diagram/layout.ts";
import { simulate } from "../sim/simulate.ts";
import { SequenceDiagram } from "./diagram/SequenceDiagram.tsx";
import { TraceVerdict } from "./TracePanels.tsx";
import { VERDICT_LINES, VerdictPanel } from "./VerdictPanel.tsx";
import { SHORT_TRACE_MESSAGES } from "./verdictSummary.ts";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement;
let root: Root;

beforeEach(() => {
  container = document.createElement("div");
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

const trace = simulate({ publishQos: 1, faults: [{ packet: "PUBACK" }] });
const explanations = explainOutcome(trace);

describe("the verdict's why", () => {
  it("is a toggle with aria-pressed that hands the causes over, and names them once pressed", () => {
    const calls: [number | null, readonly VerdictCause[]][] = [];
    const onWhy = (m: number | null, c: readonly VerdictCause[]) => void calls.push([m, c]);
    act(() => root.render(<VerdictPanel explanations={explanations} onWhy={onWhy} />));
    const toggle = container.querySelector<HTMLButtonElement>('[data-testid="verdict.why.1"]');
    expect(toggle?.getAttribute("aria-pressed")).toBe("false");
    expect(toggle?.textContent).toBe("Show why on the diagram for message 1");
    act(() => toggle?.click());
    expect(calls).toEqual([[1, explanations[0]?.causes]]);
    expect(container.querySelector('[data-testid="verdict.causes"]')).toBeNull();

    act(() => root.render(<VerdictPanel explanations={explanations} why={1} onWhy={onWhy} />));
    expect(toggle?.getAttribute("aria-pressed")).toBe("true");
    expect(container.querySelector('[data-testid="verdict.causes"]')?.textContent).toBe(
      `Highlighted on the diagram: ${explanations[0]?.causes.map((c) => c.name).join("; ")}.`,
    );
    act(() => toggle?.click());
    expect(calls.at(-1)).toEqual([null, []]);
  });

  it("tells the first VERDICT_LINES messages and counts the others, given those alone and the total", () => {
    const many = simulate({ publishQos: 1, messages: Array.from({ length: 30 }, () => ({})) });
    act(() => root.render(<VerdictPanel explanations={explainOutcome(many)} />));
    const whole = container.innerHTML;
    expect(container.querySelectorAll(".verdict-entry")).toHaveLength(VERDICT_LINES);
    expect(container.querySelector(".verdict-more")?.textContent).toBe(
      `…and ${30 - VERDICT_LINES} more messages.`,
    );
    act(() => root.render(<VerdictPanel explanations={explainOutcome(many, VERDICT_LINES)} total={30} />));
    expect(container.innerHTML).toBe(whole);
  });

  it("a long trace's verdict is one line of counts first, every row folded under it and still there", () => {
    const long = simulate({
      publishQos: 0,
      messages: Array.from({ length: 30 }, () => ({})),
      faults: [{ packet: "PUBLISH", message: 7 }],
    });
    act(() => root.render(<TraceVerdict trace={long} onWhy={() => {}} />));
    const summary = container.querySelector('[data-testid="verdict.summary"]');
    // The icons are drawn, not read: the words are the summary's.
    const words = [...(summary?.childNodes ?? [])]
      .map((n) => (n instanceof Element ? n.textContent?.replace(/[✓⚠✕] /g, "") : n.textContent))
      .join("");
    expect(words).toBe("30 messages: 29 once, 1 not at all");
    const rows = container.querySelector<HTMLDetailsElement>('[data-testid="verdict.rows"]');
    expect(rows?.open).toBe(false);
    expect(rows?.querySelectorAll("[data-verdict]")).toHaveLength(VERDICT_LINES);
    expect(rows?.querySelector('[data-testid="verdict.why.7"]')).not.toBeNull();
    expect(rows?.querySelector(".verdict-more")?.textContent).toBe(
      `…and ${30 - VERDICT_LINES} more messages.`,
    );
  });

  it("a short trace keeps a row a message and no summary", () => {
    const short = simulate({
      publishQos: 1,
      messages: Array.from({ length: SHORT_TRACE_MESSAGES }, () => ({})),
    });
    act(() => root.render(<TraceVerdict trace={short} />));
    expect(container.querySelector('[data-testid="verdict.summary"]')).toBeNull();
    expect(container.querySelector("details")).toBeNull();
    expect(container.querySelectorAll("[data-verdict]")).toHaveLength(SHORT_TRACE_MESSAGES);
  });

  it("has no toggle where nobody listens (the embed)", () => {
    act(() => root.render(<VerdictPanel explanations={explanations} />));
    expect(container.querySelector("button")).toBeNull();
  });

  it("is drawn on the diagram as one halo per highlighted arrow, badge or mark, and only those", async () => {
    const d = layout(trace, { width: 800 });
    const indexes = new Set(explanations[0]?.causes.map((c) => c.index));
    await act(async () => {
      root.render(
        <SequenceDiagram
          layout={d}
          time={d.duration}
          selected={null}
          onToggle={() => {}}
          onSelect={() => {}}
          title="t"
          highlight={indexes}
        />,
      );
      await import("./diagram/CauseHighlights.tsx");
    });
    const halos = [...container.querySelectorAll<SVGElement>("[data-cause]")].map((el) =>
      Number(el.dataset.cause),
    );
    expect(new Set(halos)).toEqual(indexes);
    expect(halos).toHaveLength(indexes.size);
    // The halos sit under the arrows: the layer comes before the first arrow.
    const layer = container.querySelector('[data-testid="diagram.causes"]');
    const firstArrow = container.querySelector('[data-testid^="packet-"]');
    expect(
      layer && firstArrow && layer.compareDocumentPosition(firstArrow) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });
});
