/**
 * A diagram layout as SVG markup, at a playback time: the still picture (no animation, no
 * handlers, no focus stops, no playhead; each arrow named by a <title>). The one string renderer
 * behind the SVG export (export/svg.ts, so the app's button and `npm run render`). Pure and DOM-free: runs in the browser, a worker or Node, and needs
 * no React. Draws what ui/diagram/SequenceDiagram.tsx draws, from the same geometry (geometry.ts); the export
 * tests hold the two to the same shapes, classes and texts.
 */
import {
  arrowClass,
  arrowGeometry,
  badgeLook,
  connectionLostPath,
  cross,
  timeoutPath,
  tip,
  visibleLabel,
} from "./geometry.ts";
import { arrowProgress, HEADER_PX, type Arrow, type Badge, type DiagramLayout, type Mark } from "./layout.ts";

export interface DiagramSvgOptions {
  /** Playback time: what has begun by then is drawn. Default: the end, where everything is. */
  time?: number;
  /** The diagram's accessible name, its <title>. */
  title: string;
  /** A longer description, its <desc>. */
  description?: string;
  /**
   * Prefix of the diagram's ids (its title's and description's, which the root refers to). Two
   * diagrams on one page need different prefixes: see `diagramId`.
   */
  idPrefix: string;
  /** Trusted markup placed right after the title and description: a <style>, a background. */
  head?: string;
}

