import { lazy, StrictMode, Suspense } from "react";
import { createRoot } from "react-dom/client";
import { EmbedApp } from "./EmbedApp.tsx";
import { readEmbedParams } from "../share/embedParams.ts";
import { prepareLink } from "../share/url.ts";
import "virtual:diagram.css";
import "../ui/lab.css";
import "./embed.css";

// One lesson (`lesson=<id>`) loads the lesson runner; a scenario embed never carries it.
const EmbedLesson = lazy(() => import("./EmbedLesson.tsx"));

const root = document.getElementById("root");
if (!root) throw new Error("embed.html has no #root element");

// A link with a bad parameter first loads what leaves it out (share/url.ts); a good one waits for nothing.
void prepareLink(window.location.search).finally(() => {
  const params = readEmbedParams(window.location.search);
  // "auto" follows prefers-color-scheme; light and dark override it (src/embed/embed.css).
  document.documentElement.dataset.theme = params.theme;
  createRoot(root).render(
    <StrictMode>
      {new URLSearchParams(window.location.search).has("lesson") ? (
        <Suspense fallback={<p role="status">Loading the lesson…</p>}>
          <EmbedLesson params={params} search={window.location.search} />
        </Suspense>
      ) : (
        <EmbedApp params={params} />
      )}
    </StrictMode>,
  );
});
