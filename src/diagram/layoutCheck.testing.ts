/**
 * TEST-ONLY: what the layout promises about its boxes, as a list of broken promises (empty when
 * all hold). The property test and the label placer's tests share it.
 */
import { contains, overlaps, segmentHits, type Rect } from "./boxes.ts";
import type { DiagramLayout, LayoutBox } from "./layout.ts";

/** Half the width of a lifeline's band that no text may reach into. */
const LANE_HALF = 2;

function show(b: LayoutBox): string {
  return `${b.kind} ${b.owner} @(${b.x.toFixed(1)}, ${b.y.toFixed(1)}, ${b.w.toFixed(1)}×${b.h.toFixed(1)})`;
}

export function layoutProblems(d: DiagramLayout): string[] {
  const problems: string[] = [];
  if (!d.fits) problems.push("some text found no free place");
  const drawing: Rect = { x: 0, y: 0, w: d.width, h: d.height };
  const texts = d.boxes.filter((b) => b.text);
  for (const b of d.boxes) if (!contains(drawing, b)) problems.push(`outside the drawing: ${show(b)}`);
  // No text overlaps another text, a delivery's circle or a ✕ (nor its own arrow's ✕).
  for (const [i, a] of texts.entries()) {
    for (const b of d.boxes) {
      if (b === a || (!b.text && b.owner === a.owner && b.kind === "badge")) continue;
      if (b.text && d.boxes.indexOf(b) < d.boxes.indexOf(a) && texts.indexOf(b) < i) continue;
      if (overlaps(a, b)) problems.push(`${show(a)} overlaps ${show(b)}`);
    }
    for (const lane of d.lanes) {
      if (a.x < lane.x + LANE_HALF * d.scale && a.x + a.w > lane.x - LANE_HALF * d.scale)
        problems.push(`${show(a)} crosses the ${lane.party}'s lifeline`);
    }
  }
  // Each arrow's label: beside its own line (not on it), between its hop's lanes.
  for (const arrow of d.arrows) {
    const box = arrow.labelBox;
    if (segmentHits(arrow.x1, arrow.y1, arrow.endX, arrow.endY, box))
      problems.push(`label of ${arrow.key} lies on its own line`);
    const lo = Math.min(arrow.x1, arrow.x2);
    const hi = Math.max(arrow.x1, arrow.x2);
    if (box.x < lo || box.x + box.w > hi) problems.push(`label of ${arrow.key} leaves its hop`);
  }
  return problems;
}
