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

export const LaneHeaders = memo(function LaneHeaders({
  lanes,
  width,
  scrollRef,
}: {
  lanes: readonly Lane[];
  width: number;
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
  return (
    <div className="lane-strip" ref={stripRef} data-testid="lane-headers">
      <svg
        className="seq"
        viewBox={`0 0 ${width} ${LANE_STRIP_PX}`}
        width={width}
        height={LANE_STRIP_PX}
        role="list"
        aria-label="Lanes"
      >
        {lanes.map((lane) => (
          <g key={lane.party} className={`seq-lane seq-lane-${lane.party}`} role="listitem">
            {/* The diagram's own header geometry: strip and diagram together are its picture. */}
            <rect x={lane.x - 56} y={8} width={112} height={34} rx={8} />
            <text x={lane.x} y={31} textAnchor="middle">
              {lane.label}
            </text>
          </g>
        ))}
      </svg>
    </div>
  );
});
