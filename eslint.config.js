import js from "@eslint/js";
import globals from "globals";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "dist",
      "dist-offline",
      "dist-element",
      "node_modules",
      "playwright-report",
      "test-results",
      "bench-results",
      ".scratch",
      // What the documentation-site recipes build (scripts/recipes.mjs).
      "recipes/docusaurus/build",
      "recipes/docusaurus/.docusaurus",
      "recipes/docusaurus/static/js",
      "recipes/vitepress/docs/.vitepress/dist",
      "recipes/vitepress/docs/.vitepress/cache",
      "recipes/vitepress/docs/public",
      "recipes/mkdocs/site",
    ],
  },
  {
    files: ["**/*.{ts,tsx}"],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2023, globals: { ...globals.browser, ...globals.node } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    // The protocol and simulation core must stay deterministic (architecture.md habit 2).
    files: ["src/protocol/**/*.ts", "src/sim/**/*.ts", "src/explore/**/*.ts", "src/stats/**/*.ts"],
    ignores: ["**/*.test.ts", "src/stats/bench.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        {
          object: "Math",
          property: "random",
          message: "Use the seeded generator; the core is deterministic.",
        },
        { object: "Date", property: "now", message: "The core runs on simulated time only." },
      ],
      "no-restricted-globals": ["error", "setTimeout", "setInterval", "performance", "window", "document"],
    },
  },
  {
    files: ["**/*.{js,mjs}"],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The recipes' page scripts run in the reader's browser.
    files: ["recipes/*/docs/**/*.js"],
    languageOptions: { globals: { ...globals.browser } },
  },
);
