import { lazy, Suspense, useCallback, useMemo, useRef, useState } from "react";
import { drawingTooLarge } from "../diagram/drawLimit.ts";
import type { Scenario } from "../sim/types.ts";
import { ErrorBoundary } from "../ui/ErrorBoundary.tsx";
import { ProblemList } from "../ui/ProblemList.tsx";
import { UrlNotice } from "../ui/UrlNotice.tsx";
import { useStoredFlag } from "../ui/useStoredFlag.ts";
import type { Setup } from "../share/setup.ts";
import { readUrl, type UrlState } from "../share/url.ts";
import { OPENING_PRESET, presetScenario, type Preset } from "./presets.opening.ts";
import { useScenario } from "./useScenario.ts";
import { PresetMenu } from "./PresetMenu.tsx";
import { SetupDetails, TableDetails, ViewNav } from "./sections.tsx";
import { useUrlSync } from "./useUrlSync.ts";
import { DiagramTools, MIN_DIAGRAM_WIDTH } from "./panels.ts";
import { Workspace } from "./Workspace.tsx";
import { hasBytes } from "../sim/bytesPending.ts";
import { planScenario } from "../ui/explore/planScenario.ts";

// Loaded when opened: neither is needed for first paint, and both pull in the simulator.
const ExploreView = lazy(() => import("../ui/explore/ExploreView.tsx"));
// Only a big scenario needs these: they stay out of the first diagram's JavaScript.
const BigRunStatus = lazy(() => import("../ui/BigRunStatus.tsx").then((m) => ({ default: m.BigRunStatus })));
const BigTrace = lazy(() => import("../ui/BigTrace.tsx").then((m) => ({ default: m.BigTrace })));
const StatisticsView = lazy(() => import("../ui/stats/index.ts"));
// Compare mode loads when first opened (a Compare click or a link's `compare=`).
const CompareView = lazy(() => import("../ui/compare/CompareView.tsx"));
// The course and lesson runner: loaded when the Lessons view is opened, never with the first diagram.
const LessonsView = lazy(() => import("./lessons/LessonsView.tsx"));
// The live lab's view: loaded when the Live tab is opened, never with the first diagram.
const LiveView = lazy(() => import("./live/LiveView.tsx"));
// Folded away under the diagram: loaded after it.
const JsonEditor = lazy(() => import("./JsonEditor.tsx").then((m) => ({ default: m.JsonEditor })));

type View = "diagram" | "explore" | "stats" | "lessons" | "live";
const VIEWS: { id: View; label: string }[] = [
  { id: "diagram", label: "Sequence diagram" },
  { id: "explore", label: "Every failure" },
  { id: "stats", label: "Statistics & plant sizing" },
  { id: "lessons", label: "Lessons" },
  { id: "live", label: "Live" },
];

const INITIAL_PRESET = OPENING_PRESET;
/**
 * The link the page was opened on, read once (main.tsx has made sure readUrl can read it), and
 * the scenario to open: the link's (validated by readUrl), else the opening preset's.
 */
let opened: { link: UrlState; scenario: Scenario } | null = null;
function openedOn() {
  if (opened) return opened;
  const link = readUrl(window.location.search);
  const scenario = link.scenario ?? presetScenario(INITIAL_PRESET);
  opened = { link, scenario };
  return opened;
}
/** A summary has no playback: links made from it start at the beginning. */
const noTime = () => 0;

