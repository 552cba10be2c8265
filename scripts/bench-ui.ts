/**
 * `npm run bench:ui`: how the production build behaves in a real browser, on this machine. Not a
 * test: it prints medians and percentiles (these machines are noisy) and never fails on timing.
 *
 * It builds the app (`npm run build`, into a private output folder so that it cannot pull dist/ from
 * under an e2e run going on at the same time), serves it with `vite preview` on a free port, drives
 * Debian's Chromium headless through Playwright, and measures:
 *
 * 1. Click → updated diagram, on a QoS 2 two-hop trace of about 60 packets: a real mouse click on
 *    one packet arrow, alternately dropping and restoring it. In the page, a capture listener takes
 *    performance.now() at the click; a MutationObserver sees the diagram reflect the new trace
 *    (the arrow's aria-pressed flipped and the expected number of arrows drawn), then a message
 *    posted from the next requestAnimationFrame callback marks the end of that frame (the next
 *    paint); a second rAF, the start of the frame after it, is reported too. Median and 95th
 *    percentile.
 *    Then 60 more clicks under a Chromium trace, for the main thread's CPU time per click, and
 *    the diagram's layout (`layout()`, which runs in the click's task) timed in Node at the width
 *    the page gave it, for both traces the click toggles between, with each drawing's height.
 *    Then the long traces ("long"): QoS 2 over two hops with 100 and 1,000 messages, opened from a
 *    link; the first diagram is timed from navigation start (a MutationObserver sees the diagram
 *    of the expected size), then clicks as above on the first hop's PUBLISH of message 3, and 8
 *    more under a Chromium trace for the main thread's CPU from each click to its next paint.
 * 2. Long tasks during playback of that trace at 4× and 1× speed, from Play to the end
 *    (PerformanceObserver 'longtask', plus 'long-animation-frame' and rAF frame intervals). Then
 *    one more 4× playback under a Chromium trace: the Long Tasks API sees wall time only, and on a
 *    busy machine a task's wall time includes waiting for a core; the trace has its CPU time too.
 * 3. JavaScript up to the first diagram (scripts/bench-first-diagram.ts): cold loads in Chromium
 *    record every script fetched and when the diagram's <svg> entered the DOM; then each script
 *    fetched before that is held back in one more load, and the scripts without which the diagram
 *    never appears are the figure (gzip, node:zlib default level), beside the target of 130 kB
 *    (goal 120). First paint (entry script and static imports) and the time to the diagram too,
 *    on localhost and on Lighthouse's slow 4G network (median and every load).
 * 4. The Web Worker: the explorer for QoS 2 over two hops with k = 3 (the page's default set-up),
 *    and statistics for QoS 0, 1 and 2 side by side (10,000 messages each, p = 5 %), both started
 *    from the page and timed by the page's own "done in" figure (worker start-up included).
 * 5. Lighthouse 12.8 (performance and accessibility), mobile and desktop presets, through
 *    chrome-launcher with the same Chromium and flags (headless=new). Median of a few runs.
 *
 * Prints a Markdown table with the machine info and writes it to bench-results/ui.md.
 *
 * Options (npm run bench:ui -- --samples=200):
 *   --samples=N          click samples after warm-up (default 120; half drops, half restores)
 *   --warmup=N           click warm-up toggles, not counted (default 10)
 *   --long-samples=N     click samples on each long trace (default 30)
 *   --lighthouse-runs=N  Lighthouse runs per preset (default 3)
 *   --only=LIST          some of click,long,playback,size,worker,lighthouse (default: all)
 *   --skip-build         reuse the previous build in node_modules/.cache/bench-ui/dist
 *   --save-trace         also write the traced clicks' Chromium trace to bench-results/click-trace.json
 *                        (open it in DevTools' Performance panel to see where a click's time goes),
 *                        and for each long trace its last load and its traced clicks to
 *                        bench-results/long-<messages>-load.json and long-<messages>-clicks.json
 *   --long=LIST          the long traces' message counts (default 100,1000)
 *   --ref=COMMIT         build that commit (a `git archive` snapshot, with this checkout's
 *                        node_modules) instead of the working tree, e.g. while others edit src/
 *   CHROMIUM_PATH        the browser (default /usr/bin/chromium)
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, rm, symlink, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import process from "node:process";
import { parseArgs } from "node:util";
import { chromium, type Browser, type Page } from "@playwright/test";
import { layout } from "../src/diagram/layout.ts";
import { toggleDrop } from "../src/sim/interventions.ts";
import { simulate } from "../src/sim/simulate.ts";
import type { PacketEvent, Trace } from "../src/sim/types.ts";
import { firstDiagramBench, firstDiagramRows, type FirstDiagramResult } from "./bench-first-diagram.ts";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "./chromium.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const CACHE_DIR = path.join(ROOT, "node_modules/.cache/bench-ui");
const BUILD_DIR = path.join(CACHE_DIR, "dist");
const RESULTS_DIR = path.join(ROOT, "bench-results");
const VIEWPORT = { width: 1280, height: 800 };
/** Pause between click samples: lets the diagram's CSS fades (0.2–0.4 s) and the 300 ms edit timer finish. */
const SETTLE_MS = 350;

const TARGETS = {
  /** One frame at 60 Hz. */
  clickP95Ms: 16.7,
  longTaskMs: 50,
  performance: 95,
  accessibility: 100,
  exploreSeconds: 2,
  statsPerSecond: 10_000,
  /** Random-loss statistics for QoS 2 alone in the Web Worker (issue 9). */
  qos2PerSecond: 50_000,
};

const { values: opts } = parseArgs({
  options: {
    samples: { type: "string", default: "120" },
    warmup: { type: "string", default: "10" },
    "long-samples": { type: "string", default: "30" },
    "lighthouse-runs": { type: "string", default: "3" },
    only: { type: "string", default: "click,long,playback,size,worker,lighthouse" },
    "skip-build": { type: "boolean", default: false },
    "save-trace": { type: "boolean", default: false },
    long: { type: "string", default: "100,1000" },
    ref: { type: "string" },
  },
});
const SAMPLES = Math.max(2, Number(opts.samples));
const WARMUP = Math.max(0, Number(opts.warmup));
const LONG_SAMPLES = Math.max(2, Number(opts["long-samples"]));
const LH_RUNS = Math.max(1, Number(opts["lighthouse-runs"]));
const ONLY = new Set(opts.only.split(",").map((s) => s.trim()));

// ---------------------------------------------------------------------------------------------
// The scenario: QoS 2 over two hops, 4 messages, 8 faults → 60 packets (checked below).

const SCENARIO = {
  protocol: "5.0",
  retransmit: "on-reconnect",
  session: "persistent",
  publishQos: 2,
  subscriber: { qos: 2 },
  messages: [101, 102, 103, 104].map((n) => ({
    topic: "plant/line1/batch",
    payload: `Batch #${n} completed`,
  })),
  faults: [
    { hop: "publisher-broker", packet: "PUBREC", message: 1 },
    { hop: "broker-subscriber", packet: "PUBCOMP", message: 2 },
    { hop: "publisher-broker", packet: "PUBREL", message: 3 },
    { hop: "broker-subscriber", packet: "PUBLISH", message: 4 },
    { hop: "publisher-broker", packet: "PUBLISH", message: 2 },
    { hop: "broker-subscriber", packet: "PUBREC", message: 3 },
    { hop: "publisher-broker", packet: "PUBCOMP", message: 4 },
    { hop: "broker-subscriber", packet: "PUBREL", message: 1 },
  ],
};
const SCENARIO_TEXT = JSON.stringify(SCENARIO, null, 2);

interface Plan {
  packets: number;
  /** Event index (data-testid packet-<index>) of the arrow the click benchmark toggles. */
  target: number;
  targetLabel: string;
  packetsWhenDropped: number;
  /** Where the target arrow starts, and the drawing's height, in the layout's pixels. */
  targetY: number;
  height: number;
  /** The traces the click toggles between: as opened, and with the target dropped. */
  traces: { delivered: Trace; dropped: Trace };
}

