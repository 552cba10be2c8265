import { lazy, Suspense, useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { layout as layoutOf } from "../diagram/layout.ts";
import { SequenceDiagram } from "../diagram/SequenceDiagram.tsx";
import { stepsOf } from "../diagram/steps.ts";
import { holdingsIn, holdingsTimeline } from "../explain/holdings.ts";
import { narrateAll } from "../explain/narrate.ts";
import { explainOutcome } from "../explain/verdict.ts";
import { PacketInspector } from "../inspect/PacketInspector.tsx";
import { toggleDrop } from "../sim/interventions.ts";
import type { PacketEvent, Trace } from "../sim/types.ts";
import { ExportBar } from "../ui/ExportBar.tsx";
import { PlaybackBar } from "../ui/PlaybackBar.tsx";
import { ProblemList } from "../ui/ProblemList.tsx";
import { UrlNotice } from "../ui/UrlNotice.tsx";
import { describeSetupShort, SetupForm } from "../ui/SetupForm.tsx";
import { StatePanel } from "../ui/StatePanel.tsx";
import { usePlayback } from "../ui/usePlayback.ts";
import { VerdictPanel } from "../ui/VerdictPanel.tsx";
import { PRESETS } from "./presets.ts";
import { loadSimulator, runScenario, type RunState, type SimulateFn } from "./run.ts";
import {
  DEFAULT_SETUP,
  applySetup,
  overlaySetup,
  parseObject,
  setupOf,
  toJsonText,
  type Setup,
} from "./setup.ts";
import { useShortcuts } from "./useShortcuts.ts";
import { CopyElement, CopyEmbed } from "./CopyEmbed.tsx";
import { CopyLink } from "./CopyLink.tsx";
import { readUrl } from "./url.ts";
import { useFollowPlayhead } from "./useFollowPlayhead.ts";
import { useUrlSync } from "./useUrlSync.ts";
import { useWidth } from "./useWidth.ts";

// Loaded when opened: neither is needed for first paint, and both pull in the simulator.
const ExploreView = lazy(() => import("../ui/explore/ExploreView.tsx"));
const StatisticsView = lazy(() => import("../ui/stats/index.ts"));
// Folded away under the diagram: not needed for it.
const TraceTable = lazy(() => import("../ui/TraceTable.tsx").then((m) => ({ default: m.TraceTable })));

type View = "diagram" | "explore" | "stats";
const VIEWS: { id: View; label: string }[] = [
  { id: "diagram", label: "Sequence diagram" },
  { id: "explore", label: "Every failure" },
  { id: "stats", label: "Statistics & plant sizing" },
];

const INITIAL_PRESET = PRESETS.find((preset) => preset.id === "batch-pubrec-lost") ?? PRESETS[0];
const FROM_URL = readUrl(window.location.search);
const URL_HAS_SCENARIO = Object.keys(FROM_URL.raw).length > 0;
const INITIAL_TEXT = toJsonText(
  URL_HAS_SCENARIO ? FROM_URL.raw : (INITIAL_PRESET?.scenario ?? { publishQos: 1 }),
);
/** Hand edits are simulated once typing pauses, so the alert does not flicker on every key. */
const EDIT_DELAY_MS = 300;
/** Below this the diagram scrolls sideways rather than squeezing its labels. */
const MIN_DIAGRAM_WIDTH = 520;

export function App() {
  const jsonId = useId();
  const [text, setText] = useState(INITIAL_TEXT);
  const [presetId, setPresetId] = useState<string | null>(
    URL_HAS_SCENARIO ? null : (INITIAL_PRESET?.id ?? null),
  );
  const [notices, setNotices] = useState(FROM_URL.notices);
  // Open on wide screens; on a phone the verdict and diagram come first.
  const [setupOpen, setSetupOpen] = useState(() => window.matchMedia("(min-width: 44rem)").matches);
  const [simulate, setSimulate] = useState<SimulateFn | null>(null);
  const [run, setRun] = useState<RunState>({ text: "", trace: null, problems: [] });
  const [loadError, setLoadError] = useState<string | null>(null);
  const commit = useCallback(
    (next: string) => {
      if (!simulate) return;
      setRun((prev) => (prev.text === next ? prev : runScenario(next, prev.trace, simulate)));
    },
    [simulate],
  );

  useEffect(() => {
    loadSimulator().then(
      (fn) => setSimulate(() => fn),
      (error: unknown) => setLoadError(`The simulator could not be loaded: ${String(error)}`),
    );
  }, []);

  useEffect(() => {
    const delay = run.text === "" ? 0 : EDIT_DELAY_MS;
    const timer = setTimeout(() => commit(text), delay);
    return () => clearTimeout(timer);
  }, [text, commit, run.text]);

  const replace = (next: string) => {
    setText(next);
    commit(next);
  };
  const lastGood = run.trace ? setupOf(run.trace.scenario) : DEFAULT_SETUP;
  const setup = run.problems.length > 0 ? overlaySetup(parseObject(run.text), lastGood) : lastGood;
  const onSetupChange = (next: Setup) => {
    const base = parseObject(text) ?? run.trace?.scenario ?? {};
    setPresetId(null);
    replace(toJsonText(applySetup({ ...base }, next)));
  };
  const preset = PRESETS.find((p) => p.id === presetId);
  // A link's playback position applies to the first diagram shown, not to later ones.
  const [urlTime, setUrlTime] = useState(FROM_URL.t);
  const [view, setViewState] = useState<View>(
    VIEWS.some((v) => v.id === FROM_URL.view) ? (FROM_URL.view as View) : "diagram",
  );
  const setView = (next: View) => {
    setUrlTime(undefined);
    setViewState(next);
  };
  useUrlSync(run, view, (raw, nextView) => {
    setPresetId(null);
    replace(toJsonText(raw));
    setView(VIEWS.some((v) => v.id === nextView) ? (nextView as View) : "diagram");
  });
  const onScenario = (raw: Record<string, unknown>) => {
    setUrlTime(undefined);
    setPresetId(null);
    replace(toJsonText(raw));
  };

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
          <div className="presets" role="group" aria-label="Plant examples">
            {PRESETS.map((p) => (
              <button
                key={p.id}
                type="button"
                aria-pressed={p.id === presetId}
                data-testid={`preset.${p.id}`}
                title={p.story}
                onClick={() => {
                  setPresetId(p.id);
                  replace(toJsonText(p.scenario));
                }}
              >
                {p.label}
              </button>
            ))}
          </div>
          {preset && (
            <p className="story" data-testid="story">
              {preset.story}
            </p>
          )}
          <details
            className="setup-details"
            open={setupOpen}
            onToggle={(e) => setSetupOpen(e.currentTarget.open)}
          >
            <summary data-testid="setup.summary">
              <span className="setup-summary-title">Set-up</span>{" "}
              <span className="muted">{describeSetupShort(setup)}</span>
            </summary>
            <SetupForm setup={setup} onChange={onSetupChange} />
          </details>
          <ProblemList problems={run.problems} />
          <UrlNotice
            notices={notices}
            intro="This link had parameters that could not be used; defaults stand in:"
            onDismiss={() => setNotices([])}
          />
        </section>
        <nav className="views" aria-label="Views">
          {VIEWS.map((v) => (
            <button
              key={v.id}
              type="button"
              aria-pressed={view === v.id}
              data-testid={`view.${v.id}`}
              onClick={() => setView(v.id)}
            >
              {v.label}
            </button>
          ))}
        </nav>
        {run.trace && simulate ? (
          view === "diagram" ? (
            <Workspace trace={run.trace} onScenario={onScenario} rawText={text} initialTime={urlTime} />
          ) : (
            <Suspense fallback={<p role="status">Loading…</p>}>
              {view === "explore" ? (
                <ExploreView
                  scenario={run.trace.scenario}
                  simulate={(scenario) => simulate(scenario)}
                  onLoadPlan={(faults) => {
                    onScenario({ ...(parseObject(text) ?? {}), faults });
                    setView("diagram");
                  }}
                />
              ) : (
                <StatisticsView scenario={run.trace.scenario} />
              )}
            </Suspense>
          )
        ) : (
          <p role="status" className="placeholder">
            {loadError ??
              (simulate
                ? "No valid scenario yet: fix the problems above to see a diagram."
                : "Loading the simulator…")}
          </p>
        )}
        <details className="json-details">
          <summary>Scenario JSON (edit by hand)</summary>
          <div className="json-editor">
            <label htmlFor={jsonId}>Scenario JSON</label>
            <textarea
              id={jsonId}
              data-testid="setup.json"
              value={text}
              spellCheck={false}
              autoCapitalize="off"
              autoComplete="off"
              rows={16}
              onChange={(event) => {
                setPresetId(null);
                setText(event.target.value);
              }}
            />
          </div>
        </details>
        {run.trace && (
          <details className="table-details">
            <summary>Every event as a table</summary>
            <Suspense fallback={null}>
              <TraceTable trace={run.trace} />
            </Suspense>
          </details>
        )}
      </main>
    </>
  );
}

