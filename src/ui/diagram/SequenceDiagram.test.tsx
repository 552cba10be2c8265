// @vitest-environment jsdom
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { toggleDrop } from "../../sim/interventions.ts";
import { simulate } from "../../sim/simulate.ts";
import type { PacketEvent, Trace } from "../../sim/types.ts";
import { layout, type DiagramLayout } from "../../diagram/layout.ts";
import { CLICK_BENCH_SCENARIO } from "../../diagram/clickBench.testing.ts";
import { SequenceDiagram } from "./SequenceDiagram.tsx";

// React warns unless it knows the test drives updates through act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = "";
});

function draw(d: DiagramLayout, time: number): HTMLElement {
  const container = document.createElement("div");
  document.body.append(container);
  root = createRoot(container);
  act(() => root?.render(diagram(d, time)));
  return container;
}

function diagram(d: DiagramLayout, time: number) {
  return (
    <SequenceDiagram
      layout={d}
      time={time}
      selected={null}
      onToggle={() => {}}
      onSelect={() => {}}
      title="t"
    />
  );
}

const INPUT = { publishQos: 2, subscriber: { qos: 2 }, messages: [{}, {}, {}] };

/** The trace after dropping the PUBREC of message 2 on the first hop, as a click does. */
function dropped(trace: Trace): Trace {
  const target = trace.events.find(
    (e): e is PacketEvent =>
      e.type === "packet" && e.packet === "PUBREC" && e.message === 2 && e.hop === "publisher-broker",
  );
  if (!target) throw new Error("no PUBREC of message 2");
  return simulate({ ...INPUT, faults: toggleDrop(trace.scenario, target).faults });
}

const arrowOf = (container: HTMLElement, index: number) =>
  container.querySelector(`[data-testid="packet-${index}"]`);

describe("SequenceDiagram: a toggle redraws only what changed", () => {
  it("leaves every element of the packets before the dropped one untouched", () => {
    const before = simulate(INPUT);
    const after = dropped(before);
    const a = layout(before, { width: 900 });
    const b = layout(after, { width: 900 });
    const container = draw(a, a.duration);
    const untouched = a.arrows.filter((x) => x.event.message === 1).map((x) => arrowOf(container, x.index));
    expect(untouched.every((el) => el !== null)).toBe(true);
    const changes: MutationRecord[] = [];
    const observer = new MutationObserver((records) => changes.push(...records));
    for (const el of untouched)
      observer.observe(el as Node, { attributes: true, subtree: true, childList: true });
    act(() => root?.render(diagram(b, b.duration)));
    changes.push(...observer.takeRecords());
    observer.disconnect();
    expect(changes).toEqual([]);
    expect(untouched.every((el) => el?.isConnected)).toBe(true);
  });

  it("moves an arrow whose index changed instead of re-creating it", () => {
    const before = simulate(INPUT);
    const after = dropped(before);
    const a = layout(before, { width: 900 });
    const b = layout(after, { width: 900 });
    const publish3 = (d: DiagramLayout) =>
      d.arrows.find(
        (x) => x.event.message === 3 && x.event.packet === "PUBLISH" && x.event.hop === "publisher-broker",
      );
    const was = publish3(a);
    const now = publish3(b);
    if (!was || !now) throw new Error("no PUBLISH of message 3");
    expect(now.index).not.toBe(was.index);
    const container = draw(a, a.duration);
    const element = arrowOf(container, was.index);
    act(() => root?.render(diagram(b, b.duration)));
    expect(arrowOf(container, now.index)).toBe(element);
    expect(element?.getAttribute("data-packet")).toBe("PUBLISH");
  });

  it("says how many arrows the whole diagram has, drawn or not", () => {
    const a = layout(simulate(INPUT), { width: 900 });
    const svg = draw(a, a.duration).querySelector('[data-testid="diagram"]');
    expect(svg?.getAttribute("data-arrows")).toBe(String(a.arrows.length));
  });
});

