/**
 * The Present and Predict controls, the P key that presents, the modes written into the address
 * bar, and the hint that names a focused form field. Loaded beside the first diagram (started
 * when the workspace's module loads), not before it: the first diagram does not wait for it.
 */
import { useEffect, useState } from "react";
import { withModes } from "../../share/modes.ts";
import type { Mode } from "../../share/url.ts";

/** A form control, where arrow keys change the field rather than playback. */
const FORM_FIELD = "input, select, textarea, [contenteditable]";

export interface ModeBarProps {
  modes: Record<Mode, boolean>;
  onModes(update: (modes: Record<Mode, boolean>) => Record<Mode, boolean>): void;
}

/** Whether focus is in a form control: the page says so, as the arrow keys then change the field. */
function useFormFocus(): boolean {
  const [inForm, setInForm] = useState(false);
  useEffect(() => {
    const onFocus = () => setInForm(document.activeElement?.matches(FORM_FIELD) ?? false);
    document.addEventListener("focusin", onFocus);
    document.addEventListener("focusout", onFocus);
    return () => {
      document.removeEventListener("focusin", onFocus);
      document.removeEventListener("focusout", onFocus);
    };
  }, []);
  return inForm;
}

/** Whether a key event is P to present, typed outside any form control. */
function isPresentKey(e: KeyboardEvent): boolean {
  if (e.altKey || e.ctrlKey || e.metaKey || (e.key !== "p" && e.key !== "P")) return false;
  return !(e.target instanceof Element && e.target.matches(FORM_FIELD));
}

export function ModeBar({ modes, onModes }: ModeBarProps) {
  const { present, predict } = modes;
  const inForm = useFormFocus();
  // Replaced, not pushed: switching a mode is not a change of scenario for Back to undo.
  useEffect(() => {
    const search = withModes(window.location.search, modes);
    if (search === window.location.search) return;
    const { pathname, hash } = window.location;
    window.history.replaceState(window.history.state, "", `${pathname}${search}${hash}`);
  }, [modes]);
  useEffect(() => {
    if (present) return;
    const onKey = (e: KeyboardEvent) => {
      if (isPresentKey(e)) onModes((m) => ({ ...m, present: true }));
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [present, onModes]);
  const toggle = (mode: Mode) => onModes((m) => ({ ...m, [mode]: !m[mode] }));

  return (
    <>
      <button
        type="button"
        aria-pressed={present}
        onClick={() => toggle("present")}
        title="Present: the diagram fills the screen (P)"
        data-testid="mode.present"
      >
        Present
      </button>
      <button
        type="button"
        aria-pressed={predict}
        onClick={() => toggle("predict")}
        title="Predict: the room answers before the outcome is shown"
        data-testid="mode.predict"
      >
        Predict
      </button>
      {inForm && !present && (
        <span className="keys-hint" data-testid="keys.hint">
          Keys: form field (arrows change it; Page Up / Page Down still step playback)
        </span>
      )}
    </>
  );
}
