/**
 * A deterministic, conservative estimate of how wide the diagram's text is drawn, so that the
 * layout (in Node and in the browser alike) can keep every label clear of every other. Pure.
 *
 * The widths are the widest advance of each character over weights 400, 600 and 700 in DejaVu
 * Sans, the font `system-ui` resolves to on Linux and one of the widest sans-serif faces in use
 * (Segoe UI, Roboto, San Francisco and Liberation Sans are all narrower), measured in Chromium
 * with canvas `measureText` at 100 px. A character not in the table counts as 1 em, wider than any
 * of these fonts' Latin letters. e2e/layout-labels.spec.ts checks in Chromium that no label is
 * drawn wider than this estimate.
 */

/** Advance widths in em of the characters the diagram writes (a table: kept one row per group). */
// prettier-ignore
const EM: Readonly<Record<string, number>> = {
  " ": 0.35, "!": 0.46, '"': 0.53, "#": 0.84, $: 0.7, "%": 1.01, "&": 0.88, "'": 0.31, "(": 0.46,
  ")": 0.46, "*": 0.53, "+": 0.84, ",": 0.38, "-": 0.42, ".": 0.38, "/": 0.37, ":": 0.4, ";": 0.4,
  "<": 0.84, "=": 0.84, ">": 0.84, "?": 0.59, "@": 1, "[": 0.46, "\\": 0.37, "]": 0.46, "^": 0.84,
  _: 0.5, "`": 0.5, "{": 0.72, "|": 0.37, "}": 0.72, "~": 0.84,
  A: 0.78, B: 0.77, C: 0.74, D: 0.84, E: 0.69, F: 0.69, G: 0.83, H: 0.84, I: 0.38, J: 0.38, K: 0.78,
  L: 0.64, M: 1, N: 0.84, O: 0.86, P: 0.74, Q: 0.86, R: 0.78, S: 0.73, T: 0.69, U: 0.82, V: 0.78,
  W: 1.11, X: 0.78, Y: 0.73, Z: 0.73,
  a: 0.68, b: 0.72, c: 0.6, d: 0.72, e: 0.68, f: 0.44, g: 0.72, h: 0.72, i: 0.35, j: 0.35, k: 0.67,
  l: 0.35, m: 1.05, n: 0.72, o: 0.69, p: 0.72, q: 0.72, r: 0.5, s: 0.6, t: 0.48, u: 0.72, v: 0.66,
  w: 0.93, x: 0.65, y: 0.66, z: 0.59,
  "·": 0.38, "×": 0.84, "⚡": 0.71, "⋯": 1, "–": 0.5, "—": 1, "…": 1, "✕": 0.84, "→": 0.84,
};
const DIGIT_EM = 0.7;
const UNKNOWN_EM = 1;
/** Headroom over the table, for hinting and rounding at small sizes. */
const SAFETY = 1.04;

/** EM by character code for ASCII, the characters most texts are made of: a lookup, no hashing. */
const ASCII_EM = Float64Array.from({ length: 128 }, (_, code) => {
  const ch = String.fromCharCode(code);
  return ch >= "0" && ch <= "9" ? DIGIT_EM : (EM[ch] ?? UNKNOWN_EM);
});

/** The drawn width in px of `text` at `fontPx`: never less than what the browser draws. */
export function textWidth(text: string, fontPx: number): number {
  let em = 0;
  // By code unit, not by iterator: the layout measures thousands of strings per drawing.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      em += ASCII_EM[code] as number;
      continue;
    }
    // Anything else by its code point, a pair of surrogates as one character.
    const point = text.codePointAt(i) as number;
    if (point > 0xffff) i++;
    em += EM[String.fromCodePoint(point)] ?? UNKNOWN_EM;
  }
  return em * fontPx * SAFETY;
}

/**
 * `text` broken into lines no wider than `maxWidth` where possible, only at `separator` (which
 * stays at the end of the line it ends, trimmed). A piece wider than `maxWidth` on its own gets a
 * line of its own: the caller makes room for the widest piece (`widestPiece`).
 */
export function wrapText(text: string, maxWidth: number, fontPx: number, separator: string): string[] {
  // Most texts of a long trace repeat (the same label at the same width): wrapped once. The lines
  // are shared between callers, who only read them.
  const sizes = remembered(wrapped, text);
  for (const w of sizes)
    if (w.maxWidth === maxWidth && w.fontPx === fontPx && w.separator === separator) return w.lines;
  const lines = wrapAnew(text, maxWidth, fontPx, separator);
  sizes.push({ maxWidth, fontPx, separator, lines });
  return lines;
}

function wrapAnew(text: string, maxWidth: number, fontPx: number, separator: string): string[] {
  const pieces = text.split(separator);
  const lines: string[] = [];
  let line = "";
  for (const [i, piece] of pieces.entries()) {
    const last = i === pieces.length - 1;
    const candidate = line === "" ? piece : `${line}${separator}${piece}`;
    // Measured with the separator that would end the line (" ·"), as it would be drawn.
    const ended = last ? candidate : `${candidate}${separator}`.trimEnd();
    if (line !== "" && textWidth(ended, fontPx) > maxWidth) {
      lines.push(`${line}${separator}`.trimEnd());
      line = piece;
    } else {
      line = candidate;
    }
    if (last) lines.push(line);
  }
  return lines;
}

/** The width of the widest piece of `text` between separators: the least a wrapped text needs. */
export function widestPiece(text: string, fontPx: number, separator: string): number {
  const sizes = remembered(widest, text);
  for (const w of sizes) if (w.fontPx === fontPx && w.separator === separator) return w.width;
  const width = Math.max(
    ...text.split(separator).map((p) => textWidth(`${p}${separator}`.trimEnd(), fontPx)),
  );
  sizes.push({ fontPx, separator, width });
  return width;
}

/**
 * Texts remembered at most, per kind of result: a long trace writes a few thousand different
 * texts; past this the memory starts again (a page that lays out many traces stays bounded).
 */
const REMEMBERED = 20_000;

interface Wrapped {
  maxWidth: number;
  fontPx: number;
  separator: string;
  lines: string[];
}

interface Widest {
  fontPx: number;
  separator: string;
  width: number;
}

/** Results by text (a text is measured at few sizes: a short list, no key built per call). */
const wrapped = new Map<string, Wrapped[]>();
const widest = new Map<string, Widest[]>();

function remembered<T>(memo: Map<string, T[]>, text: string): T[] {
  let sizes = memo.get(text);
  if (!sizes) {
    if (memo.size >= REMEMBERED) memo.clear();
    sizes = [];
    memo.set(text, sizes);
  }
  return sizes;
}
