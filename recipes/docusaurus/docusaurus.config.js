// A minimal Docusaurus 3 site: the classic theme, docs at the root, and the README's recipe.
/** @type {import('@docusaurus/types').Config} */
export default {
  title: "Plant network handbook",
  url: "https://docs.example.com",
  baseUrl: "/",
  onBrokenLinks: "throw",
  themes: ["@docusaurus/theme-classic"],
  plugins: [["@docusaurus/plugin-content-docs", { routeBasePath: "/", sidebarPath: false }]],
  // Registers <mqtt-qos-handshake> on every page (copied from dist-element/ into static/js/).
  scripts: [{ src: "/js/mqtt-qos-handshake.iife.js", defer: true }],
};
