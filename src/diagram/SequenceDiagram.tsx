/**
 * Draws a DiagramLayout at playback time `time`. No protocol logic: everything it shows comes
 * from the layout, which comes from the trace. Every packet arrow is a toggle button.
 */
import { m } from "framer-motion";
import type { KeyboardEvent } from "react";
import { arrowProgress, HEADER_PX, type Arrow, type Badge, type DiagramLayout, type Mark } from "./layout.ts";
import "./diagram.css";

export interface SequenceDiagramProps {
  layout: DiagramLayout;
  time: number;
  selected: number | null;
  onToggle(index: number): void;
  onSelect(index: number): void;
  /** Packet indexes whose fault can be toggled; others (lost with the connection) cannot. */
  title: string;
}

export function SequenceDiagram({ layout, time, selected, onToggle, onSelect, title }: SequenceDiagramProps) {
  const playheadY = layout.yOf(time);
  return (
    <svg
      className="seq"
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      width={layout.width}
      height={layout.height}
      role="group"
      aria-label={title}
      data-testid="diagram"
    >
      {layout.gaps.map((g) => (
        <g key={`gap-${g.t0}`} className="seq-gap">
          <rect x={0} y={g.y0 + 4} width={layout.width} height={Math.max(0, g.y1 - g.y0 - 8)} />
          <text x={8} y={(g.y0 + g.y1) / 2 + 4}>
            {`⋯ ${Math.round(g.t1 - g.t0)} ms`}
          </text>
        </g>
      ))}
      {layout.lanes.map((lane) => (
        <g key={lane.party} className={`seq-lane seq-lane-${lane.party}`}>
          <line x1={lane.x} x2={lane.x} y1={HEADER_PX - 14} y2={layout.height - 16} />
          <rect x={lane.x - 56} y={8} width={112} height={34} rx={8} />
          <text x={lane.x} y={31} textAnchor="middle">
            {lane.label}
          </text>
        </g>
      ))}
      {layout.marks.map((mark) => (time >= mark.t ? <MarkView key={mark.index} mark={mark} /> : null))}
      {layout.arrows.map((arrow) => (
        <ArrowView
          key={arrow.index}
          arrow={arrow}
          progress={arrowProgress(arrow, time)}
          selected={selected === arrow.index}
          onToggle={onToggle}
          onSelect={onSelect}
        />
      ))}
      {layout.badges.map((badge) => (time >= badge.t ? <BadgeView key={badge.index} badge={badge} /> : null))}
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

interface ArrowViewProps {
  arrow: Arrow;
  progress: number;
  selected: boolean;
  onToggle(index: number): void;
  onSelect(index: number): void;
}

function ArrowView({ arrow, progress, selected, onToggle, onSelect }: ArrowViewProps) {
  if (progress <= 0) return null;
  const { x1, y1, endX, endY, event } = arrow;
  const x = x1 + (endX - x1) * progress;
  const y = y1 + (endY - y1) * progress;
  const done = progress >= 1;
  const lost = event.dropped;
  const cls = [
    "seq-arrow",
    `seq-arrow-${event.packet.toLowerCase()}`,
    lost ? "is-lost" : "",
    arrow.lostWithConnection ? "is-lost-with-connection" : "",
    event.dup || event.resend ? "is-resend" : "",
    selected ? "is-selected" : "",
  ]
    .filter(Boolean)
    .join(" ");
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
  const hint = arrow.lostWithConnection
    ? ". Lost because the connection broke; restore the packet that broke it"
    : lost
      ? ". Press to restore"
      : ". Press to drop";
  // A lost packet's label sits over its ✕, away from whatever happens at its sender.
  const labelX = lost ? arrow.endX : (x1 + arrow.endX) / 2;
  const labelY = lost ? arrow.endY - 12 : (y1 + arrow.endY) / 2 - 6;
  return (
    <g
      className={cls}
      role="button"
      tabIndex={0}
      aria-label={arrow.ariaLabel + hint}
      aria-pressed={lost}
      aria-disabled={arrow.lostWithConnection || undefined}
      data-testid={`packet-${arrow.index}`}
      data-packet={event.packet}
      onClick={toggle}
      onKeyDown={onKeyDown}
      onFocus={() => onSelect(arrow.index)}
      onMouseEnter={() => onSelect(arrow.index)}
    >
      <line className="seq-hit" x1={x1} y1={y1} x2={arrow.endX} y2={arrow.endY} />
      <line className="seq-line" x1={x1} y1={y1} x2={x} y2={y} />
      {done && <path className={lost ? "seq-cross" : "seq-tip"} d={lost ? cross(x, y) : tip(x1, y1, x, y)} />}
      {done && (
        <m.text
          className="seq-label"
          x={labelX}
          y={labelY}
          textAnchor="middle"
          initial={{ opacity: 0 }}
          animate={{ opacity: 1 }}
          transition={{ duration: 0.2 }}
        >
          {arrow.label}
          {lost ? (arrow.lostWithConnection ? " · lost with link" : " · LOST") : ""}
        </m.text>
      )}
    </g>
  );
}

/** An arrowhead at (x, y) pointing along the line from (x0, y0). */
function tip(x0: number, y0: number, x: number, y: number): string {
  const a = Math.atan2(y - y0, x - x0);
  const l = 12;
  const w = 0.45;
  const p1 = `${x - l * Math.cos(a - w)},${y - l * Math.sin(a - w)}`;
  const p2 = `${x - l * Math.cos(a + w)},${y - l * Math.sin(a + w)}`;
  return `M${x},${y} L${p1} L${p2} z`;
}

/** The ✕ where a lost packet died. */
function cross(x: number, y: number): string {
  const r = 7;
  return `M${x - r},${y - r} L${x + r},${y + r} M${x + r},${y - r} L${x - r},${y + r}`;
}

function BadgeView({ badge }: { badge: Badge }) {
  const cls = ["seq-badge", badge.final ? "is-final" : "is-forward", badge.duplicate ? "is-duplicate" : ""]
    .filter(Boolean)
    .join(" ");
  const side = badge.party === "publisher" ? -1 : 1;
  const cx = badge.x + side * 22;
  const text = badge.final ? (badge.duplicate ? `DUPLICATE (${badge.count}×)` : "delivered") : "forwarded";
  const note = badge.processed === "ignored" ? " · ignored" : "";
  return (
    <m.g
      className={cls}
      initial={{ scale: 0.4, opacity: 0 }}
      animate={{ scale: 1, opacity: 1 }}
      transition={{ type: "spring", stiffness: 400, damping: 22 }}
      style={{ transformOrigin: `${cx}px ${badge.y}px` }}
      data-testid="delivery"
      data-party={badge.party}
      data-duplicate={badge.duplicate || undefined}
    >
      <circle cx={cx} cy={badge.y} r={12} />
      <text x={cx} y={badge.y + 5} textAnchor="middle" className="seq-badge-count">
        {badge.count}
      </text>
      <text
        x={cx + side * 18}
        y={badge.y + 5}
        textAnchor={side > 0 ? "start" : "end"}
        className="seq-badge-text"
      >
        {`m${badge.message} ${text}${note}`}
      </text>
    </m.g>
  );
}

function MarkView({ mark }: { mark: Mark }) {
  switch (mark.kind) {
    case "connection-lost": {
      const mid = (mark.x1 + mark.x2) / 2;
      const zig = `M${mark.x1},${mark.y} L${mid - 12},${mark.y} L${mid - 4},${mark.y - 9} L${mid + 4},${mark.y + 9} L${mid + 12},${mark.y} L${mark.x2},${mark.y}`;
      return (
        <m.g
          className="seq-mark seq-conn-lost"
          initial={{ opacity: 0 }}
          animate={{ opacity: 1 }}
          data-testid="connection-lost"
        >
          <path d={zig} />
          <text x={mid} y={mark.y + 24} textAnchor="middle">
            ⚡ {mark.label}
          </text>
        </m.g>
      );
    }
    case "reconnected":
      // The CONNACK's own label says Session Present; the line only marks the moment.
      return (
        <m.g
          className="seq-mark seq-reconnected"
          initial={{ opacity: 0 }}
          animate={{ opacity: 1 }}
          data-testid="reconnected"
        >
          <title>{mark.label}</title>
          <line x1={mark.x1} x2={mark.x2} y1={mark.y} y2={mark.y} />
        </m.g>
      );
    case "timeout":
      return (
        <m.g
          className="seq-mark seq-timeout"
          initial={{ opacity: 0 }}
          animate={{ opacity: 1 }}
          data-testid="timeout"
        >
          <path
            d={`M${mark.x - 8},${mark.y0} L${mark.x - 14},${mark.y0} L${mark.x - 14},${mark.y} L${mark.x - 8},${mark.y}`}
          />
          <text x={mark.x - 20} y={(mark.y0 + mark.y) / 2 + 4} textAnchor="end">
            ⏱ {mark.label}
          </text>
        </m.g>
      );
    case "publish":
      return (
        <g className="seq-mark seq-publish">
          <circle cx={mark.x - 14} cy={mark.y} r={4} />
          <text x={mark.x - 22} y={mark.y + 4} textAnchor="end">
            {mark.label}
          </text>
        </g>
      );
    case "session-discarded":
    case "not-forwarded":
      return (
        <m.g
          className={`seq-mark seq-note seq-${mark.kind}`}
          initial={{ opacity: 0 }}
          animate={{ opacity: 1 }}
          data-testid={mark.kind}
        >
          <text
            x={mark.x + (mark.x > 200 ? -10 : 10)}
            y={mark.y + 16}
            textAnchor={mark.x > 200 ? "end" : "start"}
          >
            ⓘ {mark.label}
          </text>
        </m.g>
      );
  }
}
