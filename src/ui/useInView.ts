/**
 * Playback that is polite to the page around it (the embed, the custom element): autoplay waits
 * until the drawing is on screen and does not start for a reader who asked for reduced motion;
 * out of view, playing pauses and carries on when the drawing is back.
 */
import { useEffect, useRef, useState, type RefObject } from "react";
import type { Playback } from "./usePlayback.ts";

/** Whether any of `ref`'s element is in the (top-level) viewport; true until first known. */
export function useInView(ref: RefObject<Element | null>): boolean {
  const [inView, setInView] = useState(true);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((entries) => {
      const entry = entries[entries.length - 1];
      if (entry) setInView(entry.isIntersecting);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return inView;
}

/** The reader's "reduce motion" setting, read once: autoplay then shows the finished diagram. */
export function prefersReducedMotion(): boolean {
  return typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches;
}

/** Starts `playback` when `autoplay` and first in view; pauses out of view, resumes when back. */
export function usePlayWhileInView(
  inView: boolean,
  playback: Pick<Playback, "playing" | "play" | "pause">,
  autoplay: boolean,
): void {
  const { playing, play, pause } = playback;
  const resume = useRef(autoplay);
  useEffect(() => {
    if (!inView) {
      if (playing) {
        resume.current = true;
        pause();
      }
    } else if (resume.current) {
      resume.current = false;
      play();
    }
  }, [inView, playing, play, pause]);
}
