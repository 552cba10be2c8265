// @vitest-environment jsdom
import { act, createRef, type ReactNode } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, describe, expect, it } from "vitest";
import { layout } from "../../diagram/layout.ts";
import { simulate } from "../../sim/simulate.ts";
import { LaneHeaders } from "./LaneHeaders.tsx";
import { SequenceDiagram } from "./SequenceDiagram.tsx";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = "";
});

function mount(node: ReactNode): HTMLElement {
  const container = document.createElement("div");
  document.body.append(container);
  root = createRoot(container);
  act(() => root?.render(node));
  return container;
}

const DIAGRAM = layout(simulate({ publishQos: 2, subscriber: { qos: 2 } }), { width: 700 });
const names = (el: Element) => [...el.querySelectorAll(".seq-lane text")].map((t) => t.textContent);

describe("LaneHeaders", () => {
  it("names every lane at the layout's lane x, with the diagram's header geometry", () => {
    const scroller = createRef<HTMLDivElement>();
    const page = mount(<LaneHeaders lanes={DIAGRAM.lanes} width={DIAGRAM.width} scrollRef={scroller} />);
    expect(names(page)).toEqual(["Publisher", "Broker", "Subscriber"]);
    const xs = [...page.querySelectorAll(".seq-lane text")].map((t) => Number(t.getAttribute("x")));
    expect(xs).toEqual(DIAGRAM.lanes.map((lane) => lane.x));
    expect(page.querySelector("svg")?.getAttribute("width")).toBe(String(DIAGRAM.width));
  });

  it("follows the diagram when it scrolls sideways", () => {
    const scroller = createRef<HTMLDivElement>();
    const page = mount(
      <>
        <LaneHeaders lanes={DIAGRAM.lanes} width={DIAGRAM.width} scrollRef={scroller} />
        <div ref={scroller} />
      </>,
    );
    const strip = page.querySelector<HTMLElement>('[data-testid="lane-headers"]');
    const element = scroller.current;
    if (!strip || !element) throw new Error("not drawn");
    element.scrollLeft = 120;
    act(() => {
      element.dispatchEvent(new Event("scroll"));
    });
    expect(strip.scrollLeft).toBe(120);
  });
});

describe("SequenceDiagram headers={false}", () => {
  it("leaves the lane names to the strip and keeps the lanes", () => {
    const props = { layout: DIAGRAM, time: DIAGRAM.duration, selected: null, title: "t" } as const;
    const noop = () => {};
    const own = mount(<SequenceDiagram {...props} onToggle={noop} onSelect={noop} />);
    expect(names(own)).toEqual(["Publisher", "Broker", "Subscriber"]);
    act(() => root?.unmount());
    const bare = mount(<SequenceDiagram {...props} onToggle={noop} onSelect={noop} headers={false} />);
    expect(names(bare)).toEqual([]);
    expect(bare.querySelectorAll(".seq-lane line")).toHaveLength(3);
    expect(bare.querySelectorAll(".seq-lane rect")).toHaveLength(0);
  });
});
