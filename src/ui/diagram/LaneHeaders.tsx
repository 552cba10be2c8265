/**
 * The lanes' names as a strip above the scrolling diagram, so they can stay on screen (sticky)
 * while the diagram scrolls under them. Drawn at the layout's lane x, in the diagram's own
 * styles (`.seq`), and moved sideways with the diagram when it scrolls horizontally.
 */
import { memo, useEffect, useRef, type RefObject } from "react";
import type { Lane } from "../../diagram/layout.ts";

/**
 * Height of the strip: the diagram under it is moved up by as much (lab.css), so the strip stands
 * exactly where the diagram's own header band would be.
 */
const LANE_STRIP_PX = 44;

/** The strip's height at a text scale; the stage moves the diagram up by as much (lab.css). */
export function laneStripPx(scale: number): number {
  return LANE_STRIP_PX * scale;
}

export const LaneHeaders = memo(function LaneHeaders({
  lanes,
  width,
  scale = 1,
  scrollRef,
}: {
  lanes: readonly Lane[];
  width: number;
  /** The layout's text scale (presentation): the header geometry scales with it. */
  scale?: number;
  /** The element the diagram scrolls sideways in. */
  scrollRef: RefObject<HTMLElement | null>;
}) {
  const stripRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const scroller = scrollRef.current;
    const strip = stripRef.current;
    if (!scroller || !strip) return;
    const follow = () => {
      strip.scrollLeft = scroller.scrollLeft;
    };
    follow();
    scroller.addEventListener("scroll", follow, { passive: true });
    return () => scroller.removeEventListener("scroll", follow);
  }, [scrollRef, width]);
  const s = scale;
  const height = laneStripPx(s);
  return (
    <div className="lane-strip" ref={stripRef} data-testid="lane-headers">
      <svg
        className="seq"
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        role="list"
        aria-label="Lanes"
      >
        {lanes.map((lane) => (
          <g key={lane.party} className={`seq-lane seq-lane-${lane.party}`} role="listitem">
            {/* The diagram's own header geometry: strip and diagram together are its picture. */}
            <rect x={lane.x - 56 * s} y={8 * s} width={112 * s} height={34 * s} rx={8 * s} />
            <text
              x={lane.x}
              y={31 * s}
              textAnchor="middle"
              style={s === 1 ? undefined : { fontSize: `${15 * s}px` }}
            >
              {lane.label}
            </text>
          </g>
        ))}
      </svg>
    </div>
  );
});
