/**
 * The pages' Content-Security-Policy, delivered as `<meta http-equiv>` (static hosting sends no
 * headers we control). The served app and embed load only their own files; the offline file
 * loads nothing and allows exactly its own inline script and stylesheet, by hash, computed from
 * the built file. What a host should add as real headers (frame-ancestors, which a <meta> cannot
 * set) is in `hostHeaders`.
 */
import { createHash } from "node:crypto";
import type { Plugin } from "vite";

/** A policy as directives, each with its sources. */
export type Policy = Readonly<Record<string, readonly string[]>>;

/**
 * The app (index.html) and the embed (embed.html) as built and served: scripts, stylesheets and
 * the worker are files of the site; nothing else is loaded.
 */
export const SERVED_POLICY: Policy = {
  "default-src": ["'none'"],
  // Vite's entry, its chunks (dynamic import) and <link rel="modulepreload">.
  "script-src": ["'self'"],
  // Stylesheet files only. React sets `style` props through the CSSOM (element.style), which CSP
  // does not govern, so no 'unsafe-inline': the page has no <style> element or style attribute.
  "style-src": ["'self'"],
  // The favicon; blob: is the SVG drawn into a canvas for the PNG export (export/png.ts).
  "img-src": ["'self'", "blob:"],
  // The lab's Web Worker (worker/spawn.ts), a file of the site.
  "worker-src": ["'self'"],
  // The page fetches nothing; Vite's modulepreload polyfill may fetch the site's own chunks in a
  // browser without <link rel="modulepreload">.
  "connect-src": ["'self'"],
  // The embed builder's live preview: an iframe of the site's own embed.html (src/app/builder/).
  "frame-src": ["'self'"],
  "base-uri": ["'none'"],
  "form-action": ["'none'"],
};

/** The offline file's policy before the hashes of its inline script and stylesheet are added. */
export const OFFLINE_POLICY: Policy = {
  "default-src": ["'none'"],
  "script-src": [],
  "style-src": [],
  // The favicon is a data: URL; blob: is the PNG export's picture.
  "img-src": ["data:", "blob:"],
  // The inlined worker starts from a blob: URL (worker/spawn.offline.ts).
  "worker-src": ["blob:"],
  "connect-src": ["'none'"],
  "base-uri": ["'none'"],
  "form-action": ["'none'"],
};

/** `default-src 'none'; script-src 'self'; …`; a directive with no source gets 'none'. */
export function serializePolicy(policy: Policy): string {
  return Object.entries(policy)
    .map(([directive, sources]) => [directive, ...(sources.length > 0 ? sources : ["'none'"])].join(" "))
    .join("; ");
}

/** A CSP hash source of a script's or stylesheet's text: `'sha256-…'` over its UTF-8 bytes. */
export function hashSource(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

/** What an HTML document runs or styles inline, read by an HTML parser (jsdom's parse5). */
export interface InlineContent {
  scripts: string[];
  styles: string[];
  /** Elements with a style="" or on…="" attribute: hashes cannot allow those without 'unsafe-hashes'. */
  inlineAttributes: string[];
}

export async function inlineContent(html: string): Promise<InlineContent> {
  // Loaded when the offline file is built, not whenever vite.config.ts is (every vitest run).
  const { JSDOM } = await import("jsdom");
  const { document } = new JSDOM(html).window;
  const inlineAttributes: string[] = [];
  for (const element of document.querySelectorAll("*")) {
    for (const { name } of element.attributes) {
      if (name === "style" || name.startsWith("on")) inlineAttributes.push(`<${element.localName} ${name}>`);
    }
  }
  return {
    scripts: [...document.querySelectorAll("script:not([src])")].map((s) => s.textContent ?? ""),
    styles: [...document.querySelectorAll("style")].map((s) => s.textContent ?? ""),
    inlineAttributes,
  };
}

/** The policy's <meta>, placed right after <meta charset> so it applies before any script or style. */
export function withPolicyMeta(html: string, policy: Policy): string {
  const charset = /<meta charset="[^"]*"\s*\/?>/i.exec(html);
  if (!charset) throw new Error("csp: the page has no <meta charset> to put the policy after");
  const meta = `<meta http-equiv="Content-Security-Policy" content="${serializePolicy(policy)}" />`;
  const end = charset.index + charset[0].length;
  return `${html.slice(0, end)}\n    ${meta}${html.slice(end)}`;
}

/**
 * The offline file's policy: OFFLINE_POLICY plus the hash of each inline script and stylesheet
 * of `html`. Throws if the page has an inline style or event-handler attribute, which a hash
 * cannot allow: the build fails rather than ship a page its own policy breaks.
 */
export async function offlinePolicy(html: string): Promise<Policy> {
  const inline = await inlineContent(html);
  if (inline.inlineAttributes.length > 0) {
    throw new Error(`csp: inline attributes in the offline file: ${inline.inlineAttributes.join(", ")}`);
  }
  return {
    ...OFFLINE_POLICY,
    "script-src": inline.scripts.map(hashSource),
    "style-src": inline.styles.map(hashSource),
  };
}

/**
 * Vite plugin of the served build (vite.config.ts): SERVED_POLICY in each page. Build only: the
 * dev server injects inline scripts (React Fast Refresh) that this policy would block. Vite's
 * pages have no inline script or style; e2e/csp.spec.ts fails on any violation should one come
 * (parsing each page here would cost every build the seconds jsdom takes to load).
 */
export function servedCsp(): Plugin {
  return {
    name: "lab:csp",
    apply: "build",
    transformIndexHtml: { order: "post", handler: (html) => withPolicyMeta(html, SERVED_POLICY) },
  };
}

/**
 * Vite plugin of the offline build (vite.offline.config.ts), after vite-plugin-singlefile: hashes
 * the inlined script and stylesheet of the finished file and puts `offlinePolicy` in it.
 */
export function offlineCsp(fileName: string): Plugin {
  return {
    name: "lab:csp-offline",
    apply: "build",
    enforce: "post",
    generateBundle: {
      order: "post",
      async handler(_options, bundle) {
        const page = bundle[fileName];
        if (page?.type !== "asset" || typeof page.source !== "string") {
          throw new Error(`csp: ${fileName} is not in the offline build`);
        }
        page.source = withPolicyMeta(page.source, await offlinePolicy(page.source));
      },
    },
  };
}

/**
 * Headers a host should send, since a <meta> policy cannot say who may frame a page: the app may
 * deny framing; the embed is made to be framed by any site.
 */
export function hostHeaders(page: "app" | "embed"): Record<string, string> {
  const frameAncestors = page === "app" ? "'none'" : "*";
  return {
    "Content-Security-Policy": `${serializePolicy(SERVED_POLICY)}; frame-ancestors ${frameAncestors}`,
    ...(page === "app" ? { "X-Frame-Options": "DENY" } : {}),
  };
}
