/**
 * The examples as one compact menu in two groups, the plant examples and the real-world cases (each
 * with its story), and the chosen example's story on one line that unfolds. The menu closes when an
 * example is picked, on Escape and on a click elsewhere; whether the story is unfolded is
 * remembered across reloads. The examples load when the pointer or the focus first reaches the menu:
 * the first diagram never needs them (the page opens on presets.opening.ts or a link).
 */
import { memo, useCallback, useEffect, useRef, useState, type RefObject } from "react";
import { useStoredFlag } from "../ui/useStoredFlag.ts";
import { OPENING_PRESET, type Preset } from "./presets.opening.ts";

interface Group {
  id: string;
  title: string;
  presets: readonly Preset[];
}

/** The menu's groups, fetched once for every menu. */
let loading: Promise<readonly Group[]> | null = null;
function loadGroups(): Promise<readonly Group[]> {
  loading ??= Promise.all([import("./presets.plant.ts"), import("./presets.realWorld.ts")]).then(
    ([plant, realWorld]) => [
      { id: "plant", title: "Plant examples: one lost packet", presets: plant.PLANT_PRESETS },
      { id: "real-world", title: "Real-world brokers and conditions", presets: realWorld.REAL_WORLD_PRESETS },
    ],
  );
  return loading;
}

/** The groups once loaded (null until then), why they could not be, and what starts loading them. */
function useGroups(): { groups: readonly Group[] | null; error: string | null; load(): void } {
  const [groups, setGroups] = useState<readonly Group[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    loadGroups().then(
      (loaded) => {
        setGroups(loaded);
        setError(null);
      },
      (reason: unknown) => {
        // A failed fetch may succeed on the next attempt (the next time the menu is reached).
        loading = null;
        setError(`The examples could not be loaded: ${String(reason)}`);
      },
    );
  }, []);
  return { groups, error, load };
}

export const PresetMenu = memo(function PresetMenu({
  presetId,
  onPick,
}: {
  presetId: string | null;
  onPick(preset: Preset): void;
}) {
  const { groups, error, load } = useGroups();
  // The opening example is known before the menu has loaded; any other was picked from it.
  const preset = [OPENING_PRESET, ...(groups ?? []).flatMap((g) => g.presets)].find((p) => p.id === presetId);
  const [open, setOpen] = useState(false);
  const [storyOpen, setStoryOpen] = useStoredFlag("mqtt-qos-lab.story-open", () => false);
  const menuRef = useRef<HTMLDetailsElement>(null);
  useCloseOnOutsideClick(menuRef, open, () => setOpen(false));
  return (
    <div className="preset-row">
      <details
        ref={menuRef}
        className="preset-menu"
        open={open}
        onToggle={(e) => {
          setOpen(e.currentTarget.open);
          if (e.currentTarget.open) load();
        }}
        onPointerEnter={load}
        onFocus={load}
        onKeyDown={(e) => {
          if (e.key !== "Escape" || !open) return;
          setOpen(false);
          menuRef.current?.querySelector("summary")?.focus();
        }}
      >
        <summary data-testid="presets.menu">
          <span className="preset-menu-kicker">Example</span>
          <span className="preset-menu-current">{preset?.label ?? "your own set-up"}</span>
        </summary>
        <div className="preset-list">
          {groups === null && (
            <p className="preset-loading" role={error ? "alert" : undefined}>
              {error ?? "Loading the examples…"}
            </p>
          )}
          {groups?.map((group) => (
            <div
              key={group.id}
              className="preset-group"
              role="group"
              aria-labelledby={`preset-group-${group.id}`}
            >
              <p id={`preset-group-${group.id}`} className="preset-group-title">
                {group.title}
              </p>
              {group.presets.map((p) => (
                <button
                  key={p.id}
                  type="button"
                  className="preset-option"
                  aria-pressed={p.id === presetId}
                  data-testid={`preset.${p.id}`}
                  onClick={() => {
                    setOpen(false);
                    onPick(p);
                  }}
                >
                  <span className="preset-option-label">{p.label}</span>
                  <span className="preset-option-story">{p.story}</span>
                </button>
              ))}
            </div>
          ))}
        </div>
      </details>
      {preset && (
        <details className="story" open={storyOpen} onToggle={(e) => setStoryOpen(e.currentTarget.open)}>
          <summary>
            <span className="story-text" data-testid="story">
              {preset.story}
            </span>
          </summary>
        </details>
      )}
    </div>
  );
});

/** Closes an open menu when the pointer goes down anywhere outside it. */
function useCloseOnOutsideClick(ref: RefObject<HTMLElement | null>, open: boolean, close: () => void): void {
  const latest = useRef(close);
  useEffect(() => {
    latest.current = close;
  });
  useEffect(() => {
    if (!open) return;
    const onDown = (event: PointerEvent) => {
      if (event.target instanceof Node && !ref.current?.contains(event.target)) latest.current();
    };
    document.addEventListener("pointerdown", onDown);
    return () => document.removeEventListener("pointerdown", onDown);
  }, [ref, open]);
}
