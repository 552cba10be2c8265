import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { layout as layoutOf } from "../diagram/layout.ts";
import { SequenceDiagram } from "../ui/diagram/SequenceDiagram.tsx";
import { stepsOf } from "../sim/steps.ts";
import { PacketInspector } from "../ui/inspect/PacketInspector.tsx";
import { toggleDrop } from "../sim/interventions.ts";
import type { PacketEvent, Scenario, Trace } from "../sim/types.ts";
import { ErrorBoundary } from "../ui/ErrorBoundary.tsx";
import { PlaybackBar } from "../ui/PlaybackBar.tsx";
import { timelineOf } from "../ui/playbackModel.ts";
import { usePlayback } from "../ui/usePlayback.ts";
import { useWidth } from "../ui/useWidth.ts";
import { DiagramTools, MIN_DIAGRAM_WIDTH, usePanels } from "./panels.ts";
import { useFollowPlayhead } from "./useFollowPlayhead.ts";
import { modesIn, withModes } from "../share/url.ts";
import type { OutcomeStatus } from "./present/PredictMode.tsx";
import "./workspace.css";

// Loaded when first used: the first diagram's JavaScript does not carry them.
const PresentMode = lazy(() => import("./present/PresentMode.tsx"));
const PredictMode = lazy(() => import("./present/PredictMode.tsx"));

/** Presentation lays the diagram out this wide and lets its viewBox fill the screen. */
const PRESENT_LAYOUT_WIDTH = 1040;

/**
 * The one call of the layout. Presentation scales text with the screen (packet labels 24 px and
 * more on a 1920 px projector): by laying out narrower, then drawing the SVG to the full width.
 * When the layout takes LayoutOptions.fontScale, this passes it instead.
 */
function layoutFor(trace: Trace, width: number, presenting: boolean) {
  const scale = presenting ? Math.max(1, width / PRESENT_LAYOUT_WIDTH) : 1;
  return layoutOf(trace, { width: Math.max(MIN_DIAGRAM_WIDTH, width / scale) });
}

/** A form control, where arrow keys change the field rather than playback. */
const FORM_FIELD = "input, select, textarea, [contenteditable]";

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

interface WorkspaceProps {
  trace: Trace;
  /** A new valid scenario (a packet dropped or restored, an imported file). */
  onScenario(scenario: Scenario): void;
  /** A large imported file's text, for the worker. */
  onImportText(text: string, name: string): void;
  initialTime: number | undefined;
}

