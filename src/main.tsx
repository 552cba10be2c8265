import { domAnimation, LazyMotion, MotionConfig } from "framer-motion";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App.tsx";
import "./app/App.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

// LazyMotion + `m` keeps framer-motion's share of the first-paint bundle small;
// reducedMotion "user" honours prefers-reduced-motion.
createRoot(root).render(
  <StrictMode>
    <LazyMotion features={domAnimation} strict>
      <MotionConfig reducedMotion="user">
        <App />
      </MotionConfig>
    </LazyMotion>
  </StrictMode>,
);
