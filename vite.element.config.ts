/**
 * `npm run build:element`: the <mqtt-qos-handshake> custom element as a library, everything
 * bundled (React, the simulator, mqtt-packet): dist-element/mqtt-qos-handshake.js (ES module) and
 * dist-element/mqtt-qos-handshake.iife.js (a classic script). Entry: src/element/defineElement.ts.
 */
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { debugOff } from "./vite.config.ts";

export const ELEMENT_DIR = "dist-element";

// Standalone (not merged with vite.config.ts): the app's page inputs have no place in a library.
export default defineConfig({
  plugins: [react(), debugOff()],
  // As in vite.config.ts: mqtt-packet's parser needs only BufferList.
  resolve: { alias: { bl: "bl/BufferList.js" } },
  // Library mode leaves process.env alone; React reads process.env.NODE_ENV.
  define: { "process.env.NODE_ENV": JSON.stringify("production") },
  publicDir: false,
  build: {
    // A script for pages, not a package for bundlers: minify the ES module's whitespace too
    // (Vite keeps it in an ES library by default). One file: a lazily loaded part (the error
    // notice of src/ui/ErrorBoundary.tsx) is bundled in, not left as a chunk beside it.
    rolldownOptions: { output: { minify: true, codeSplitting: false } },
    outDir: ELEMENT_DIR,
    emptyOutDir: true,
    lib: {
      entry: fileURLToPath(new URL("./src/element/defineElement.ts", import.meta.url)),
      name: "MqttQosHandshake",
      formats: ["es", "iife"],
      fileName: (format) => (format === "es" ? "mqtt-qos-handshake.js" : `mqtt-qos-handshake.${format}.js`),
    },
  },
});
