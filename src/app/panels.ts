import { lazy, useEffect, useState } from "react";

// The verdict, narration and state panel (src/explain's words) and the tools under the diagram:
// loaded beside the simulator (main.tsx starts fetching them), so the first diagram need not wait.
// The panels start loading with this module and, being smaller, are in well before the simulator:
// they are drawn as soon as the diagram is, with no fallback shown first and nothing moving under
// the reader's pointer. Should they come later, a placeholder keeps their place until then.
type Panels = typeof import("../ui/TracePanels.tsx");
let loadedPanels: Panels | null = null;
const panelsLoading: Promise<Panels> = import("../ui/TracePanels.tsx").then((m) => (loadedPanels = m));
panelsLoading.catch(() => {}); // a failed load leaves the placeholders; the diagram still works

export function usePanels(): Panels | null {
  const [panels, setPanels] = useState(loadedPanels);
  useEffect(() => {
    if (!panels) void panelsLoading.then(setPanels, () => {});
  }, [panels]);
  return panels;
}
export const DiagramTools = lazy(() =>
  import("./DiagramTools.tsx").then((m) => ({ default: m.DiagramTools })),
);

/** Below this the diagram scrolls sideways rather than squeezing its labels. */
export const MIN_DIAGRAM_WIDTH = 520;
