/**
 * A sequence diagram (the model's or a real run's, drawn by the app's own components from a Trace)
 * with the live lab's marks: a halo under each event a difference names (drawn beneath the
 * drawing, so no label is hidden), on a layer above it the numbers of the differences list (the
 * current one's stronger), and "✂ cut" beside each packet the relay cut. The marks are aria-hidden: the list says the same in words.
 */
import { useMemo, useRef } from "react";
import { layout as layoutOf, type DiagramLayout } from "../../diagram/layout.ts";
import type { Trace } from "../../sim/types.ts";
import { SequenceDiagram } from "../../ui/diagram/SequenceDiagram.tsx";
import { useWidth } from "../../ui/useWidth.ts";

/** Where an event is drawn (an arrow's middle, a badge, a mark), or null when it is not drawn. */
export function anchorOf(drawing: DiagramLayout, index: number): { x: number; y: number } | null {
  const arrow = drawing.arrows.find((a) => a.index === index);
  if (arrow) return { x: (arrow.x1 + arrow.endX) / 2, y: (arrow.y1 + arrow.endY) / 2 };
  const badge = drawing.badges.find((b) => b.index === index);
  if (badge) return { x: badge.cx, y: badge.cy };
  const mark = drawing.marks.find((m) => m.index === index);
  return mark ? { x: mark.x, y: mark.y } : null;
}

export interface MarkedDiagramProps {
  trace: Trace;
  title: string;
  testId: string;
  /** Event index → the numbers of the differences that name it. */
  marks: ReadonlyMap<number, readonly number[]>;
  /** The event of the difference chosen in the list, drawn stronger. */
  current: number | null;
  /** Write "✂ cut" by the packets lost by a fault (the relay's cuts; not on the model's diagram). */
  cuts?: boolean;
}

const MIN_WIDTH = 320;

export function MarkedDiagram({
  trace,
  title,
  testId,
  marks,
  current,
  cuts: showCuts = false,
}: MarkedDiagramProps) {
  const box = useRef<HTMLDivElement>(null);
  const width = Math.max(MIN_WIDTH, useWidth(box, 560) - 2);
  const drawing = useMemo(() => layoutOf(trace, { width }), [trace, width]);
  const indexes = useMemo(() => new Set(marks.keys()), [marks]);
  const cuts = showCuts
    ? drawing.arrows.filter(
        (a) => a.event.dropped && (a.event.lostBy === "fault" || a.event.lostBy === "random"),
      )
    : [];
  const s = drawing.scale;
  return (
    // Focusable: on a narrow screen the drawing scrolls sideways, by keyboard too.
    <div
      ref={box}
      className="diagram-scroll live-diagram"
      data-testid={testId}
      tabIndex={0}
      role="region"
      aria-label={title}
    >
      <div className="live-stack" style={{ width: drawing.width, height: drawing.height }}>
        <SequenceDiagram
          still
          layout={drawing}
          time={drawing.duration + 1}
          title={title}
          highlight={current !== null && indexes.has(current) ? new Set([...indexes, current]) : indexes}
        />
        <svg
          className="live-marks"
          viewBox={`0 0 ${drawing.width} ${drawing.height}`}
          width={drawing.width}
          height={drawing.height}
          aria-hidden="true"
        >
          {cuts.map((a) => (
            <text
              key={`cut${a.index}`}
              className="live-cut"
              data-testid="live.cut"
              // Before the ✕, level with it: the arrow's own label is beside its line.
              x={a.endX - 12 * s * Math.sign(a.x2 - a.x1)}
              y={a.endY + 4 * s}
              textAnchor={a.x2 > a.x1 ? "end" : "start"}
            >
              ✂ cut
            </text>
          ))}
          {[...marks].map(([index, numbers]) => {
            const at = anchorOf(drawing, index);
            if (!at) return null;
            return (
              <g
                key={`n${index}`}
                className={index === current ? "live-number is-current" : "live-number"}
                data-event={index}
                data-testid="live.mark"
              >
                <circle cx={at.x} cy={at.y} r={10 * s} />
                <text x={at.x} y={at.y + 4 * s} textAnchor="middle">
                  {numbers.join(",")}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
    </div>
  );
}
