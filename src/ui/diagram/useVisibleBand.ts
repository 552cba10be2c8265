/**
 * Which band of an element is on screen, give or take a margin: the window `visiblePart` draws of
 * a diagram, and the rows the event table renders. In the element's own units: the drawing's
 * (viewBox) pixels when `height` is given, else CSS pixels from the element's top. Follows scrolling (of the page or of any scrolling ancestor) and resizing, one update per
 * animation frame at most, and only when the band has moved by a good part of a screen, so that
 * scrolling does not re-render the diagram on every event. Null until measured, or where nothing
 * can be measured (no layout, as in jsdom): then the caller draws everything.
 */
import { useEffect, useRef, useState, type RefObject } from "react";
import type { Band } from "../../diagram/visible.ts";

/** Drawn beyond each edge of the screen, in screen heights: scrolling shows no blank before a frame. */
const MARGIN_SCREENS = 1;
/** The band moves in steps of this share of a screen height. */
const STEP_SCREENS = 0.25;

function measure(element: Element, height: number | undefined): Band | null {
  const rect = element.getBoundingClientRect();
  const screen = window.innerHeight;
  if (rect.height <= 0 || screen <= 0) return null;
  const scale = height === undefined ? 1 : height / rect.height;
  const step = Math.max(1, screen * STEP_SCREENS * scale);
  const margin = screen * MARGIN_SCREENS * scale;
  // The screen in drawing pixels, snapped outwards to the step.
  const top = Math.floor(((0 - rect.top) * scale - margin) / step) * step;
  const bottom = Math.ceil(((screen - rect.top) * scale + margin) / step) * step;
  return { top, bottom };
}

/** `enabled` false: nothing is measured or listened to (a short drawing is drawn whole anyway). */
export function useVisibleBand(
  ref: RefObject<Element | null>,
  enabled: boolean,
  height?: number,
): Band | null {
  const [band, setBand] = useState<Band | null>(null);
  // Read when measuring, not a reason to listen again: a click that makes the drawing taller would
  // otherwise measure at once, a forced layout in the click's task. The element's new size is
  // observed, and measured in the next frame.
  const heightNow = useRef(height);
  useEffect(() => {
    heightNow.current = height;
  }, [height]);
  const inDrawingUnits = height !== undefined;
  useEffect(() => {
    const element = ref.current;
    if (!element || !enabled) return;
    let frame = 0;
    const update = () => {
      frame = 0;
      const next = measure(element, inDrawingUnits ? heightNow.current : undefined);
      setBand((prev) =>
        prev === next || (prev && next && prev.top === next.top && prev.bottom === next.bottom) ? prev : next,
      );
    };
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(update);
    };
    update();
    // Capture: a scroll of any ancestor, not only of the page.
    window.addEventListener("scroll", schedule, { capture: true, passive: true });
    window.addEventListener("resize", schedule);
    const observer = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(schedule);
    observer?.observe(element);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener("scroll", schedule, { capture: true });
      window.removeEventListener("resize", schedule);
      observer?.disconnect();
    };
  }, [ref, enabled, inDrawingUnits]);
  return band;
}
