import {
  lazy,
  Suspense,
  type CSSProperties,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import type { LayoutOptions } from "../diagram/layout.ts";
import { LaneHeaders, laneStripPx } from "../ui/diagram/LaneHeaders.tsx";
import { SequenceDiagram } from "../ui/diagram/SequenceDiagram.tsx";
import { stepsOf } from "../sim/steps.ts";
import { PacketInspector } from "../ui/inspect/PacketInspector.tsx";
import { toggleDrop } from "../sim/interventions.ts";
import { hasBytes } from "../sim/bytesPending.ts";
import type { PacketEvent, Scenario, Trace } from "../sim/types.ts";
import { ErrorBoundary } from "../ui/ErrorBoundary.tsx";
import { PlaybackBar } from "../ui/PlaybackBar.tsx";
import { timelineOf } from "../ui/playbackModel.ts";
import { usePlayback } from "../ui/usePlayback.ts";
import { useWidth } from "../ui/useWidth.ts";
import { DiagramTools, MIN_DIAGRAM_WIDTH, usePanels } from "./panels.ts";
import type { WhyShown } from "../ui/TracePanels.tsx";
import { useFollowPlayhead } from "./useFollowPlayhead.ts";
import { modesIn } from "../share/url.ts";
import { useStoredFlag } from "../ui/useStoredFlag.ts";
import type { OutcomeStatus } from "./present/PredictMode.tsx";
import { layoutAhead, scenarioAhead, slicesWhenIdle, stepsAhead, workAheadSlice } from "./toggleAhead.ts";
import { loadEngine } from "../ui/useEngine.ts";
import { runsInWorker } from "../export/bigInput.ts";
import { layoutAfterDrawn, layoutFromPrevious, rememberDrawn } from "./layoutAfter.ts";
import { useWholeLayout } from "./useWholeLayout.ts";
import "./workspace.css";

// Loaded when first used: the first diagram's JavaScript does not carry them.
const PresentMode = lazy(() =>
  Promise.all([import("../ui/present/PresentMode.tsx"), import("./present/modes.css")]).then(([m]) => m),
);
const PredictMode = lazy(() => import("./present/PredictMode.tsx"));
// The Present and Predict controls: fetched as this module loads, drawn when in (the first
// diagram does not wait for them); their row keeps its height meanwhile.
const modeBarLoading = import("./present/ModeBar.tsx").then((m) => ({ default: m.ModeBar }));
modeBarLoading.catch(() => {}); // a failed load is the boundary's to say, when it renders
const ModeBar = lazy(() => modeBarLoading);
// The lesson builder: loaded when "Record lesson" is first pressed.
const LessonBuilder = lazy(() => import("./lessons/builder/LessonBuilder.tsx"));

/** Presentation scales text with the screen: 1 at this width, packet labels 24 px at 1920 px and up. */
const PRESENT_SCALE_WIDTH = 1040;

/** The layout's options: presentation's text grows with the screen (LayoutOptions.fontScale). */
function layoutOptions(width: number, presenting: boolean): LayoutOptions {
  const fontScale = presenting ? Math.max(1, width / PRESENT_SCALE_WIDTH) : 1;
  return { width: Math.max(MIN_DIAGRAM_WIDTH, width), fontScale };
}

interface WorkspaceProps {
  trace: Trace;
  /** A new valid scenario (a packet dropped or restored, an imported file). */
  onScenario(scenario: Scenario): void;
  /** A large imported file's text, for the worker. */
  onImportText(text: string, name: string): void;
  initialTime: number | undefined;
}

/** The stage's width before it is measured (a page not laid out, as in tests). */
const UNMEASURED_WIDTH = 960;

/**
 * The diagram with its playback, verdict, narration, state panel and inspector. Its first render is
 * an empty stage, measured before the browser paints: the first layout (about 0.1 s at 1,000
 * messages) is made at the stage's width instead of a guess, and not made again once it is known.
 */
export function Workspace(props: WorkspaceProps) {
  const shellRef = useRef<HTMLDivElement>(null);
  const [measured, setMeasured] = useState<number | null>(null);
  useLayoutEffect(() => {
    if (measured !== null || !shellRef.current) return;
    const width = Math.round(shellRef.current.getBoundingClientRect().width);
    setMeasured(width > 0 ? width : UNMEASURED_WIDTH);
  }, [measured]);
  if (measured === null)
    return (
      <div className="workspace">
        <div className="stage" ref={shellRef} />
        <aside className="side" />
      </div>
    );
  return <WorkspaceView {...props} initialWidth={measured} />;
}

function WorkspaceView({
  trace,
  onScenario,
  onImportText,
  initialTime,
  initialWidth,
}: WorkspaceProps & { initialWidth: number }) {
  const stageRef = useRef<HTMLDivElement>(null);
  const workspaceRef = useRef<HTMLDivElement>(null);
  // The modes as the link opened them (share/url.ts names a bad value); written back below.
  const [modes, setModes] = useState(() => modesIn(window.location.search));
  const { present, predict } = modes;
  const width = Math.max(MIN_DIAGRAM_WIDTH, useWidth(stageRef, initialWidth));
  // A click worked out ahead (toggleAhead.ts) brings its layout with its trace.
  const layoutKey = `${width}|${present}`;
  // Otherwise a click's new trace takes over the drawn layout up to the packet it toggled.
  // A long trace's first diagram: its top, laid out alone, then the whole in the next task.
  const laid = useMemo(
    () => layoutAhead(trace, layoutKey) ?? layoutAfterDrawn(trace, layoutOptions(width, present)),
    [trace, width, present, layoutKey],
  );
  const diagram = useWholeLayout(laid, trace, layoutOptions(width, present));
  useEffect(
    () => rememberDrawn(trace, diagram, layoutOptions(width, present)),
    [trace, diagram, width, present],
  );
  const steps = useMemo(() => stepsAhead(trace) ?? stepsOf(trace), [trace]);
  const track = useMemo(() => timelineOf(diagram, steps), [diagram, steps]);
  const playback = usePlayback(track, {
    // Predict starts at the beginning: the answer never comes before the question.
    start: predict ? { t: 0 } : initialTime === undefined ? undefined : { t: initialTime },
    keys: "window",
  });
  const scrollRef = useRef<HTMLDivElement>(null);
  useFollowPlayhead(scrollRef, playback.playing ? diagram.playheadY(playback.time) / diagram.height : null);
  const [selected, setSelected] = useState<number | null>(null);
  // The verdict whose causes the diagram shows; one chosen on another trace is forgotten.
  const [chosenWhy, setWhy] = useState<WhyShown | null>(null);
  const why = chosenWhy?.trace === trace ? chosenWhy : null;

  const { stepIndex } = playback;
  const current = stepIndex >= 0 ? steps[stepIndex] : undefined;
  const selectedEvent = selected !== null ? trace.events[selected] : undefined;
  const currentEvent = current ? trace.events[current.index] : undefined;
  // The first trace's bytes come in just after its diagram (useScenario.ts): what shows them waits.
  const bytesIn = hasBytes(trace);
  const inspected: PacketEvent | null = !bytesIn
    ? null
    : selectedEvent?.type === "packet"
      ? selectedEvent
      : currentEvent?.type === "packet"
        ? currentEvent
        : null;

  // A packet dropped in predict mode replays from just before it: its time, by the new scenario.
  const [dropped, setDropped] = useState<{ t: number; scenario: Scenario } | null>(null);
  const onToggle = useCallback(
    (index: number) => {
      const event = trace.events[index];
      if (event?.type !== "packet") return;
      const next = scenarioAhead(trace, index) ?? toggleDrop(trace.scenario, event);
      setDropped({ t: event.t, scenario: next });
      onScenario(next);
    },
    [trace, onScenario],
  );
  // The click on the selected arrow, worked out while the page is idle; the click takes what is done.
  useEffect(() => {
    if (selected === null || runsInWorker(trace.scenario)) return;
    let live = true;
    let cancel = () => {};
    loadEngine().then(
      (engine) => {
        if (!live) return;
        // A slice at a time (toggleAhead.ts): a click waits at most for the one under way.
        cancel = slicesWhenIdle(() =>
          workAheadSlice(
            trace,
            selected,
            // As the page runs every scenario (useScenario.ts): with the states, for the state panel.
            (scenario) => engine(scenario, { states: true }),
            (next) => layoutFromPrevious(diagram, trace, next, layoutOptions(width, present)),
            layoutKey,
          ),
        );
      },
      () => {},
    );
    return () => {
      live = false;
      cancel();
    };
  }, [trace, diagram, selected, width, present, layoutKey]);
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
  const onExit = useCallback(() => setModes((m) => ({ ...m, present: false })), []);
  // Copy link reads the position when pressed: the share buttons need not follow playback.
  const timeRef = useRef(playback.time);
  useEffect(() => {
    timeRef.current = playback.time;
  });
  const timeNow = useCallback(() => timeRef.current, []);
  const faults = trace.scenario.faults.length;
  const panels = usePanels();
  // Open across reloads while a lesson is being recorded (its draft is kept by the builder).
  const [recording, setRecording] = useStoredFlag("mqtt-qos-lab.lesson-builder-open", () => false);

  return (
    <div
      ref={workspaceRef}
      className={`workspace${present ? " presenting" : ""}${outcome === "hidden" ? " outcome-hidden" : ""}`}
      data-testid="workspace"
    >
      <div
        className="stage"
        ref={stageRef}
        style={{ "--lane-strip-px": `${laneStripPx(diagram.scale)}px` } as CSSProperties}
      >
        <ErrorBoundary what="Presentation mode" resetKey={trace}>
          <Suspense fallback={null}>
            {present && (
              <PresentMode
                target={workspaceRef}
                scroller={scrollRef}
                playback={playback}
                playhead={diagram.playheadY(playback.time) / diagram.height}
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
            <panels.TraceVerdict trace={trace} why={why} onWhy={setWhy} />
          ) : (
            <div className="verdict-panel" aria-busy="true" />
          )}
        </ErrorBoundary>
        <div className="modes" role="group" aria-label="Modes">
          <ErrorBoundary what="The Present and Predict controls" resetKey={trace}>
            <Suspense fallback={null}>
              <ModeBar modes={modes} onModes={setModes} />
            </Suspense>
          </ErrorBoundary>
          <button
            type="button"
            aria-pressed={recording}
            onClick={() => setRecording(!recording)}
            className="record-lesson"
            data-testid="record-lesson"
          >
            Record lesson
          </button>
        </div>
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
        {/* Stays in view while the diagram scrolls under it (lab.css). */}
        <div className="stage-head" data-testid="stage-head">
          <PlaybackBar playback={playback} />
          <p className="narration" aria-live="polite" data-testid="narration">
            {current
              ? panels && <panels.TraceNarration trace={trace} steps={steps} time={playback.time} />
              : "Press Play, or step through with → and ←. Click any packet to drop it."}
          </p>
          <LaneHeaders
            lanes={diagram.lanes}
            width={diagram.width}
            scale={diagram.scale}
            scrollRef={scrollRef}
          />
        </div>
        <div className="diagram-scroll" ref={scrollRef}>
          <SequenceDiagram
            headers={false}
            layout={diagram}
            time={playback.time}
            selected={selected}
            onToggle={onToggle}
            onSelect={setSelected}
            highlight={why?.indexes}
            title="Sequence diagram: time flows down; each arrow is a packet"
          />
        </div>
        <div className="diagram-tools after">
          {bytesIn && (
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
          )}
        </div>
      </div>
      <aside className="side">
        {recording && (
          <ErrorBoundary what="The lesson builder">
            <Suspense fallback={<p role="status">Loading the lesson builder…</p>}>
              <LessonBuilder trace={trace} onScenario={onScenario} onClose={() => setRecording(false)} />
            </Suspense>
          </ErrorBoundary>
        )}
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
