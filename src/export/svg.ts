/**
 * A trace as a standalone SVG document: the on-screen diagram at the end of playback, drawn by the
 * diagram's string renderer (diagram/svgString.ts) with its stylesheet inlined and every colour
 * fixed for one theme. The app's export button and `npm run render` both call `traceToSvg`, so
 * their files are byte for byte the same. Pure; runs in the browser and in Node, without React.
 */
import { DIAGRAM_COLORS, exportCss, type DiagramTheme } from "../diagram/diagramStyles.ts";
import { drawingTooLarge } from "../diagram/drawLimit.ts";
import { layout } from "../diagram/layout.ts";
import { diagramId, diagramSvg, escapeXmlText } from "../diagram/svgString.ts";
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

/** Thrown for a trace with more packets than a diagram draws (diagram/drawLimit.ts). */
export class DrawingTooLargeError extends RangeError {}

/**
 * The whole diagram (every packet, mark and delivery) as an SVG document, ending in a newline.
 * Throws DrawingTooLargeError beyond MAX_DRAWN_PACKETS rather than build a file no viewer opens.
 */
export function traceToSvg(trace: Trace, options: SvgOptions = {}): string {
  const width = options.width ?? DEFAULT_SVG_WIDTH;
  const theme = options.theme ?? "light";
  if (!Number.isFinite(width) || width < MIN_SVG_WIDTH || width > MAX_SVG_WIDTH) {
    throw new RangeError(`width: expected a number from ${MIN_SVG_WIDTH} to ${MAX_SVG_WIDTH}; got ${width}`);
  }
  if (!SVG_THEMES.includes(theme)) {
    throw new RangeError(`theme: expected "light" or "dark"; got ${JSON.stringify(theme)}`);
  }
  const tooLarge = drawingTooLarge(trace);
  if (tooLarge !== null) {
    throw new DrawingTooLargeError(`${tooLarge}: export the JSON trace or Mermaid text instead`);
  }
  const diagram = layout(trace, { width });
  const title = `Sequence diagram: ${describeScenario(trace.scenario)}`;
  const description = `Time flows down; each arrow is a packet. ${describeOutcome(trace)}`;
  const head =
    `<style>\n${escapeXmlText(exportCss(theme))}\n</style>` +
    `<rect class="seq-background" x="0" y="0" width="${diagram.width}" height="${diagram.height}" ` +
    `fill="${DIAGRAM_COLORS[theme]["seq-bg"]}"></rect>`;
  const draw = (idPrefix: string) => diagramSvg(diagram, { title, description, head, idPrefix });
  // Ids from the drawing itself: the same file every time, and distinct diagrams pasted into one
  // page do not share ids.
  const svg = draw(diagramId(draw("seq")));
  return `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`;
}
