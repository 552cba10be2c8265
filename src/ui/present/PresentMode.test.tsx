// @vitest-environment jsdom
/**
 * Presentation's full-screen request: the notice "Full screen is not available here" stands for a
 * refusal only, never for a request the browser has not answered yet (a slow, loaded machine), and
 * a request granted after presentation was left does not keep the page in full screen.
 */
import { act, createRef } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { NO_PLAYBACK } from "../noPlayback.ts";
import PresentMode from "./PresentMode.tsx";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** The browser's answer to requestFullscreen, held until the test gives it. */
interface Answer {
  grant(): void;
  refuse(): void;
}

let root: Root | null = null;
let answers: Answer[] = [];
let fullscreenElement: Element | null = null;
const exitFullscreen = vi.fn(() => {
  fullscreenElement = null;
  document.dispatchEvent(new Event("fullscreenchange"));
  return Promise.resolve();
});

beforeEach(() => {
  // jsdom has no Fullscreen API: this one answers when the test says, as a browser does.
  answers = [];
  fullscreenElement = null;
  exitFullscreen.mockClear();
  Object.defineProperty(document, "fullscreenEnabled", { configurable: true, get: () => true });
  Object.defineProperty(document, "fullscreenElement", { configurable: true, get: () => fullscreenElement });
  Object.defineProperty(document, "exitFullscreen", { configurable: true, value: exitFullscreen });
  Object.defineProperty(Element.prototype, "requestFullscreen", {
    configurable: true,
    value(this: Element) {
      return requestFullscreen(this);
    },
  });
});

/** The request, answered when the test grants or refuses it. */
function requestFullscreen(element: Element): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    answers.push({
      grant: () => {
        fullscreenElement = element;
        document.dispatchEvent(new Event("fullscreenchange"));
        resolve();
      },
      refuse: () => reject(new TypeError("Permissions check failed")),
    });
  });
}

afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = "";
  for (const name of ["fullscreenEnabled", "fullscreenElement", "exitFullscreen"]) {
    Reflect.deleteProperty(document, name);
  }
  Reflect.deleteProperty(Element.prototype, "requestFullscreen");
});

function present(onExit: () => void = () => {}): HTMLElement {
  const container = document.createElement("div");
  document.body.append(container);
  const target = createRef<HTMLElement>();
  const scroller = createRef<HTMLElement>();
  (target as { current: HTMLElement | null }).current = container;
  root = createRoot(container);
  act(() =>
    root?.render(
      <PresentMode
        target={target}
        scroller={scroller}
        playback={NO_PLAYBACK}
        playhead={0}
        revealed={false}
        onReveal={() => {}}
        onExit={onExit}
      />,
    ),
  );
  return container;
}

const bar = (c: HTMLElement) => c.querySelector('[data-testid="present.bar"]');
const notice = (c: HTMLElement) => c.querySelector('[data-testid="present.fallback"]');

describe("presentation's full-screen request", () => {
  it("shows no notice while the browser has not answered, and none once it grants", async () => {
    const page = present();
    expect(answers).toHaveLength(1);
    expect(bar(page)?.getAttribute("data-screen")).toBe("pending");
    expect(notice(page)).toBeNull();
    await act(async () => answers[0]?.grant());
    expect(bar(page)?.getAttribute("data-screen")).toBe("fullscreen");
    expect(notice(page)).toBeNull();
  });

  it("says the window is filled instead when the browser refuses", async () => {
    const page = present();
    await act(async () => answers[0]?.refuse());
    expect(bar(page)?.getAttribute("data-screen")).toBe("window");
    expect(notice(page)?.textContent).toContain("Full screen is not available here");
  });

  it("says so at once where full screen is not enabled, without asking", () => {
    Object.defineProperty(document, "fullscreenEnabled", { configurable: true, get: () => false });
    const page = present();
    expect(answers).toHaveLength(0);
    expect(bar(page)?.getAttribute("data-screen")).toBe("window");
    expect(notice(page)).not.toBeNull();
  });

  it("leaves full screen when it is granted only after presentation was left", async () => {
    present();
    act(() => root?.unmount());
    root = null;
    expect(exitFullscreen).not.toHaveBeenCalled();
    await act(async () => answers[0]?.grant());
    expect(exitFullscreen).toHaveBeenCalledTimes(1);
    expect(fullscreenElement).toBeNull();
  });

  it("leaves presentation when the browser leaves full screen (its own Esc)", async () => {
    const onExit = vi.fn();
    present(onExit);
    await act(async () => answers[0]?.grant());
    expect(onExit).not.toHaveBeenCalled();
    await act(async () => {
      fullscreenElement = null;
      document.dispatchEvent(new Event("fullscreenchange"));
    });
    expect(onExit).toHaveBeenCalledTimes(1);
  });
});
