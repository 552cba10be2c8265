/**
 * The app the lab server serves, with the Live view's meta tag in every index.html (never in
 * embed.html: the embed has no Live view): the built `dist/` folder as static files, or the
 * sources through Vite in middleware mode (no build needed).
 */
import { readFile, realpath, stat } from "node:fs/promises";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Plugin } from "vite";
import { LIVE_META_NAME, type LiveEndpoint } from "../../src/live/index.ts";
import { hostHeaders } from "../../scripts/csp.ts";

/** The repository's root (this file is lab/server/app.ts). */
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface App {
  handle(req: IncomingMessage, res: ServerResponse): void;
  close(): Promise<void>;
}

/** `<meta name="mqtt-qos-lab-live" content='{"ws":"/live","token":"…"}' />`, attribute-escaped. */
export function liveMetaTag(endpoint: LiveEndpoint): string {
  const content = JSON.stringify(endpoint)
    .replace(/&/g, "&amp;")
    .replace(/'/g, "&#39;")
    .replace(/</g, "&lt;");
  return `<meta name="${LIVE_META_NAME}" content='${content}' />`;
}

/** The page with the tag just before </head>; a page without </head> is a broken build. */
export function withLiveMeta(html: string, tag: string): string {
  const end = html.search(/<\/head>/i);
  if (end < 0) throw new Error("lab server: index.html has no </head> to put the Live meta tag in");
  return `${html.slice(0, end)}  ${tag}\n  ${html.slice(end)}`;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
};

export function contentType(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
}

function plain(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    "Content-Type": "text/plain; charset=utf-8",
    "X-Content-Type-Options": "nosniff",
    ...headers,
  });
  res.end(`${text}\n`);
}

/**
 * The file a request path names inside `root`, or why not. The raw path is read, not a URL
 * parser's normalized one: `/../x`, `/%2e%2e/x`, `/a/..%2f..%2fx`, backslashes and NUL are refused
 * outright rather than resolved to something else.
 */
export function fileFor(
  root: string,
  rawUrl: string,
): { file: string } | { status: 400 | 403; reason: string } {
  const rawPath = rawUrl.split(/[?#]/, 1)[0] ?? "/";
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { status: 400, reason: "malformed path" };
  }
  if (!decoded.startsWith("/")) return { status: 400, reason: "malformed path" };
  const segments = decoded.split("/");
  if (decoded.includes("\\") || decoded.includes("\0") || segments.some((s) => s === ".." || s === "."))
    return { status: 403, reason: "outside the app" };
  const relative = decoded.endsWith("/") ? `${decoded}index.html` : decoded;
  const file = path.resolve(root, `.${relative}`);
  if (!file.startsWith(root + path.sep)) return { status: 403, reason: "outside the app" };
  return { file };
}

/** The built app (`npm run build`'s dist/), each index.html with the Live meta tag. */
export async function distApp(dir: string, metaTag: string): Promise<App> {
  const root = await realpath(path.resolve(dir)).catch(() => {
    throw new Error(`${dir} does not exist; run npm run build first, or use --app dev`);
  });
  if (!(await stat(path.join(root, "index.html")).catch(() => undefined))?.isFile())
    throw new Error(`${dir} has no index.html; run npm run build first, or use --app dev`);

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== "GET" && req.method !== "HEAD")
      return plain(res, 405, "only GET and HEAD", { Allow: "GET, HEAD" });
    const target = fileFor(root, req.url ?? "/");
    if ("status" in target) return plain(res, target.status, target.reason);
    // A link inside dist/ may point anywhere: what is served must really lie inside it.
    const real = await realpath(target.file).catch(() => undefined);
    if (real === undefined || !(await stat(real)).isFile()) return plain(res, 404, "not found");
    if (!real.startsWith(root + path.sep)) return plain(res, 403, "outside the app");
    const name = path.basename(real);
    let body: Buffer | string = await readFile(real);
    const headers: Record<string, string> = {
      "Content-Type": contentType(real),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-cache",
    };
    if (name === "index.html") {
      body = withLiveMeta(body.toString("utf8"), metaTag);
      // The token is new at each start: a cached page would carry a dead one.
      Object.assign(headers, hostHeaders("app"), { "Cache-Control": "no-store" });
    } else if (name === "embed.html") Object.assign(headers, hostHeaders("embed"));
    headers["Content-Length"] = String(Buffer.byteLength(body));
    res.writeHead(200, headers);
    res.end(req.method === "HEAD" ? undefined : body);
  }

  return {
    handle(req, res) {
      serve(req, res).catch((error: unknown) => {
        if (!res.headersSent) plain(res, 500, `lab server: ${String(error)}`);
        else res.destroy();
      });
    },
    close: () => Promise.resolve(),
  };
}

/** Vite plugin: the Live meta tag in each index.html Vite serves (not embed.html). */
function liveMetaPlugin(metaTag: string): Plugin {
  return {
    name: "lab:live-meta",
    transformIndexHtml: {
      order: "post",
      handler: (html, context) =>
        path.basename(context.filename) === "index.html" ? withLiveMeta(html, metaTag) : html,
    },
  };
}

/**
 * The sources through Vite in middleware mode on the lab's own HTTP server (its hot reload shares
 * that server's upgrades, under Vite's own WebSocket protocol), so `npm run lab` needs no build.
 */
export async function devApp(server: Server, metaTag: string): Promise<App> {
  // Loaded only for --app dev: the dist server and the tests need no Vite.
  const { createLogger, createServer } = await import("vite");
  let closing = false;
  const logger = createLogger("warn");
  const warn = logger.warn.bind(logger);
  // Stopped right after a start (Ctrl-C), Vite's dependency scan reports the close it was cut by.
  logger.warn = (message, options) => {
    if (!(closing && message.includes("Failed to run dependency scan"))) warn(message, options);
  };
  const vite = await createServer({
    root: REPO_ROOT,
    configFile: path.join(REPO_ROOT, "vite.config.ts"),
    appType: "spa",
    customLogger: logger,
    clearScreen: false,
    // No CORS: Vite's default lets any localhost page read index.html, and with it the token.
    server: { middlewareMode: true, ws: { server }, cors: false },
    plugins: [liveMetaPlugin(metaTag)],
  });
  return {
    handle(req, res) {
      vite.middlewares(req, res, () => plain(res, 404, "not found"));
    },
    close: () => {
      closing = true;
      return vite.close();
    },
  };
}
