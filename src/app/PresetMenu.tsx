/**
 * The examples as one compact menu in two groups, the plant examples and the real-world cases (each
 * with its story), and the chosen example's story on one line that unfolds. The menu closes when an
 * example is picked, on Escape and on a click elsewhere; whether the story is unfolded is
 * remembered across reloads. The real-world cases load when the pointer or the focus first reaches
 * the menu (the first diagram never needs them: the page opens on a plant example or a link).
 */
import { memo, useCallback, useEffect, useRef, useState, type RefObject } from "react";
import { useStoredFlag } from "../ui/useStoredFlag.ts";
import { PLANT_PRESETS, type Preset } from "./presets.plant.ts";

interface Group {
  id: string;
  title: string;
  /** Null while the group's module is loading. */
  presets: readonly Preset[] | null;
}

/** The real-world cases, fetched once for every menu. */
let realWorld: Promise<readonly Preset[]> | null = null;
function loadRealWorld(): Promise<readonly Preset[]> {
  realWorld ??= import("./presets.realWorld.ts").then((m) => m.REAL_WORLD_PRESETS);
  return realWorld;
}

function useRealWorldPresets(): { presets: readonly Preset[] | null; load(): void } {
  const [presets, setPresets] = useState<readonly Preset[] | null>(null);
  const load = useCallback(() => {
    loadRealWorld().then(setPresets, () => {
      // A failed fetch may succeed on the next opening.
      realWorld = null;
    });
  }, []);
  return { presets, load };
}

export const PresetMenu = memo(function PresetMenu({
  presetId,
  onPick,
}: {
  presetId: string | null;
  onPick(preset: Preset): void;
}) {
  const realWorld = useRealWorldPresets();
  const groups: readonly Group[] = [
    { id: "plant", title: "Plant examples: one lost packet", presets: PLANT_PRESETS },
    { id: "real-world", title: "Real-world brokers and conditions", presets: realWorld.presets },
  ];
  const preset = groups.flatMap((g) => g.presets ?? []).find((p) => p.id === presetId);
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
          if (e.currentTarget.open) realWorld.load();
        }}
        onPointerEnter={realWorld.load}
        onFocus={realWorld.load}
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
          {groups.map((group) => (
            <div
              key={group.id}
              className="preset-group"
              role="group"
              aria-labelledby={`preset-group-${group.id}`}
            >
              <p id={`preset-group-${group.id}`} className="preset-group-title">
                {group.title}
              </p>
              {group.presets === null && <p className="preset-loading">Loading…</p>}
              {group.presets?.map((p) => (
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