describe("SequenceDiagram: labels, marks and deliveries enter once", () => {
  /** The elements animated since the last call, by class (jsdom has no Web Animations API). */
  let entered: Element[] = [];
  let reduced = false;
  beforeEach(() => {
    entered = [];
    reduced = false;
    vi.stubGlobal("matchMedia", () => ({
      get matches() {
        return reduced;
      },
    }));
    Element.prototype.animate = function (this: Element) {
      entered.push(this);
      return {} as Animation;
    };
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    delete (Element.prototype as Partial<Element>).animate;
  });

  const drawnCount = (container: HTMLElement) =>
    container.querySelectorAll(
      ".seq-label, .seq-badge, [data-testid='connection-lost'], [data-testid='reconnected'], [data-testid='timeout'], [data-testid='session-discarded'], [data-testid='not-forwarded']",
    ).length;

  it("plays each entrance once when drawn, and not again when a toggle moves the element", () => {
    const before = simulate(INPUT);
    const after = dropped(before);
    const a = layout(before, { width: 900 });
    const b = layout(after, { width: 900 });
    const container = draw(a, a.duration);
    expect(entered.length).toBe(drawnCount(container));
    expect(entered.length).toBeGreaterThan(a.arrows.length);
    const kept = new Set(container.querySelectorAll(".seq-label, .seq-badge, .seq-mark"));
    entered = [];
    act(() => root?.render(diagram(b, b.duration)));
    // Only what the new trace added enters; what survived the toggle, moved or not, stays put.
    expect(entered.length).toBeGreaterThan(0);
    expect(entered.filter((el) => kept.has(el))).toEqual([]);
    expect(entered.every((el) => el.isConnected)).toBe(true);
  });

  it("keeps the element of every mark a toggle only moved in time: only added marks are new", () => {
    // The click benchmark's trace: a reconnection after every loss, so the drop below moves the
    // times of the marks after it.
    const input = CLICK_BENCH_SCENARIO;
    const before = simulate(input);
    const target = before.events.find(
      (e): e is PacketEvent =>
        e.type === "packet" && e.packet === "PUBLISH" && e.message === 3 && e.hop === "publisher-broker",
    );
    if (!target) throw new Error("no PUBLISH of message 3");
    const after = simulate({ ...input, faults: toggleDrop(before.scenario, target).faults });
    const a = layout(before, { width: 900 });
    const b = layout(after, { width: 900 });
    const times = new Set(a.marks.map((m) => `${m.kind}|${m.t}`));
    expect(b.marks.filter((m) => !times.has(`${m.kind}|${m.t}`)).length).toBeGreaterThan(4);
    const container = draw(a, a.duration);
    const kept = new Set(container.querySelectorAll(".seq-mark"));
    entered = [];
    act(() => root?.render(diagram(b, b.duration)));
    const now = [...container.querySelectorAll(".seq-mark")];
    const made = now.filter((el) => !kept.has(el));
    // Per kind and place: only the marks beyond those the trace had before are new elements.
    const count = (d: DiagramLayout) => {
      const by = new Map<string, number>();
      for (const m of d.marks)
        by.set(`${m.kind}|${m.x1}|${m.x2}`, (by.get(`${m.kind}|${m.x1}|${m.x2}`) ?? 0) + 1);
      return by;
    };
    const was = count(a);
    const added = [...count(b)].reduce((sum, [place, n]) => sum + Math.max(0, n - (was.get(place) ?? 0)), 0);
    expect(made.length).toBe(added);
    expect(entered.filter((el) => kept.has(el))).toEqual([]);
  });

  it("fades a label in when playback completes its arrow", () => {
    const a = layout(simulate(INPUT), { width: 900 });
    const first = a.arrows[0];
    if (!first) throw new Error("no arrow");
    draw(a, first.event.t);
    entered = [];
    act(() => root?.render(diagram(a, first.tEnd)));
    expect(entered.map((el) => el.textContent)).toContain(first.label);
  });

  it("plays nothing for a reader who asked for reduced motion, nor in a still picture", () => {
    const a = layout(simulate(INPUT), { width: 900 });
    reduced = true;
    draw(a, a.duration);
    expect(entered).toEqual([]);
    act(() => root?.unmount());
    reduced = false;
    const container = document.createElement("div");
    document.body.append(container);
    root = createRoot(container);
    act(() => root?.render(<SequenceDiagram still layout={a} time={a.duration} title="t" />));
    expect(container.querySelectorAll(".seq-label").length).toBe(a.arrows.length);
    expect(entered).toEqual([]);
  });
});
