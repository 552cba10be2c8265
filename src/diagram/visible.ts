/**
 * The part of a layout inside a horizontal band of the drawing, so that a long diagram draws only
 * what can be seen (plus a margin) instead of every arrow of a 1,000-message trace. Pure; linear in
 * the layout, with no geometry of its own: every coordinate comes from `layout`.
 */
import type { Arrow, Badge, DiagramLayout, Mark } from "./layout.ts";
import type { Gap } from "./timeWarp.ts";

/** A vertical range of the drawing, in its own (viewBox) pixels. */
export interface Band {
  top: number;
  bottom: number;
}

export interface VisiblePart {
  arrows: Arrow[];
  badges: Badge[];
  marks: Mark[];
  /** Squeezed idle stretches ("⋯ 1000 ms" bands). */
  gaps: Gap[];
}

/** Below this many arrows a diagram is drawn whole: windowing would only cost focus stops. */
export const WINDOW_FROM_ARROWS = 200;

/** Whether `layout` is drawn a band at a time: its trace's arrows in all (a head's too, layoutHead.ts). */
export function windowed(layout: Pick<DiagramLayout, "arrows" | "partOf">): boolean {
  return (layout.partOf?.arrows ?? layout.arrows.length) >= WINDOW_FROM_ARROWS;
}
/**
 * The band drawn before the screen could be measured (the first render of a page): the top of the
 * drawing, where a diagram is read from. Drawing all of a long diagram first would cost seconds.
 */
export const FIRST_BAND: Band = { top: 0, bottom: 2400 };
/** A mark's text reaches this far from its point (notes are two lines below it). */
const MARK_REACH_PX = 60;
/** A badge's circle and text. */
const BADGE_REACH_PX = 16;
/** An arrow's label sits above its line. */
const ARROW_REACH_PX = 20;

function overlaps(a0: number, a1: number, band: Band): boolean {
  return Math.max(a0, a1) >= band.top && Math.min(a0, a1) <= band.bottom;
}

/**
 * What of `layout` reaches into `band`: arrows whose line or label does, badges, marks and idle
 * gaps whose drawing does (a timer's bracket from where it started). `band` null, or a layout with fewer than
 * `WINDOW_FROM_ARROWS` arrows: everything. Pure.
 */
export function visiblePart(layout: DiagramLayout, band: Band | null): VisiblePart {
  if (band === null || !windowed(layout)) {
    return { arrows: layout.arrows, badges: layout.badges, marks: layout.marks, gaps: layout.gaps };
  }
  return {
    arrows: layout.arrows.filter((a) =>
      overlaps(Math.min(a.y1, a.endY) - ARROW_REACH_PX, Math.max(a.y2, a.endY), band),
    ),
    badges: layout.badges.filter((b) => overlaps(b.y - BADGE_REACH_PX, b.y + BADGE_REACH_PX, band)),
    marks: layout.marks.filter((m) =>
      overlaps(Math.min(m.y0, m.y) - MARK_REACH_PX, m.y + MARK_REACH_PX, band),
    ),
    gaps: layout.gaps.filter((g) => overlaps(g.y0, g.y1, band)),
  };
}
