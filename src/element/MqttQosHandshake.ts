/**
 * The <mqtt-qos-handshake> custom element: attributes in, a sequence diagram and its verdict out,
 * drawn by React into an open shadow root with its own stylesheet (nothing leaks in or out).
 *
 * The class is made by a function, not declared at the top level, because `class … extends
 * HTMLElement` needs HTMLElement to exist: on a server (Node, SSR) importing this module must
 * not touch any DOM global. defineElement.ts calls `createHandshakeElement()` only in a browser.
 */
import { createElement } from "react";
import { createRoot, type Root } from "react-dom/client";
import { exportCss, interactionCss } from "../diagram/diagramStyles.ts";
import { ELEMENT_NAME, OBSERVED_ATTRIBUTES, readAttributes, type ElementTheme } from "../share/attributes.ts";
import { HandshakeView, ProblemView } from "./HandshakeView.tsx";
import { pageScheme, watchPageScheme } from "./pageScheme.ts";

export { ELEMENT_NAME };

/** The element's own rules: layout of the figure, the verdict line, the controls, the problems. */
const HOST_CSS = `:host {
  display: block;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #1b2430;
}
:host([hidden]) { display: none; }
.handshake { margin: 0; }
.seq { max-width: 100%; height: auto; }
.verdicts p { margin: 0.5em 0 0; }
.verdict.is-duplicated strong { color: #b35900; }
.verdict.is-lost strong { color: #c0262d; }
.controls { display: flex; flex-wrap: wrap; gap: 0.4em; margin-top: 0.4em; }
.controls button { font: inherit; padding: 0.2em 0.7em; cursor: pointer; }
.problems, .view-error { border: 1px solid #c0262d; border-radius: 6px; padding: 0.5em 0.8em; color: #8a1c21; background: #fff4f4; }
.problems p, .view-error p { margin: 0; font-weight: 600; }
.problems { margin-bottom: 0.5em; }
.problems ul { margin: 0.3em 0 0; padding-left: 1.2em; overflow-wrap: anywhere; }
.problems button { font: inherit; margin-top: 0.4em; cursor: pointer; }
.hint { margin: 0.3em 0 0; font-size: 0.9em; opacity: 0.8; }`;

const DARK_HOST = `:host { color: #e7ecf3; }
.verdict.is-duplicated strong { color: #ffb35c; }
.verdict.is-lost strong { color: #ff7b7f; }`;

/** The shadow root's stylesheet for a light or dark theme ("auto" is resolved before). */
export function elementCss(theme: "light" | "dark", interactive = false): string {
  return [
    exportCss(theme),
    ".seq { font-family: inherit; }",
    HOST_CSS,
    theme === "dark" ? DARK_HOST : "",
    interactive ? interactionCss(theme) : "",
  ]
    .filter(Boolean)
    .join("\n");
}

/** The shadow root's one stylesheet, replaced whole when the theme changes. */
interface ShadowSheet {
  set(css: string): void;
}

/**
 * A constructed stylesheet where the browser has them: the CSSOM is not subject to the host
 * page's Content-Security-Policy, so a host whose style-src has no 'unsafe-inline' still shows
 * the element styled. Elsewhere a <style> element, which such a host would block.
 */
function shadowSheet(shadow: ShadowRoot): ShadowSheet {
  let current = "";
  if (
    "adoptedStyleSheets" in shadow &&
    typeof CSSStyleSheet === "function" &&
    "replaceSync" in CSSStyleSheet.prototype
  ) {
    const sheet = new CSSStyleSheet();
    shadow.adoptedStyleSheets = [sheet];
    return {
      set(css) {
        if (css === current) return;
        current = css;
        sheet.replaceSync(css);
      },
    };
  }
  const style = document.createElement("style");
  shadow.append(style);
  return {
    set(css) {
      if (css === current) return;
      current = css;
      style.textContent = css;
    },
  };
}

/** The element class; call only where HTMLElement exists (a browser). */
export function createHandshakeElement(): CustomElementConstructor {
  return class MqttQosHandshake extends HTMLElement {
    static get observedAttributes(): readonly string[] {
      // The document lowercases attribute names; the callback matches them as written here.
      return OBSERVED_ATTRIBUTES.map((name) => name.toLowerCase());
    }

    private readonly sheet: ShadowSheet;
    private readonly mount: HTMLDivElement;
    private root: Root | null = null;
    private scheduled = false;
    private stopWatching: (() => void) | null = null;
    private theme: ElementTheme = "auto";
    private interactive = false;

    constructor() {
      super();
      const shadow = this.attachShadow({ mode: "open" });
      this.sheet = shadowSheet(shadow);
      this.mount = document.createElement("div");
      shadow.append(this.mount);
    }

    connectedCallback(): void {
      // theme="auto" follows the page's colour scheme, which a site's toggle can switch any time.
      // Only the stylesheet changes: no new simulation for a body class that came and went.
      this.stopWatching = watchPageScheme(() => this.applySheet());
      this.schedule();
    }

    disconnectedCallback(): void {
      this.stopWatching?.();
      this.stopWatching = null;
      this.root?.unmount();
      this.root = null;
    }

    attributeChangedCallback(): void {
      this.schedule();
    }

    /** Several attributes set in a row render once. */
    private schedule(): void {
      if (this.scheduled) return;
      this.scheduled = true;
      queueMicrotask(() => {
        this.scheduled = false;
        this.update();
      });
    }

    /** The stylesheet for the theme, "auto" resolved against the page as it is now. */
    private applySheet(): void {
      if (!this.isConnected) return;
      const css = elementCss(this.theme === "auto" ? pageScheme(this) : this.theme, this.interactive);
      this.sheet.set(css);
    }

    private update(): void {
      if (!this.isConnected) return;
      let view;
      let theme: ElementTheme = "auto";
      try {
        const read = readAttributes((name) => this.getAttribute(name));
        theme = read.options.theme;
        this.interactive = read.options.controls === "full";
        // A new key when any attribute changes (a boolean one appearing too): a fresh view,
        // playback from its start and the reader's drops (controls="full") forgotten. A bad
        // attribute is named above the drawing and its default stands in, as in the embed.
        const key = OBSERVED_ATTRIBUTES.map((a) => this.getAttribute(a) ?? "\u0001absent").join("\u0000");
        view = createElement(HandshakeView, {
          key,
          options: read.options,
          problems: read.ok ? [] : read.problems,
        });
      } catch (error) {
        view = createElement(ProblemView, { problems: [`unexpected error: ${String(error)}`] });
      }
      this.theme = theme;
      this.applySheet();
      this.root ??= createRoot(this.mount);
      this.root.render(view);
    }
  };
}
