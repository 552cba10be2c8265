/**
 * `npm run bench:ui`'s size part: the JavaScript the page needs before its first diagram appears.
 *
 * "First paint" (the entry script and its static imports, read from the build's index.html) is
 * not the whole story: the diagram also waits for the chunks the page imports lazily on its way
 * there (the simulator). So the page is loaded in Chromium and measured twice over:
 *
 * 1. Natural loads (a fresh browser context each, so nothing is cached): every script fetched, from
 *    Resource Timing, and the moment the diagram's <svg> entered the DOM (a MutationObserver set up
 *    before the page's own scripts run). Gives the time to the first diagram and what was loaded
 *    before it.
 * 2. Hold-back loads: for each script fetched before the diagram appeared, one more load in which
 *    that script's request never completes. If the diagram still appears, the script was not needed
 *    for it (the page merely fetched it early: animation features, the inspector's decoder). What
 *    is left is exactly the JavaScript the first diagram waits for; its gzip size is the figure.
 *
 * Sizes are gzip (node:zlib, default level, as Vite reports them) of the built files: what a
 * server that compresses sends (`vite preview` does, so the timed loads transfer about that).
 */
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser } from "@playwright/test";

/** The target for the JavaScript before the first diagram, and the goal below it. */
export const FIRST_DIAGRAM_TARGET_KB = 130;
export const FIRST_DIAGRAM_GOAL_KB = 120;

const VIEWPORT = { width: 1280, height: 800 };
const NATURAL_LOADS = 5;
const THROTTLED_LOADS = 3;

/** Lighthouse's mobile network ("slow 4G": 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up). */
const SLOW_4G = {
  offline: false,
  latency: 150,
  downloadThroughput: 1_600_000 / 8,
  uploadThroughput: 750_000 / 8,
};

export interface JsFile {
  /** Path inside the build, e.g. assets/App-xxxx.js. */
  file: string;
  raw: number;
  gzip: number;
}

export interface FirstDiagramResult {
  /** Scripts the diagram cannot appear without (held back, it never did). */
  needed: JsFile[];
  /** The entry script and its static imports. */
  firstPaint: JsFile[];
  /** Fetched before the diagram appeared in a natural load, but not needed for it. */
  early: JsFile[];
  /** Every other script of the build, with how the page refers to it. */
  lazy: (JsFile & { how: string })[];
  /** Navigation start → diagram in the DOM, ms, one per natural load. */
  timesMs: number[];
  /** The same on Lighthouse's slow 4G network (uncompressed files). */
  throttledMs: number[];
}

/** Planted before the page's scripts run: when the diagram's <svg> first exists. */
const PROBE = `
(() => {
  const probe = (window.__firstDiagram = { at: null });
  const observer = new MutationObserver(() => {
    if (probe.at === null && document.querySelector('[data-testid="diagram"]')) {
      probe.at = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
})();
`;

interface Load {
  /** ms since navigation start, or null when no diagram appeared in time. */
  diagramAt: number | null;
  /** Same-origin .js resources: path and when the response ended (ms since navigation start). */
  scripts: { path: string; responseEnd: number }[];
}

/**
 * One page load in a fresh context; `hold` names a script whose request is never answered,
 * `throttle` slows the network to Lighthouse's slow 4G.
 */
