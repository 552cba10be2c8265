// @vitest-environment jsdom
/**
 * One vocabulary: the element's controls, hint and notice use the app's words (share/vocabulary.ts),
 * as the app's playback bar (shared by the embed) and the app's own lines show them.
 */
import { readFileSync } from "node:fs";
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, describe, expect, it } from "vitest";
import { readAttributes } from "../share/attributes.ts";
import { DROP_HINT, noticeIntro, PLAYBACK_WORDS, START_HINT } from "../share/displayVocabulary.ts";
import { PlaybackBar } from "../ui/PlaybackBar.tsx";
import { NO_PLAYBACK } from "../ui/noPlayback.ts";
import type { Playback } from "../ui/usePlayback.ts";
import { HandshakeView } from "./HandshakeView.tsx";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = "";
});

function render(node: React.ReactNode): HTMLElement {
  const container = document.createElement("div");
  document.body.append(container);
  root = createRoot(container);
  act(() => root?.render(node));
  return container;
}

const labels = (el: HTMLElement) => [...el.querySelectorAll("button")].map((b) => b.textContent.trim());

function element(attributes: Record<string, string>): HTMLElement {
  const read = readAttributes((name) => attributes[name] ?? null);
  return render(<HandshakeView options={read.options} problems={read.ok ? [] : read.problems} />);
}

/** Stopped at the start of a four-step trace: every button of the bar is there. */
const idle: Playback = { ...NO_PLAYBACK, to: 100, atEnd: false, steps: 4, instants: 4 };

describe("the element speaks the app's words", () => {
  it("its playback buttons are named as the app's and the embed's playback bar names them", () => {
    const bar = labels(render(<PlaybackBar playback={idle} />));
    expect(bar).toEqual([
      PLAYBACK_WORDS.restart,
      PLAYBACK_WORDS.previous,
      PLAYBACK_WORDS.play,
      PLAYBACK_WORDS.next,
    ]);
    act(() => root?.unmount());
    const own = labels(element({ qos: "1", controls: "playback" }));
    expect(own).toEqual([PLAYBACK_WORDS.previous, PLAYBACK_WORDS.play, PLAYBACK_WORDS.next]);
    for (const label of own) expect(bar).toContain(label);
  });

  it("its drop hint is the app's, and its verdict lines read as the app's", () => {
    const view = element({ qos: "1", drop: "PUBACK", controls: "full" });
    expect(view.querySelector(".hint")?.textContent).toBe(DROP_HINT);
    expect(view.querySelector("[data-verdict]")?.textContent).toMatch(/^Message 1: [a-z]/);
    // The app says the same under its diagram, and the embed's narration starts as START_HINT.
    expect(readFileSync("src/app/Workspace.tsx", "utf8")).toContain(DROP_HINT);
    expect(readFileSync("src/embed/EmbedApp.tsx", "utf8")).toContain("START_HINT");
    expect(START_HINT).toContain("Press Play.");
  });

  it("a bad attribute is named above a drawing with its default, as the embed names a bad parameter", () => {
    const view = element({ qos: "7", drop: "PUBACK" });
    const notice = view.querySelector('[role="alert"]');
    expect(notice?.querySelector("p")?.textContent).toBe(noticeIntro("element"));
    expect(notice?.textContent).toContain("qos: expected one of 0, 1, 2; got 7");
    expect(noticeIntro("embed")).toBe(noticeIntro("element").replace("attributes", "parameters"));
    // The good attribute still counts: the default QoS 1 with its PUBACK dropped.
    expect(view.querySelector("svg.seq")).not.toBeNull();
    expect(view.querySelector("[data-verdict]")?.getAttribute("data-verdict")).toBe("duplicated");
    const dismiss = [...view.querySelectorAll("button")].find((b) => b.textContent === "Dismiss");
    act(() => dismiss?.click());
    expect(view.querySelector('[role="alert"]')).toBeNull();
  });
});
