/**
 * The entrance of a label, mark or delivery badge: played once, by the Web Animations API, when
 * the element is first drawn. Not a CSS animation: React moves an arrow's element when a toggle
 * reorders the trace, and a moved element starts its CSS animation again (a re-inserted element
 * gets a new style), so a click made dozens of labels fade in a second time, each animation a
 * composited layer to set up in the click's frame. An animation started from script stays with
 * its element wherever it moves, and ends.
 */
import { useLayoutEffect, useRef, type RefObject } from "react";
import { ENTRANCES, type Entrance } from "../../diagram/entrances.ts";

let reduceMotion: MediaQueryList | null | undefined;

/** Whether the reader asks for reduced motion now (the setting can change while the page is open). */
function motionReduced(): boolean {
  if (reduceMotion === undefined)
    reduceMotion = typeof matchMedia === "function" ? matchMedia("(prefers-reduced-motion: reduce)") : null;
  return reduceMotion?.matches ?? false;
}

/**
 * A ref for the element that enters. It animates when it mounts; a later render (a shift, a new
 * index, a move) is not an entrance. `animated` false (a still picture) draws it as it ends, and
 * where elements cannot animate (jsdom has no `animate`) it simply appears.
 */
export function useEntrance<E extends Element>(entrance: Entrance, animated: boolean): RefObject<E | null> {
  const ref = useRef<E>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!animated || !element || typeof element.animate !== "function" || motionReduced()) return;
    const { keyframes, options } = ENTRANCES[entrance];
    element.animate(keyframes, options);
  }, [entrance, animated]);
  return ref;
}
