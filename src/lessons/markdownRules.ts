/**
 * What a lesson's Markdown may hold: no HTML (a tag, an end tag or `<!` outside a code span) and
 * links to http(s) pages only. Texts are rendered to React elements, never as HTML; refusing HTML
 * here keeps a lesson file from looking as if it could carry markup or script. Pure.
 */

/** Code spans (`…`, ``…``): what sits inside them is code, shown as written. */
const CODE_SPAN = /(`+)[\s\S]*?\1/g;
/** `<tag`, `</tag` or `<!` (a comment, a doctype, CDATA). */
const HTML = /<\/?[A-Za-z]|<!/;
/** An inline link's destination: `[text](destination)`. */
const LINK = /\]\(\s*<?([^)\s>]*)/g;
const WEB = /^https?:\/\/[^\s/]/i;

/** The text with its code spans blanked out (so a `<tag>` in code is allowed). */
function outsideCode(text: string): string {
  return text.replace(CODE_SPAN, (span) => " ".repeat(span.length));
}

export function htmlProblem(text: string): string | null {
  const match = HTML.exec(outsideCode(text));
  if (match === null) return null;
  const at = text.slice(match.index, match.index + 12);
  return `no HTML; write Markdown (found ${JSON.stringify(at)}; put it in \`code\` to show it as text)`;
}

export function linkProblem(text: string): string | null {
  for (const match of outsideCode(text).matchAll(LINK)) {
    const target = match[1] ?? "";
    if (!WEB.test(target)) {
      return `expected links to http:// or https:// pages; got ${JSON.stringify(target.slice(0, 40))}`;
    }
  }
  return null;
}
