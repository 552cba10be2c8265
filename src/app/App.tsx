import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { drawingTooLarge } from "../diagram/drawLimit.ts";
import { layout as layoutOf } from "../diagram/layout.ts";
import { SequenceDiagram } from "../ui/diagram/SequenceDiagram.tsx";
import { stepsOf } from "../sim/steps.ts";
import { PacketInspector } from "../ui/inspect/PacketInspector.tsx";
import { toggleDrop } from "../sim/interventions.ts";
import { parseScenarioOrThrow } from "../sim/scenario.ts";
import type { PacketEvent, Scenario, Trace } from "../sim/types.ts";
import { ErrorBoundary } from "../ui/ErrorBoundary.tsx";
import { PlaybackBar } from "../ui/PlaybackBar.tsx";
import { ProblemList } from "../ui/ProblemList.tsx";
import { UrlNotice } from "../ui/UrlNotice.tsx";
import { timelineOf } from "../ui/playbackModel.ts";
import { usePlayback } from "../ui/usePlayback.ts";
import { useStoredFlag } from "../ui/useStoredFlag.ts";
import { useWidth } from "../ui/useWidth.ts";
import type { Setup } from "../share/setup.ts";
import { readUrl, type UrlState } from "../share/url.ts";
import { presetScenario, PRESETS } from "./presets.ts";
import { useScenario } from "./useScenario.ts";
import { JsonEditor, PresetBar, SetupDetails, TableDetails, ViewNav } from "./sections.tsx";
import { useFollowPlayhead } from "./useFollowPlayhead.ts";
import { useUrlSync } from "./useUrlSync.ts";

// Loaded when opened: neither is needed for first paint, and both pull in the simulator.
const ExploreView = lazy(() => import("../ui/explore/ExploreView.tsx"));
// Only a big scenario needs these: they stay out of the first diagram's JavaScript.
const BigRunStatus = lazy(() => import("../ui/BigRunStatus.tsx").then((m) => ({ default: m.BigRunStatus })));
const BigTrace = lazy(() => import("../ui/BigTrace.tsx").then((m) => ({ default: m.BigTrace })));
const StatisticsView = lazy(() => import("../ui/stats/index.ts"));
// The verdict, narration and state panel (src/explain's words) and the tools under the diagram:
// loaded beside the simulator (main.tsx starts fetching them), so the first diagram need not wait.
// The panels start loading with this module and, being smaller, are in well before the simulator:
// they are drawn as soon as the diagram is, with no fallback shown first and nothing moving under
// the reader's pointer. Should they come later, a placeholder keeps their place until then.
type Panels = typeof import("../ui/TracePanels.tsx");
let loadedPanels: Panels | null = null;
const panelsLoading: Promise<Panels> = import("../ui/TracePanels.tsx").then((m) => (loadedPanels = m));
panelsLoading.catch(() => {}); // a failed load leaves the placeholders; the diagram still works

function usePanels(): Panels | null {
  const [panels, setPanels] = useState(loadedPanels);
  useEffect(() => {
    if (!panels) void panelsLoading.then(setPanels, () => {});
  }, [panels]);
  return panels;
}
const DiagramTools = lazy(() => import("./DiagramTools.tsx").then((m) => ({ default: m.DiagramTools })));

type View = "diagram" | "explore" | "stats";
const VIEWS: { id: View; label: string }[] = [
  { id: "diagram", label: "Sequence diagram" },
  { id: "explore", label: "Every failure" },
  { id: "stats", label: "Statistics & plant sizing" },
];

const INITIAL_PRESET = PRESETS.find((preset) => preset.id === "batch-pubrec-lost") ?? PRESETS[0];
/**
 * The link the page was opened on, read once (main.tsx has made sure readUrl can read it), and
 * the scenario to open: the link's (validated by readUrl), else the opening preset's.
 */
let opened: { link: UrlState; scenario: Scenario } | null = null;
function openedOn() {
  if (opened) return opened;
  const link = readUrl(window.location.search);
  const scenario =
    link.scenario ??
    (INITIAL_PRESET ? presetScenario(INITIAL_PRESET) : parseScenarioOrThrow({ publishQos: 1 }));
  opened = { link, scenario };
  return opened;
}
/** A summary has no playback: links made from it start at the beginning. */
const noTime = () => 0;
/** Below this the diagram scrolls sideways rather than squeezing its labels. */
const MIN_DIAGRAM_WIDTH = 520;

