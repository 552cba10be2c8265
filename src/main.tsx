import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App.tsx";
import "./app/App.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

// The diagram animates by CSS (src/diagram/diagramStyles.ts), which honours prefers-reduced-motion.
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
