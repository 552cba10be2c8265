import type { KnipConfig } from "knip";

// Dead-code check, part of `npm test` (npm run knip).
const config: KnipConfig = {
  entry: [
    "src/main.tsx",
    "src/embed/main.tsx",
    "src/element/defineElement.ts",
    "src/worker/*.ts",
    "scripts/*.{ts,mjs}",
    "e2e/**/*.ts",
    "recipes/*/docs/**/*.js",
  ],
  project: ["src/**/*.{ts,tsx}", "scripts/**/*.{ts,mjs}", "e2e/**/*.ts"],
  // mqtt-packet imports these without declaring them; the browser build needs them as direct
  // dependencies (shared/docs/stack.md).
  ignoreDependencies: ["buffer", "events"],
  ignoreBinaries: ["apt-get"],
  ignoreExportsUsedInFile: true,
};

export default config;
