/**
 * A trace as a standalone SVG document: the on-screen diagram at the end of playback, drawn by
 * the same component (SequenceDiagram, `still`), with its stylesheet inlined and every colour
 * fixed for one theme. The app's export button and `npm run render` both call `traceToSvg`, so
 * their files are byte for byte the same. Pure; runs in the browser and in Node.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { DIAGRAM_COLORS, exportCss, type DiagramTheme } from "../diagram/diagramStyles.ts";
import { layout } from "../diagram/layout.ts";
import { SequenceDiagram } from "../diagram/SequenceDiagram.tsx";
import type { Trace } from "../sim/types.ts";
import { describeOutcome, describeScenario } from "./describe.ts";

export type { DiagramTheme } from "../diagram/diagramStyles.ts";

export interface SvgOptions {
  /** Width in pixels, as the diagram is laid out on the page; default 960. */
  width?: number;
  /** Default "light". The file does not follow the viewer's colour scheme: it looks the same everywhere. */
  theme?: DiagramTheme;
}

export const DEFAULT_SVG_WIDTH = 960;
export const MIN_SVG_WIDTH = 200;
export const MAX_SVG_WIDTH = 20_000;
export const SVG_THEMES: readonly DiagramTheme[] = ["light", "dark"];

/** The whole diagram (every packet, mark and delivery) as an SVG document, ending in a newline. */
export function traceToSvg(trace: Trace, options: SvgOptions = {}): string {
  const width = options.width ?? DEFAULT_SVG_WIDTH;
  const theme = options.theme ?? "light";
  if (!Number.isFinite(width) || width < MIN_SVG_WIDTH || width > MAX_SVG_WIDTH) {
    throw new RangeError(`width: expected a number from ${MIN_SVG_WIDTH} to ${MAX_SVG_WIDTH}; got ${width}`);
  }
  if (!SVG_THEMES.includes(theme)) {
    throw new RangeError(`theme: expected "light" or "dark"; got ${JSON.stringify(theme)}`);
  }
  const diagram = layout(trace, { width });
  // The end of playback: every arrow has landed or died, every mark and delivery is drawn.
  const end = Math.max(diagram.duration, ...diagram.arrows.map((a) => a.tEnd));
  const markup = renderToStaticMarkup(
    createElement(SequenceDiagram, {
      still: true,
      layout: diagram,
      time: end,
      title: `Sequence diagram: ${describeScenario(trace.scenario)}`,
      description: `Time flows down; each arrow is a packet. ${describeOutcome(trace)}`,
    }),
  );
  // The style and the background go right after the root's <title> and <desc>.
  const at = markup.indexOf("</desc>") + "</desc>".length;
  if (at < "</desc>".length) throw new Error("traceToSvg: the diagram has no <desc>");
  const style = `<style>\n${escapeText(exportCss(theme))}\n</style>`;
  const background =
    `<rect class="seq-background" x="0" y="0" width="${diagram.width}" height="${diagram.height}" ` +
    `fill="${DIAGRAM_COLORS[theme]["seq-bg"]}"></rect>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${markup.slice(0, at)}${style}${background}${markup.slice(at)}\n`;
}

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
}