async function load(
  browser: Browser,
  url: string,
  timeoutMs: number,
  options: { hold?: string; throttle?: boolean } = {},
): Promise<Load> {
  const { hold, throttle } = options;
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: PROBE });
    if (throttle) {
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
    }
    if (hold) {
      // Never fulfilled: whatever imports it waits for ever.
      await page.route(
        (u) => u.pathname === `/${hold}`,
        () => undefined,
      );
    }
    await page.goto(url, { waitUntil: "commit" });
    const drawn = await page
      .waitForFunction(
        () => (window as { __firstDiagram?: { at: number | null } }).__firstDiagram?.at != null,
        null,
        {
          timeout: timeoutMs,
          polling: 50,
        },
      )
      .then(
        () => true,
        () => false,
      );
    return await page.evaluate(
      ({ drawn, origin }) => ({
        diagramAt: drawn ? (window as unknown as { __firstDiagram: { at: number } }).__firstDiagram.at : null,
        scripts: performance
          .getEntriesByType("resource")
          .map((e) => e as PerformanceResourceTiming)
          .filter((e) => e.name.startsWith(origin) && new URL(e.name).pathname.endsWith(".js"))
          .map((e) => ({ path: new URL(e.name).pathname.slice(1), responseEnd: e.responseEnd })),
      }),
      { drawn, origin: new URL(url).origin },
    );
  } finally {
    await context.close();
  }
}

async function measure(buildDir: string, file: string): Promise<JsFile> {
  const bytes = await readFile(path.join(buildDir, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes).length };
}

