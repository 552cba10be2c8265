/**
 * Draws a DiagramLayout at playback time `time`. No protocol logic: everything it shows comes
 * from the layout, which comes from the trace. Every packet arrow is a toggle button.
 *
 * `still` draws the same picture with no animation, no handlers, no focus stops, no playhead, and
 * accessible names as <title> children (the embed's read-only drawing, the custom element's with
 * controls="full"); diagram/svgString.ts draws it as a string (the SVG export, the element's
 * read-only drawing), from the same geometry (geometry.ts). Labels, marks and deliveries
 * enter by the Web Animations API, once each when drawn (useEntrance.ts): no JavaScript runs per
 * frame, the first diagram needs no animation library, and an element that React moves does not
 * enter again. The diagram uses no ids, so any number of diagrams can share a page.
 */
import {
  createContext,
  lazy,
  memo,
  Suspense,
  use,
  useCallback,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from "react";
import {
  arrowClass,
  arrowGeometry,
  badgeClass,
  connectionLostPath,
  cross,
  fontSizeOf,
  textLines,
  downBand,
  timeoutPath,
  tip,
  visibleLabel,
} from "../../diagram/geometry.ts";
import {
  arrowProgress,
  type Arrow,
  type Badge,
  type DiagramLayout,
  type Mark,
  type TextBox,
} from "../../diagram/layout.ts";
import type { Gap } from "../../diagram/timeWarp.ts";
import { useEntrance } from "./useEntrance.ts";
import { useVisibleBand } from "./useVisibleBand.ts";
import { FIRST_BAND, visiblePart, windowed } from "../../diagram/visible.ts";

// Only a verdict's "why" draws it: not part of the first diagram's JavaScript.
const CauseHighlights = lazy(() => import("./CauseHighlights.tsx"));

/** Props of the live diagram. */
export interface LiveDiagramProps {
  layout: DiagramLayout;
  time: number;
  selected: number | null;
  onToggle(index: number): void;
  onSelect(index: number): void;
  /** The diagram's accessible name. */
  title: string;
  /** False: the page draws the lane headers above the scrolling diagram (LaneHeaders.tsx). */
  headers?: boolean;
  /** Event indexes to mark as the verdict's cause (CauseHighlights.tsx); none when absent. */
  highlight?: ReadonlySet<number> | undefined;
  still?: false;
}

/**
 * Props of a still picture: nothing to select, toggle only when `onToggle` is given. The SVG export
 * and the custom element's read-only drawing use diagram/svgString.ts, which draws the same.
 */
export interface StillDiagramProps {
  layout: DiagramLayout;
  time: number;
  title: string;
  /** A longer description, drawn as <desc>. */
  description?: string;
  /** Given: each arrow is a toggle button (the custom element's controls="full"), still unanimated. */
  onToggle?: ((index: number) => void) | undefined;
  /** Event indexes to mark with a halo under the drawing (CauseHighlights.tsx), so no text is hidden. */
  highlight?: ReadonlySet<number> | undefined;
  still: true;
}

export type SequenceDiagramProps = LiveDiagramProps | StillDiagramProps;

export function SequenceDiagram(props: SequenceDiagramProps) {
  // Its stylesheet (SCREEN_CSS) is the page's: a CSS file built from diagramStyles.ts
  // (virtual:diagram.css, vite.config.ts), not JavaScript.
  if (props.still) return <StillDiagram {...props} />;
  return <LiveDiagram {...props} />;
}

/** Each mark's React key, by layout: see markKey. */
const markKeys = new WeakMap<DiagramLayout, Map<Mark, string>>();

/**
 * A mark's React key: its occurrence, the n-th mark of its kind at its place (its lane, or the hop
 * it spans). The layout's own key names the mark's time, which a drop earlier in the trace moves:
 * keyed by it, every later mark would be re-created and play its entrance again on each click.
 * Counted over the whole layout, so a long diagram's visible part keys its marks the same way.
 */
function markKey(layout: DiagramLayout, mark: Mark): string {
  let keys = markKeys.get(layout);
  if (!keys) {
    keys = new Map();
    const seen = new Map<string, number>();
    for (const m of layout.marks) {
      const place = `${m.kind}|${m.party ?? `${m.x1}-${m.x2}`}`;
      const n = (seen.get(place) ?? 0) + 1;
      seen.set(place, n);
      keys.set(m, `${place}#${n}`);
    }
    markKeys.set(layout, keys);
  }
  return keys.get(mark) ?? mark.key;
}

// ---------------------------------------------------------------------------------------------
// Still pictures: what animates on the live page is drawn as it ends its animation

const StillContext = createContext(false);
/** The layout's scale, for the shapes drawn around its texts (arrowheads, ✕, circles). */
const ScaleContext = createContext(1);

/** Whether marks and deliveries animate in: on the live page, not in a still picture. */
function useAnimated(): boolean {
  return !use(StillContext);
}

function StillDiagram({ layout, time, title, description, onToggle, highlight }: StillDiagramProps) {
  const [selected, setSelected] = useState<number | null>(null);
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      className="seq"
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      width={layout.width}
      height={layout.height}
      role="group"
    >
      <title>{title}</title>
      {description !== undefined && <desc>{description}</desc>}
      <StillContext value={true}>
        <ScaleContext value={layout.scale}>
          <Background layout={layout} />
          {highlight && (
            <Suspense fallback={null}>
              <CauseHighlights layout={layout} indexes={highlight} />
            </Suspense>
          )}
          {layout.marks.map((mark) =>
            time >= mark.t ? <MarkView key={markKey(layout, mark)} mark={mark} /> : null,
          )}
          {onToggle
            ? arrowButtons(layout.arrows, time, selected, onToggle, setSelected)
            : layout.arrows.map((arrow) => (
                <StillArrowView key={arrow.key} arrow={arrow} progress={arrowProgress(arrow, time)} />
              ))}
          {layout.badges.map((badge) =>
            time >= badge.t ? <BadgeView key={badge.key} badge={badge} /> : null,
          )}
        </ScaleContext>
      </StillContext>
    </svg>
  );
}