export function App() {
  const { link: FROM_URL, scenario: OPENING } = openedOn();
  const page = useScenario(OPENING);
  const { state, engine, loadError, show, setSetup, type, importText, big } = page;
  // A trace with more packets than a diagram draws gets its summary instead (drawLimit.ts).
  const tooLarge = useMemo(() => (state.trace ? drawingTooLarge(state.trace) : null), [state.trace]);
  const [presetId, setPresetId] = useState<string | null>(
    FROM_URL.scenario ? null : (INITIAL_PRESET?.id ?? null),
  );
  const [notices, setNotices] = useState(FROM_URL.notices);
  // Open on wide screens; on a phone the verdict and diagram come first.
  // The reader's choice is remembered across reloads (a trainer collapses it once).
  const [setupOpen, setSetupOpen] = useStoredFlag(
    "mqtt-qos-lab.setup-open",
    () => window.matchMedia("(min-width: 44rem)").matches,
  );
  // A link's playback position applies to the first diagram shown, not to later ones.
  const [urlTime, setUrlTime] = useState(FROM_URL.t);
  const [view, setViewState] = useState<View>(
    VIEWS.some((v) => v.id === FROM_URL.view) ? (FROM_URL.view as View) : "diagram",
  );
  // Stable callbacks: the memoised parts of the page (sections.tsx) are not drawn again on a click.
  const setView = useCallback((next: string) => {
    setUrlTime(undefined);
    setViewState(VIEWS.find((v) => v.id === next)?.id ?? "diagram");
  }, []);
  useUrlSync(state.scenario, view, (scenario, nextView) => {
    setPresetId(null);
    show(scenario);
    setView(nextView ?? "diagram");
  });
  const onScenario = useCallback(
    (scenario: Scenario) => {
      setUrlTime(undefined);
      setPresetId(null);
      show(scenario);
    },
    [show],
  );
  const onPreset = useCallback(
    (id: string) => {
      const preset = PRESETS.find((p) => p.id === id);
      if (!preset) return;
      setPresetId(id);
      show(presetScenario(preset));
    },
    [show],
  );
  const onSetup = useCallback(
    (next: Setup) => {
      setPresetId(null);
      setSetup(next);
    },
    [setSetup],
  );
  const onType = useCallback(
    (text: string) => {
      setPresetId(null);
      type(text);
    },
    [type],
  );
  const onImportText = useCallback(
    (text: string, name: string) => {
      setUrlTime(undefined);
      setPresetId(null);
      importText(text, name);
    },
    [importText],
  );
  const dismissNotices = useCallback(() => setNotices([]), []);
  // The last scenario whose view drew without failing: what "Restore the last good input" brings back.
  const lastGood = useRef(state.scenario);
  // Not memoised: the boundaries are not, and what they wrap is memoised on its own.
  const onDrawn = () => {
    lastGood.current = state.scenario;
  };
  const onRestore = () => onScenario(lastGood.current);

  return (
    <>
      <header className="page-header">
        <h1>MQTT QoS Lab</h1>
        <p>Pick a QoS, drop any packet, and watch what the protocol does about it.</p>
      </header>
      <main>
        <section className="setup" aria-labelledby="setup-heading">
          <h2 id="setup-heading" className="visually-hidden">
            Scenario
          </h2>
          <ErrorBoundary what="The set-up" onRestore={onRestore} resetKey={state.scenario}>
            <PresetBar presetId={presetId} onPick={onPreset} />
            <SetupDetails
              setup={page.setup}
              open={setupOpen}
              onOpenChange={setSetupOpen}
              onChange={onSetup}
            />
          </ErrorBoundary>
          <ProblemList problems={state.problems} />
          {big.state.status !== "idle" && (
            <Suspense fallback={null}>
              <BigRunStatus state={big.state} name={big.name} messages={big.messages} onCancel={big.cancel} />
            </Suspense>
          )}
          <UrlNotice
            notices={notices}
            intro="This link had parameters that could not be used; defaults stand in:"
            onDismiss={dismissNotices}
          />
        </section>
        <ViewNav views={VIEWS} view={view} onView={setView} />
        {state.trace && engine ? (
          <ErrorBoundary
            key={view}
            what="This view"
            onRestore={onRestore}
            onDrawn={onDrawn}
            resetKey={state.trace}
          >
            {view === "diagram" ? (
              tooLarge !== null ? (
                <Suspense fallback={<p role="status">Loading the summary…</p>}>
                  <BigTrace
                    trace={state.trace}
                    reason={tooLarge}
                    tools={
                      <Suspense fallback={null}>
                        <DiagramTools
                          trace={state.trace}
                          width={MIN_DIAGRAM_WIDTH}
                          time={noTime}
                          onImport={onScenario}
                          onImportText={onImportText}
                          tooLarge={tooLarge}
                        />
                      </Suspense>
                    }
                  />
                </Suspense>
              ) : (
                <Workspace
                  trace={state.trace}
                  onScenario={onScenario}
                  onImportText={onImportText}
                  initialTime={urlTime}
                />
              )
            ) : (
              <Suspense fallback={<p role="status">Loading…</p>}>
                {view === "explore" ? (
                  <ExploreView
                    scenario={state.trace.scenario}
                    simulate={(scenario) => engine(scenario)}
                    onLoadPlan={(faults) => {
                      onScenario({ ...state.scenario, faults });
                      setView("diagram");
                    }}
                  />
                ) : (
                  <StatisticsView scenario={state.trace.scenario} />
                )}
              </Suspense>
            )}
          </ErrorBoundary>
        ) : (
          <p role="status" className="placeholder">
            {loadError ??
              (engine
                ? "No valid scenario yet: fix the problems above to see a diagram."
                : "Loading the simulator…")}
          </p>
        )}
        <ErrorBoundary what="The JSON editor" onRestore={onRestore} resetKey={state.scenario}>
          <JsonEditor text={page.text} onType={onType} />
        </ErrorBoundary>
        {state.trace && (
          <ErrorBoundary what="The event table" resetKey={state.trace}>
            <TableDetails trace={state.trace} />
          </ErrorBoundary>
        )}
      </main>
    </>
  );
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
function Workspace({ trace, onScenario, onImportText, initialTime }: WorkspaceProps) {
  const stageRef = useRef<HTMLDivElement>(null);
  const width = Math.max(MIN_DIAGRAM_WIDTH, useWidth(stageRef, 960));
  const diagram = useMemo(() => layoutOf(trace, { width }), [trace, width]);
  const steps = useMemo(() => stepsOf(trace), [trace]);
  const track = useMemo(() => timelineOf(diagram, steps), [diagram, steps]);
  const playback = usePlayback(track, {
    start: initialTime === undefined ? undefined : { t: initialTime },
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

  const onToggle = useCallback(
    (index: number) => {
      const event = trace.events[index];
      if (event?.type !== "packet") return;
      onScenario(toggleDrop(trace.scenario, event));
    },
    [trace, onScenario],
  );
  // Copy link reads the position when pressed: the share buttons need not follow playback.
  const timeRef = useRef(playback.time);
  useEffect(() => {
    timeRef.current = playback.time;
  });
  const timeNow = useCallback(() => timeRef.current, []);
  const faults = trace.scenario.faults.length;
  const panels = usePanels();

  return (
    <div className="workspace">
      <div className="stage" ref={stageRef}>
        <ErrorBoundary what="The verdict" resetKey={trace}>
          {panels ? (
            <panels.TraceVerdict trace={trace} />
          ) : (
            <div className="verdict-panel" aria-busy="true" />
          )}
        </ErrorBoundary>
        <PlaybackBar playback={playback} />
        <p className="narration" aria-live="polite" data-testid="narration">
          {current
            ? panels && <panels.TraceNarration trace={trace} steps={steps} time={playback.time} />
            : "Press Play, or step through with → and ←. Click any packet to drop it."}
        </p>
        <div className="diagram-tools">
          <span>
            Click or press Enter on a packet to drop it; again to restore it.
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
