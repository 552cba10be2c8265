import js from "@eslint/js";
import globals from "globals";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";
import boundaries from "eslint-plugin-boundaries";
import { importX } from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import { LAYERS, layerPolicies } from "./eslint.layers.js";

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
    // Nothing a user types is ever parsed as HTML (issue #10): text goes in as text (React
    // children, textContent, createElement). Tests may reset a jsdom body however they like.
    files: ["src/**/*.{ts,tsx}", "scripts/**/*.ts"],
    ignores: ["**/*.test.{ts,tsx}"],
    rules: {
      "no-restricted-syntax": [
        "error",
        ...[
          ["JSXAttribute[name.name='dangerouslySetInnerHTML']", "dangerouslySetInnerHTML"],
          ["MemberExpression[property.name=/^(innerHTML|outerHTML)$/]", "innerHTML and outerHTML"],
          [
            "CallExpression[callee.property.name=/^(insertAdjacentHTML|createContextualFragment|setHTMLUnsafe|parseHTMLUnsafe)$/]",
            "HTML-parsing calls",
          ],
          ["MemberExpression[object.name='document'][property.name=/^write(ln)?$/]", "document.write"],
          ["MemberExpression[property.name='srcdoc']", "srcdoc"],
        ].map(([selector, what]) => ({
          selector,
          message: `No ${what}: insert text as text (React children, textContent, createElement).`,
        })),
      ],
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
    // Imports flow one way (architecture.md, eslint.layers.js): a folder of src/ imports only
    // its own layer's folder and the layers below it, nothing below ui/ uses React, and no
    // module takes part in an import circle. Tests may import whatever they check against.
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["**/*.test.{ts,tsx}", "**/testing.ts"],
    plugins: { boundaries, "import-x": importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "tsconfig.app.json" })],
      "boundaries/elements": LAYERS.map((layer) => ({ type: layer, pattern: `src/${layer}` })),
    },
    rules: {
      "boundaries/dependencies": [
        "error",
        { default: "disallow", checkAllOrigins: true, policies: layerPolicies() },
      ],
      "import-x/no-cycle": "error",
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
