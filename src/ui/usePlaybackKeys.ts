/**
 * Keyboard and presenter-clicker control of playback: Space plays or pauses, → / Page Down steps
 * forward, ← / Page Up steps back, Home restarts, End jumps to the end. Keys typed into a form
 * control, and Space or Enter on a button, keep their usual meaning, except Page Up / Page Down in
 * a select or an input (the scrubber included): those are what a presenter's clicker sends, and a
 * clicker must step playback, never change the scenario (QoS 2 turned to QoS 0 in front of the
 * room). A text area and editable text keep them, to page through their text. The app and the
 * embed (its own document) listen on the window; the element only within itself.
 */
import { useEffect, useRef, type RefObject } from "react";
import type { Playback } from "./usePlayback.ts";

/** Where the keys are listened for: the whole window, one element (and what is inside it), or nowhere. */
export type KeyTarget = "window" | RefObject<HTMLElement | null> | null;

function isFormControl(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return target.matches("input, select, textarea, [contenteditable=''], [contenteditable='true']");
}

/** A control where a clicker's Page Up / Page Down still step playback. */
function isPagedControl(target: EventTarget | null): boolean {
  return target instanceof Element && target.matches("input, select");
}

function isButton(target: EventTarget | null): boolean {
  return target instanceof Element && target.matches("button, [role='button'], a[href], summary");
}

/** What a playback key does (the keys this file's comment lists), or undefined for another key. */
export function playbackKeyAction(playback: Playback, key: string): (() => void) | undefined {
  const actions: Record<string, (() => void) | undefined> = {
    " ": playback.toggle,
    ArrowRight: playback.next,
    PageDown: playback.next,
    ArrowLeft: playback.previous,
    PageUp: playback.previous,
    Home: playback.restart,
    End: playback.toEnd,
  };
  return Object.hasOwn(actions, key) ? actions[key] : undefined;
}

export function usePlaybackKeys(playback: Playback, target: KeyTarget): void {
  // The latest playback, without listening again on every frame.
  const latest = useRef(playback);
  useEffect(() => {
    latest.current = playback;
  });
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const playback = latest.current;
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const clicker = e.key === "PageUp" || e.key === "PageDown";
      if (isFormControl(e.target) && !(clicker && isPagedControl(e.target))) return;
      const action = e.key === " " && isButton(e.target) ? undefined : playbackKeyAction(playback, e.key);
      if (!action) return;
      e.preventDefault();
      action();
    };
    const element = target === "window" ? window : target?.current;
    if (!element) return;
    element.addEventListener("keydown", onKeyDown as EventListener);
    return () => element.removeEventListener("keydown", onKeyDown as EventListener);
  }, [target]);
}
