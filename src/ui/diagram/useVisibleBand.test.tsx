// @vitest-environment jsdom
import { act, useRef } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Band } from "../../diagram/visible.ts";
import { useVisibleBand } from "./useVisibleBand.ts";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** jsdom lays nothing out: the element's box, how often it was asked for, and the pending frames. */
let box = { top: 0, height: 1000 };
let measured = 0;
let frames: FrameRequestCallback[] = [];
let resized: (() => void) | null = null;
let root: Root | null = null;
let container: HTMLDivElement;

beforeEach(() => {
  box = { top: 0, height: 1000 };
  measured = 0;
  frames = [];
  resized = null;
  vi.stubGlobal("innerHeight", 800);
  vi.stubGlobal("requestAnimationFrame", (callback: FrameRequestCallback) => frames.push(callback));
  vi.stubGlobal("cancelAnimationFrame", () => {});
  vi.stubGlobal(
    "ResizeObserver",
    class {
      constructor(callback: () => void) {
        resized = callback;
      }
      observe() {}
      disconnect() {}
    },
  );
  container = document.createElement("div");
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root?.unmount());
  root = null;
  container.remove();
  vi.unstubAllGlobals();
});

function Probe({ height }: { height: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const band = useVisibleBand(ref, true, height);
  return <div ref={ref} data-band={band ? JSON.stringify(band) : undefined} />;
}

/** The band the probe last drew with. */
function seen(): Band | null {
  const drawn = container.firstElementChild?.getAttribute("data-band");
  return drawn ? (JSON.parse(drawn) as Band) : null;
}

function render(height: number) {
  act(() => root?.render(<Probe height={height} />));
  const element = container.firstElementChild as HTMLElement;
  element.getBoundingClientRect = () => {
    measured += 1;
    return { top: box.top, height: box.height, bottom: box.top + box.height } as DOMRect;
  };
}

function nextFrame() {
  const pending = frames;
  frames = [];
  act(() => pending.forEach((callback) => callback(0)));
}

describe("useVisibleBand", () => {
  it("measures a taller drawing in the next frame, when its element resizes, not in the render that brings it", () => {
    render(1000);
    // The first render measures once mounted (the element had no box stub yet: jsdom's, all zero).
    expect(seen()).toBeNull();
    measured = 0;
    act(() => resized?.());
    nextFrame();
    expect(measured).toBe(1);
    expect(seen()).toEqual({ top: -800, bottom: 1600 });

    // A click that makes the drawing taller: the same element, drawn 1,500 px tall.
    render(1500);
    expect(measured).toBe(1);
    box = { top: 0, height: 1500 };
    act(() => resized?.());
    nextFrame();
    expect(measured).toBe(2);
    expect(seen()).toEqual({ top: -800, bottom: 1600 });
  });

  it("gives the band in the drawing's units, from the height given when it measures", () => {
    render(1000);
    box = { top: -400, height: 500 };
    act(() => resized?.());
    nextFrame();
    // Drawn at half size: 2 drawing px a screen px. The screen shows 800–2400, a screen's margin each side.
    expect(seen()).toEqual({ top: -800, bottom: 4000 });
  });
});
