#!/usr/bin/env node
// Runs the Playwright end-to-end tests against a system Chromium.
// Playwright's own browser download does not work on these machines, so we find (or install) one,
// pass it on as CHROMIUM_PATH (read by playwright.config.ts), build the offline file (npm run
// build:offline), the custom element (build:element) and the documentation-site recipes
// (build:recipes) that specs open, and run `playwright test`.
// Usage: npm run test:e2e [-- <playwright test args>]
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import process from "node:process";

const CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome-stable",
  "/usr/bin/google-chrome",
];

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    console.error(`e2e: CHROMIUM_PATH=${fromEnv} is not an executable file; looking elsewhere.`);
  }
  return CANDIDATES.find(isExecutable);
}

function run(command, args, options = {}) {
  console.log(`e2e: $ ${[command, ...args].join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", ...options });
  if (result.error) {
    console.error(`e2e: could not run ${command}: ${result.error.message}`);
    return 1;
  }
  return result.status ?? 1;
}

function installChromium() {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot) return false;
  console.log("e2e: no Chromium found; installing Debian's chromium package (running as root).");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  if (run("apt-get", ["update"], { env }) !== 0) return false;
  return run("apt-get", ["install", "-y", "chromium"], { env }) === 0;
}

let chromium = findChromium();
if (!chromium && installChromium()) chromium = findChromium();
if (!chromium) {
  console.error(
    [
      "e2e: no Chromium or Chrome found.",
      `  Looked at $CHROMIUM_PATH and ${CANDIDATES.join(", ")}.`,
      "  Install one (on Debian/Ubuntu: sudo apt-get install -y chromium),",
      "  or point CHROMIUM_PATH at a Chromium/Chrome executable, e.g.",
      "    CHROMIUM_PATH=/path/to/chrome npm run test:e2e",
      "  Do not use `npx playwright install`: this project drives a system browser.",
    ].join("\n"),
  );
  process.exit(1);
}

console.log(`e2e: using ${chromium}`);
// e2e/offline.spec.ts opens the offline build from file://; it builds nothing itself.
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const built = run(npm, ["run", "build:offline"]);
if (built !== 0) {
  console.error("e2e: npm run build:offline failed.");
  process.exit(built);
}
// e2e/element.spec.ts loads the custom-element scripts from dist-element/; it builds nothing itself.
const builtElement = run(npm, ["run", "build:element"]);
if (builtElement !== 0) {
  console.error("e2e: npm run build:element failed.");
  process.exit(builtElement);
}
// e2e/recipes.spec.ts opens the documentation-site recipes, built here by their real tools.
const builtRecipes = run(npm, ["run", "build:recipes"]);
if (builtRecipes !== 0) {
  console.error("e2e: npm run build:recipes failed.");
  process.exit(builtRecipes);
}
const npx = process.platform === "win32" ? "npx.cmd" : "npx";
const code = run(npx, ["playwright", "test", ...process.argv.slice(2)], {
  env: { ...process.env, CHROMIUM_PATH: chromium },
});
process.exit(code);
