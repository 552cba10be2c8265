/**
 * `npm run bench:big-input`: import → first view for a file of 1,000, 10,000 and 100,000
 * messages, in Chromium, on the built page. Not a test: it prints the median and range of a few
 * rounds per size (these machines are noisy), and the longest main-thread task seen meanwhile
 * (how long the page could not answer a click).
 *
 * "First view" ends when the page shows the new scenario: its diagram (up to MAX_DRAWN_PACKETS
 * packets) or its summary. The files: QoS 2 on one hop with a lost PUBREC every 100 messages
 * (src/sim/limits.testing.ts): 4,040, 40,400 and 404,000 packets.
 *
 * Usage: npm run bench:big-input [-- rounds]   (builds into a temporary folder first; port 4299
 * or BENCH_PORT; Chromium from CHROMIUM_PATH or /usr/bin/chromium)
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser } from "@playwright/test";
import { limitScenario } from "../src/sim/limits.testing.ts";
import { CHROMIUM_FLAGS } from "./chromium.ts";

const SIZES = [1_000, 10_000, 100_000];
const ROUNDS = Number(process.argv[2] ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 4299);
const ROOT = path.join(import.meta.dirname, "..");

interface Sample {
  ms: number;
  longestTaskMs: number;
}

async function round(browser: Browser, file: string): Promise<Sample> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`http://localhost:${PORT}/`);
  const opening = await page.locator("[data-arrows]").first().getAttribute("data-arrows");
  await page.getByTestId("import.file").waitFor({ state: "attached" });
  await page.evaluate(() => {
    const w = window as unknown as { longest: number };
    w.longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longest = Math.max(w.longest, entry.duration);
    }).observe({ type: "longtask" });
  });
  const start = Date.now();
  await page.getByTestId("import.file").setInputFiles(file);
  // The new view: the summary, or a diagram other than the opening one.
  await page
    .locator(`[data-testid="big-trace"], [data-arrows]:not([data-arrows="${opening}"])`)
    .first()
    .waitFor({ timeout: 600_000 });
  const ms = Date.now() - start;
  const longestTaskMs = await page.evaluate(() => (window as unknown as { longest: number }).longest);
  await page.close();
  return { ms, longestTaskMs };
}

function summary(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[sorted.length >> 1] ?? NaN;
  const s = (x: number) => (x / 1000).toFixed(2);
  return `${s(median)} s (range ${s(sorted[0] ?? NaN)}–${s(sorted.at(-1) ?? NaN)})`;
}

async function main(): Promise<void> {
  const out = mkdtempSync(path.join(tmpdir(), "bench-big-"));
  const built = spawnSync("npx", ["vite", "build", "--outDir", path.join(out, "dist")], { cwd: ROOT });
  if (built.status !== 0) throw new Error(`vite build failed: ${built.stderr.toString()}`);
  const server = spawn(
    "npx",
    ["vite", "preview", "--outDir", path.join(out, "dist"), "--port", String(PORT), "--strictPort"],
    { cwd: ROOT, stdio: "ignore", detached: true },
  );
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_FLAGS,
  });
  try {
    for (let tries = 0; ; tries++) {
      const up = await fetch(`http://localhost:${PORT}/`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      if (tries > 100) throw new Error("vite preview did not start");
      await new Promise((r) => setTimeout(r, 200));
    }
    console.log(`| messages | import → first view, median (range) | longest main-thread task |`);
    console.log(`| -------: | ---------------------------------- | ------------------------ |`);
    for (const size of SIZES) {
      const file = path.join(out, `${size}.json`);
      writeFileSync(file, JSON.stringify(limitScenario(size, size / 100)));
      const samples: Sample[] = [];
      for (let i = 0; i < ROUNDS; i++) samples.push(await round(browser, file));
      console.log(
        `| ${size.toLocaleString("en-US")} | ${summary(samples.map((s) => s.ms))} | ` +
          `${summary(samples.map((s) => s.longestTaskMs))} |`,
      );
    }
  } finally {
    await browser.close();
    if (server.pid !== undefined) process.kill(-server.pid);
  }
}

await main();
