/**
 * Presentation mode (loaded when first used): the workspace, or compare mode, fills the screen (the Fullscreen API
 * where the browser allows it, else the window), and every key a presenter's clicker sends drives
 * playback wherever the focus is. Keys: Page Down / → / ↓ next step, Page Up / ← / ↑ back, Space
 * play or pause, Home restart, End the end, `.` shows or hides the verdict, `B` blanks the screen
 * (any key brings it back, as in slide software), Esc leaves.
 */
import { useEffect, useRef, useState, type RefObject } from "react";
import type { Playback } from "../usePlayback.ts";
import { playbackKeyAction } from "../usePlaybackKeys.ts";
import "./present.css";

export interface PresentModeProps {
  /** The element that fills the screen. */
  target: RefObject<HTMLElement | null>;
  /** The diagram's scroll box, kept on the playhead at every step. */
  scroller: RefObject<HTMLElement | null>;
  playback: Playback;
  /** The playhead's position down the diagram, 0..1. */
  playhead: number;
  /** Whether the verdict is shown; null while predict-then-reveal decides it. */
  revealed: boolean | null;
  onReveal(): void;
  onExit(): void;
  /**
   * Keys the page walks with itself (a lesson's beats and steps): the action for a key, or
   * undefined to leave it to playback. Read before playback's keys, wherever the focus is.
   */
  onKey?: ((key: string) => (() => void) | undefined) | undefined;
  /** The keys line, when the page's keys differ from playback's (a lesson walks its steps). */
  keysText?: string | undefined;
}

/** Keys that stand for a playback key in the room: a clicker's up and down. */
const ALIASES: Record<string, string> = { ArrowDown: "PageDown", ArrowUp: "PageUp" };

/** What the stage fills, as the bar's data-screen says: pending until the browser answers. */
type Screen = "pending" | "fullscreen" | "window";

function canFullscreen(): boolean {
  return typeof document.documentElement.requestFullscreen === "function" && document.fullscreenEnabled;
}

export default function PresentMode(props: PresentModeProps) {
  const { target, scroller, playback, playhead, revealed, onReveal, onExit, onKey, keysText } = props;
  const [screen, setScreen] = useState<Screen>(() => (canFullscreen() ? "pending" : "window"));
  const [blank, setBlank] = useState(false);
  const latest = useRef({ playback, revealed, onReveal, onExit, blank, onKey });
  useEffect(() => {
    latest.current = { playback, revealed, onReveal, onExit, blank, onKey };
  });

  // Full screen where allowed; a link opened with present=1 has no click behind it, so the browser
  // refuses, and the workspace fills the window instead (the notice says how to get full screen).
  // Only a refusal shows the notice: a request still under way (a slow browser) shows none.
  useEffect(() => {
    const element = target.current;
    if (!element) return;
    let entered = false;
    let left = false;
    const onChange = () => {
      if (document.fullscreenElement === element) entered = true;
      // Leaving full screen the browser's way (its own Esc) leaves presentation too.
      else if (entered) latest.current.onExit();
    };
    document.addEventListener("fullscreenchange", onChange);
    if (canFullscreen()) {
      element.requestFullscreen().then(
        () => {
          // Granted after presentation was left: the page must not stay in full screen.
          if (left) void document.exitFullscreen().catch(() => {});
          else setScreen("fullscreen");
        },
        () => {
          if (!left) setScreen("window");
        },
      );
    }
    return () => {
      left = true;
      document.removeEventListener("fullscreenchange", onChange);
      if (document.fullscreenElement === element) void document.exitFullscreen().catch(() => {});
    };
  }, [target]);

  // Captured before anything else: a focused select or scrubber never takes a clicker's key.
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const now = latest.current;
      const key = ALIASES[e.key] ?? e.key;
      const onButton = e.target instanceof Element && e.target.matches("button");
      let action: (() => void) | undefined;
      if (key === "Escape") action = now.blank ? () => setBlank(false) : now.onExit;
      else if (key === "b" || key === "B") action = () => setBlank((b) => !b);
      else if (now.blank) action = playbackKeyAction(now.playback, key) && (() => setBlank(false));
      // Space on a focused button presses it (a learner's answer), as below.
      else if (now.onKey && !(key === " " && onButton) && now.onKey(key)) action = now.onKey(key);
      else if (key === ".") action = now.revealed === null ? undefined : now.onReveal;
      // Space on a focused button presses it (a learner's answer); elsewhere it plays or pauses.
      else if (!(key === " " && onButton)) action = playbackKeyAction(now.playback, key);
      if (!action) return;
      e.preventDefault();
      e.stopPropagation();
      action();
    };
    window.addEventListener("keydown", onKeyDown, { capture: true });
    return () => window.removeEventListener("keydown", onKeyDown, { capture: true });
  }, []);

  // The room follows the playhead at every step, not only while playing.
  useEffect(() => {
    const box = scroller.current;
    if (!box) return;
    const y = playhead * box.scrollHeight;
    if (y < box.scrollTop + box.clientHeight * 0.15 || y > box.scrollTop + box.clientHeight * 0.75) {
      box.scrollTo({ top: Math.max(0, y - box.clientHeight / 3) });
    }
  }, [scroller, playhead]);

  return (
    <div className="present-bar" data-testid="present.bar" data-screen={screen}>
      <p className="present-keys">
        {keysText ?? (
          <>
            Presenting. Keys: Page Down or → next step, Page Up or ← back, Space play/pause
            {revealed !== null && ", . shows or hides the verdict"}, B blanks the screen, Esc leaves.
          </>
        )}
        {screen === "window" && (
          <span className="present-fallback" data-testid="present.fallback">
            {" "}
            Full screen is not available here, so the diagram fills the window (F11 fills the screen).
          </span>
        )}
      </p>
      {revealed !== null && (
        <button type="button" aria-pressed={revealed} onClick={onReveal} data-testid="present.reveal">
          {revealed ? "Hide verdict" : "Reveal verdict"}
        </button>
      )}
      <button type="button" onClick={onExit} data-testid="present.exit">
        Leave presentation
      </button>
      {blank && (
        <div
          className="present-blank"
          role="button"
          tabIndex={0}
          aria-label="Blank screen: press any key or click to show the diagram"
          onClick={() => setBlank(false)}
          onKeyDown={() => setBlank(false)}
          data-testid="present.blank"
        />
      )}
    </div>
  );
}