/** The diagram with its playback, verdict, narration, state panel and inspector. */
export function Workspace({ trace, onScenario, onImportText, initialTime }: WorkspaceProps) {
  const stageRef = useRef<HTMLDivElement>(null);
  const workspaceRef = useRef<HTMLDivElement>(null);
  // The modes as the link opened them (share/url.ts names a bad value); written back below.
  const [modes, setModes] = useState(() => modesIn(window.location.search));
  const { present, predict } = modes;
  const width = Math.max(MIN_DIAGRAM_WIDTH, useWidth(stageRef, 960));
  const diagram = useMemo(() => layoutFor(trace, width, present), [trace, width, present]);
  const steps = useMemo(() => stepsOf(trace), [trace]);
  const track = useMemo(() => timelineOf(diagram, steps), [diagram, steps]);
  const playback = usePlayback(track, {
    // Predict starts at the beginning: the answer never comes before the question.
    start: predict ? { t: 0 } : initialTime === undefined ? undefined : { t: initialTime },
    keys: "window",
  });
  const scrollRef = useRef<HTMLDivElement>(null);
  useFollowPlayhead(scrollRef, playback.playing ? diagram.yOf(playback.time) / diagram.height : null);
  const [selected, setSelected] = useState<number | null>(null);

  const { stepIndex } = playback;
  const current = stepIndex >= 0 ? steps[stepIndex] : undefined;
  const selectedEvent = selected !== null ? trace.events[selected] : undefined;
  const currentEvent = current ? trace.events[current.index] : undefined;
  const inspected: PacketEvent | null =
    selectedEvent?.type === "packet" ? selectedEvent : currentEvent?.type === "packet" ? currentEvent : null;

  // A packet dropped in predict mode replays from just before it: its time, by the new scenario.
  const [dropped, setDropped] = useState<{ t: number; scenario: Scenario } | null>(null);
  const onToggle = useCallback(
    (index: number) => {
      const event = trace.events[index];
      if (event?.type !== "packet") return;
      const next = toggleDrop(trace.scenario, event);
      setDropped({ t: event.t, scenario: next });
      onScenario(next);
    },
    [trace, onScenario],
  );
  // The verdict in presentation: hidden until the trainer reveals it, again for each new trace.
  const [revealedFor, setRevealedFor] = useState<Trace | null>(null);
  const onReveal = useCallback(() => setRevealedFor((r) => (r === trace ? null : trace)), [trace]);
  const [predicted, setPredicted] = useState<{ trace: Trace; status: OutcomeStatus } | null>(null);
  const onPredictStatus = useCallback(
    (of: Trace, status: OutcomeStatus) => setPredicted({ trace: of, status }),
    [],
  );
  const outcome: OutcomeStatus = predict
    ? predicted?.trace === trace
      ? predicted.status
      : "hidden"
    : present && revealedFor !== trace
      ? "hidden"
      : "shown";
  const setMode = (mode: keyof typeof modes) => setModes((m) => ({ ...m, [mode]: !m[mode] }));
  const onExit = useCallback(() => setModes((m) => ({ ...m, present: false })), []);
  useEffect(() => {
    const search = withModes(window.location.search, modes);
    if (search !== window.location.search) {
      window.history.replaceState(
        window.history.state,
        "",
        `${window.location.pathname}${search}${window.location.hash}`,
      );
    }
  }, [modes]);
  useEffect(() => {
    if (present) return;
    const onKey = (e: KeyboardEvent) => {
      if (isPresentKey(e)) setModes((m) => ({ ...m, present: true }));
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [present]);
  // Copy link reads the position when pressed: the share buttons need not follow playback.
  const timeRef = useRef(playback.time);
  useEffect(() => {
    timeRef.current = playback.time;
  });
  const timeNow = useCallback(() => timeRef.current, []);
  const faults = trace.scenario.faults.length;
  const panels = usePanels();
  const inForm = useFormFocus();

  return (
    <div
      ref={workspaceRef}
      className={`workspace${present ? " presenting" : ""}${outcome === "hidden" ? " outcome-hidden" : ""}`}
      data-testid="workspace"
    >
      <div className="stage" ref={stageRef}>
        <ErrorBoundary what="Presentation mode" resetKey={trace}>
          <Suspense fallback={null}>
            {present && (
              <PresentMode
                target={workspaceRef}
                scroller={scrollRef}
                playback={playback}
                playhead={diagram.yOf(playback.time) / diagram.height}
                revealed={predict ? null : outcome === "shown"}
                onReveal={onReveal}
                onExit={onExit}
              />
            )}
            {predict && (
              <PredictMode
                trace={trace}
                steps={steps}
                playback={playback}
                droppedAt={dropped?.scenario === trace.scenario ? dropped.t : null}
                onStatus={onPredictStatus}
              />
            )}
          </Suspense>
        </ErrorBoundary>
        <ErrorBoundary what="The verdict" resetKey={trace}>
          {outcome !== "shown" ? null : panels ? (
            <panels.TraceVerdict trace={trace} />
          ) : (
            <div className="verdict-panel" aria-busy="true" />
          )}
        </ErrorBoundary>
        <div className="modes" role="group" aria-label="Modes">
          <button
            type="button"
            aria-pressed={present}
            onClick={() => setMode("present")}
            title="Present: the diagram fills the screen (P)"
            data-testid="mode.present"
          >
            Present
          </button>
          <button
            type="button"
            aria-pressed={predict}
            onClick={() => setMode("predict")}
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
        </div>
        <PlaybackBar playback={playback} />
        <p className="narration" aria-live="polite" data-testid="narration">
          {current
            ? panels && <panels.TraceNarration trace={trace} steps={steps} time={playback.time} />
            : "Press Play, or step through with → and ←. Click any packet to drop it."}
        </p>
        <div className="diagram-tools">
          <span>
            Click or press Enter on a packet to drop it; again to restore it. P presents.
            {trace.unusedFaults.length > 0 &&
              ` ${trace.unusedFaults.length} planned loss${trace.unusedFaults.length > 1 ? "es" : ""} never happened.`}
          </span>
          {faults > 0 && (
            <button
              type="button"
              data-testid="restore-all"
              onClick={() => onScenario({ ...trace.scenario, faults: [] })}
            >
              Restore all packets
            </button>
          )}
        </div>
        <div className="diagram-scroll" ref={scrollRef}>
          <SequenceDiagram
            layout={diagram}
            time={playback.time}
            selected={selected}
            onToggle={onToggle}
            onSelect={setSelected}
            title="Sequence diagram: time flows down; each arrow is a packet"
          />
        </div>
        <div className="diagram-tools after">
          <ErrorBoundary what="The export and share tools" resetKey={trace}>
            <Suspense fallback={null}>
              <DiagramTools
                trace={trace}
                width={diagram.width}
                time={timeNow}
                onImport={onScenario}
                onImportText={onImportText}
              />
            </Suspense>
          </ErrorBoundary>
        </div>
      </div>
      <aside className="side">
        <ErrorBoundary what="The state panel" resetKey={trace}>
          {panels && <panels.TraceState trace={trace} time={playback.time} />}
        </ErrorBoundary>
        <ErrorBoundary what="The packet inspector" resetKey={inspected}>
          <PacketInspector packet={inspected} protocol={trace.scenario.protocol} />
        </ErrorBoundary>
      </aside>
    </div>
  );
}
