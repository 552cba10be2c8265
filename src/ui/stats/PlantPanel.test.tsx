// @vitest-environment jsdom
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PlantPanel } from "./PlantPanel.tsx";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement;
let root: Root;

beforeEach(() => {
  container = document.createElement("div");
  document.body.append(container);
  root = createRoot(container);
  act(() => root.render(<PlantPanel protocol="5.0" />));
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

const byTestId = (id: string) => container.querySelector<HTMLElement>(`[data-testid="${id}"]`);

/** Types into a field as a user would: React listens for input events on the native setter's value. */
function type(testId: string, text: string): void {
  const input = byTestId(testId) as HTMLInputElement;
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set;
  act(() => {
    setter?.call(input, text);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
}

function csvButtons(): HTMLButtonElement[] {
  return [...container.querySelectorAll("button")].filter((b) => b.textContent === "Download CSV");
}

describe("PlantPanel with a rejected input", () => {
  it("shows the tables and enables both CSVs while every input is accepted", () => {
    expect(byTestId("plant.table")?.textContent).toContain("1,440,000");
    expect(byTestId("radio.table")).not.toBeNull();
    expect(byTestId("radio.claims")).not.toBeNull();
    expect(csvButtons().map((b) => b.disabled)).toEqual([false, false]);
  });

  it("shows no plant figure and no battery claim for a rejected payload, and both CSVs wait", () => {
    type("plant.payload", "0.5");
    expect(byTestId("plant.table")).toBeNull();
    expect(byTestId("radio.table")).toBeNull();
    expect(byTestId("radio.claims")).toBeNull();
    expect(byTestId("plant.stale")?.textContent).toContain("Fix Payload (bytes) first.");
    expect(byTestId("plant.stale")?.textContent).toContain("No figures are shown");
    expect(csvButtons().map((b) => b.disabled)).toEqual([true, true]);
    // Not the last accepted figures either (the sizing examples are fixed texts, not the inputs').
    const claims = byTestId("plant.claims")?.textContent ?? "";
    expect(container.textContent?.replace(claims, "")).not.toMatch(/1,440,000|µC|mAh|\d\.\d+ MB/);

    type("plant.payload", "50");
    expect(byTestId("plant.table")?.textContent).toContain("1,440,000");
    expect(byTestId("radio.claims")).not.toBeNull();
    expect(byTestId("plant.stale")?.textContent).toBe("");
  });

  it("holds only what a rejected radio field feeds: the plant table stays", () => {
    type("radio.tx", "0");
    expect(byTestId("radio.table")).toBeNull();
    expect(byTestId("radio.claims")).toBeNull();
    expect(byTestId("plant.table")).not.toBeNull();
    expect(csvButtons().map((b) => b.disabled)).toEqual([false, true]);
  });

  it("keeps the battery claim when only the interval is rejected (it does not read it)", () => {
    type("plant.interval", "-1");
    expect(byTestId("plant.table")).toBeNull();
    expect(byTestId("radio.table")).toBeNull();
    expect(byTestId("radio.claims")).not.toBeNull();
  });
});
