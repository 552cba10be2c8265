import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";
import type { Plugin } from "vite";
import { servedCsp } from "./scripts/csp.ts";
import { SCREEN_CSS } from "./src/diagram/diagramStyles.ts";

/**
 * mqtt-packet's encoder logs through `debug`, which in a browser prints only when a developer sets
 * localStorage.debug: the page never does. A function that logs nothing in its place keeps about
 * 2 kB gzip out of the JavaScript the first diagram waits for (the encoder runs in the simulator).
 */
export function debugOff(): Plugin {
  const id = "\0debug-off.cjs";
  return {
    name: "lab:debug-off",
    enforce: "pre",
    resolveId: (source) => (source === "debug" ? id : null),
    load: (module) => (module === id ? "module.exports = () => () => {};" : null),
  };
}

/**
 * `import "virtual:diagram.css"`: the diagram's page stylesheet (SCREEN_CSS) as a CSS file of the
 * build, not a string in the JavaScript the first diagram waits for. diagramStyles.ts stays its
 * one source (the export and the command line need the text); Vite restarts when it changes.
 */
export function diagramCss(): Plugin {
  const id = "\0diagram-screen.css";
  return {
    name: "lab:diagram-css",
    resolveId: (source) => (source === "virtual:diagram.css" ? id : null),
    load: (module) => (module === id ? SCREEN_CSS : null),
  };
}

export default defineConfig({
  // servedCsp: the Content-Security-Policy <meta> of the built pages (scripts/csp.ts).
  plugins: [react(), debugOff(), diagramCss(), servedCsp()],
  resolve: {
    // mqtt-packet's parser needs only BufferList, not the stream half of `bl` (see stack.md).
    alias: { bl: "bl/BufferList.js" },
  },
  build: {
    // The app, and the embeddable diagram (embed.html, src/embed/).
    rollupOptions: { input: { main: "index.html", embed: "embed.html" } },
    // No polyfill for <link rel="modulepreload">: a browser without it (Firefox before 115, Safari
    // before 17) still loads each module through its imports, only later, and the polyfill would
    // add to every browser's first paint.
    modulePreload: { polyfill: false },
  },
  // The Web Worker runs the simulator too (explorer, statistics).
  worker: { plugins: () => [debugOff()] },
  server: {
    watch: { ignored: ["**/playwright-report/**", "**/test-results/**"] },
  },
  test: {
    include: ["src/**/*.test.{ts,tsx}", "scripts/**/*.test.ts", "lab/**/*.test.ts"],
    environment: "node",
    setupFiles: ["scripts/vitest.setup.ts"],
    // A verdict must not depend on machine load: CI shares two cores with a build and a browser.
    // Property tests set their own run counts and limits; this covers every other test.
    testTimeout: 30_000,
  },
});
