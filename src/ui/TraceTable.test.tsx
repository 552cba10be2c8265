// @vitest-environment jsdom
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, describe, expect, it } from "vitest";
import { simulate } from "../sim/simulate.ts";
import { TraceTable, WINDOW_FROM_ROWS } from "./TraceTable.tsx";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = "";
});

function rows(input: Record<string, unknown>) {
  const trace = simulate(input);
  const container = document.createElement("div");
  document.body.append(container);
  root = createRoot(container);
  act(() => root?.render(<TraceTable trace={trace} />));
  return { trace, rows: container.querySelectorAll('[data-testid="trace.row"]'), container };
}

describe("TraceTable", () => {
  it("renders every event of a short trace, in trace order", () => {
    const { trace, rows: shown } = rows({ publishQos: 2, faults: [{ packet: "PUBREC" }] });
    expect(trace.events.length).toBeLessThan(WINDOW_FROM_ROWS);
    expect([...shown].map((r) => r.getAttribute("data-type"))).toEqual(trace.events.map((e) => e.type));
  });

  it("renders only a first page of a long trace it cannot measure, and keeps the table's length", () => {
    const long = { publishQos: 2, subscriber: { qos: 2 }, messages: Array.from({ length: 30 }, () => ({})) };
    const { trace, rows: shown, container } = rows(long);
    expect(trace.events.length).toBeGreaterThanOrEqual(WINDOW_FROM_ROWS);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(trace.events.length / 2);
    expect(shown[0]?.getAttribute("data-type")).toBe(trace.events[0]?.type);
    const spacer = container.querySelector<HTMLElement>(".row-spacer");
    expect(Number.parseFloat(spacer?.style.height ?? "0")).toBeGreaterThan(0);
    expect(container.querySelector("caption")?.textContent).toContain(`${trace.events.length} events`);
  });
});
