/**
 * How this project starts Debian's Chromium, for Playwright's tests (playwright.config.ts) and the
 * benchmarks (scripts/bench-ui.ts) alike. The network flags matter on these machines: without
 * them Chromium keeps dialling services that the closed network refuses.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
