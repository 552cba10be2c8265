// The layers of src/, lowest first (architecture.md). A folder imports its own folder and the
// layers below it; folders on one line are peers and do not import each other.
export const LAYER_ORDER = [
  ["protocol"],
  ["sim"],
  ["diagram", "explain", "inspect", "stats"],
  ["explore", "export", "share"],
  ["lessons", "live"],
  ["worker"],
  ["ui"],
  ["app", "embed", "element"],
];

export const LAYERS = LAYER_ORDER.flat();

const UI_LEVEL = LAYER_ORDER.findIndex((peers) => peers.includes("ui"));
const REACT = ["react", "react-dom", "react-dom/*", "react/*", "framer-motion"];

/** One policy per layer, then React kept out of every layer below ui/. */
export function layerPolicies() {
  const allowed = LAYER_ORDER.flatMap((peers, level) =>
    peers.map((layer) => ({
      from: { element: { type: layer } },
      allow: {
        to: [
          { element: { types: { anyOf: [layer, ...LAYER_ORDER.slice(0, level).flat()] } } },
          { module: { origin: "external" } },
          { module: { origin: "core" } },
        ],
      },
    })),
  );
  const noReact = {
    from: { element: { types: { anyOf: LAYER_ORDER.slice(0, UI_LEVEL).flat() } } },
    disallow: { to: { module: { origin: "external", source: REACT } } },
  };
  // The app's embed builder previews the real <mqtt-qos-handshake> (src/app/builder/), loaded lazily.
  const builderPreview = {
    from: { element: { type: "app" } },
    allow: { to: { element: { type: "element" } } },
  };
  return [...allowed, builderPreview, noReact];
}
