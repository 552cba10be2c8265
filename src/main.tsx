import { LazyMotion, MotionConfig } from "framer-motion";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App.tsx";
import "./app/App.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

// LazyMotion + `m` keeps framer-motion's share of the first-paint bundle small, and its animation
// features load after first paint; reducedMotion "user" honours prefers-reduced-motion.
const loadFeatures = () => import("./motionFeatures.ts").then((module) => module.default);

createRoot(root).render(
  <StrictMode>
    <LazyMotion features={loadFeatures} strict>
      <MotionConfig reducedMotion="user">
        <App />
      </MotionConfig>
    </LazyMotion>
  </StrictMode>,
);
