/**
 * The embeddable page (embed.html): the diagram and its verdict with minimal chrome, configured by
 * URL parameters (src/share/embedParams.ts). Reports its height to the host page and pauses when
 * it is scrolled out of view or its tab is hidden.
 */
import { lazy, Suspense, useCallback, useMemo, useRef, useState } from "react";
import { layout as layoutOf } from "../diagram/layout.ts";
import { SequenceDiagram } from "../ui/diagram/SequenceDiagram.tsx";
import { stepsOf } from "../sim/steps.ts";
import { narrateAt } from "../explain/narrate.ts";
import { explainOutcome } from "../explain/verdict.ts";
import { toggleDrop } from "../sim/interventions.ts";
import type { Scenario, Trace } from "../sim/types.ts";
import type { EmbedParams } from "../share/embedParams.ts";
import { writeUrl } from "../share/urlWriter.ts";
import { noticeIntro, START_HINT } from "../share/displayVocabulary.ts";
import { ErrorBoundary } from "../ui/ErrorBoundary.tsx";
import { PlaybackBar } from "../ui/PlaybackBar.tsx";
import { timelineOf } from "../ui/playbackModel.ts";
import { UrlNotice } from "../ui/UrlNotice.tsx";
import { needsProfiles, useEngine, type Engine } from "../ui/useEngine.ts";
import { usePlayback } from "../ui/usePlayback.ts";
import { useWidth } from "../ui/useWidth.ts";
import { VerdictPanel } from "../ui/VerdictPanel.tsx";
import { useReportHeight } from "./hooks.ts";

// Compare mode (`compare=0,1,2`) loads only for an embed that asks for it.
const CompareView = lazy(() => import("../ui/compare/CompareView.tsx"));

/**
 * The narrowest width asked of the layout; it wraps its labels down to here and makes the drawing
 * wider (scrolling sideways) only when even wrapped texts need more.
 */
const MIN_DIAGRAM_WIDTH = 320;

