/**
 * The sequence diagram's stylesheet, the one source of truth for the page and for the exported
 * SVG. It is TypeScript rather than a .css file because the command line (`npm run render`) runs
 * in Node, where a stylesheet import does not load. Pure: strings only.
 *
 * The page gets `SCREEN_CSS` (colours as CSS variables, dark ones under prefers-color-scheme or
 * `<html data-theme="dark">`, light ones forced by `data-theme="light"`);
 * an export gets `exportCss(theme)`: the drawing rules with every variable replaced by the chosen
 * theme's colour, so the file looks the same wherever it is opened.
 */

export type DiagramTheme = "light" | "dark";

/** Colour roles of the diagram, by CSS variable name (without the leading `--`). */
export type DiagramColor =
  | "seq-ink"
  | "seq-muted"
  | "seq-lane"
  | "seq-publish"
  | "seq-ack"
  | "seq-pubrel"
  | "seq-conn"
  | "seq-lost"
  | "seq-dup"
  | "seq-bg"
  | "seq-gap"
  | "seq-focus";

/** Colour carries meaning but never alone: lost is also dashed with an ✕, resends also say DUP. */
export const DIAGRAM_COLORS: Readonly<Record<DiagramTheme, Readonly<Record<DiagramColor, string>>>> = {
  light: {
    "seq-ink": "#1b2430",
    "seq-muted": "#5b6675",
    "seq-lane": "#9aa5b4",
    "seq-publish": "#1f5fbf",
    "seq-ack": "#2d7d46",
    "seq-pubrel": "#7a4bc2",
    "seq-conn": "#5b6675",
    "seq-lost": "#c0262d",
    "seq-dup": "#b35900",
    "seq-bg": "#ffffff",
    "seq-gap": "#eef1f5",
    "seq-focus": "#0b62d6",
  },
  dark: {
    "seq-ink": "#e7ecf3",
    "seq-muted": "#a9b4c2",
    "seq-lane": "#5e6b7c",
    "seq-publish": "#7fb0ff",
    "seq-ack": "#6fd08c",
    "seq-pubrel": "#c6a6ff",
    "seq-conn": "#a9b4c2",
    "seq-lost": "#ff7b7f",
    "seq-dup": "#ffb35c",
    "seq-bg": "#131a22",
    "seq-gap": "#1c2530",
    "seq-focus": "#8ab8ff",
  },
};

/**
 * The font of an exported diagram. On the page the diagram inherits the page's font, which is
 * this same stack (src/ui/lab.css, `:root`); keep the two equal, or exports stop matching.
 */
export const DIAGRAM_FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** What everything drawn needs, in the page and in an export. Colours are `var(--seq-…)`. */
const DRAWING_RULES = `
.seq text {
  fill: var(--seq-ink);
  paint-order: stroke;
  stroke: var(--seq-bg);
  stroke-width: 7px;
  stroke-linejoin: round;
}
.seq-gap rect {
  fill: var(--seq-gap);
}
.seq-gap text {
  fill: var(--seq-muted);
  stroke: var(--seq-gap);
  font-size: 13px;
}
.seq-lane line {
  stroke: var(--seq-lane);
  stroke-width: 2;
  stroke-dasharray: 2 6;
  stroke-linecap: round;
}
.seq-lane rect {
  fill: var(--seq-bg);
  stroke: var(--seq-lane);
  stroke-width: 1.5;
}
.seq-lane text {
  font-weight: 650;
  font-size: 15px;
}
.seq-arrow {
  color: var(--seq-publish);
}
.seq-arrow-puback,
.seq-arrow-pubrec,
.seq-arrow-pubcomp {
  color: var(--seq-ack);
}
.seq-arrow-pubrel {
  color: var(--seq-pubrel);
}
.seq-arrow-connect,
.seq-arrow-connack {
  color: var(--seq-conn);
}
.seq-arrow.is-lost {
  color: var(--seq-lost);
}
.seq-line {
  stroke: currentColor;
  stroke-width: 2.5;
}
.seq-arrow-connect .seq-line,
.seq-arrow-connack .seq-line {
  stroke-dasharray: 8 4;
}
.seq-arrow.is-lost .seq-line {
  stroke-dasharray: 6 5;
}
.seq-arrow.is-resend .seq-label {
  font-weight: 700;
}
.seq-tip {
  fill: currentColor;
}
.seq-cross {
  stroke: var(--seq-lost);
  stroke-width: 3.5;
  stroke-linecap: round;
  fill: none;
}
.seq-label {
  font-size: 13.5px;
  fill: currentColor !important;
  font-weight: 600;
}
.seq-badge circle {
  fill: var(--seq-ack);
}
.seq-badge.is-forward circle {
  fill: var(--seq-muted);
}
.seq-badge.is-duplicate circle {
  fill: var(--seq-dup);
}
.seq-badge .seq-badge-count {
  fill: var(--seq-bg);
  stroke: none;
  font-weight: 700;
}
.seq-badge-text {
  font-size: 13px;
  font-weight: 600;
}
.seq-badge.is-duplicate .seq-badge-text {
  fill: var(--seq-dup);
}
.seq-mark text {
  font-size: 13px;
  fill: var(--seq-muted);
}
.seq-conn-lost path {
  stroke: var(--seq-conn);
  stroke-width: 2;
  stroke-dasharray: 4 3;
  fill: none;
}
.seq-conn-lost text {
  fill: var(--seq-ink);
  font-weight: 650;
}
.seq-reconnected line {
  stroke: var(--seq-conn);
  stroke-width: 1.5;
  stroke-dasharray: 1 4;
}
.seq-broker-up rect {
  fill: var(--seq-conn);
  opacity: 0.35;
}
.seq-timeout path {
  stroke: var(--seq-dup);
  stroke-width: 2;
  fill: none;
}
.seq-publish circle {
  fill: var(--seq-publish);
}
`;