const ID = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Text content: `&` and `<` must be escaped, `>` too for "]]>". */
export function escapeXmlText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** An attribute value written between double quotes. */
export function escapeXmlAttribute(value: string): string {
  return escapeXmlText(value).replace(/"/g, "&quot;");
}

/**
 * An id prefix derived from `seed` (FNV-1a): the same seed always gives the same prefix, so an
 * export is the same file every time, and different diagrams get different ids.
 */
export function diagramId(seed: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    hash ^= seed.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `seq-${(hash >>> 0).toString(36)}`;
}

/** The end of playback: every arrow has landed or died, every mark and delivery is drawn. */
export function playbackEnd(layout: DiagramLayout): number {
  return layout.arrows.reduce((end, a) => Math.max(end, a.tEnd), layout.duration);
}

type Attributes = Readonly<Record<string, string | number | undefined>>;

function attributes(a: Attributes): string {
  let out = "";
  for (const [name, value] of Object.entries(a)) {
    if (value !== undefined) out += ` ${name}="${escapeXmlAttribute(String(value))}"`;
  }
  return out;
}

/** An element; `children` is markup, already escaped. */
function el(tag: string, a: Attributes, children = ""): string {
  return `<${tag}${attributes(a)}>${children}</${tag}>`;
}

function text(a: Attributes, content: string): string {
  return el("text", a, escapeXmlText(content));
}

/** The diagram as one <svg> element (no XML declaration). */
export function diagramSvg(layout: DiagramLayout, options: DiagramSvgOptions): string {
  const { idPrefix, description } = options;
  if (!ID.test(idPrefix))
    throw new RangeError(`idPrefix: expected an XML name; got ${JSON.stringify(idPrefix)}`);
  const time = options.time ?? playbackEnd(layout);
  const titleId = `${idPrefix}-title`;
  const descId = `${idPrefix}-desc`;
  const parts: string[] = [
    el("title", { id: titleId }, escapeXmlText(options.title)),
    description === undefined ? "" : el("desc", { id: descId }, escapeXmlText(description)),
    options.head ?? "",
    background(layout),
  ];
  for (const mark of layout.marks) if (time >= mark.t) parts.push(markSvg(mark));
  for (const arrow of layout.arrows) parts.push(arrowSvg(arrow, arrowProgress(arrow, time)));
  for (const badge of layout.badges) if (time >= badge.t) parts.push(badgeSvg(badge));
  return el(
    "svg",
    {
      xmlns: "http://www.w3.org/2000/svg",
      class: "seq",
      viewBox: `0 0 ${layout.width} ${layout.height}`,
      width: layout.width,
      height: layout.height,
      role: "group",
      "aria-labelledby": titleId,
      "aria-describedby": description === undefined ? undefined : descId,
    },
    parts.join(""),
  );
}

/** Idle gaps and the lanes with their headers. */
function background(layout: DiagramLayout): string {
  let out = "";
  for (const g of layout.gaps) {
    out += el(
      "g",
      { class: "seq-gap" },
      el("rect", { x: 0, y: g.y0 + 4, width: layout.width, height: Math.max(0, g.y1 - g.y0 - 8) }) +
        text({ x: 8, y: (g.y0 + g.y1) / 2 + 4 }, `⋯ ${Math.round(g.t1 - g.t0)} ms`),
    );
  }
  for (const lane of layout.lanes) {
    out += el(
      "g",
      { class: `seq-lane seq-lane-${lane.party}` },
      el("line", { x1: lane.x, x2: lane.x, y1: HEADER_PX - 14, y2: layout.height - 16 }) +
        el("rect", { x: lane.x - 56, y: 8, width: 112, height: 34, rx: 8 }) +
        text({ x: lane.x, y: 31, "text-anchor": "middle" }, lane.label),
    );
  }
  return out;
}

function arrowSvg(arrow: Arrow, progress: number): string {
  if (progress <= 0) return "";
  const { x1, y1, event } = arrow;
  const { x, y, done, labelX, labelY } = arrowGeometry(arrow, progress);
  const visible = visibleLabel(arrow);
  let body =
    el("title", {}, escapeXmlText(`${arrow.ariaLabel} (${visible})`)) +
    el("line", { class: "seq-line", x1, y1, x2: x, y2: y });
  if (done) {
    body += event.dropped
      ? el("path", { class: "seq-cross", d: cross(x, y) })
      : el("path", { class: "seq-tip", d: tip(x1, y1, x, y) });
    body += text({ class: "seq-label", x: labelX, y: labelY, "text-anchor": "middle" }, visible);
  }
  return el("g", { class: arrowClass(arrow, false), "data-packet": event.packet }, body);
}

function badgeSvg(badge: Badge): string {
  const { className, side, cx, text: label } = badgeLook(badge);
  return el(
    "g",
    { class: className, "data-party": badge.party, "data-duplicate": badge.duplicate ? "true" : undefined },
    el("circle", { cx, cy: badge.y, r: 12 }) +
      text({ x: cx, y: badge.y + 5, "text-anchor": "middle", class: "seq-badge-count" }, `${badge.count}`) +
      text(
        {
          x: cx + side * 18,
          y: badge.y + 5,
          "text-anchor": side > 0 ? "start" : "end",
          class: "seq-badge-text",
        },
        label,
      ),
  );
}

function markSvg(mark: Mark): string {
  switch (mark.kind) {
    case "connection-lost":
      return el(
        "g",
        { class: "seq-mark seq-conn-lost" },
        el("path", { d: connectionLostPath(mark) }) +
          text({ x: (mark.x1 + mark.x2) / 2, y: mark.y + 24, "text-anchor": "middle" }, `⚡ ${mark.label}`),
      );
    case "reconnected":
      return el(
        "g",
        { class: "seq-mark seq-reconnected" },
        el("title", {}, escapeXmlText(mark.label)) +
          el("line", { x1: mark.x1, x2: mark.x2, y1: mark.y, y2: mark.y }),
      );
    case "timeout":
      return el(
        "g",
        { class: "seq-mark seq-timeout" },
        el("path", { d: timeoutPath(mark) }) +
          text({ x: mark.x - 20, y: (mark.y0 + mark.y) / 2 + 4, "text-anchor": "end" }, mark.label),
      );
    case "publish":
      return el(
        "g",
        { class: "seq-mark seq-publish" },
        el("circle", { cx: mark.x - 14, cy: mark.y, r: 4 }) +
          text({ x: mark.x - 22, y: mark.y + 4, "text-anchor": "end" }, mark.label),
      );
    case "session-discarded":
    case "not-forwarded": {
      const x = mark.x + mark.side * 10;
      const lines = mark.label
        .split(": ")
        .map((part, i) =>
          el("tspan", { x, dy: i === 0 ? 0 : 15, "font-weight": i === 0 ? 650 : 400 }, escapeXmlText(part)),
        );
      return el(
        "g",
        { class: `seq-mark seq-note seq-${mark.kind}` },
        el("text", { x, y: mark.y + 30, "text-anchor": mark.side > 0 ? "start" : "end" }, lines.join("")),
      );
    }
  }
}
