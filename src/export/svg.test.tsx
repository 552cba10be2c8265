// @vitest-environment jsdom
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DIAGRAM_COLORS, exportCss, resolveColors, SCREEN_CSS } from "../diagram/diagramStyles.ts";
import { layout, packetAriaLabel } from "../diagram/layout.ts";
import { SequenceDiagram } from "../ui/diagram/SequenceDiagram.tsx";
import { simulate } from "../sim/simulate.ts";
import type { PacketEvent, Trace } from "../sim/types.ts";
import { EXPORT_EXAMPLES } from "./examples.ts";
import { MAX_DRAWN_PACKETS } from "../diagram/drawLimit.ts";
import { svgToPng } from "./png.ts";
import { DrawingTooLargeError, traceToSvg } from "./svg.ts";

const EXAMPLES = Object.entries(EXPORT_EXAMPLES).map(
  ([name, scenario]) => [name, simulate(scenario)] as const,
);
const [, TRACE] = EXAMPLES[0] as readonly [string, Trace];

function parse(svg: string): Document {
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
  expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
  return doc;
}

function packets(trace: Trace): PacketEvent[] {
  return trace.events.filter((e): e is PacketEvent => e.type === "packet");
}

describe("traceToSvg: a standalone document", () => {
  it.each(EXAMPLES)("is well-formed XML with the SVG namespace, a size and one <style>: %s", (_, trace) => {
    const svg = traceToSvg(trace, { width: 900 });
    expect(
      svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"'),
    ).toBe(true);
    const root = parse(svg).documentElement;
    expect(root.namespaceURI).toBe("http://www.w3.org/2000/svg");
    expect(root.getAttribute("width")).toBe("900");
    expect(Number(root.getAttribute("height"))).toBe(layout(trace, { width: 900 }).height);
    expect(root.getAttribute("viewBox")).toBe(`0 0 900 ${root.getAttribute("height")}`);
    expect(root.getElementsByTagName("style")).toHaveLength(1);
    expect(root.querySelector(":scope > title")?.textContent).toMatch(/^Sequence diagram: MQTT /);
    expect(root.querySelector(":scope > desc")?.textContent).toMatch(/Message 1: /);
  });

  it.each(EXAMPLES)("refers to nothing outside itself and has no live-page hooks: %s", (_, trace) => {
    const svg = traceToSvg(trace);
    expect(svg).not.toMatch(/href|url\(|@import|<script|<foreignObject|<image/i);
    expect(svg.replace('xmlns="http://www.w3.org/2000/svg"', "")).not.toMatch(/https?:/);
    expect(svg).not.toMatch(/data-testid|tabindex|role="button"|aria-pressed|seq-playhead|seq-hit/);
  });

  it("names itself by its title and description, with ids no other diagram shares", () => {
    const idsOf = (svg: string) => [...parse(svg).querySelectorAll("[id]")].map((el) => el.id);
    const all = EXAMPLES.flatMap(([, trace]) => [
      traceToSvg(trace),
      traceToSvg(trace, { theme: "dark" }),
      traceToSvg(trace, { width: 700 }),
    ]);
    for (const svg of all) {
      const root = parse(svg).documentElement;
      const [title, desc] = idsOf(svg);
      expect(idsOf(svg)).toHaveLength(2);
      expect(root.getAttribute("aria-labelledby")).toBe(title);
      expect(root.getAttribute("aria-describedby")).toBe(desc);
      expect(root.querySelector(`:scope > title`)?.id).toBe(title);
    }
    const ids = all.flatMap(idsOf);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("resolves every colour for the theme: no variables, no dependence on the viewer's scheme", () => {
    const light = traceToSvg(TRACE);
    const dark = traceToSvg(TRACE, { theme: "dark" });
    for (const svg of [light, dark]) {
      expect(svg).not.toContain("var(--");
      expect(svg).not.toContain("prefers-color-scheme");
    }
    const background = (svg: string) => parse(svg).querySelector(".seq-background")?.getAttribute("fill");
    expect(background(light)).toBe(DIAGRAM_COLORS.light["seq-bg"]);
    expect(background(dark)).toBe(DIAGRAM_COLORS.dark["seq-bg"]);
    expect(light).toContain(`fill: ${DIAGRAM_COLORS.light["seq-ink"]}`);
    expect(dark).toContain(`fill: ${DIAGRAM_COLORS.dark["seq-ink"]}`);
    expect(light).toMatch(/font-family: system-ui, /);
  });

  it("is the same text every time for the same trace and options", () => {
    expect(traceToSvg(TRACE, { width: 777, theme: "dark" })).toBe(
      traceToSvg(TRACE, { width: 777, theme: "dark" }),
    );
    expect(traceToSvg(TRACE)).toBe(traceToSvg(TRACE, { width: 960, theme: "light" }));
  });

  it("refuses a width or theme it cannot draw", () => {
    expect(() => traceToSvg(TRACE, { width: Number.NaN })).toThrow(RangeError);
    expect(() => traceToSvg(TRACE, { width: 50 })).toThrow(/width/);
    expect(() => traceToSvg(TRACE, { theme: "sepia" as "light" })).toThrow(/theme/);
  });
});

describe("traceToSvg: the whole diagram, as on screen", () => {
  it.each(EXAMPLES)(
    "draws one arrow, line and label per packet, and an ✕ per lost packet: %s",
    (_, trace) => {
      const doc = parse(traceToSvg(trace));
      const sent = packets(trace);
      expect(doc.querySelectorAll(".seq-arrow")).toHaveLength(sent.length);
      expect(doc.querySelectorAll(".seq-arrow > .seq-line")).toHaveLength(sent.length);
      expect(doc.querySelectorAll(".seq-label")).toHaveLength(sent.length);
      expect(doc.querySelectorAll(".seq-cross")).toHaveLength(sent.filter((e) => e.dropped).length);
      expect(doc.querySelectorAll(".seq-tip")).toHaveLength(sent.filter((e) => !e.dropped).length);
    },
  );

  it.each(EXAMPLES)(
    "names every arrow in a <title>, as the live page's accessible name does: %s",
    (_, trace) => {
      const titles = [...parse(traceToSvg(trace)).querySelectorAll(".seq-arrow > title")].map(
        (t) => t.textContent,
      );
      expect(titles).toHaveLength(packets(trace).length);
      packets(trace).forEach((e, i) => expect(titles[i]?.startsWith(`${packetAriaLabel(e)} (`)).toBe(true));
    },
  );

  it.each(EXAMPLES)("has the live diagram's geometry and text at the end of playback: %s", (_, trace) => {
    const diagram = layout(trace, { width: 960 });
    const live = renderToStaticMarkup(
      <SequenceDiagram
        layout={diagram}
        time={Number.POSITIVE_INFINITY}
        selected={null}
        onToggle={() => {}}
        onSelect={() => {}}
        title="live"
      />,
    );
    const liveSvg = new DOMParser().parseFromString(live, "text/html").querySelector("svg") as SVGSVGElement;
    const still = parse(traceToSvg(trace)).documentElement;
    const shapes = (root: Element) =>
      [
        ...root.querySelectorAll(
          "line:not(.seq-hit, .seq-playhead), path, circle, rect:not(.seq-background), text",
        ),
      ]
        .map((el) => {
          const attributes = [
            "x",
            "y",
            "x1",
            "y1",
            "x2",
            "y2",
            "d",
            "cx",
            "cy",
            "r",
            "width",
            "height",
            "class",
          ];
          return `${el.localName} ${attributes.map((a) => el.getAttribute(a) ?? "").join(" ")} ${el.textContent}`;
        })
        .sort();
    expect(shapes(still).length).toBeGreaterThan(3 * packets(trace).length);
    expect(shapes(still)).toEqual(shapes(liveSvg));
    // Animation classes (how a mark enters on the live page) aside.
    const classes = (root: Element) =>
      [...root.querySelectorAll("g")].map((g) => g.getAttribute("class")?.replace(/ seq-(fade|pop)\b/g, ""));
    expect(classes(still)).toEqual(classes(liveSvg));
  });
});

describe("diagram styles: one source for the page and the export", () => {
  it("gives the page both themes as variables, and the export the drawing rules resolved", () => {
    expect(SCREEN_CSS).toContain("@media (prefers-color-scheme: dark)");
    for (const [name, value] of Object.entries(DIAGRAM_COLORS.dark))
      expect(SCREEN_CSS).toContain(`--${name}: ${value};`);
    const css = exportCss("light");
    expect(css).not.toMatch(/var\(|:hover|:focus|cursor|seq-playhead/);
    expect(css).toContain(".seq-label {");
  });

  it("refuses a variable that has no colour", () => {
    expect(() => resolveColors("a { fill: var(--seq-nope); }", "light")).toThrow(/seq-nope/);
  });
});

describe("pictures too large to be useful", () => {
  it("refuses an SVG of more packets than a diagram draws, saying what to export instead", () => {
    const messages = Array.from({ length: MAX_DRAWN_PACKETS / 2 + 1 }, () => ({}));
    const trace = simulate({ publishQos: 1, messages });
    expect(() => traceToSvg(trace)).toThrow(DrawingTooLargeError);
    expect(() => traceToSvg(trace)).toThrow(
      "the diagram would have 20,002 packets, more than the 20,000 a diagram draws (10,001 messages): " +
        "export the JSON trace or Mermaid text instead",
    );
  });

  it("refuses a PNG taller than a canvas holds at its own size, before drawing anything", async () => {
    const tall = '<svg xmlns="http://www.w3.org/2000/svg" width="960" height="40000"></svg>';
    await expect(svgToPng(tall)).rejects.toThrow(
      "svgToPng: the diagram is 960 × 40,000 px; a PNG holds at most 32,767 px a side: export the SVG instead",
    );
  });
});