/**
 * Works out in Node what the page should show, so the browser side knows what to wait for. Runs
 * the scenario as the page does (with state events too, so event indexes match the page's).
 */
function plan(scenario: object = SCENARIO): Plan {
  const run = (text: string): Trace => simulate(JSON.parse(text), { states: true });
  const packetsOf = (t: Trace) => t.events.filter((e) => e.type === "packet").length;
  const trace = run(JSON.stringify(scenario));
  const target = trace.events.findIndex(
    (e) =>
      e.type === "packet" &&
      e.packet === "PUBLISH" &&
      e.hop === "publisher-broker" &&
      e.message === 3 &&
      !e.dropped,
  );
  const event = trace.events[target] as PacketEvent | undefined;
  if (!event) throw new Error("bench-ui: the scenario has no PUBLISH of message 3 to toggle");
  // What the page does on a click (App.tsx onToggle).
  const dropped = run(JSON.stringify({ ...scenario, faults: toggleDrop(trace.scenario, event).faults }));
  const same = dropped.events[target];
  if (
    same?.type !== "packet" ||
    !same.dropped ||
    same.packet !== event.packet ||
    same.message !== event.message
  ) {
    throw new Error("bench-ui: dropping the target packet moved it; pick another target");
  }
  // Only where to scroll to (the page finds the arrow itself): heights change with the width.
  const drawing = layout(trace, { width: VIEWPORT.width });
  const arrow = drawing.arrows.find((a) => a.index === target);
  return {
    packets: packetsOf(trace),
    target,
    targetLabel: `${event.packet} m${event.message ?? "?"} ${event.hop}`,
    packetsWhenDropped: packetsOf(dropped),
    targetY: arrow?.y1 ?? 0,
    height: drawing.height,
    traces: { delivered: trace, dropped },
  };
}

/**
 * The part of a click that is the diagram's layout (`layout()`, which the page runs in the click's
 * task before React can draw), timed in the same Chromium (Node's older V8 runs it several times
 * slower) by the main thread's CPU time, at the width the page asked for. How tall each drawing is
 * shows whether a click moved the arrows after the toggled packet down or laid the whole drawing
 * out again, taller (the layout spreads time out until every label finds a place).
 */
interface LayoutCost {
  width: number;
  /** The page's drawing height, as the layout here has it too (else the width is not the page's). */
  pageHeight: number;
  /** Delivered, then dropped. */
  heights: [number, number];
  /** Median CPU ms of LAYOUT_RUNS runs after as many warm-ups, delivered and dropped. */
  ms: [number, number];
}

/** layout.ts as one classic script (vite's library build) that sets `__benchLayout`, and a timer. */
async function layoutScript(): Promise<string> {
  const { build } = await import("vite");
  const built = await build({
    configFile: false,
    logLevel: "silent",
    build: {
      write: false,
      lib: { entry: path.join(ROOT, "src/diagram/layout.ts"), formats: ["iife"], name: "__benchLayout" },
    },
  });
  const outputs = Array.isArray(built) ? built : [built];
  const chunk = outputs.flatMap((o) => ("output" in o ? o.output : [])).find((o) => o.type === "chunk");
  if (!chunk || chunk.type !== "chunk") throw new Error("bench-ui: vite built no script of layout.ts");
  // Plain JavaScript, as PAGE_HELPERS: one layout of one of the traces set by __setTraces.
  return `${chunk.code}
window.__setTraces = (traces) => { window.__traces = traces; };
window.__layoutOnce = (i, width) => window.__benchLayout.layout(window.__traces[i], { width }).height;`;
}

/** Runs per trace, after as many warm-ups. */
const LAYOUT_RUNS = 21;

async function layoutCost(browser: Browser, p: Plan, width: number, pageHeight: number): Promise<LayoutCost> {
  const page = await browser.newPage();
  try {
    // A blank page: no content security policy to refuse an inline script.
    await page.setContent("<!doctype html><title>layout</title>");
    await page.addScriptTag({ content: await layoutScript() });
    await page.evaluate((t) => window.__setTraces(t), [p.traces.delivered, p.traces.dropped]);
    const heights: number[] = [];
    const times: number[] = [];
    for (const i of [0, 1]) {
      for (let k = 0; k < LAYOUT_RUNS; k++)
        await page.evaluate(([j, w]) => window.__layoutOnce(j, w), [i, width] as const);
      // CPU time from a Chromium trace, one task per layout: on a busy machine the wall time of a
      // run is mostly waiting for a core.
      const events = await traced(browser, page, async () => {
        for (let k = 0; k < LAYOUT_RUNS; k++) {
          heights[i] = await page.evaluate(([j, w]) => window.__layoutOnce(j, w), [i, width] as const);
        }
      });
      times[i] = median(layoutTasks(events).slice(0, LAYOUT_RUNS));
    }
    return {
      width,
      pageHeight,
      heights: [heights[0] ?? Number.NaN, heights[1] ?? Number.NaN],
      ms: [times[0] ?? Number.NaN, times[1] ?? Number.NaN],
    };
  } finally {
    await page.close();
  }
}

/** The CPU ms of the renderer main thread's tasks, longest first (the layouts, then idle chores). */
function layoutTasks(events: TraceEvent[]): number[] {
  const mains = new Set(
    events
      .filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain")
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const byThread = new Map<string, number[]>();
  for (const e of events) {
    const thread = `${e.pid}:${e.tid}`;
    if (e.ph !== "X" || e.name !== "RunTask" || !mains.has(thread)) continue;
    const list = byThread.get(thread) ?? [];
    list.push((e.tdur ?? 0) / 1000);
    byThread.set(thread, list);
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const busiest = [...byThread.values()].sort((a, b) => sum(b) - sum(a))[0] ?? [];
  return busiest.sort((a, b) => b - a);
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: the smallest value with at least q of the samples at or below it.
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] as number;
}
const median = (values: readonly number[]) => quantile(values, 0.5);
const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : "n/a");
const met = (ok: boolean | null) => (ok === null ? "n/a" : ok ? "yes" : "**no**");

