/** A thumbnail of a trace: lanes and arrows only, lost packets in red with a cross. */
import { layout } from "../../diagram/layout.ts";
import type { Trace } from "../../sim/types.ts";

export function MiniSequence({ trace }: { trace: Trace }) {
  const d = layout(trace, { width: 150, flightPx: 7, idlePx: 6, margins: { left: 14, right: 14 } });
  const top = 58;
  const height = Math.max(12, d.height - top - 30);
  return (
    <svg
      className="mini-seq"
      viewBox={`0 ${top} 150 ${height}`}
      width={150}
      height={height}
      aria-hidden="true"
    >
      {d.lanes.map((lane) => (
        <line key={lane.party} className="mini-lane" x1={lane.x} x2={lane.x} y1={top} y2={top + height} />
      ))}
      {d.arrows.map((a) => (
        <line
          key={a.index}
          className={a.event.dropped ? "mini-arrow is-lost" : "mini-arrow"}
          x1={a.x1}
          y1={a.y1}
          x2={a.endX}
          y2={a.endY}
        />
      ))}
    </svg>
  );
}
