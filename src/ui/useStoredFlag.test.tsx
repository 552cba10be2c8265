// @vitest-environment jsdom
import { act, useEffect } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useStoredFlag } from "./useStoredFlag.ts";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let current: [boolean, (value: boolean) => void] | null = null;
function Probe({ fallback }: { fallback: boolean }) {
  const flag = useStoredFlag("test.flag", () => fallback);
  useEffect(() => {
    current = flag;
  });
  return null;
}

function mount(fallback: boolean) {
  const root = createRoot(document.createElement("div"));
  act(() => root.render(<Probe fallback={fallback} />));
  return root;
}

afterEach(() => {
  window.localStorage.clear();
  vi.restoreAllMocks();
  current = null;
});

describe("useStoredFlag", () => {
  it("uses the fallback until the reader chooses, then remembers the choice after a reload", () => {
    let root = mount(true);
    expect(current?.[0]).toBe(true);
    act(() => current?.[1](false));
    expect(current?.[0]).toBe(false);
    act(() => root.unmount());

    root = mount(true);
    expect(current?.[0]).toBe(false);
    act(() => root.unmount());
  });

  it("stores nothing when told what it already is (a details element reporting its first opening)", () => {
    const root = mount(true);
    act(() => current?.[1](true));
    expect(window.localStorage.getItem("test.flag")).toBeNull();
    act(() => root.unmount());
  });

  it("works for the visit where storage is refused", () => {
    vi.spyOn(Storage.prototype, "getItem").mockImplementation(() => {
      throw new Error("denied");
    });
    vi.spyOn(Storage.prototype, "setItem").mockImplementation(() => {
      throw new Error("denied");
    });
    const root = mount(false);
    expect(current?.[0]).toBe(false);
    act(() => current?.[1](true));
    expect(current?.[0]).toBe(true);
    act(() => root.unmount());
  });
});