function log(message: string) {
  console.log(`bench-ui: ${message}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Build and serve

/**
 * `npm run build` (tsc -b, then vite build) into BUILD_DIR. When only the type check fails (others
 * may be mid-edit in src/ or e2e/), the bundle is still worth measuring: falls back to `vite build`
 * and says so in the report. Returns that note, or null.
 */
function build(cwd: string): string | null {
  const out = ["--outDir", BUILD_DIR, "--emptyOutDir"];
  log(
    `npm run build -- --outDir ${path.relative(ROOT, BUILD_DIR)} --emptyOutDir${cwd === ROOT ? "" : ` (in ${cwd})`}`,
  );
  const started = performance.now();
  const result = spawnSync("npm", ["run", "build", "--", ...out], { cwd, encoding: "utf8" });
  let note: string | null = null;
  if (result.status !== 0) {
    const output = `${result.stdout}${result.stderr}`.trim().split("\n");
    console.error(output.slice(-15).join("\n"));
    log("npm run build failed; trying `vite build` alone (no type check)");
    const fallback = spawnSync("npx", ["vite", "build", ...out], { cwd, encoding: "utf8" });
    if (fallback.status !== 0) {
      console.error(fallback.stdout, fallback.stderr);
      throw new Error(`bench-ui: the build failed (exit ${fallback.status ?? fallback.signal})`);
    }
    note = "`npm run build` failed at its type check (`tsc -b`), so this build is `vite build` alone.";
  }
  log(`built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return note;
}

/**
 * Extracts `ref` with `git archive` (which changes nothing in the repository) into the cache and
 * gives it this checkout's packages: a node_modules folder of links, so that the snapshot's build
 * writes its own files (tsc's build info) rather than this checkout's. Returns the folder and commit.
 */
async function snapshot(ref: string): Promise<{ dir: string; commit: string }> {
  const parsed = spawnSync("git", ["rev-parse", "--verify", `${ref}^{commit}`], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (parsed.status !== 0) throw new Error(`bench-ui: no commit ${ref}: ${parsed.stderr.trim()}`);
  const commit = parsed.stdout.trim();
  const dir = path.join(CACHE_DIR, `src-${commit.slice(0, 12)}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(dir, "node_modules"), { recursive: true });
  const archive = spawnSync("sh", ["-c", `git archive ${commit} | tar -x -C '${dir}'`], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (archive.status !== 0) throw new Error(`bench-ui: git archive ${commit} failed: ${archive.stderr}`);
  for (const entry of await readdir(path.join(ROOT, "node_modules"))) {
    if (entry === ".cache" || entry === ".tmp" || entry === ".vite") continue;
    await symlink(path.join(ROOT, "node_modules", entry), path.join(dir, "node_modules", entry));
  }
  log(`building commit ${commit.slice(0, 12)} (${ref}) from a snapshot in ${path.relative(ROOT, dir)}`);
  return { dir, commit };
}

let server: ChildProcess | null = null;

async function startPreview(cwd: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    const args = ["vite", "preview", "--outDir", BUILD_DIR, "--host", "127.0.0.1", "--port", `${port}`];
    log(`npx ${args.join(" ")} --strictPort`);
    // Its own process group, so that stopping it also stops the node process npx starts.
    const child = spawn("npx", [...args, "--strictPort"], { cwd, detached: true, stdio: "pipe" });
    server = child;
    let output = "";
    child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && child.exitCode === null) {
      try {
        const response = await fetch(url);
        if (response.ok) return url;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    await stopPreview();
    if (attempt >= 3) throw new Error(`bench-ui: vite preview did not start:\n${output}`);
  }
}

async function stopPreview() {
  const child = server;
  server = null;
  if (!child?.pid || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }, 3000);
  await exited;
  clearTimeout(timer);
}

// ---------------------------------------------------------------------------------------------
// In-page helpers. Plain JavaScript in a string: functions handed to page.evaluate() are compiled
// by tsx, whose helpers (__name) do not exist in the page.

const PAGE_HELPERS = `
(() => {
  const bench = (window.__bench = { clickAt: null, pending: null });
  window.addEventListener("click", () => { bench.clickAt = performance.now(); }, true);
  const frames = (n) => new Promise((resolve) => {
    const step = () => (n-- <= 0 ? resolve(performance.now()) : requestAnimationFrame(step));
    step();
  });
  bench.frames = frames;
  /** Arms a click that changes nothing: resolves with the time from it to the end of its next frame. */
  bench.armNoop = () => {
    bench.noopPending = new Promise((resolve) => {
      const onClick = () => {
        window.removeEventListener("click", onClick, true);
        const clickAt = performance.now();
        frames(1).then(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve(performance.now() - clickAt);
          channel.port2.postMessage(null);
        });
      };
      window.addEventListener("click", onClick, true);
    });
    return true;
  };
  const arrows = () => document.querySelectorAll('[data-testid="diagram"] [data-testid^="packet-"]');
  /** Arrows of the whole diagram: a long one draws only those near the screen and says how many in all. */
  bench.arrowCount = () => {
    const total = document.querySelector('[data-testid="diagram"]')?.getAttribute("data-arrows");
    return total === null || total === undefined ? arrows().length : Number(total);
  };
  bench.drawnCount = () => arrows().length;
  // First diagram: the time from navigation start until the diagram of the expected size is there.
  bench.firstDiagramAt = null;
  // A long trace's first diagram may be its top alone (data-part, layoutHead.ts): when the whole is in.
  bench.wholeDiagramAt = null;
  if (window.__benchExpect) {
    const firstObserver = new MutationObserver(() => {
      if (bench.arrowCount() !== window.__benchExpect) return;
      bench.firstDiagramAt ??= performance.now();
      if (document.querySelector('[data-testid="diagram"]')?.hasAttribute("data-part")) return;
      bench.wholeDiagramAt = performance.now();
      firstObserver.disconnect();
    });
    firstObserver.observe(document, { subtree: true, childList: true, attributes: true });
  }

  /** Scrolls the page so that drawing height y (of h) is mid-screen: a long diagram draws only near the screen. */
  bench.scrollToDrawing = (y, h) => {
    const rect = document.querySelector('[data-testid="diagram"]').getBoundingClientRect();
    window.scrollTo(0, window.scrollY + rect.top + (y * rect.height) / h - window.innerHeight / 2);
  };

  /** A point on the arrow's line that hits the arrow itself (arrows can cross), in viewport pixels. */
  bench.pointOn = (testId) => {
    const arrow = document.querySelector('[data-testid="' + testId + '"]');
    if (!arrow) return null;
    arrow.scrollIntoView({ block: "center" });
    const line = arrow.querySelector(".seq-hit");
    const ctm = line.getScreenCTM();
    const x1 = line.x1.baseVal.value, y1 = line.y1.baseVal.value;
    const x2 = line.x2.baseVal.value, y2 = line.y2.baseVal.value;
    for (const f of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
      const p = new DOMPoint(x1 + (x2 - x1) * f, y1 + (y2 - y1) * f).matrixTransform(ctm);
      const hit = document.elementFromPoint(p.x, p.y);
      if (hit && hit.closest('[data-testid^="packet-"]') === arrow) return { x: p.x, y: p.y };
    }
    return null;
  };

  /**
   * Arms one sample: resolves with the times from the next click to (a) the DOM showing the new
   * trace (arrow aria-pressed = pressed, count arrows drawn), (b) the end of the frame that shows
   * it (a message posted from its rAF callback: "after next paint") and (c) the start of the frame
   * after it (a second rAF, as measured before: it adds up to one frame interval of waiting).
   */
  bench.arm = (testId, pressed, count) => {
    bench.clickAt = null;
    const root = document.querySelector('[data-testid="diagram"]').parentElement;
    bench.pending = new Promise((resolve, reject) => {
      const ready = () => {
        const arrow = document.querySelector('[data-testid="' + testId + '"]');
        return arrow && arrow.getAttribute("aria-pressed") === String(pressed) && bench.arrowCount() === count;
      };
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error("no diagram update within 10 s"));
      }, 10000);
      const observer = new MutationObserver(() => {
        if (bench.clickAt === null || !ready()) return;
        observer.disconnect();
        clearTimeout(timer);
        const clickAt = bench.clickAt;
        const domAt = performance.now();
        // The frame that shows the update runs the next rAF callback and then paints; a message
        // posted from that callback is handled once the frame is done ("after next paint"). Two
        // rAF callbacks mark the start of the frame after that one: up to a frame interval later.
        frames(1).then(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            const paintAt = performance.now();
            frames(1).then((twoAt) =>
              resolve({ dom: domAt - clickAt, paint: paintAt - clickAt, twoFrames: twoAt - clickAt }),
            );
          };
          channel.port2.postMessage(null);
        });
      });
      observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    return true;
  };

  /** Starts recording long tasks, long animation frames and frame intervals. */
  bench.startRecording = () => {
    const since = performance.now();
    const rec = (bench.recording = { since, tasks: [], loafs: [], frames: [], running: true, observers: [] });
    const watch = (type, into) => {
      if (!PerformanceObserver.supportedEntryTypes.includes(type)) return false;
      const o = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (e.startTime >= since) into.push({ start: e.startTime, duration: e.duration });
      });
      o.observe({ type, buffered: true });
      rec.observers.push(o);
      return true;
    };
    rec.hasLongtask = watch("longtask", rec.tasks);
    rec.hasLoaf = watch("long-animation-frame", rec.loafs);
    const tick = (now) => {
      rec.frames.push(now);
      if (rec.running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    return true;
  };

  bench.stopRecording = () => {
    const rec = bench.recording;
    rec.running = false;
    for (const o of rec.observers) {
      for (const e of o.takeRecords()) {
        const into = e.entryType === "longtask" ? rec.tasks : rec.loafs;
        if (e.startTime >= rec.since) into.push({ start: e.startTime, duration: e.duration });
      }
      o.disconnect();
    }
    const intervals = [];
    for (let i = 1; i < rec.frames.length; i++) intervals.push(rec.frames[i] - rec.frames[i - 1]);
    return {
      elapsed: performance.now() - rec.since,
      hasLongtask: rec.hasLongtask,
      hasLoaf: rec.hasLoaf,
      tasks: rec.tasks.map((t) => t.duration),
      loafs: rec.loafs.map((t) => t.duration),
      intervals,
    };
  };
})();
`;

interface Bench {
  clickAt: number | null;
  pending: Promise<ClickSample>;
  noopPending: Promise<number>;
  armNoop(): boolean;
  frames(n: number): Promise<number>;
  arrowCount(): number;
  drawnCount(): number;
  scrollToDrawing(y: number, h: number): void;
  firstDiagramAt: number | null;
  wholeDiagramAt: number | null;
  pointOn(testId: string): { x: number; y: number } | null;
  arm(testId: string, pressed: boolean, count: number): boolean;
  startRecording(): boolean;
  stopRecording(): Recording;
}
interface Recording {
  elapsed: number;
  hasLongtask: boolean;
  hasLoaf: boolean;
  tasks: number[];
  loafs: number[];
  intervals: number[];
}
declare global {
  interface Window {
    __bench: Bench;
    /** Set before the page loads: the arrow count of the diagram whose first drawing is timed. */
    __benchExpect?: number;
    /** layoutScript()'s, on the blank page that times the layout. */
    __setTraces(traces: readonly Trace[]): void;
    /** One layout of trace `i` (of those set), `width` wide: its height. */
    __layoutOnce(i: number, width: number): number;
  }
}

async function openScenario(browser: Browser, url: string, plan: Plan): Promise<Page> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.addInitScript({ content: PAGE_HELPERS });
  await page.goto(url);
  // The preset's diagram appears once the simulator chunk has loaded.
  await page
    .getByTestId("diagram")
    .waitFor({ timeout: 30_000 })
    .catch((error: unknown) => {
      throw new Error(
        `bench-ui: the page drew no diagram within 30 s; page errors: ${errors.join("; ") || "none"}`,
        {
          cause: error,
        },
      );
    });
  await page.locator("details.json-details > summary").click();
  await page.getByTestId("setup.json").fill(SCENARIO_TEXT);
  await page.waitForFunction((n) => window.__bench.arrowCount() === n, plan.packets, { timeout: 30_000 });
  await page.evaluate(() => window.__bench.frames(3));
  return page;
}

// ---------------------------------------------------------------------------------------------
// 1. Click → updated diagram

/** One click, in ms from the click: DOM updated, that frame painted, the next frame started. */
interface ClickSample {
  dom: number;
  paint: number;
  twoFrames: number;
}

interface ClickResult {
  arrowsDrawn: number;
  /** Clicks that change nothing (the page's title) → next paint: what the frame alone costs. */
  floor: number[];
  paint: number[];
  twoFrames: number[];
  dom: number[];
  traced: ClickTrace[];
  layout: LayoutCost;
}

/** One traced click: wall time to the frame's commit and the renderer main thread's CPU in it. */
interface ClickTrace {
  wall: number;
  cpu: number;
  script: number;
  styleLayout: number;
  paint: number;
}

/** Clicks `n` times on the target arrow, alternating drop and restore; returns the page's figures. */
async function clickSamples(page: Page, plan: Plan, n: number, state: { dropped: boolean }) {
  const testId = `packet-${plan.target}`;
  const samples: ClickSample[] = [];
  for (let i = 0; i < n; i++) {
    await page.evaluate(([y, h]) => window.__bench.scrollToDrawing(y, h), [
      plan.targetY,
      plan.height,
    ] as const);
    await page.evaluate(() => window.__bench.frames(3));
    const point = await page.evaluate((id) => window.__bench.pointOn(id), testId);
    if (!point) throw new Error(`bench-ui: cannot find a clickable point on ${testId}`);
    // Hovering selects the arrow (a render of its own): do it before the clock starts.
    await page.mouse.move(point.x, point.y);
    await page.evaluate(() => window.__bench.frames(2));
    const count = state.dropped ? plan.packets : plan.packetsWhenDropped;
    await page.evaluate(([id, pressed, k]) => window.__bench.arm(id, pressed, k), [
      testId,
      !state.dropped,
      count,
    ] as const);
    await page.mouse.click(point.x, point.y);
    samples.push(await page.evaluate(() => window.__bench.pending));
    state.dropped = !state.dropped;
    await page.waitForTimeout(SETTLE_MS);
  }
  return samples;
}

/**
 * The floor of "click → next paint": `n` clicks on the page's title, which changes nothing, timed
 * the same way (hover, two frames, click). A click lands anywhere in a frame and its update shows at
 * the end of the next one, so even these take up to a frame interval.
 */
async function noopClicks(page: Page, n: number): Promise<number[]> {
  const box = await page.locator("h1").first().boundingBox();
  if (!box) throw new Error("bench-ui: the page has no title to click");
  const at = { x: box.x + 4, y: box.y + box.height / 2 };
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    await page.mouse.move(at.x, at.y);
    await page.evaluate(() => window.__bench.frames(2));
    await page.evaluate(() => window.__bench.armNoop());
    await page.mouse.click(at.x, at.y);
    out.push(await page.evaluate(() => window.__bench.noopPending));
    await page.waitForTimeout(SETTLE_MS / 4 + Math.random() * (SETTLE_MS / 4));
  }
  return out;
}

async function clickBench(browser: Browser, url: string, plan: Plan): Promise<ClickResult> {
  const page = await openScenario(browser, url, plan);
  const arrowsDrawn = await page.evaluate(() => window.__bench.drawnCount());
  // The width the page hands the layout (Workspace: the stage's width) and the height it drew.
  const [stageWidth, pageHeight] = await page.evaluate(() => [
    Math.round(document.querySelector(".stage")?.getBoundingClientRect().width ?? 0),
    Number(document.querySelector('[data-testid="diagram"]')?.getAttribute("height")),
  ]);
  const state = { dropped: false };
  await clickSamples(page, plan, WARMUP, state);
  const samples = await clickSamples(page, plan, SAMPLES, state);
  // Attribution: a few more clicks under a Chromium trace, which has each task's CPU time.
  const events = await traced(browser, page, () => clickSamples(page, plan, TRACED_CLICKS, state));
  const floor = await noopClicks(page, SAMPLES);
  await page.close();
  if (opts["save-trace"]) await saveTrace("click-trace.json", events);
  return {
    arrowsDrawn,
    floor,
    paint: samples.map((s) => s.paint),
    twoFrames: samples.map((s) => s.twoFrames),
    dom: samples.map((s) => s.dom),
    traced: clickTraces(events),
    layout: await layoutCost(browser, plan, stageWidth ?? 0, pageHeight ?? 0),
  };
}

function clickTraces(all: TraceEvent[]): ClickTrace[] {
  const clicks = all.filter((e) => e.name === "EventDispatch" && e.args?.data?.type === "click");
  const first = clicks[0];
  if (!first) return [];
  const main = threadEvents(all, first);
  const out: ClickTrace[] = [];
  for (const click of clicks) {
    const clickEnd = click.ts + (click.dur ?? 0);
    const commit = main.find((e) => e.name === "Commit" && e.ts >= clickEnd);
    if (!commit) continue;
    const end = commit.ts + (commit.dur ?? 0);
    const cpuOf = (names: string[]) =>
      main
        .filter((e) => names.includes(e.name) && e.ts >= click.ts && e.ts < end)
        .reduce((sum, e) => sum + (e.tdur ?? 0), 0) / 1000;
    // The task that dispatched the click started a little before it.
    const tasks = main.filter((e) => e.name === "RunTask" && e.ts + (e.dur ?? 0) > click.ts && e.ts < end);
    out.push({
      wall: (end - click.ts) / 1000,
      cpu: tasks.reduce((sum, e) => sum + (e.tdur ?? 0), 0) / 1000,
      script: cpuOf(["EventDispatch", "FireAnimationFrame", "TimerFire"]),
      styleLayout: cpuOf(["UpdateLayoutTree", "Layout"]),
      paint: cpuOf(["PrePaint", "Paint", "Layerize", "Commit"]),
    });
  }
  return out;
}

// Long traces: QoS 2 over two hops, 100 and 1,000 messages, opened from a link (the first diagram
// is timed from navigation start), then clicks on the first hop's PUBLISH of message 3.

const LONG_TARGETS = {
  100: { clickP95Ms: 50 },
  1000: { clickP95Ms: 100, firstDiagramMs: 1000 },
} as const;
const LONG_MESSAGES = opts.long
  .split(",")
  .map(Number)
  .filter((n): n is keyof typeof LONG_TARGETS => n in LONG_TARGETS);
/** Page loads per long case, for the first diagram's median. */
const LONG_LOADS = 3;

interface LongClickResult {
  messages: number;
  plan: Plan;
  firstDiagram: number[];
  /** Navigation → the whole diagram laid out (the first may be its top alone: layoutHead.ts). */
  wholeDiagram: number[];
  arrowsDrawn: number;
  paint: number[];
  twoFrames: number[];
  dom: number[];
  /** A few more clicks under a Chromium trace: main-thread CPU from the click to its next paint. */
  traced: ClickTrace[];
}

/** Traced clicks per long trace (each a Chromium trace of a page with thousands of elements). */
const TRACED_LONG_CLICKS = 8;

function longScenario(messages: number) {
  return { publishQos: 2, subscriber: { qos: 2 }, messages: Array.from({ length: messages }, () => ({})) };
}

/** The page's link for the long scenario: the same trace, event for event, as `longScenario`. */
function longPath(messages: number): string {
  return `/?publishQos=2&subscriber.qos=2&messages=${messages}`;
}

/** Opens the long link and times its first diagram; `save` also writes that load's Chromium trace there. */
async function openLong(browser: Browser, url: string, messages: number, p: Plan, save?: string) {
  const page = await browser.newPage({ viewport: VIEWPORT });
  await page.addInitScript((n) => {
    window.__benchExpect = n;
  }, p.packets);
  await page.addInitScript({ content: PAGE_HELPERS });
  const load = async () => {
    await page.goto(new URL(longPath(messages), url).href);
    await page.waitForFunction(() => window.__bench.wholeDiagramAt !== null, null, { timeout: 120_000 });
  };
  if (save) await saveTrace(save, await traced(browser, page, load));
  else await load();
  const { first, whole } = await page.evaluate(() => ({
    first: window.__bench.firstDiagramAt ?? Number.NaN,
    whole: window.__bench.wholeDiagramAt ?? Number.NaN,
  }));
  await page.evaluate(() => window.__bench.frames(3));
  return { page, first, whole };
}

/** Writes a Chromium trace for DevTools' Performance panel (--save-trace). */
async function saveTrace(name: string, events: TraceEvent[]): Promise<void> {
  const file = path.join(RESULTS_DIR, name);
  await mkdir(RESULTS_DIR, { recursive: true });
  await writeFile(file, JSON.stringify({ traceEvents: events }));
  log(`Chromium trace: ${path.relative(ROOT, file)}`);
}

async function longClickBench(browser: Browser, url: string, messages: number): Promise<LongClickResult> {
  const p = plan(longScenario(messages));
  const firstDiagram: number[] = [];
  const wholeDiagram: number[] = [];
  for (let i = 0; i < LONG_LOADS - 1; i++) {
    const { page, first, whole } = await openLong(browser, url, messages, p);
    firstDiagram.push(first);
    wholeDiagram.push(whole);
    await page.close();
  }
  const save = opts["save-trace"];
  // Tracing slows the page: a traced load is one more, not counted.
  if (save) await (await openLong(browser, url, messages, p, `long-${messages}-load.json`)).page.close();
  const { page, first, whole } = await openLong(browser, url, messages, p);
  firstDiagram.push(first);
  wholeDiagram.push(whole);
  const arrowsDrawn = await page.evaluate(() => window.__bench.drawnCount());
  const state = { dropped: false };
  await clickSamples(page, p, Math.min(WARMUP, 4), state);
  const samples = await clickSamples(page, p, LONG_SAMPLES, state);
  let tracedSamples: ClickSample[] = [];
  const events = await traced(browser, page, async () => {
    tracedSamples = await clickSamples(page, p, TRACED_LONG_CLICKS, state);
  });
  await page.close();
  if (save) await saveTrace(`long-${messages}-clicks.json`, events);
  return {
    messages,
    plan: p,
    firstDiagram,
    wholeDiagram,
    arrowsDrawn,
    paint: samples.map((x) => x.paint),
    twoFrames: samples.map((x) => x.twoFrames),
    dom: samples.map((x) => x.dom),
    traced: clickCpu(events, tracedSamples),
  };
}

/**
 * Each traced click's main-thread CPU from the click to the next paint the page saw (its sample's
 * `paint`): unlike clickTraces, whose window ends at the first frame committed after the click,
 * this also holds a trace the Web Worker ran (1,000 messages), whose diagram comes frames later.
 */
function clickCpu(all: TraceEvent[], samples: readonly ClickSample[]): ClickTrace[] {
  const clicks = all.filter((e) => e.name === "EventDispatch" && e.args?.data?.type === "click");
  const first = clicks[0];
  if (!first) return [];
  const main = threadEvents(all, first);
  return clicks.flatMap((click, i) => {
    const sample = samples[i];
    if (!sample) return [];
    const start = click.ts;
    const end = click.ts + sample.paint * 1000;
    /** CPU inside [start, end] of the events named, a task cut at the window's edges by its share. */
    const within = (names: string[]) =>
      main
        .filter((e) => names.includes(e.name) && e.ts + (e.dur ?? 0) > start && e.ts < end)
        .reduce((sum, e) => {
          const dur = e.dur ?? 0;
          const inside = Math.min(end, e.ts + dur) - Math.max(start, e.ts);
          return sum + (dur > 0 ? ((e.tdur ?? 0) * inside) / dur : 0);
        }, 0) / 1000;
    const cpu = within(["RunTask"]);
    const styleLayout = within(["UpdateLayoutTree", "Layout"]);
    const paint = within(["PrePaint", "Paint", "Layerize", "Commit"]);
    // Script is the rest: a worker's message, the scheduler's tasks and timers nest differently.
    return [{ wall: sample.paint, cpu, script: cpu - styleLayout - paint, styleLayout, paint }];
  });
}

// ---------------------------------------------------------------------------------------------
// Chromium traces: wall time and thread (CPU) time of every task on the page's main thread. The
// Long Tasks API only knows wall time, which on a busy machine includes time the thread waited
// for a core.

const TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline"];
const TRACED_CLICKS = 60;

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { data?: { type?: string }; name?: string };
}

async function traced(browser: Browser, page: Page, run: () => Promise<unknown>): Promise<TraceEvent[]> {
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  try {
    await run();
  } catch (error) {
    await browser.stopTracing();
    throw error;
  }
  const buffer = await browser.stopTracing();
  return (JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
}

/** The complete events of the thread that `anchor` ran on, by start time. */
function threadEvents(all: TraceEvent[], anchor: TraceEvent): TraceEvent[] {
  return all
    .filter((e) => e.pid === anchor.pid && e.tid === anchor.tid && e.ph === "X")
    .sort((a, b) => a.ts - b.ts);
}

// ---------------------------------------------------------------------------------------------
// 2. Long tasks during playback

interface PlaybackResult {
  speed: number;
  seconds: number;
  hasLongtask: boolean;
  hasLoaf: boolean;
  tasksOver50: number;
  longestTask: number;
  loafsOver50: number;
  longestLoaf: number;
  frameP50: number;
  frameP95: number;
  frameMax: number;
}

/** A traced playback: main-thread tasks over 50 ms by wall time and by CPU time, frame work. */
interface PlaybackTrace {
  speed: number;
  tasks: number;
  overByWall: number;
  overByCpu: number;
  longestWall: number;
  longestCpu: number;
  frameCpuP50: number;
  frameCpuP95: number;
  frameCpuMax: number;
}

async function playTrace(page: Page, speed: number) {
  await page.getByTestId("playback.speed").selectOption(`${speed}`);
  await page.evaluate(() => window.__bench.frames(3));
  await page.evaluate(() => window.__bench.startRecording());
  // The trace is at its end, so Play starts it over from the beginning.
  await page.getByTestId("playback.play").click();
  await page.locator('[data-testid="playback.play"][aria-pressed="true"]').waitFor({ timeout: 5000 });
  await page
    .locator('[data-testid="playback.play"][aria-pressed="false"]')
    .waitFor({ timeout: 300_000 / speed });
  await page.evaluate(() => window.__bench.frames(5));
  return page.evaluate(() => window.__bench.stopRecording());
}

async function playbackBench(
  browser: Browser,
  url: string,
  plan: Plan,
): Promise<{ runs: PlaybackResult[]; traced: PlaybackTrace | null }> {
  const page = await openScenario(browser, url, plan);
  await page.mouse.move(1, 1);
  const runs: PlaybackResult[] = [];
  const over = (values: number[]) => values.filter((v) => v > TARGETS.longTaskMs).length;
  for (const speed of [4, 1]) {
    const r = await playTrace(page, speed);
    runs.push({
      speed,
      seconds: r.elapsed / 1000,
      hasLongtask: r.hasLongtask,
      hasLoaf: r.hasLoaf,
      tasksOver50: over(r.tasks),
      longestTask: Math.max(0, ...r.tasks),
      loafsOver50: over(r.loafs),
      longestLoaf: Math.max(0, ...r.loafs),
      frameP50: median(r.intervals),
      frameP95: quantile(r.intervals, 0.95),
      frameMax: Math.max(0, ...r.intervals),
    });
  }
  // Attribution: one more 4× playback under a Chromium trace.
  const speed = 4;
  const events = await traced(browser, page, () => playTrace(page, speed));
  await page.close();
  const anchor = events.find((e) => e.name === "FireAnimationFrame");
  if (!anchor) return { runs, traced: null };
  const main = threadEvents(events, anchor);
  const tasks = main.filter((e) => e.name === "RunTask");
  const frameTasks = tasks.filter((t) =>
    main.some((e) => e.name === "FireAnimationFrame" && e.ts >= t.ts && e.ts < t.ts + (t.dur ?? 0)),
  );
  const wall = tasks.map((t) => (t.dur ?? 0) / 1000);
  const cpu = tasks.map((t) => (t.tdur ?? 0) / 1000);
  const frameCpu = frameTasks.map((t) => (t.tdur ?? 0) / 1000);
  return {
    runs,
    traced: {
      speed,
      tasks: tasks.length,
      overByWall: over(wall),
      overByCpu: over(cpu),
      longestWall: Math.max(0, ...wall),
      longestCpu: Math.max(0, ...cpu),
      frameCpuP50: median(frameCpu),
      frameCpuP95: quantile(frameCpu, 0.95),
      frameCpuMax: Math.max(0, ...frameCpu),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// 4. Lighthouse

interface LighthouseRun {
  performance: number;
  accessibility: number;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  failedA11y: string[];
  warnings: string[];
}
interface LighthouseResult {
  preset: "mobile" | "desktop";
  runs: LighthouseRun[];
  error?: string;
}

async function lighthouseBench(url: string): Promise<LighthouseResult[]> {
  const { default: lighthouse, desktopConfig } = await import("lighthouse");
  const chromeLauncher = await import("chrome-launcher");
  const results: LighthouseResult[] = [];
  for (const preset of ["mobile", "desktop"] as const) {
    const result: LighthouseResult = { preset, runs: [] };
    results.push(result);
    for (let i = 0; i < LH_RUNS; i++) {
      log(`Lighthouse ${preset}, run ${i + 1} of ${LH_RUNS}`);
      const chrome = await chromeLauncher.launch({
        chromePath: CHROMIUM_PATH,
        chromeFlags: ["--headless=new", ...CHROMIUM_FLAGS],
      });
      try {
        const flags = {
          port: chrome.port,
          output: "json" as const,
          logLevel: "error" as const,
          onlyCategories: ["performance", "accessibility"],
        };
        const runner = await lighthouse(url, flags, preset === "desktop" ? desktopConfig : undefined);
        if (!runner) throw new Error("Lighthouse returned no result");
        const lhr = runner.lhr;
        if (lhr.runtimeError) throw new Error(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
        const score = (id: string) => Math.round((lhr.categories[id]?.score ?? Number.NaN) * 100);
        const numeric = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
        const a11yRefs = lhr.categories.accessibility?.auditRefs ?? [];
        result.runs.push({
          performance: score("performance"),
          accessibility: score("accessibility"),
          fcp: numeric("first-contentful-paint"),
          lcp: numeric("largest-contentful-paint"),
          tbt: numeric("total-blocking-time"),
          cls: numeric("cumulative-layout-shift"),
          failedA11y: a11yRefs
            .filter(
              (ref) =>
                ref.weight > 0 && lhr.audits[ref.id]?.score !== null && lhr.audits[ref.id]?.score !== 1,
            )
            .map((ref) => ref.id),
          warnings: lhr.runWarnings,
        });
        if (i === LH_RUNS - 1) {
          await mkdir(RESULTS_DIR, { recursive: true });
          await writeFile(path.join(RESULTS_DIR, `lighthouse-${preset}.json`), JSON.stringify(lhr));
        }
      } catch (error) {
        result.error = error instanceof Error ? error.message : String(error);
        log(`Lighthouse ${preset} failed: ${result.error}`);
        break;
      } finally {
        chrome.kill();
      }
    }
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// Report

function machine(chromiumVersion: string) {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown CPU",
    cores: cpus.length,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    load: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(", "),
    node: process.version,
    chromium: chromiumVersion,
  };
}

function report(
  info: ReturnType<typeof machine>,
  p: Plan,
  built: { source: string; note: string | null },
  click: ClickResult | null,
  long: LongClickResult[],
  playback: { runs: PlaybackResult[]; traced: PlaybackTrace | null } | null,
  size: FirstDiagramResult | null,
  lh: LighthouseResult[] | null,
  worker: WorkerResult | null,
): string {
  const lines: string[] = [];
  const row = (...cells: string[]) => lines.push(`| ${cells.join(" | ")} |`);
  lines.push(`# MQTT QoS Lab browser benchmark (${new Date().toISOString()})`, "");
  lines.push(
    `Machine: ${info.cpu}, ${info.cores} cores, ${info.memory}; load average at start ${info.load}; ` +
      `Node ${info.node}; Chromium ${info.chromium} headless (${CHROMIUM_PATH}). Production build of ${built.source} served by vite preview.`,
    "",
    `Scenario: QoS 2, two hops, 4 messages, 8 faults → ${p.packets} packets ` +
      `(${p.packetsWhenDropped} with the clicked ${p.targetLabel} dropped).`,
    "",
  );
  if (built.note) lines.push(`Note: ${built.note}`, "");
  row("measure", "figure", "target", "met");
  row("---", "---", "---", "---");
  if (click) {
    const p95 = quantile(click.paint, 0.95);
    row(
      `Click on a packet → next paint (${click.paint.length} samples, drop/restore alternating, ${click.arrowsDrawn} arrows drawn)`,
      `median ${ms(median(click.paint))}, p95 ${ms(p95)}, max ${ms(Math.max(...click.paint))}`,
      `p95 ≤ ${TARGETS.clickP95Ms} ms (one frame)`,
      met(p95 <= TARGETS.clickP95Ms),
    );
    row(
      `… floor: a click that changes nothing (the page's title) → next paint (${click.floor.length} samples)`,
      `median ${ms(median(click.floor))}, p95 ${ms(quantile(click.floor, 0.95))}`,
      "",
      "",
    );
    row(
      "… click → start of the frame after it (two rAF callbacks, as measured before)",
      `median ${ms(median(click.twoFrames))}, p95 ${ms(quantile(click.twoFrames, 0.95))}`,
      "",
      "",
    );
    row(
      "… click → DOM updated (React render + commit)",
      `median ${ms(median(click.dom))}, p95 ${ms(quantile(click.dom, 0.95))}`,
      "",
      "",
    );
    const t = click.traced;
    if (t.length > 0) {
      const of = (pick: (x: ClickTrace) => number) => t.map(pick);
      row(
        `… ${t.length} more clicks under a Chromium trace: click → frame committed (wall); main-thread CPU in it`,
        `wall median ${ms(median(of((x) => x.wall)))}, p95 ${ms(
          quantile(
            of((x) => x.wall),
            0.95,
          ),
        )}; ` +
          `CPU median ${ms(median(of((x) => x.cpu)))}, p95 ${ms(
            quantile(
              of((x) => x.cpu),
              0.95,
            ),
          )} ` +
          `(script ${ms(median(of((x) => x.script)))}, style+layout ${ms(median(of((x) => x.styleLayout)))}, ` +
          `paint ${ms(median(of((x) => x.paint)))})`,
        "",
        "",
      );
    }
    const l = click.layout;
    const same =
      l.heights[0] === l.pageHeight ? "" : ` (the page drew ${l.pageHeight} px: not the page's width)`;
    row(
      `… of which the layout alone (\`layout()\` in this Chromium at the page's width, ${l.width} px; ${p.packets} → ${p.packetsWhenDropped} packets)`,
      `${ms(l.ms[0])} → ${ms(l.ms[1])}; drawing ${l.heights[0]} → ${l.heights[1]} px tall${same}`,
      "",
      "",
    );
  }
  for (const r of long) {
    const t = LONG_TARGETS[r.messages as (typeof LONG_MESSAGES)[number]];
    const first = median(r.firstDiagram);
    if ("firstDiagramMs" in t) {
      row(
        `${r.messages} messages (${r.plan.packets} packets) from a link: navigation → first diagram (${r.firstDiagram.map((x) => x.toFixed(0)).join(", ")} ms)`,
        `median ${ms(first)}`,
        `< ${t.firstDiagramMs} ms`,
        met(first < t.firstDiagramMs),
      );
    } else {
      row(
        `${r.messages} messages (${r.plan.packets} packets) from a link: navigation → first diagram`,
        `median ${ms(first)} (${r.firstDiagram.map((x) => x.toFixed(0)).join(", ")} ms)`,
        "",
        "",
      );
    }
    if (r.wholeDiagram.some((w, i) => w !== r.firstDiagram[i]))
      row(
        `… ${r.messages} messages: navigation → the whole diagram laid out (the first screen came from a layout of the trace's top alone, layoutHead.ts)`,
        `median ${ms(median(r.wholeDiagram))} (${r.wholeDiagram.map((x) => x.toFixed(0)).join(", ")} ms)`,
        "",
        "",
      );
    const p95 = quantile(r.paint, 0.95);
    row(
      `${r.messages} messages: click on a packet → next paint (${r.paint.length} samples, ${r.arrowsDrawn} of ${r.plan.packets} arrows drawn)`,
      `median ${ms(median(r.paint))}, p95 ${ms(p95)}, range ${ms(Math.min(...r.paint))}–${ms(Math.max(...r.paint))}`,
      `p95 ≤ ${t.clickP95Ms} ms`,
      met(p95 <= t.clickP95Ms),
    );
    row(
      `… ${r.messages} messages: click → start of the frame after it (two rAF callbacks, as measured before)`,
      `median ${ms(median(r.twoFrames))}, p95 ${ms(quantile(r.twoFrames, 0.95))}`,
      "",
      "",
    );
    if (r.traced.length > 0) {
      const of = (pick: (x: ClickTrace) => number) => r.traced.map(pick);
      row(
        `… ${r.messages} messages: ${r.traced.length} more clicks under a Chromium trace, main-thread CPU from the click to its next paint`,
        `median ${ms(median(of((x) => x.cpu)))}, range ${ms(Math.min(...of((x) => x.cpu)))}–${ms(Math.max(...of((x) => x.cpu)))} ` +
          `(script and the rest ${ms(median(of((x) => x.script)))}, style+layout ${ms(median(of((x) => x.styleLayout)))}, ` +
          `paint ${ms(median(of((x) => x.paint)))}); wall median ${ms(median(of((x) => x.wall)))}`,
        "",
        "",
      );
    }
  }
  for (const r of playback?.runs ?? []) {
    row(
      `Playback ${r.speed}× to the end (${r.seconds.toFixed(1)} s): long tasks > 50 ms`,
      r.hasLongtask ? `${r.tasksOver50}, longest ${ms(r.longestTask)}` : "longtask not supported",
      "none over 50 ms",
      r.hasLongtask ? met(r.tasksOver50 === 0) : met(null),
    );
    row(
      `… long animation frames > 50 ms; rAF frame interval`,
      `${r.hasLoaf ? `${r.loafsOver50}, longest ${ms(r.longestLoaf)}` : "n/a"}; median ${ms(r.frameP50)}, p95 ${ms(r.frameP95)}, max ${ms(r.frameMax)}`,
      "",
      "",
    );
  }
  const pt = playback?.traced;
  if (pt) {
    row(
      `… one more ${pt.speed}× playback under a Chromium trace: main-thread tasks over 50 ms by wall time / by CPU time; CPU per frame`,
      `${pt.overByWall} (longest ${ms(pt.longestWall)}) / ${pt.overByCpu} (longest ${ms(pt.longestCpu)}) of ${pt.tasks}; ` +
        `frame CPU median ${ms(pt.frameCpuP50)}, p95 ${ms(pt.frameCpuP95)}, max ${ms(pt.frameCpuMax)}`,
      "",
      "",
    );
  }
  for (const cells of size ? firstDiagramRows(size) : []) row(...cells);
  if (worker) {
    const explore = median(worker.exploreSeconds);
    row(
      `Explorer in the worker: QoS 2, two hops, k = 3 (${worker.plans} plans; ${worker.exploreSeconds.map((x) => x.toFixed(2)).join(", ")} s)`,
      `median ${explore.toFixed(2)} s`,
      `< ${TARGETS.exploreSeconds} s`,
      met(explore < TARGETS.exploreSeconds),
    );
    const rate = worker.statsMessages / median(worker.statsSeconds);
    row(
      `Statistics in the worker: QoS 0, 1, 2 × ${worker.statsMessages / 3} messages, two hops, p = 5 % (${worker.statsSeconds.map((x) => x.toFixed(2)).join(", ")} s)`,
      `median ${Math.round(rate).toLocaleString("en-US")} messages/s`,
      `≥ ${TARGETS.statsPerSecond.toLocaleString("en-US")} messages/s`,
      met(rate >= TARGETS.statsPerSecond),
    );
    worker.perQos.forEach((rates, qos) => {
      const m = median(rates);
      const range = `${Math.round(Math.min(...rates)).toLocaleString("en-US")} – ${Math.round(Math.max(...rates)).toLocaleString("en-US")}`;
      row(
        `Statistics in the worker, QoS ${qos} alone: ${PER_QOS_MESSAGES.toLocaleString("en-US")} messages, one hop, p = 5 % (worker start-up included)`,
        `median ${Math.round(m).toLocaleString("en-US")} messages/s (${range})`,
        qos === 2 ? `≥ ${TARGETS.qos2PerSecond.toLocaleString("en-US")} messages/s` : "",
        qos === 2 ? met(m >= TARGETS.qos2PerSecond) : "",
      );
    });
  }
  for (const r of lh ?? []) {
    if (r.runs.length === 0) {
      row(`Lighthouse ${r.preset}`, `could not run: ${r.error ?? "unknown error"}`, "", "n/a");
      continue;
    }
    const perf = r.runs.map((x) => x.performance);
    const a11y = r.runs.map((x) => x.accessibility);
    const failed = [...new Set(r.runs.flatMap((x) => x.failedA11y))];
    row(
      `Lighthouse ${r.preset}: performance (median of ${r.runs.length}: ${perf.join(", ")})`,
      `${median(perf)}`,
      `≥ ${TARGETS.performance}`,
      met(median(perf) >= TARGETS.performance),
    );
    row(
      `Lighthouse ${r.preset}: accessibility (${a11y.join(", ")})`,
      `${median(a11y)}${failed.length ? ` (failing: ${failed.join(", ")})` : ""}`,
      `${TARGETS.accessibility}`,
      met(median(a11y) >= TARGETS.accessibility),
    );
    row(
      `… Lighthouse ${r.preset} metrics (median)`,
      `FCP ${ms(median(r.runs.map((x) => x.fcp)))}, LCP ${ms(median(r.runs.map((x) => x.lcp)))}, ` +
        `TBT ${ms(median(r.runs.map((x) => x.tbt)))}, CLS ${median(r.runs.map((x) => x.cls)).toFixed(3)}`,
      "",
      "",
    );
    if (r.error) row(`Lighthouse ${r.preset}: a later run failed`, r.error, "", "");
  }
  const warnings = [...new Set((lh ?? []).flatMap((r) => r.runs.flatMap((x) => x.warnings)))];
  if (warnings.length) lines.push("", ...warnings.map((w) => `Lighthouse warning: ${w}`));
  lines.push(
    "",
    "Timings are from one noisy 2-core machine: compare medians across runs, not single figures.",
    "",
  );
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------------
// 4. The Web Worker

