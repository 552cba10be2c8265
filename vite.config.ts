import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

export default defineConfig({
  plugins: [react()],
  resolve: {
    // mqtt-packet's parser needs only BufferList, not the stream half of `bl` (see stack.md).
    alias: { bl: "bl/BufferList.js" },
  },
  build: {
    // The app, and the embeddable diagram (embed.html, src/embed/).
    rollupOptions: { input: { main: "index.html", embed: "embed.html" } },
  },
  server: {
    watch: { ignored: ["**/playwright-report/**", "**/test-results/**"] },
  },
  test: {
    include: ["src/**/*.test.{ts,tsx}", "scripts/**/*.test.ts"],
    environment: "node",
    // A verdict must not depend on machine load: CI shares two cores with a build and a browser.
    // Property tests set their own run counts and limits; this covers every other test.
    testTimeout: 30_000,
  },
});
