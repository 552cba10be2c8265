/**
 * The shapes, classes and texts the diagram draws for a layout's arrows, badges and marks: one
 * source for the live component (ui/diagram/SequenceDiagram.tsx) and the string renderer (svgString.ts), so
 * the page and every exported file draw the same picture. Pure.
 */
import type { Arrow, Badge, Mark } from "./layout.ts";

/** Where an arrow is drawn at `progress` (0..1] of its flight, and its label's place. */
export function arrowGeometry(arrow: Arrow, progress: number) {
  const { x1, y1, endX, endY } = arrow;
  const lost = arrow.event.dropped;
  return {
    x: x1 + (endX - x1) * progress,
    y: y1 + (endY - y1) * progress,
    done: progress >= 1,
    // A lost packet's label sits over its ✕, away from whatever happens at its sender.
    labelX: lost ? endX : (x1 + endX) / 2,
    labelY: lost ? endY - 12 : (y1 + endY) / 2 - 6,
  };
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
  if (!arrow.event.dropped) return arrow.label;
  return arrow.label + (arrow.lostWithConnection ? " · lost with link" : " · LOST");
}

/** An arrowhead at (x, y) pointing along the line from (x0, y0). */
export function tip(x0: number, y0: number, x: number, y: number): string {
  const a = Math.atan2(y - y0, x - x0);
  const l = 12;
  const w = 0.45;
  const p1 = `${x - l * Math.cos(a - w)},${y - l * Math.sin(a - w)}`;
  const p2 = `${x - l * Math.cos(a + w)},${y - l * Math.sin(a + w)}`;
  return `M${x},${y} L${p1} L${p2} z`;
}

/** The ✕ where a lost packet died. */
export function cross(x: number, y: number): string {
  const r = 7;
  return `M${x - r},${y - r} L${x + r},${y + r} M${x + r},${y - r} L${x - r},${y + r}`;
}

/** A delivery badge: its classes (without any animation), circle centre, side of its lane, text. */
export function badgeLook(badge: Badge) {
  const className = [
    "seq-badge",
    badge.final ? "is-final" : "is-forward",
    badge.duplicate ? "is-duplicate" : "",
  ]
    .filter(Boolean)
    .join(" ");
  const side = badge.party === "publisher" ? -1 : 1;
  const cx = badge.x + side * 22;
  const what = badge.final ? (badge.duplicate ? `DUPLICATE (${badge.count}×)` : "delivered") : "forwarded";
  const note = badge.processed === "ignored" ? " · ignored" : "";
  return { className, side, cx, text: `m${badge.message} ${what}${note}` };
}

/** The zigzag across a hop where its connection broke. */
export function connectionLostPath(mark: Mark): string {
  const mid = (mark.x1 + mark.x2) / 2;
  return `M${mark.x1},${mark.y} L${mid - 12},${mark.y} L${mid - 4},${mark.y - 9} L${mid + 4},${mark.y + 9} L${mid + 12},${mark.y} L${mark.x2},${mark.y}`;
}

/** The bracket beside a lane from where a resend timer started to where it fired. */
export function timeoutPath(mark: Mark): string {
  return `M${mark.x - 8},${mark.y0} L${mark.x - 14},${mark.y0} L${mark.x - 14},${mark.y} L${mark.x - 8},${mark.y}`;
}