interface WorkerResult {
  plans: number;
  exploreSeconds: number[];
  statsMessages: number;
  statsSeconds: number[];
  /** Messages per second of each QoS alone (index = QoS), one figure per run. */
  perQos: number[][];
}

const WORKER_RUNS = 3;
const STATS_MESSAGES = 10_000;

async function doneSeconds(page: Page, testId: string): Promise<number> {
  const text = (await page.getByTestId(testId).textContent({ timeout: 120_000 })) ?? "";
  const seconds = Number(/done in ([\d.]+) s/.exec(text)?.[1]);
  if (!Number.isFinite(seconds)) throw new Error(`bench-ui: unexpected "${text}"`);
  return seconds;
}

async function workerBench(browser: Browser, url: string): Promise<WorkerResult> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  await page.goto(url);
  await page.getByTestId("view.explore").click();
  await page.getByTestId("explorer.k").selectOption("3");
  const exploreSeconds: number[] = [];
  for (let i = 0; i < WORKER_RUNS; i++) {
    await page.getByTestId("explorer.start").click();
    exploreSeconds.push(await doneSeconds(page, "explorer.time"));
  }
  const counts = (await page.getByTestId("explorer.counts").textContent()) ?? "";
  const plans = Number(/^(\d+) plans/.exec(counts.trim())?.[1] ?? Number.NaN);
  await page.getByTestId("view.stats").click();
  await page.getByTestId("stats.messages").fill(String(STATS_MESSAGES));
  const statsSeconds: number[] = [];
  for (let i = 0; i < WORKER_RUNS; i++) {
    await page.getByTestId("stats.compare.start").click();
    statsSeconds.push(await doneSeconds(page, "stats.compare.time"));
  }
  const perQos = await perQosBench(page, url);
  await page.close();
  return { plans, exploreSeconds, statsMessages: STATS_MESSAGES * 3, statsSeconds, perQos };
}