interface WorkspaceProps {
  trace: Trace;
  rawText: string;
  onScenario(raw: Record<string, unknown>): void;
  initialTime: number | undefined;
}

/** The diagram with its playback, verdict, narration, state panel and inspector. */
function Workspace({ trace, rawText, onScenario, initialTime }: WorkspaceProps) {
  const stageRef = useRef<HTMLDivElement>(null);
  const width = Math.max(MIN_DIAGRAM_WIDTH, useWidth(stageRef, 960));
  const diagram = useMemo(() => layoutOf(trace, { width }), [trace, width]);
  const steps = useMemo(() => stepsOf(trace), [trace]);
  const narration = useMemo(() => narrateAll(trace), [trace]);
  const explanations = useMemo(() => explainOutcome(trace), [trace]);
  const timeline = useMemo(() => holdingsTimeline(trace), [trace]);
  const source = useMemo(
    () => ({
      duration: diagram.duration,
      stepTimes: [...new Set(steps.map((s) => s.t))],
      yOf: diagram.yOf,
      tOf: diagram.tOf,
    }),
    [diagram, steps],
  );
  const playback = usePlayback(source, initialTime);
  useShortcuts(playback);
  const scrollRef = useRef<HTMLDivElement>(null);
  useFollowPlayhead(scrollRef, playback.playing ? diagram.yOf(playback.time) / diagram.height : null);
  const [selected, setSelected] = useState<number | null>(null);

  const stepIndex = lastStepAt(steps, playback.time);
  const current = stepIndex >= 0 ? steps[stepIndex] : undefined;
  const selectedEvent = selected !== null ? trace.events[selected] : undefined;
  const currentEvent = current ? trace.events[current.index] : undefined;
  const inspected: PacketEvent | null =
    selectedEvent?.type === "packet" ? selectedEvent : currentEvent?.type === "packet" ? currentEvent : null;

  const onToggle = (index: number) => {
    const event = trace.events[index];
    if (event?.type !== "packet") return;
    const next = toggleDrop(trace.scenario, event);
    const raw = parseObject(rawText) ?? { ...trace.scenario };
    onScenario({ ...raw, faults: next.faults });
  };
  const faults = trace.scenario.faults.length;

  return (
    <div className="workspace">
      <div className="stage" ref={stageRef}>
        <VerdictPanel explanations={explanations} />
        <PlaybackBar
          playback={playback}
          duration={diagram.duration}
          step={stepIndex + 1}
          steps={steps.length}
        />
        <p className="narration" aria-live="polite" data-testid="narration">
          {current
            ? narration[stepIndex]
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
              onClick={() => onScenario({ ...(parseObject(rawText) ?? {}), faults: [] })}
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
          <ExportBar
            trace={trace}
            width={diagram.width}
            onImport={(scenario) => onScenario({ ...scenario })}
          />
          <div className="share-tools" role="group" aria-label="Share this scenario">
            <CopyLink scenario={trace.scenario} time={playback.time} />
            <CopyEmbed scenario={trace.scenario} />
            <CopyElement scenario={trace.scenario} />
          </div>
        </div>
      </div>
      <aside className="side">
        <StatePanel holdings={holdingsIn(timeline, playback.time)} />
        <PacketInspector packet={inspected} protocol={trace.scenario.protocol} />
      </aside>
    </div>
  );
}

function lastStepAt(steps: readonly { t: number }[], t: number): number {
  let lo = 0;
  let hi = steps.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((steps[mid] as { t: number }).t <= t + 1e-6) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
