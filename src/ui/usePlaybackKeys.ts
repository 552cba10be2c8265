/**
 * Keyboard and presenter-clicker control of playback: Space plays or pauses, → / Page Down steps
 * forward, ← / Page Up steps back, Home restarts, End jumps to the end. Keys typed into a form
 * control, and Space or Enter on a button, keep their usual meaning.
 */
import { useEffect } from "react";
import type { Playback } from "../ui/usePlayback.ts";

function isFormControl(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return target.matches("input, select, textarea, [contenteditable=''], [contenteditable='true']");
}

function isButton(target: EventTarget | null): boolean {
  return target instanceof Element && target.matches("button, [role='button'], a[href], summary");
}

export function useShortcuts(playback: Playback): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || isFormControl(e.target)) return;
      const actions: Record<string, (() => void) | undefined> = {
        " ": isButton(e.target) ? undefined : playback.toggle,
        ArrowRight: playback.next,
        PageDown: playback.next,
        ArrowLeft: playback.previous,
        PageUp: playback.previous,
        Home: playback.restart,
        End: playback.toEnd,
      };
      const action = actions[e.key];
      if (!action) return;
      e.preventDefault();
      action();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [playback]);
}
