import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "./scripts/chromium.ts";

// Run through `npm run test:e2e` (scripts/e2e.mjs), which finds a system Chromium and sets
// CHROMIUM_PATH. Never `npx playwright install`: it downloads a browser, which fails here.
const isCI = Boolean(process.env.CI);
// E2E_PORT lets several checkouts on one machine run their suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  ...(isCI ? { workers: 1 } : {}),
  reporter: [["list"], ["html", { open: "never" }]],
  // Visual baselines (e2e/visual.spec.ts) are committed, one per case, with no OS or project name
  // in the path: the same files on every machine.
  snapshotPathTemplate: "{testDir}/__screenshots__/{testFilePath}/{arg}{ext}",
  expect: {
    toHaveScreenshot: {
      // Survives font antialiasing and subpixel differences between machines; a moved or
      // missing part of the page is far more than 2 % of the pixels.
      maxDiffPixelRatio: 0.02,
      threshold: 0.3,
      animations: "disabled",
      caret: "hide",
      scale: "css",
    },
  },
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: CHROMIUM_PATH,
          args: CHROMIUM_FLAGS,
        },
      },
    },
  ],
  webServer: {
    command: `npm run build && npx vite preview --port ${PORT} --strictPort`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: !isCI,
    // The production build (tsc -b, vite build) takes 30 s on a quiet 2-core machine and several
    // minutes on a loaded one; waiting is not a verdict.
    timeout: 600_000,
    stdout: "pipe",
  },
});
