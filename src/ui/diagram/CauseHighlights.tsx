/**
 * The "why" of a verdict on the diagram: a halo behind each arrow, badge and mark whose event
 * index is in `indexes`, drawn in a layer of its own under the drawing so that the arrows, their
 * memoised buttons and their entrance animations are untouched. Decorative (aria-hidden): the
 * verdict panel names the same events in text.
 */
import type { DiagramLayout } from "../../diagram/layout.ts";
import "./causeHighlights.css";

export default function CauseHighlights({
  layout,
  indexes,
}: {
  layout: DiagramLayout;
  indexes: ReadonlySet<number>;
}) {
  if (indexes.size === 0) return null;
  return (
    <g className="seq-causes" aria-hidden="true" data-testid="diagram.causes">
      {layout.arrows
        .filter((a) => indexes.has(a.index))
        .map((a) => (
          <line
            key={`a${a.index}`}
            className="seq-cause"
            data-cause={a.index}
            x1={a.x1}
            y1={a.y1}
            x2={a.endX}
            y2={a.endY}
          />
        ))}
      {layout.badges
        .filter((b) => indexes.has(b.index))
        .map((b) => (
          <circle
            key={`b${b.index}`}
            className="seq-cause"
            data-cause={b.index}
            cx={b.cx}
            cy={b.cy}
            r={b.r + 6 * layout.scale}
          />
        ))}
      {layout.marks
        .filter((m) => indexes.has(m.index))
        .map((m) =>
          m.x1 !== m.x2 ? (
            <line
              key={`m${m.index}`}
              className="seq-cause"
              data-cause={m.index}
              x1={m.x1}
              y1={m.y}
              x2={m.x2}
              y2={m.y}
            />
          ) : (
            <circle
              key={`m${m.index}`}
              className="seq-cause"
              data-cause={m.index}
              cx={m.x}
              cy={m.y}
              r={14 * layout.scale}
            />
          ),
        )}
    </g>
  );
}
