/**
 * What theme="auto" means on a page: match it. First the colour scheme the page declares where the
 * element sits (documentation sites switch theirs with a toggle: Docusaurus sets `color-scheme:
 * dark` on `html[data-theme=dark]`, VitePress on `html.dark`), then the background behind it, then
 * the reader's system preference.
 */

/** "light" or "dark" from a computed `color-scheme`, or null when it leaves the choice open. */
export function schemeFromColorScheme(value: string): "light" | "dark" | null {
  const words = value.trim().split(/\s+/);
  const dark = words.includes("dark");
  const light = words.includes("light");
  if (dark && !light) return "dark";
  if (light && !dark) return "light";
  return null; // "normal", "light dark": the system decides
}

const DARK_QUERY = "(prefers-color-scheme: dark)";

/** Relative luminance (0 black … 1 white) of a computed `rgb()`/`rgba()` colour, if opaque enough. */
export function luminanceOf(color: string): number | null {
  const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(
    color.trim(),
  );
  if (!m) return null;
  const alphaText = m[4];
  const alpha =
    alphaText === undefined
      ? 1
      : alphaText.endsWith("%")
        ? Number.parseFloat(alphaText) / 100
        : Number(alphaText);
  if (!(alpha >= 0.5)) return null; // (nearly) see-through: look further out
  const linear = (c: number) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(Number(m[1])) + 0.7152 * linear(Number(m[2])) + 0.0722 * linear(Number(m[3]));
}

/**
 * The scheme for an element: the page's declared one where it sits; else the background it is
 * drawn on (a dark page that declares nothing); else, on a bare canvas, the system's preference
 * where the page allows both schemes and light where it declares nothing.
 */
export function pageScheme(element: Element): "light" | "dark" {
  const colorScheme = getComputedStyle(element).colorScheme;
  const declared = schemeFromColorScheme(colorScheme);
  if (declared) return declared;
  for (let node = element.parentElement; node; node = node.parentElement) {
    const luminance = luminanceOf(getComputedStyle(node).backgroundColor);
    if (luminance !== null) return luminance < 0.18 ? "dark" : "light";
  }
  if (!allowsDark(colorScheme, document)) return "light";
  return matchMedia(DARK_QUERY).matches ? "dark" : "light";
}

/**
 * Whether the page allows a dark scheme: by CSS (`color-scheme`, computed where the element sits)
 * or by `<meta name="color-scheme" content="light dark">`, which sets the canvas's scheme but not
 * any element's computed `color-scheme`.
 */
export function allowsDark(colorScheme: string, doc: Pick<Document, "querySelector">): boolean {
  const meta = doc.querySelector('meta[name="color-scheme"]')?.getAttribute("content") ?? "";
  return /\bdark\b/.test(`${colorScheme} ${meta}`);
}

/**
 * Calls `onChange` whenever the page may have switched its scheme: the system preference
 * changed, or an attribute of <html> or <body> did (where theme toggles write). Returns a stop.
 */
export function watchPageScheme(onChange: () => void): () => void {
  const media = matchMedia(DARK_QUERY);
  media.addEventListener("change", onChange);
  const observer = new MutationObserver(onChange);
  for (const node of [document.documentElement, document.body]) {
    if (node) observer.observe(node, { attributes: true });
  }
  return () => {
    media.removeEventListener("change", onChange);
    observer.disconnect();
  };
}
