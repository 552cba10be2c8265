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
  badgeClass,
  connectionLostPath,
  cross,
  fontSizeOf,
  textLines,
  downBand,
  timeoutPath,
  tip,
  visibleLabel,
} from "./geometry.ts";
import {
  arrowProgress,
  type Arrow,
  type Badge,
  type DiagramLayout,
  type Mark,
  type TextBox,
} from "./layout.ts";

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

/** A laid-out text: one line as plain text, several as tspans. */
function boxText(box: TextBox, a: Attributes = {}): string {
  const attrs = { ...a, x: box.tx, y: box.ty, "text-anchor": box.anchor, style: fontStyle(box) };
  const lines = textLines(box);
  if (lines.length === 1) return text(attrs, box.lines[0] ?? "");
  const spans = lines.map((l) =>
    el("tspan", { x: box.tx, dy: l.dy, "font-weight": l.bold ? 650 : undefined }, escapeXmlText(l.text)),
  );
  return el("text", attrs, spans.join(""));
}

function fontStyle(box: TextBox): string | undefined {
  const size = fontSizeOf(box);
  return size === undefined ? undefined : `font-size:${size}`;
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
  const s = layout.scale;
  for (const mark of layout.marks) if (time >= mark.t) parts.push(markSvg(mark, s));
  for (const arrow of layout.arrows) parts.push(arrowSvg(arrow, arrowProgress(arrow, time), s));
  for (const badge of layout.badges) if (time >= badge.t) parts.push(badgeSvg(badge, s));
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
  const s = layout.scale;
  let out = "";
  layout.gaps.forEach((g, i) => {
    const caption = layout.gapBoxes[i];
    out += el(
      "g",
      { class: "seq-gap" },
      el("rect", { x: 0, y: g.y0 + 4, width: layout.width, height: Math.max(0, g.y1 - g.y0 - 8) }) +
        (caption ? boxText(caption) : ""),
    );
  });
  for (const lane of layout.lanes) {
    out += el(
      "g",
      { class: `seq-lane seq-lane-${lane.party}` },
      el("line", { x1: lane.x, x2: lane.x, y1: layout.headerPx - 14 * s, y2: layout.height - 16 * s }) +
        el("rect", { x: lane.x - 56 * s, y: 8 * s, width: 112 * s, height: 34 * s, rx: 8 * s }) +
        text(
          {
            x: lane.x,
            y: 31 * s,
            "text-anchor": "middle",
            style: s === 1 ? undefined : `font-size:${15 * s}px`,
          },
          lane.label,
        ),
    );
  }
  return out;
}

function arrowSvg(arrow: Arrow, progress: number, s: number): string {
  if (progress <= 0) return "";
  const { x1, y1, event } = arrow;
  const { x, y, done } = arrowGeometry(arrow, progress);
  const visible = visibleLabel(arrow);
  let body =
    el("title", {}, escapeXmlText(`${arrow.ariaLabel} (${visible})`)) +
    el("line", { class: "seq-line", x1, y1, x2: x, y2: y });
  if (done) {
    body += event.dropped
      ? el("path", { class: "seq-cross", d: cross(x, y, s) })
      : el("path", { class: "seq-tip", d: tip(x1, y1, x, y, s) });
    body += boxText(arrow.labelBox, { class: "seq-label" });
  }
  return el("g", { class: arrowClass(arrow, false), "data-packet": event.packet }, body);
}

function badgeSvg(badge: Badge, s: number): string {
  return el(
    "g",
    {
      class: badgeClass(badge),
      "data-party": badge.party,
      "data-duplicate": badge.duplicate ? "true" : undefined,
    },
    el("circle", { cx: badge.cx, cy: badge.cy, r: badge.r }) +
      text(
        {
          x: badge.cx,
          y: badge.cy + 5 * s,
          "text-anchor": "middle",
          class: "seq-badge-count",
          style: s === 1 ? undefined : `font-size:${14 * s}px`,
        },
        `${badge.count}`,
      ) +
      boxText(badge.textBox, { class: "seq-badge-text" }),
  );
}

function markSvg(mark: Mark, s: number): string {
  const caption = mark.textBox ? boxText(mark.textBox) : "";
  switch (mark.kind) {
    case "connection-lost":
      return el(
        "g",
        { class: "seq-mark seq-conn-lost" },
        el("path", { d: connectionLostPath(mark, s) }) + caption,
      );
    case "reconnected":
      return el(
        "g",
        { class: "seq-mark seq-reconnected" },
        el("title", {}, escapeXmlText(mark.label)) +
          el("line", { x1: mark.x1, x2: mark.x2, y1: mark.y, y2: mark.y }),
      );
    case "timeout":
      return el("g", { class: "seq-mark seq-timeout" }, el("path", { d: timeoutPath(mark, s) }) + caption);
    case "publish":
      return el(
        "g",
        { class: "seq-mark seq-publish" },
        el("circle", { cx: mark.x - 14 * s, cy: mark.y, r: 4 * s }) + caption,
      );
    case "session-discarded":
    case "not-forwarded":
    case "broker-down":
    case "retained":
    case "will":
    case "publisher-end":
      return el("g", { class: `seq-mark seq-note seq-${mark.kind}` }, caption);
    case "broker-up": {
      const band = downBand(mark, s);
      return el(
        "g",
        { class: "seq-mark seq-broker-up" },
        el("title", {}, escapeXmlText(mark.label)) +
          el("rect", { x: band.x, y: band.y, width: band.w, height: band.h }),
      );
    }
  }
}
