import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App.tsx";
import { loadEngineCore } from "./ui/useEngine.ts";
import { loadLayoutHead } from "./app/layoutAfter.ts";
import { prepareLink } from "./share/url.ts";
import "virtual:diagram.css";
import "./ui/lab.css";

// The first diagram waits for the simulator chunk (not its packet encoder): fetch it while React
// renders the page, not after. useScenario loads it again (the same module, no second request)
// and reports a failure itself.
const engine = loadEngineCore().catch(() => {});
// A link's long trace draws its top first, laid out alone (app/layoutAfter.ts): fetched with it.
const head = window.location.search ? loadLayoutHead().catch(() => {}) : undefined;
// A link with a bad parameter first loads what leaves it out (share/url.ts); a good one waits for nothing.
const link = prepareLink(window.location.search);

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

/**
 * A link's page waits for its link reader anyway: it waits for the engine too (both come at once),
 * so that its first render draws the diagram instead of a page without one first; at most this
 * long, so a slow network still shows the page.
 */
const ENGINE_WAIT_MS = 1500;

const atMost = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

// The diagram animates by CSS (src/diagram/diagramStyles.ts), which honours prefers-reduced-motion.
void link
  .then((named) => (named ? Promise.race([Promise.all([engine, head]), atMost(ENGINE_WAIT_MS)]) : undefined))
  .finally(() =>
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