/** The trace of a valid scenario, or why the engine failed on it. */
function runOn(engine: Engine, scenario: Scenario): { trace: Trace } | { error: string } {
  try {
    return { trace: engine(scenario) };
  } catch (error) {
    return { error: `The simulator failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export function EmbedApp({ params }: { params: EmbedParams }) {
  // The link's scenario, validated once by readEmbedParams; a click changes it, nothing re-parses it.
  const [scenario, setScenario] = useState<Scenario>(params.scenario);
  const [notices, setNotices] = useState(params.notices);
  // The embed shows no bytes (no event table, inspector or export): it never loads the encoder. Nor
  // the profile records, unless its scenario or its compare columns can name profiles (a click
  // never adds any).
  const { engine, error: loadError } = useEngine({
    bytes: false,
    profiles: needsProfiles(params.scenario) || params.compare !== undefined,
  });
  const run = useMemo(() => (engine ? runOn(engine, scenario) : null), [engine, scenario]);
  const trace = run && "trace" in run ? run.trace : null;
  useReportHeight(run !== null || loadError !== null);
  // The last scenario drawn without failing: what "Restore the last good input" brings back.
  const lastGood = useRef(params.scenario);
  const onDrawn = useCallback(() => {
    if (trace) lastGood.current = trace.scenario;
  }, [trace]);
  const onRestore = useCallback(() => setScenario(lastGood.current), []);
  const [compare, setCompare] = useState(params.compare ?? null);
  const addNotices = useCallback((more: string[]) => setNotices((n) => [...n, ...more]), []);

  return (
    <main className="embed" data-testid="embed" data-controls={params.controls}>
      <h1 className="visually-hidden">MQTT QoS Lab: an MQTT QoS handshake, step by step</h1>
      <UrlNotice
        notices={notices}
        intro={noticeIntro("embed")}
        className="embed-notice"
        onDismiss={() => setNotices([])}
      />
      {trace ? (
        <ErrorBoundary what="The diagram" onRestore={onRestore} onDrawn={onDrawn} resetKey={trace}>
          {compare !== null && engine ? (
            <EmbedCompare
              trace={trace}
              engine={engine}
              params={params}
              columns={compare}
              onColumns={setCompare}
              onScenario={setScenario}
              onNotices={addNotices}
            />
          ) : (
            <EmbedWorkspace trace={trace} params={params} onScenario={setScenario} />
          )}
        </ErrorBoundary>
      ) : (
        <p role="status">{loadError ?? (run && "error" in run ? run.error : "Loading the simulator…")}</p>
      )}
      <p className="embed-footer">
        <a
          href={`./${writeUrl(scenario, { compare })}`}
          target="_blank"
          rel="noopener"
          data-testid="embed.open"
        >
          Open in MQTT QoS Lab
        </a>
      </p>
    </main>
  );
}

interface EmbedCompareProps {
  trace: Trace;
  engine: Engine;
  params: EmbedParams;
  columns: string;
  onColumns(columns: string): void;
  onScenario(scenario: Scenario): void;
  onNotices(notices: string[]): void;
}

/** The embed in compare mode: the same options, applied to every column at once. */
function EmbedCompare({
  trace,
  engine,
  params,
  columns,
  onColumns,
  onScenario,
  onNotices,
}: EmbedCompareProps) {
  const stageRef = useRef<HTMLDivElement>(null);
  return (
    <div className="embed-stage" ref={stageRef}>
      <Suspense fallback={<p role="status">Loading compare mode…</p>}>
        <CompareView
          scenario={trace.scenario}
          engine={engine}
          columns={columns}
          onColumns={onColumns}
          onScenario={params.controls === "full" ? onScenario : undefined}
          onNotices={onNotices}
          keys={params.controls === "none" ? null : "window"}
          noPlaybackBar={params.controls === "none"}
          editable={params.controls === "full"}
          viewRef={stageRef}
          playback={{
            steps: params.steps,
            autoplay: params.autoplay,
            loop: params.loop,
            start: params.t === undefined ? undefined : { t: params.t },
          }}
        />
      </Suspense>
    </div>
  );
}

interface EmbedWorkspaceProps {
  trace: Trace;
  params: EmbedParams;
  onScenario(scenario: Scenario): void;
}

function EmbedWorkspace({ trace, params, onScenario }: EmbedWorkspaceProps) {
  const stageRef = useRef<HTMLDivElement>(null);
  const width = Math.max(MIN_DIAGRAM_WIDTH, useWidth(stageRef, 720));
  const diagram = useMemo(() => layoutOf(trace, { width }), [trace, width]);
  const steps = useMemo(() => stepsOf(trace), [trace]);
  const explanations = useMemo(() => explainOutcome(trace), [trace]);
  const track = useMemo(() => timelineOf(diagram, steps), [diagram, steps]);
  // Autoplay waits until the embed is in view; out of view, playing pauses and carries on when back.
  const playback = usePlayback(track, {
    steps: params.steps,
    start: params.t === undefined ? undefined : { t: params.t },
    autoplay: params.autoplay,
    loop: params.loop,
    viewRef: stageRef,
    keys: params.controls === "none" ? null : "window",
  });
  const { time, playing, stepIndex } = playback;
  const full = params.controls === "full";
  return (
    <div
      className="embed-stage"
      ref={stageRef}
      data-playing={String(playing)}
      data-in-view={String(playback.inView)}
    >
      <VerdictPanel explanations={explanations} />
      {params.controls !== "none" && <PlaybackBar playback={playback} />}
      {full && (
        <p className="narration" aria-live="polite" data-testid="narration">
          {stepIndex >= 0 ? narrateAt(trace, steps, time).join(" ") : START_HINT}
        </p>
      )}
      {/* The live diagram's <svg> carries the test id; the still drawing has none of its own. */}
      <div className="diagram-scroll" data-testid={full ? undefined : "diagram"}>
        {full ? (
          <SequenceDiagram
            layout={diagram}
            time={time}
            selected={null}
            onToggle={(index) => {
              const event = trace.events[index];
              if (event?.type !== "packet") return;
              onScenario(toggleDrop(trace.scenario, event));
            }}
            onSelect={() => {}}
            title="Sequence diagram: time flows down; each arrow is a packet"
          />
        ) : (
          // Without drop-by-click the arrows are not buttons: a still drawing that follows playback.
          <SequenceDiagram
            still
            layout={diagram}
            time={time}
            title="Sequence diagram: time flows down; each arrow is a packet"
          />
        )}
      </div>
    </div>
  );
}