/**
 * Arrows as toggle buttons, drawn as far as they have flown at `time`. Keyed by what survives a
 * replay, and memoised, so that a toggle redraws only the arrows that changed.
 */
function arrowButtons(
  arrows: readonly Arrow[],
  time: number,
  selected: number | null,
  onToggle: (index: number) => void,
  onSelect: (index: number) => void,
) {
  return arrows.map((arrow) => (
    <ArrowView
      key={arrow.key}
      arrow={arrow}
      progress={arrowProgress(arrow, time)}
      selected={selected === arrow.index}
      onToggle={onToggle}
      onSelect={onSelect}
    />
  ));
}

// ---------------------------------------------------------------------------------------------
// The live diagram

/**
 * The caller's handlers behind callbacks that never change, so that memoised arrows are not
 * redrawn just because the page made new closures.
 */
function useStableHandlers(onToggle: (index: number) => void, onSelect: (index: number) => void) {
  const latest = useRef({ onToggle, onSelect });
  useLayoutEffect(() => {
    latest.current = { onToggle, onSelect };
  });
  const toggle = useCallback((index: number) => latest.current.onToggle(index), []);
  const select = useCallback((index: number) => latest.current.onSelect(index), []);
  return { toggle, select };
}

function LiveDiagram({
  layout,
  time,
  selected,
  onToggle,
  onSelect,
  title,
  headers,
  highlight,
}: LiveDiagramProps) {
  const playheadY = layout.playheadY(time);
  const svgRef = useRef<SVGSVGElement>(null);
  // A long diagram draws only the band on screen (and a margin): the layout says where all is.
  const band = useVisibleBand(svgRef, windowed(layout), layout.height);
  const part = useMemo(() => visiblePart(layout, band ?? FIRST_BAND), [layout, band]);
  const { toggle, select } = useStableHandlers(onToggle, onSelect);
  return (
    <svg
      ref={svgRef}
      className="seq"
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      width={layout.width}
      height={layout.height}
      role="group"
      aria-label={title}
      data-testid="diagram"
      data-arrows={layout.partOf?.arrows ?? layout.arrows.length}
      data-part={layout.partOf ? "top" : undefined}
    >
      <ScaleContext value={layout.scale}>
        <Background layout={layout} gaps={part.gaps} headers={headers !== false} />
        {highlight && (
          <Suspense fallback={null}>
            <CauseHighlights layout={layout} indexes={highlight} />
          </Suspense>
        )}
        {part.marks.map((mark) =>
          time >= mark.t ? <MarkView key={markKey(layout, mark)} mark={mark} /> : null,
        )}
        {arrowButtons(part.arrows, time, selected, toggle, select)}
        {part.badges.map((badge) => (time >= badge.t ? <BadgeView key={badge.key} badge={badge} /> : null))}
      </ScaleContext>
      <line
        className="seq-playhead"
        x1={0}
        x2={layout.width}
        y1={playheadY}
        y2={playheadY}
        aria-hidden="true"
      />
    </svg>
  );
}

