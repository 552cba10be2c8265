/**
 * `npm run build:offline`: the whole app as one self-contained HTML file that works from file://
 * with no network request (the trainer's USB stick). Everything is inlined: all JavaScript (the
 * lazily loaded views and exporters included), the CSS, the favicon and the Web Worker.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { mergeConfig, type Plugin, type PluginOption } from "vite";
import { viteSingleFile } from "vite-plugin-singlefile";
import { offlineCsp } from "./scripts/csp.ts";
import base from "./vite.config.ts";

export const OFFLINE_DIR = "dist-offline";
export const OFFLINE_FILE = "mqtt-qos-lab.html";

const SPAWN = fileURLToPath(new URL("./src/worker/spawn.ts", import.meta.url));
const SPAWN_OFFLINE = fileURLToPath(new URL("./src/worker/spawn.offline.ts", import.meta.url));
const PUBLIC = new URL("./public/", import.meta.url);

/** A worker file cannot be loaded from file://: use the module that inlines the worker. */
function inlineWorker(): Plugin {
  return {
    name: "lab:offline-worker",
    enforce: "pre",
    async resolveId(source, importer, options) {
      if (!/\bspawn(\.ts)?$/.test(source)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved?.id === SPAWN ? SPAWN_OFFLINE : resolved;
    },
  };
}

/** `<link href="/favicon.svg">` and the like: files of public/ become data: URLs. */
function inlinePublicLinks(): Plugin {
  const types: Record<string, string> = { svg: "image/svg+xml", png: "image/png", ico: "image/x-icon" };
  return {
    name: "lab:offline-public-links",
    transformIndexHtml: {
      order: "pre",
      handler(html) {
        return html.replace(/(<link\b[^>]*\bhref=")\/([^"/]+)"/g, (tag, start: string, file: string) => {
          const type = types[file.split(".").pop() ?? ""];
          if (!type) throw new Error(`build:offline: cannot inline ${tag}`);
          const data = readFileSync(new URL(file, PUBLIC)).toString("base64");
          return `${start}data:${type};base64,${data}"`;
        });
      },
    },
  };
}

/** The served pages' policy allows files of the site, which the offline file has none of. */
function withoutServedCsp(plugins: readonly PluginOption[]): PluginOption[] {
  return plugins
    .flatMap((p) => (Array.isArray(p) ? withoutServedCsp(p) : [p]))
    .filter((p) => !(p && typeof p === "object" && "name" in p && p.name === "lab:csp"));
}

const merged = mergeConfig(
  { ...base, plugins: withoutServedCsp(base.plugins ?? []) },
  {
    plugins: [
      inlineWorker(),
      inlinePublicLinks(),
      viteSingleFile({ outputFileName: OFFLINE_FILE }),
      // After the inlining: its policy holds the hashes of the inlined script and stylesheet.
      offlineCsp(OFFLINE_FILE),
    ],
    // Nothing is copied from public/: what the page needs from it is inlined above.
    publicDir: false,
    build: {
      outDir: OFFLINE_DIR,
      emptyOutDir: true,
    },
  },
);

// One file, for index.html only: the embed page (a second input of the base config) is left out.
// mergeConfig has moved the base's build.rollupOptions to Vite 8's build.rolldownOptions.
export default {
  ...merged,
  build: {
    ...merged.build,
    rollupOptions: { ...merged.build?.rollupOptions, input: "index.html" },
    rolldownOptions: { ...merged.build?.rolldownOptions, input: "index.html" },
  },
};
