/**
 * The shapes, classes and texts the diagram draws for a layout's arrows, badges and marks: one
 * source for the live component (ui/diagram/SequenceDiagram.tsx) and the string renderer (svgString.ts), so
 * the page and every exported file draw the same picture. Pure.
 */
import type { Rect } from "./boxes.ts";
import type { Arrow, Badge, Mark, TextBox } from "./layout.ts";

/** Where an arrow is drawn at `progress` (0..1] of its flight. */
export function arrowGeometry(arrow: Arrow, progress: number) {
  const { x1, y1, endX, endY } = arrow;
  return {
    x: x1 + (endX - x1) * progress,
    y: y1 + (endY - y1) * progress,
    done: progress >= 1,
  };
}

/** One line of a laid-out text: where it starts (the first line at the box's baseline). */
export interface TextLine {
  text: string;
  /** Offset from the previous line's baseline. */
  dy: number;
  bold: boolean;
}

/** A text box's lines, as tspans draw them; a single line is drawn as plain text. */
export function textLines(box: TextBox): TextLine[] {
  return box.lines.map((text, i) => ({ text, dy: i === 0 ? 0 : box.lineH, bold: i < box.strong }));
}

/** The font size to set on a text, when the layout is scaled (otherwise the stylesheet's). */
export function fontSizeOf(box: TextBox): string | undefined {
  return box.sized ? `${box.fontPx}px` : undefined;
}

export function arrowClass(arrow: Arrow, selected: boolean): string {
  const { event } = arrow;
  return [
    "seq-arrow",
    `seq-arrow-${event.packet.toLowerCase()}`,
    event.dropped ? "is-lost" : "",
    arrow.lostWithConnection ? "is-lost-with-connection" : "",
    event.dup || event.resend ? "is-resend" : "",
    selected ? "is-selected" : "",
  ]
    .filter(Boolean)
    .join(" ");
}

/** The arrow's label as drawn; the accessible name contains it too (WCAG 2.5.3, label in name). */
export function visibleLabel(arrow: Arrow): string {
  return arrow.labelBox.lines.join(" ");
}

/** An arrowhead at (x, y) pointing along the line from (x0, y0). */
export function tip(x0: number, y0: number, x: number, y: number, scale = 1): string {
  const a = Math.atan2(y - y0, x - x0);
  const l = 12 * scale;
  const w = 0.45;
  const p1 = `${x - l * Math.cos(a - w)},${y - l * Math.sin(a - w)}`;
  const p2 = `${x - l * Math.cos(a + w)},${y - l * Math.sin(a + w)}`;
  return `M${x},${y} L${p1} L${p2} z`;
}

/** The ✕ where a lost packet died. */
export function cross(x: number, y: number, scale = 1): string {
  const r = 7 * scale;
  return `M${x - r},${y - r} L${x + r},${y + r} M${x + r},${y - r} L${x - r},${y + r}`;
}

/** A delivery badge's classes (without any animation). */
export function badgeClass(badge: Badge): string {
  return ["seq-badge", badge.final ? "is-final" : "is-forward", badge.duplicate ? "is-duplicate" : ""]
    .filter(Boolean)
    .join(" ");
}

/** The zigzag across a hop where its connection broke. */
export function connectionLostPath(mark: Mark, s = 1): string {
  const mid = (mark.x1 + mark.x2) / 2;
  const { y } = mark;
  return `M${mark.x1},${y} L${mid - 12 * s},${y} L${mid - 4 * s},${y - 9 * s} L${mid + 4 * s},${y + 9 * s} L${mid + 12 * s},${y} L${mark.x2},${y}`;
}

/** The band on the broker's lane while it is down (a broker-up mark: y0 down, y up). */
export function downBand(mark: Pick<Mark, "x" | "y" | "y0">, s = 1): Rect {
  return { x: mark.x - 5 * s, y: mark.y0, w: 10 * s, h: Math.max(mark.y - mark.y0, 2 * s) };
}

/** The bracket beside a lane from where a resend timer started to where it fired. */
export function timeoutPath(mark: Mark, s = 1): string {
  const a = mark.x - 8 * s;
  const b = mark.x - 14 * s;
  return `M${a},${mark.y0} L${b},${mark.y0} L${b},${mark.y} L${a},${mark.y}`;
}
