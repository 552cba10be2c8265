import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";

/**
 * Serving host pages to Chromium without a server: page.route answers a made-up origin from
 * folders on disk (a built docs site, a recipe, dist-element/), and another made-up origin stands
 * for wherever a reader hosts the lab (LAB_ORIGIN, proxied to the preview server of `dist/`).
 * Requests from iframes are routed too, so a host page and the embeds in it load as in real life.
 */

/** The origin the recipes use for "where you host the lab's build" (README, recipes/). */
export const LAB_ORIGIN = "https://qos-lab.example.com";

/** The repository's root folder, as a path. */
export const ROOT = fileURLToPath(new URL("..", import.meta.url));

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml",
};

/** The file a URL path names in `dir`, as static hosts do: `/a/` → a/index.html, `/a` → a.html. */
function fileFor(dir: string, pathname: string): string | undefined {
  const clean = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, "");
  const base = join(dir, clean);
  if (!base.startsWith(dir)) return undefined;
  for (const candidate of [base, join(base, "index.html"), `${base}.html`]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/**
 * Answers every request to `origin` from the first of `dirs` that holds the path (absolute
 * folders, or relative to the repository's root); anything else is a 404.
 */
export async function serveDirs(page: Page, origin: string, dirs: readonly string[]): Promise<void> {
  const roots = dirs.map((d) => (d.startsWith("/") ? d : join(ROOT, d)));
  await page.route(`${origin}/**`, async (route) => {
    const { pathname } = new URL(route.request().url());
    const file = roots.map((dir) => fileFor(dir, pathname)).find((f) => f !== undefined);
    if (!file) {
      await route.fulfill({ status: 404, contentType: "text/plain", body: `not found: ${pathname}` });
      return;
    }
    const type = TYPES[extname(file)] ?? "application/octet-stream";
    await route.fulfill({ status: 200, contentType: type, body: readFileSync(file) });
  });
}

/** Answers LAB_ORIGIN (the lab as a reader hosts it) from the preview server at `baseURL`. */
export async function serveLab(page: Page, baseURL: string): Promise<void> {
  await page.route(`${LAB_ORIGIN}/**`, async (route) => {
    const { pathname, search } = new URL(route.request().url());
    const response = await route.fetch({ url: new URL(pathname + search, baseURL).href });
    await route.fulfill({ response });
  });
}