/** The entry script and its modulepreloads and static imports, from the build's index.html. */
async function firstPaintFiles(buildDir: string): Promise<string[]> {
  const html = await readFile(path.join(buildDir, "index.html"), "utf8");
  const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]+)"`).exec(tag)?.[1];
  const wanted: string[] = [];
  for (const [tag] of html.matchAll(/<script\b[^>]*>/g)) {
    const src = attr(tag, "src");
    if (src && /type="module"/.test(tag)) wanted.push(src.replace(/^\//, ""));
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/g)) {
    const href = attr(tag, "href");
    if (href && /rel="modulepreload"/.test(tag)) wanted.push(href.replace(/^\//, ""));
  }
  const seen = new Set<string>();
  while (wanted.length > 0) {
    const file = wanted.shift() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = await readFile(path.join(buildDir, file), "utf8");
    // Static imports (import … from "./x.js", import "./x.js"), not import("./x.js").
    for (const m of code.matchAll(/\bimport\s*(?:[\w$*{},\s]+?\s*from\s*)?["'](\.\.?\/[^"']+\.js)["']/g)) {
      wanted.push(path.posix.join(path.posix.dirname(file), m[1] as string));
    }
  }
  return [...seen];
}

/** How the build refers to a file the first diagram does not wait for. */
function howReferenced(file: string, neededCode: string, otherCode: string): string {
  const name = path.basename(file).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const lazy = new RegExp(`import\\(\\s*["'\`][^"'\`]*${name}`);
  const worker = new RegExp(`new Worker\\(new URL\\(\\s*["'\`][^"'\`]*${name}`);
  if (lazy.test(neededCode)) return "lazy import()";
  if (worker.test(neededCode) || worker.test(otherCode)) return "Web Worker script";
  const base = path.basename(file);
  if (neededCode.includes(base) || otherCode.includes(base)) return "loaded with another lazy chunk";
  return "not imported by this page (the embed's)";
}

export async function firstDiagramBench(
  browser: Browser,
  url: string,
  buildDir: string,
  log: (message: string) => void,
): Promise<FirstDiagramResult> {
  const loads: Load[] = [];
  for (let i = 0; i < NATURAL_LOADS; i++) {
    const l = await load(browser, url, 60_000);
    if (l.diagramAt === null) throw new Error("bench-ui: the page drew no diagram within 60 s");
    loads.push(l);
  }
  const timesMs = loads.map((l) => l.diagramAt as number);
  const throttledMs: number[] = [];
  for (let i = 0; i < THROTTLED_LOADS; i++) {
    log(`first diagram on slow 4G, load ${i + 1} of ${THROTTLED_LOADS}`);
    const l = await load(browser, url, 120_000, { throttle: true });
    if (l.diagramAt === null) throw new Error("bench-ui: on slow 4G the page drew no diagram within 120 s");
    throttledMs.push(l.diagramAt);
  }
  const before = new Set<string>();
  for (const l of loads) {
    for (const s of l.scripts) if (s.responseEnd <= (l.diagramAt as number)) before.add(s.path);
  }
  const firstPaint = await firstPaintFiles(buildDir);
  // A held-back script that is needed leaves the page without a diagram; wait well past the
  // slowest natural load before concluding so (a busy machine only makes this overcount).
  const holdTimeout = Math.max(...timesMs) * 3 + 5_000;
  const needed = new Set(firstPaint);
  for (const file of [...before].filter((f) => !needed.has(f)).sort()) {
    log(`first diagram: holding back ${file}`);
    const l = await load(browser, url, holdTimeout, { hold: file });
    if (l.diagramAt === null) needed.add(file);
  }
  const all = (await readdir(path.join(buildDir, "assets")))
    .filter((f) => f.endsWith(".js"))
    .map((f) => `assets/${f}`);
  const code = async (files: readonly string[]) =>
    (await Promise.all(files.map((f) => readFile(path.join(buildDir, f), "utf8")))).join("\n");
  const neededCode = await code([...needed]);
  const sizes = async (files: Iterable<string>) =>
    Promise.all([...files].sort().map((f) => measure(buildDir, f)));
  return {
    needed: await sizes(needed),
    firstPaint: await sizes(firstPaint),
    early: await sizes([...before].filter((f) => !needed.has(f))),
    lazy: await Promise.all(
      all
        .filter((f) => !needed.has(f) && !before.has(f))
        .sort()
        .map(async (f) => {
          const others = await code(all.filter((g) => g !== f && !needed.has(g)));
          return { ...(await measure(buildDir, f)), how: howReferenced(f, neededCode, others) };
        }),
    ),
    timesMs,
    throttledMs,
  };
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const total = (files: readonly JsFile[], key: "raw" | "gzip") => files.reduce((s, f) => s + f[key], 0);
const names = (files: readonly JsFile[]) => files.map((f) => path.basename(f.file)).join(", ");

/** Report rows: measure, figure, target, met. */
export function firstDiagramRows(r: FirstDiagramResult): string[][] {
  const needed = total(r.needed, "gzip");
  const timing = (values: readonly number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const median = sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
    return `median ${median.toFixed(0)} ms (${sorted.map((t) => t.toFixed(0)).join(", ")})`;
  };
  const rows = [
    [
      `JS the first diagram waits for, gzip: every script without which it never appears (${names(r.needed)})`,
      `${kb(needed)} (${kb(total(r.needed, "raw"))} raw)`,
      `≤ ${FIRST_DIAGRAM_TARGET_KB} kB (goal ${FIRST_DIAGRAM_GOAL_KB} kB)`,
      needed <= FIRST_DIAGRAM_TARGET_KB * 1000
        ? needed <= FIRST_DIAGRAM_GOAL_KB * 1000
          ? "yes, goal too"
          : "yes"
        : "**no**",
    ],
    [
      `… of which first paint: the entry script and its static imports (${names(r.firstPaint)})`,
      `${kb(total(r.firstPaint, "gzip"))} (${kb(total(r.firstPaint, "raw"))} raw)`,
      "",
      "",
    ],
    [
      `… navigation → diagram in the DOM, ${r.timesMs.length} cold loads (localhost, no throttling)`,
      timing(r.timesMs),
      "",
      "",
    ],
    [
      `… the same on Lighthouse's slow 4G (150 ms round trip, 1.6 Mbit/s, gzip), ${r.throttledMs.length} cold loads`,
      timing(r.throttledMs),
      "",
      "",
    ],
  ];
  if (r.early.length > 0) {
    rows.push([
      `… also fetched before the diagram appeared, not needed for it (${names(r.early)})`,
      `${kb(total(r.early, "gzip"))} gzip`,
      "",
      "",
    ]);
  }
  for (const f of r.lazy)
    rows.push([`Other JS: ${f.file} (${f.how})`, `${kb(f.gzip)} gzip (${kb(f.raw)} raw)`, "", ""]);
  return rows;
}