/** Idle gaps and the lanes with their headers: what is there whatever the time. */
/** Memoised: playback re-renders the diagram on every frame, the background never changes. */
const Background = memo(BackgroundDrawing);

function BackgroundDrawing({
  layout,
  gaps = layout.gaps,
  headers = true,
}: {
  layout: DiagramLayout;
  gaps?: readonly Gap[];
  headers?: boolean;
}) {
  const s = layout.scale;
  return (
    <>
      {gaps.map((g) => {
        const caption = layout.gapBoxes[layout.gaps.indexOf(g)];
        return (
          <g key={`gap-${g.t0}`} className="seq-gap">
            <rect x={0} y={g.y0 + 4} width={layout.width} height={Math.max(0, g.y1 - g.y0 - 8)} />
            {caption && <BoxText box={caption} />}
          </g>
        );
      })}
      {layout.lanes.map((lane) => (
        <g key={lane.party} className={`seq-lane seq-lane-${lane.party}`}>
          <line x1={lane.x} x2={lane.x} y1={layout.headerPx - 14 * s} y2={layout.height - 16 * s} />
          {headers && <rect x={lane.x - 56 * s} y={8 * s} width={112 * s} height={34 * s} rx={8 * s} />}
          {headers && (
            <text
              x={lane.x}
              y={31 * s}
              textAnchor="middle"
              style={s === 1 ? undefined : { fontSize: `${15 * s}px` }}
            >
              {lane.label}
            </text>
          )}
        </g>
      ))}
    </>
  );
}

/** A laid-out text: one line as plain text, several as tspans (a note's heading bold). */
function BoxText({
  box,
  className,
  textRef,
}: {
  box: TextBox;
  className?: string;
  textRef?: React.Ref<SVGTextElement>;
}) {
  const size = fontSizeOf(box);
  const lines = textLines(box);
  return (
    <text
      ref={textRef}
      className={className}
      x={box.tx}
      y={box.ty}
      textAnchor={box.anchor}
      style={size === undefined ? undefined : { fontSize: size }}
    >
      {lines.length === 1
        ? box.lines[0]
        : lines.map((l, i) => (
            <tspan key={i} x={box.tx} dy={l.dy} fontWeight={l.bold ? 650 : undefined}>
              {l.text}
            </tspan>
          ))}
    </text>
  );
}

interface ArrowViewProps {
  arrow: Arrow;
  progress: number;
  selected: boolean;
  onToggle(index: number): void;
  onSelect(index: number): void;
}

