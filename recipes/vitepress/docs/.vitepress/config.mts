// A minimal VitePress site with the README's recipe.
import { defineConfig } from "vitepress";

export default defineConfig({
  title: "Plant network handbook",
  // Registers <mqtt-qos-handshake> (copied from dist-element/ into docs/public/).
  head: [["script", { src: "/mqtt-qos-handshake.iife.js", defer: "" }]],
  // Tells Vue the tag is a custom element, not a Vue component it failed to resolve.
  vue: {
    template: {
      compilerOptions: { isCustomElement: (tag) => tag === "mqtt-qos-handshake" },
    },
  },
});
