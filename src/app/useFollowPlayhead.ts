/**
 * While playing, keeps the playhead on screen: when it gets near the bottom of the window the page
 * scrolls so that it sits in the upper third again. `fraction` is the playhead's position down the
 * diagram (0..1), or null when not playing.
 */
import { useEffect, type RefObject } from "react";

const MARGIN_PX = 96;

export function useFollowPlayhead(ref: RefObject<HTMLElement | null>, fraction: number | null): void {
  useEffect(() => {
    const element = ref.current;
    if (fraction === null || !element) return;
    const rect = element.getBoundingClientRect();
    const y = rect.top + fraction * rect.height;
    // An instant jump: a smooth scroll restarted on every frame would overshoot.
    if (y > window.innerHeight - MARGIN_PX || y < 0) window.scrollBy(0, y - window.innerHeight / 3);
  }, [ref, fraction]);
}
