// @vitest-environment jsdom
import { act, useEffect } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, describe, expect, it } from "vitest";
import { emptyProgress, PROGRESS_KEY, progressText, recordStep } from "../../lessons/progress.ts";
import { useProgress } from "./useProgress.ts";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let current: ReturnType<typeof useProgress> | null = null;
function Probe() {
  const progress = useProgress();
  useEffect(() => {
    current = progress;
  });
  return null;
}

function mount() {
  const root = createRoot(document.createElement("div"));
  act(() => root.render(<Probe />));
  return root;
}

afterEach(() => {
  window.localStorage.clear();
  current = null;
});

describe("useProgress", () => {
  it("writes each change to localStorage and reads it back after a reload", () => {
    let root = mount();
    expect(current?.progress).toEqual(emptyProgress());
    expect(window.localStorage.getItem(PROGRESS_KEY)).toBeNull();
    act(() => current?.dispatch({ type: "answer", lesson: "a", step: 1, choice: ["once"], correct: true }));
    const stored = JSON.parse(window.localStorage.getItem(PROGRESS_KEY) ?? "null") as unknown;
    expect(stored).toEqual(current?.progress);
    act(() => root.unmount());

    root = mount();
    expect(current?.progress.lessons["a"]?.answers["1"]).toEqual({ choice: ["once"], correct: true });
    act(() => root.unmount());
  });

  it("follows another tab's change instead of writing over it", () => {
    const root = mount();
    const theirs = recordStep(emptyProgress(), "b", 4);
    act(() => {
      window.localStorage.setItem(PROGRESS_KEY, progressText(theirs));
      window.dispatchEvent(
        new StorageEvent("storage", { key: PROGRESS_KEY, newValue: progressText(theirs) }),
      );
    });
    expect(current?.progress).toEqual(theirs);
    act(() => root.unmount());
  });

  it("says when the stored progress cannot be read, and keeps it aside", () => {
    window.localStorage.setItem(PROGRESS_KEY, "{ not json");
    const root = mount();
    expect(current?.problem).toMatch(/could not be read/);
    expect(current?.progress).toEqual(emptyProgress());
    act(() => root.unmount());
  });
});
