// @vitest-environment jsdom
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { EXPORT_EXAMPLES } from "../export/examples.ts";
import { simulate } from "../sim/simulate.ts";
import { layout, type DiagramLayout } from "./layout.ts";
import { SequenceDiagram } from "../ui/diagram/SequenceDiagram.tsx";
import { stepsOf } from "../sim/steps.ts";
import { diagramId, diagramSvg, escapeXmlAttribute, escapeXmlText, playbackEnd } from "./svgString.ts";

/** jsdom parses a few hundred drawings here: generous, so a busy machine never fails it. */
const SLOW = { timeout: 120_000 };

const LAYOUTS = Object.entries(EXPORT_EXAMPLES).map(([name, scenario]) => {
  const trace = simulate(scenario);
  return [name, trace, layout(trace, { width: 900 })] as const;
});
const FIRST = (LAYOUTS[0] as (typeof LAYOUTS)[number])[2];

function parse(markup: string, type: DOMParserSupportedType): Element {
  const doc = new DOMParser().parseFromString(markup, type);
  expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
  return doc.querySelector("svg") as Element;
}

/** Every element with its attributes (ids and the references to them aside) and text, in order. */
function tree(node: Node): string {
  if (node.nodeType === 3) return node.textContent ?? "";
  if (!(node instanceof Element)) return "";
  const attributes = [...node.attributes]
    .filter((a) => !["id", "aria-labelledby", "aria-describedby"].includes(a.name))
    .map((a) => `${a.name}=${a.value}`)
    .sort()
    .join(" ");
  return `<${node.localName} ${attributes}>${[...node.childNodes].map(tree).join("")}</${node.localName}>`;
}

/** Playback times worth drawing: the start, every step, every arrow halfway, the end. */
function times(trace: ReturnType<typeof simulate>, diagram: DiagramLayout): number[] {
  const mid = diagram.arrows.map((a) => (a.event.t + a.tEnd) / 2);
  return [...new Set([0, ...stepsOf(trace).map((s) => s.t), ...mid, playbackEnd(diagram)])];
}

describe("diagramSvg: the still picture as a string", () => {
  it.each(LAYOUTS)(
    "draws exactly what the React still drawing draws, at every playback time: %s",
    SLOW,
    (_, trace, diagram) => {
      for (const time of times(trace, diagram)) {
        const title = "Sequence diagram";
        const description = "Time flows down";
        const react = renderToStaticMarkup(
          <SequenceDiagram still layout={diagram} time={time} title={title} description={description} />,
        );
        const svg = diagramSvg(diagram, { time, title, description, idPrefix: "d1" });
        expect(tree(parse(svg, "image/svg+xml")), `time ${time}`).toBe(tree(parse(react, "text/html")));
      }
    },
  );

  it.each(LAYOUTS)("has the live diagram's shapes and texts, also mid-flight: %s", (_, trace, diagram) => {
    const shapes = (root: Element) =>
      [...root.querySelectorAll("line:not(.seq-hit, .seq-playhead), path, circle, rect, text, tspan")]
        .map((el) => {
          const a = [
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
            "dy",
            "class",
          ];
          return `${el.localName} ${a.map((n) => el.getAttribute(n) ?? "").join(" ")} ${el.textContent}`;
        })
        .sort();
    for (const time of times(trace, diagram)) {
      const live = renderToStaticMarkup(
        <SequenceDiagram
          layout={diagram}
          time={time}
          selected={null}
          onToggle={() => {}}
          onSelect={() => {}}
          title="live"
        />,
      );
      const still = parse(diagramSvg(diagram, { time, title: "still", idPrefix: "d1" }), "image/svg+xml");
      expect(shapes(still), `time ${time}`).toEqual(shapes(parse(live, "text/html")));
    }
  });

  it("draws everything by default: the end of playback", () => {
    expect(diagramSvg(FIRST, { title: "t", idPrefix: "a" })).toBe(
      diagramSvg(FIRST, { title: "t", idPrefix: "a", time: playbackEnd(FIRST) }),
    );
    const root = parse(diagramSvg(FIRST, { title: "t", idPrefix: "a" }), "image/svg+xml");
    expect(root.querySelectorAll(".seq-arrow")).toHaveLength(FIRST.arrows.length);
    expect(root.querySelectorAll(".seq-badge")).toHaveLength(FIRST.badges.length);
    expect(root.querySelectorAll(".seq-mark")).toHaveLength(FIRST.marks.length);
  });

  it("escapes text and attributes, so any title reads back as written", () => {
    const title = `A <b>bold</b> & "quoted" 'title' ]]> ⚡`;
    const description = "<script>alert(1)</script> & more";
    const root = parse(diagramSvg(FIRST, { title, description, idPrefix: "e" }), "image/svg+xml");
    expect(root.querySelector("title")?.textContent).toBe(title);
    expect(root.querySelector("desc")?.textContent).toBe(description);
    expect(root.querySelector("script, b")).toBeNull();
    expect(escapeXmlText("a<b>&c")).toBe("a&lt;b&gt;&amp;c");
    expect(escapeXmlAttribute(`"x" & <y>`)).toBe("&quot;x&quot; &amp; &lt;y&gt;");
  });

  it("names itself by ids under its own prefix, and refuses a prefix that is not an XML name", () => {
    const root = parse(
      diagramSvg(FIRST, { title: "t", description: "d", idPrefix: "diagram-7" }),
      "image/svg+xml",
    );
    const ids = [...root.querySelectorAll("[id]")].map((el) => el.id);
    expect(ids).toEqual(["diagram-7-title", "diagram-7-desc"]);
    expect(root.getAttribute("aria-labelledby")).toBe("diagram-7-title");
    expect(root.getAttribute("aria-describedby")).toBe("diagram-7-desc");
    expect(() => diagramSvg(FIRST, { title: "t", idPrefix: "7 bad" })).toThrow(/idPrefix/);
    expect(() => diagramSvg(FIRST, { title: "t", idPrefix: 'a"b' })).toThrow(RangeError);
  });

  it("needs no React and no DOM, so the export and the command line load neither", () => {
    const sources = import.meta.glob<string>(
      ["./svgString.ts", "./geometry.ts", "./layout.ts", "./diagramStyles.ts", "../export/svg.ts"],
      { query: "?raw", import: "default", eager: true },
    );
    expect(Object.keys(sources)).toHaveLength(5);
    for (const [file, text] of Object.entries(sources)) {
      expect(text, file).not.toMatch(/from "react|\.tsx"|\bdocument\.|\bwindow\./);
    }
  });

  it("derives the same id prefix from the same seed, and different ones from different seeds", () => {
    expect(diagramId("one diagram")).toBe(diagramId("one diagram"));
    expect(diagramId("one diagram")).not.toBe(diagramId("another diagram"));
    expect(diagramId("")).toMatch(/^seq-[0-9a-z]+$/);
  });
});