const PER_QOS_MESSAGES = 30_000;

/**
 * Each QoS alone in the lab's own Web Worker (the built file, a "statistics" job), one hop,
 * p = 5 %, timed in the page from posting the job to its result.
 */
async function perQosBench(page: Page, url: string): Promise<number[][]> {
  const workerFile = (await readdir(path.join(BUILD_DIR, "assets"))).find((f) =>
    /^lab\.worker-.*\.js$/.test(f),
  );
  if (!workerFile) throw new Error("bench-ui: no lab.worker-*.js in the build");
  const workerUrl = new URL(`assets/${workerFile}`, url).href;
  const perQos: number[][] = [[], [], []];
  for (let run = 0; run < WORKER_RUNS; run++) {
    for (const qos of [0, 1, 2]) {
      const ms = await page.evaluate(
        ({ workerUrl, qos, messages }) =>
          new Promise<number>((resolve, reject) => {
            const worker = new Worker(workerUrl, { type: "module" });
            const input = { qos, probability: 0.05, messages, seed: 1, hops: 1 };
            let start = 0;
            worker.onmessage = (event: MessageEvent<{ type: string; message?: string }>) => {
              if (event.data.type === "progress") return;
              const elapsed = performance.now() - start;
              worker.terminate();
              if (event.data.type === "result") resolve(elapsed);
              else reject(new Error(event.data.message));
            };
            start = performance.now();
            worker.postMessage({ id: 1, job: { kind: "statistics", input } });
          }),
        { workerUrl, qos, messages: PER_QOS_MESSAGES },
      );
      perQos[qos]!.push(PER_QOS_MESSAGES / (ms / 1000));
    }
  }
  return perQos;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`bench-ui: no browser at ${CHROMIUM_PATH} (set CHROMIUM_PATH)`);
  const p = plan();
  log(`scenario: ${p.packets} packets; clicking packet-${p.target} (${p.targetLabel})`);
  let buildNote: string | null = null;
  let cwd = ROOT;
  let source = "the working tree";
  if (opts.ref) {
    const snap = await snapshot(opts.ref);
    cwd = snap.dir;
    source = `commit ${snap.commit.slice(0, 12)}`;
  }
  if (opts["skip-build"] && existsSync(path.join(BUILD_DIR, "index.html"))) {
    log("reusing the previous build");
    source = "the previous build";
  } else buildNote = build(cwd);

  const url = await startPreview(cwd);
  log(`serving ${url}`);
  let browser: Browser | null = null;
  let click: ClickResult | null = null;
  const long: LongClickResult[] = [];
  let playback: Awaited<ReturnType<typeof playbackBench>> | null = null;
  let lh: LighthouseResult[] | null = null;
  let size: FirstDiagramResult | null = null;
  let worker: WorkerResult | null = null;
  let chromiumVersion: string | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS, headless: true });
    chromiumVersion = browser.version();
    if (ONLY.has("size")) {
      log("JavaScript up to the first diagram: cold loads, then each script held back once");
      size = await firstDiagramBench(browser, url, BUILD_DIR, log);
    }
    if (ONLY.has("click")) {
      log(`click → paint: ${WARMUP} warm-up + ${SAMPLES} samples`);
      click = await clickBench(browser, url, p);
    }
    if (ONLY.has("long")) {
      for (const messages of LONG_MESSAGES) {
        log(`long trace: ${messages} messages, first diagram ×${LONG_LOADS} and ${LONG_SAMPLES} clicks`);
        long.push(await longClickBench(browser, url, messages));
      }
    }
    if (ONLY.has("playback")) {
      log("playback at 4× and 1×");
      playback = await playbackBench(browser, url, p);
    }
    if (ONLY.has("worker")) {
      log("explorer (k = 3) and statistics in the Web Worker");
      worker = await workerBench(browser, url);
    }
    await browser.close();
    browser = null;
    if (ONLY.has("lighthouse")) lh = await lighthouseBench(url);
  } finally {
    await browser?.close();
    await stopPreview();
    if (cwd !== ROOT) await rm(cwd, { recursive: true, force: true });
  }

  const text = report(
    machine(chromiumVersion ?? "unknown"),
    p,
    { source, note: buildNote },
    click,
    long,
    playback,
    size,
    lh,
    worker,
  );
  console.log(`\n${text}`);
  await mkdir(RESULTS_DIR, { recursive: true });
  await writeFile(path.join(RESULTS_DIR, "ui.md"), text);
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  await writeFile(path.join(RESULTS_DIR, `ui-${stamp}.md`), text);
  log(`written to bench-results/ui.md and bench-results/ui-${stamp}.md`);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void stopPreview().finally(() => process.exit(130));
  });
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  await stopPreview();
  process.exit(1);
});