/** Only the live page has pointers, focus and a playhead. */
const INTERACTION_RULES = `
:root[data-theme="light"] .seq {
  color-scheme: light;
}
.seq-arrow {
  cursor: pointer;
  outline: none;
}
.seq-hit {
  stroke: transparent;
  stroke-width: 22;
  stroke-linecap: round;
}
.seq-arrow:hover .seq-line,
.seq-arrow.is-selected .seq-line {
  stroke-width: 4;
}
.seq-arrow:focus-visible .seq-hit {
  stroke: var(--seq-focus);
  stroke-opacity: 0.25;
}
.seq-arrow:focus-visible .seq-line {
  stroke-width: 4;
}
.seq-playhead {
  stroke: var(--seq-focus);
  stroke-width: 1.5;
  stroke-opacity: 0.55;
  pointer-events: none;
}
`;

/**
 * A still diagram that drops packets (the custom element's controls="full") is drawn again on
 * every toggle and fades its labels in by CSS, as it always has; the live page does not use this.
 */
const STILL_LABEL_FADE = `
.seq-arrow .seq-label {
  animation: seq-fade-in 0.2s ease-out;
}
@keyframes seq-fade-in {
  from {
    opacity: 0;
  }
}
@media (prefers-reduced-motion: reduce) {
  .seq-arrow .seq-label {
    animation: none;
  }
}
`;

function declarations(theme: DiagramTheme, indent: string): string {
  return Object.entries(DIAGRAM_COLORS[theme])
    .map(([name, value]) => `${indent}--${name}: ${value};`)
    .join("\n");
}

/** The stylesheet of the live diagram (rendered once per page by SequenceDiagram). */
export const SCREEN_CSS = `.seq {
${declarations("light", "  ")}
  font-family: inherit;
  font-size: 14px;
  display: block;
  overflow: visible;
  background: var(--seq-bg);
}
@media (prefers-color-scheme: dark) {
  .seq {
${declarations("dark", "    ")}
  }
}
:root[data-theme="light"] .seq {
${declarations("light", "  ")}
}
:root[data-theme="dark"] .seq {
${declarations("dark", "  ")}
}${DRAWING_RULES}${INTERACTION_RULES}`;

const VARIABLE = /var\(--(seq-[a-z]+)\)/g;

/** Every `var(--seq-…)` in `css` replaced by the theme's colour; an unknown name is a bug. */
export function resolveColors(css: string, theme: DiagramTheme): string {
  const colors: Readonly<Record<string, string>> = DIAGRAM_COLORS[theme];
  return css.replace(VARIABLE, (whole, name: string) => {
    const value = Object.hasOwn(colors, name) ? colors[name] : undefined;
    if (value === undefined) throw new Error(`diagram styles: no colour for ${whole}`);
    return value;
  });
}

/** The stylesheet of an exported diagram: fixed font and colours, no interaction, no variables. */
/** Hover and focus rules of clickable arrows, colours resolved (a still diagram that drops packets). */
export function interactionCss(theme: DiagramTheme): string {
  return resolveColors(INTERACTION_RULES + STILL_LABEL_FADE, theme);
}

export function exportCss(theme: DiagramTheme): string {
  const root = `.seq {
  font-family: ${DIAGRAM_FONT_FAMILY};
  font-size: 14px;
  background: ${DIAGRAM_COLORS[theme]["seq-bg"]};
}`;
  return `${root}${resolveColors(DRAWING_RULES, theme)}`;
}