export function App() {
  const { link: FROM_URL, scenario: OPENING } = openedOn();
  const page = useScenario(OPENING);
  const { state, drawable, engine, loadError, show, setSetup, editScenario, type, importText, big } = page;
  // A trace with more packets than a diagram draws gets its summary instead (drawLimit.ts).
  const tooLarge = useMemo(() => (state.trace ? drawingTooLarge(state.trace) : null), [state.trace]);
  const [presetId, setPresetId] = useState<string | null>(FROM_URL.scenario ? null : INITIAL_PRESET.id);
  const [notices, setNotices] = useState(FROM_URL.notices);
  // Problems are shown where they were made: typed ones next to the open JSON editor.
  const [typedLast, setTypedLast] = useState(false);
  const [jsonOpen, setJsonOpen] = useState(false);
  const problemsAtEditor = typedLast && jsonOpen;
  // Folded to its one-line summary at first, so the diagram is on the first screen (a 1280×720
  // projector included); the reader's choice is remembered across reloads.
  const [setupOpen, setSetupOpen] = useStoredFlag("mqtt-qos-lab.setup-open", () => false);
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
  // Compare mode's columns as the `compare` parameter writes them; null when it is off.
  const [compare, setCompare] = useState<string | null>(FROM_URL.compare ?? null);
  const onCompare = useCallback(() => {
    setCompare((on) => (on === null || view !== "diagram" ? (on ?? "0,1,2") : null));
    setView("diagram");
  }, [view, setView]);
  // The diagram tab is the single diagram: choosing it leaves compare mode.
  const onViewTab = useCallback(
    (next: string) => {
      if (next === "diagram") setCompare(null);
      setView(next);
    },
    [setView],
  );
  const addNotices = useCallback((more: string[]) => setNotices((n) => [...n, ...more]), []);
  useUrlSync(
    state.scenario,
    view,
    (scenario, nextView, nextCompare) => {
      setPresetId(null);
      show(scenario);
      setView(nextView ?? "diagram");
      setCompare(nextCompare);
    },
    compare,
  );
  const onScenario = useCallback(
    (scenario: Scenario) => {
      setUrlTime(undefined);
      setPresetId(null);
      show(scenario);
    },
    [show],
  );
  const onPreset = useCallback(
    (preset: Preset) => {
      setPresetId(preset.id);
      show(presetScenario(preset));
    },
    [show],
  );
  const onSetup = useCallback(
    (next: Setup) => {
      setPresetId(null);
      setTypedLast(false);
      setSetup(next);
    },
    [setSetup],
  );
  const onEdit = useCallback(
    (change: (raw: Record<string, unknown>) => Record<string, unknown>) => {
      setPresetId(null);
      setTypedLast(false);
      editScenario(change);
    },
    [editScenario],
  );
  const onType = useCallback(
    (text: string) => {
      setPresetId(null);
      setTypedLast(true);
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

  const header = (
    <header className="page-header">
      <div className="page-title">
        <h1>MQTT QoS Lab</h1>
        <p>Pick a QoS, drop any packet, and watch what the protocol does about it.</p>
      </div>
      <ViewNav
        views={VIEWS}
        view={compare !== null && view === "diagram" ? "compare" : view}
        onView={onViewTab}
        compare={compare !== null && view === "diagram"}
        onCompare={onCompare}
      />
    </header>
  );
  // The lessons view has its own scenarios (each step's) and writes its own address.
  if (view === "lessons") {
    return (
      <>
        {header}
        <ErrorBoundary what="The lessons">
          <Suspense fallback={<p role="status">Loading the lessons…</p>}>
            <LessonsView />
          </Suspense>
        </ErrorBoundary>
      </>
    );
  }

  return (
    <>
      {header}
      <main>
        <section className="setup" aria-labelledby="setup-heading">
          <h2 id="setup-heading" className="visually-hidden">
            Scenario
          </h2>
          <ErrorBoundary what="The set-up" onRestore={onRestore} resetKey={state.scenario}>
            <PresetMenu presetId={presetId} onPick={onPreset} />
            <SetupDetails
              setup={page.setup}
              scenario={state.scenario}
              open={setupOpen}
              onOpenChange={setSetupOpen}
              onChange={onSetup}
              onEdit={onEdit}
            />
          </ErrorBoundary>
          {!problemsAtEditor && <ProblemList problems={state.problems} />}
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
          {/* The diagram stays; what needed the failed chunk (bytes, the views) says why it waits. */}
          {loadError && state.trace && (
            <p role="alert" className="problems" data-testid="load-error">
              {loadError}. Reload the page to try again.
            </p>
          )}
        </section>
        {/* The diagram needs the engine only; what shows bytes waits for the encoder (useScenario.ts). */}
        {state.trace && drawable ? (
          <ErrorBoundary
            key={view}
            what="This view"
            onRestore={onRestore}
            onDrawn={onDrawn}
            resetKey={state.trace}
          >
            {view === "diagram" ? (
              tooLarge !== null ? (
                !hasBytes(state.trace) ? (
                  <p role="status">Loading the summary…</p>
                ) : (
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
                )
              ) : compare !== null ? (
                <Suspense fallback={<p role="status">Loading compare mode…</p>}>
                  {engine ? (
                    <CompareView
                      scenario={state.trace.scenario}
                      engine={engine}
                      columns={compare}
                      onColumns={setCompare}
                      onScenario={onScenario}
                      onLeave={() => setCompare(null)}
                      onNotices={addNotices}
                      tooLarge={drawingTooLarge}
                      playback={urlTime === undefined ? undefined : { start: { t: urlTime } }}
                      presenting={FROM_URL.present === true}
                    />
                  ) : (
                    <p role="status">Loading compare mode…</p>
                  )}
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
                {!engine ? (
                  <p role="status">Loading…</p>
                ) : view === "explore" ? (
                  <ExploreView
                    scenario={state.trace.scenario}
                    simulate={(scenario) => engine(scenario)}
                    onLoadPlan={(faults, profiles) => {
                      onScenario(planScenario(state.scenario, faults, profiles));
                      setView("diagram");
                    }}
                  />
                ) : view === "live" ? (
                  <LiveView scenario={state.scenario} engine={engine} />
                ) : (
                  <StatisticsView scenario={state.trace.scenario} />
                )}
              </Suspense>
            )}
          </ErrorBoundary>
        ) : (
          // A chunk that failed to load (the engine, a link's profile records) is an alert.
          <p role={loadError ? "alert" : "status"} className="placeholder" data-testid="placeholder">
            {loadError ??
              (drawable
                ? "No valid scenario yet: fix the problems above to see a diagram."
                : "Loading the simulator…")}
          </p>
        )}
        <ErrorBoundary what="The JSON editor" onRestore={onRestore} resetKey={state.scenario}>
          <Suspense fallback={null}>
            <JsonEditor
              text={page.text}
              onType={onType}
              problems={problemsAtEditor ? state.problems : null}
              onOpenChange={setJsonOpen}
            />
          </Suspense>
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