/** The arrow as a picture: its accessible name becomes a <title>. */
function StillArrowView({ arrow, progress }: { arrow: Arrow; progress: number }) {
  if (progress <= 0) return null;
  const { x1, y1, event } = arrow;
  const { x, y, done } = arrowGeometry(arrow, progress);
  const lost = event.dropped;
  const visible = visibleLabel(arrow);
  const s = use(ScaleContext);
  return (
    <g className={arrowClass(arrow, false)} data-packet={event.packet}>
      <title>{`${arrow.ariaLabel} (${visible})`}</title>
      <line className="seq-line" x1={x1} y1={y1} x2={x} y2={y} />
      {done && (
        <path className={lost ? "seq-cross" : "seq-tip"} d={lost ? cross(x, y, s) : tip(x1, y1, x, y, s)} />
      )}
      {done && <BoxText className="seq-label" box={arrow.labelBox} />}
    </g>
  );
}

/** Whether two flat records (an arrow's event) hold the same values. */
function sameFields<T extends object>(a: T, b: T): boolean {
  if (a === b) return true;
  const keys = Object.keys(a) as (keyof T)[];
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** The same text drawn at the same place: every layout builds its boxes anew. */
function sameBox(a: TextBox | null, b: TextBox | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  const { lines: la, ...ra } = a;
  const { lines: lb, ...rb } = b;
  return sameFields(ra, rb) && la.length === lb.length && la.every((l, i) => l === lb[i]);
}

/**
 * Whether two records of a layout (arrow, badge, mark) draw the same: equal values, their text
 * boxes compared by content, their packet event field by field. So an arrow, delivery or mark a
 * toggle did not move keeps its element untouched, though the layout is a new object.
 */
function sameDrawing<T extends { event?: object; labelBox?: TextBox; textBox?: TextBox | null }>(
  a: T,
  b: T,
): boolean {
  if (a === b) return true;
  const keys = Object.keys(a) as (keyof T)[];
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => {
    const x = a[k];
    const y = b[k];
    if (x === y) return true;
    if (k === "event") return sameFields(x as object, y as object);
    if (k === "labelBox" || k === "textBox") return sameBox(x as TextBox | null, y as TextBox | null);
    return false;
  });
}

const ArrowView = memo(
  ArrowButton,
  (prev, next) =>
    prev.progress === next.progress &&
    prev.selected === next.selected &&
    prev.onToggle === next.onToggle &&
    prev.onSelect === next.onSelect &&
    sameDrawing(prev.arrow, next.arrow),
);

function ArrowButton({ arrow, progress, selected, onToggle, onSelect }: ArrowViewProps) {
  if (progress <= 0) return null;
  const { x1, y1, event } = arrow;
  const { x, y, done } = arrowGeometry(arrow, progress);
  const lost = event.dropped;
  const cls = arrowClass(arrow, selected);
  const s = use(ScaleContext);
  const toggle = () => {
    onSelect(arrow.index);
    if (!arrow.lostWithConnection) onToggle(arrow.index);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      toggle();
    }
  };
  const visible = visibleLabel(arrow);
  const hint = arrow.lostWithConnection
    ? ". Lost because the connection broke; restore the packet that broke it"
    : lost
      ? ". Press to restore"
      : ". Press to drop";
  return (
    <g
      className={cls}
      role="button"
      tabIndex={0}
      aria-label={`${arrow.ariaLabel}, shown as ${visible}${hint}`}
      aria-pressed={lost}
      aria-disabled={arrow.lostWithConnection || undefined}
      data-testid={`packet-${arrow.index}`}
      data-packet={event.packet}
      onClick={toggle}
      onKeyDown={onKeyDown}
      onFocus={() => onSelect(arrow.index)}
      // Pointer movement, not mouseenter: scrolling under a still mouse must not steal the
      // selection from the arrow focused by keyboard.
      onPointerMove={() => onSelect(arrow.index)}
    >
      <line className="seq-hit" x1={x1} y1={y1} x2={arrow.endX} y2={arrow.endY} />
      <line className="seq-line" x1={x1} y1={y1} x2={x} y2={y} />
      {done && (
        <path className={lost ? "seq-cross" : "seq-tip"} d={lost ? cross(x, y, s) : tip(x1, y1, x, y, s)} />
      )}
      {done && <ArrowLabel box={arrow.labelBox} />}
    </g>
  );
}

