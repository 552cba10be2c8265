#!/usr/bin/env node
// Builds the README's documentation-site recipes as real sites, for e2e/recipes.spec.ts:
// recipes/docusaurus (Docusaurus 3, MDX), recipes/vitepress (VitePress 1) and recipes/mkdocs
// (MkDocs, Debian's package). Each gets the custom element's script from dist-element/ (run
// `npm run build:element` first), its own dependencies (the versions its own lockfile pins,
// skipped when already installed) and a build. recipes/plain-html needs no build.
// Usage: npm run build:recipes [-- docusaurus vitepress mkdocs]
import { spawnSync } from "node:child_process";
import { accessSync, constants, copyFileSync, existsSync, mkdirSync, statSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SCRIPT = join(ROOT, "dist-element", "mqtt-qos-handshake.iife.js");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/** Each recipe: where it lives, where the element's script goes, how it is built. */
const RECIPES = {
  docusaurus: { dir: "recipes/docusaurus", script: "static/js", npm: true, build: [npm, ["run", "build"]] },
  vitepress: { dir: "recipes/vitepress", script: "docs/public", npm: true, build: [npm, ["run", "build"]] },
  mkdocs: { dir: "recipes/mkdocs", script: null, npm: false, build: ["mkdocs", ["build", "--strict"]] },
};

function run(command, args, cwd) {
  console.log(`recipes: (${cwd.slice(ROOT.length) || "."}) $ ${[command, ...args].join(" ")}`);
  const result = spawnSync(command, args, { cwd, stdio: "inherit" });
  if (result.error) throw new Error(`could not run ${command}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${result.status}`);
}

function onPath(command) {
  return (process.env.PATH ?? "").split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Installs the versions the recipe's lockfile pins, unless node_modules was installed from this
 * very lockfile already. Not `npm ci`: registries without the platform-only optional packages of
 * other systems (rollup's Android and macOS builds, say) leave them out of the lockfile, and
 * `npm ci` then refuses the lockfile as out of sync; `npm install` keeps to it and skips them.
 */
function installDependencies(dir) {
  const marker = join(dir, "node_modules", ".package-lock.json");
  const lock = join(dir, "package-lock.json");
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  run(npm, ["install", "--no-save", "--no-audit", "--no-fund"], dir);
}

/** MkDocs is Python; Debian packages it, so root installs it with apt-get as CI does Chromium. */
function ensureMkdocs() {
  if (onPath("mkdocs")) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot) {
    throw new Error("mkdocs is not installed; install it (Debian: sudo apt-get install -y mkdocs)");
  }
  console.log("recipes: installing Debian's mkdocs package (running as root).");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update"], ["install", "-y", "mkdocs"]]) {
    const result = spawnSync("apt-get", args, { stdio: "inherit", env });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(" ")} failed`);
  }
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in RECIPES));
if (unknown.length > 0) {
  console.error(`recipes: unknown recipe ${unknown.join(", ")}; expected ${Object.keys(RECIPES).join(", ")}`);
  process.exit(2);
}
if (!existsSync(SCRIPT)) {
  console.error(
    "recipes: dist-element/mqtt-qos-handshake.iife.js is missing: run npm run build:element first",
  );
  process.exit(1);
}

try {
  for (const name of wanted.length > 0 ? wanted : Object.keys(RECIPES)) {
    const recipe = RECIPES[name];
    const dir = join(ROOT, recipe.dir);
    if (recipe.script) {
      const target = join(dir, recipe.script, "mqtt-qos-handshake.iife.js");
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(SCRIPT, target);
    }
    if (recipe.npm) installDependencies(dir);
    if (name === "mkdocs") ensureMkdocs();
    run(recipe.build[0], recipe.build[1], dir);
  }
} catch (error) {
  console.error(`recipes: ${error.message}`);
  process.exit(1);
}