/** An arrow's label, which fades in when its arrow completes. */
function ArrowLabel({ box }: { box: TextBox }) {
  const ref = useEntrance<SVGTextElement>("label", useAnimated());
  return <BoxText textRef={ref} className="seq-label" box={box} />;
}

const BadgeView = memo(BadgeDrawing, (prev, next) => sameDrawing(prev.badge, next.badge));

function BadgeDrawing({ badge }: { badge: Badge }) {
  const animated = useAnimated();
  const ref = useEntrance<SVGGElement>("badge", animated);
  const { cx, cy, r } = badge;
  const s = use(ScaleContext);
  return (
    <g
      ref={ref}
      className={badgeClass(badge)}
      // It grows from its circle's centre.
      style={animated ? { transformOrigin: `${cx}px ${cy}px` } : undefined}
      data-testid={animated ? "delivery" : undefined}
      data-party={badge.party}
      data-duplicate={badge.duplicate || undefined}
    >
      <circle cx={cx} cy={cy} r={r} />
      <text
        x={cx}
        y={cy + 5 * s}
        textAnchor="middle"
        className="seq-badge-count"
        style={s === 1 ? undefined : { fontSize: `${14 * s}px` }}
      >
        {badge.count}
      </text>
      <BoxText className="seq-badge-text" box={badge.textBox} />
    </g>
  );
}

/** A mark that fades in as playback reaches it (plain in a still picture). */
function FadeIn({ className, testId, children }: { className: string; testId: string; children: ReactNode }) {
  const animated = useAnimated();
  const ref = useEntrance<SVGGElement>("mark", animated);
  return (
    <g ref={ref} className={className} data-testid={animated ? testId : undefined}>
      {children}
    </g>
  );
}

const MarkView = memo(MarkDrawing, (prev, next) => sameDrawing(prev.mark, next.mark));

function MarkDrawing({ mark }: { mark: Mark }) {
  const caption = mark.textBox && <BoxText box={mark.textBox} />;
  const s = use(ScaleContext);
  switch (mark.kind) {
    case "connection-lost":
      return (
        <FadeIn className="seq-mark seq-conn-lost" testId="connection-lost">
          <path d={connectionLostPath(mark, s)} />
          {caption}
        </FadeIn>
      );
    case "reconnected":
      // The CONNACK's own label says Session Present; the line only marks the moment.
      return (
        <FadeIn className="seq-mark seq-reconnected" testId="reconnected">
          <title>{mark.label}</title>
          <line x1={mark.x1} x2={mark.x2} y1={mark.y} y2={mark.y} />
        </FadeIn>
      );
    case "timeout":
      return (
        <FadeIn className="seq-mark seq-timeout" testId="timeout">
          <path d={timeoutPath(mark, s)} />
          {caption}
        </FadeIn>
      );
    case "publish":
      return (
        <g className="seq-mark seq-publish">
          <circle cx={mark.x - 14 * s} cy={mark.y} r={4 * s} />
          {caption}
        </g>
      );
    case "session-discarded":
    case "not-forwarded":
    case "quota-wait":
    case "broker-down":
    case "disconnected":
    case "session-expired":
    case "retained":
    case "will":
    case "publisher-end":
      return (
        <FadeIn className={`seq-mark seq-note seq-${mark.kind}`} testId={mark.kind}>
          {caption}
        </FadeIn>
      );
    case "broker-up": {
      // The broker's down time, drawn once it is over (as a timer's bracket is once it fires).
      const band = downBand(mark, s);
      return (
        <FadeIn className="seq-mark seq-broker-up" testId="broker-up">
          <title>{mark.label}</title>
          <rect x={band.x} y={band.y} width={band.w} height={band.h} />
        </FadeIn>
      );
    }
  }
}
