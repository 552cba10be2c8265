/**
 * The embeddable page (embed.html): the diagram and its verdict with minimal chrome, configured by
 * URL parameters (src/embed/params.ts). Reports its height to the host page and pauses when it is
 * scrolled out of view or its tab is hidden.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { loadSimulator, runScenario, type SimulateFn } from "../app/run.ts";
import { toJsonText } from "../app/setup.ts";
import { writeUrl } from "../app/url.ts";
import { useWidth } from "../app/useWidth.ts";
import { layout as layoutOf } from "../diagram/layout.ts";
import { UrlNotice } from "../ui/UrlNotice.tsx";
import { SequenceDiagram } from "../diagram/SequenceDiagram.tsx";
import { stepsOf, type Step } from "../diagram/steps.ts";
import { narrateAll } from "../explain/narrate.ts";
import { explainOutcome } from "../explain/verdict.ts";
import { toggleDrop } from "../sim/interventions.ts";
import type { Trace } from "../sim/types.ts";
import { PlaybackBar } from "../ui/PlaybackBar.tsx";
import { usePlayback, type PlaybackSource } from "../ui/usePlayback.ts";
import { VerdictPanel } from "../ui/VerdictPanel.tsx";
import { prefersReducedMotion, useInView, usePlayWhileInView } from "../ui/useInView.ts";
import { useReportHeight } from "./hooks.ts";
import type { EmbedParams } from "./params.ts";

/** Below this the diagram scrolls sideways rather than squeezing its labels. */
const MIN_DIAGRAM_WIDTH = 520;

export function EmbedApp({ params }: { params: EmbedParams }) {
  const rootRef = useRef<HTMLElement>(null);
  const inView = useInView(rootRef);
  const [raw, setRaw] = useState<Record<string, unknown>>(() =>
    Object.keys(params.url.raw).length > 0 ? params.url.raw : { publishQos: 1 },
  );
  const [notices, setNotices] = useState(params.notices);
  const [simulate, setSimulate] = useState<SimulateFn | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    loadSimulator().then(
      (fn) => setSimulate(() => fn),
      (error: unknown) => setLoadError(`The simulator could not be loaded: ${String(error)}`),
    );
  }, []);
  const run = useMemo(
    () => (simulate ? runScenario(toJsonText(raw), null, simulate) : null),
    [raw, simulate],
  );
  const trace = run?.trace ?? null;
  useReportHeight(run !== null || loadError !== null);

  return (
    <main className="embed" ref={rootRef} data-testid="embed" data-controls={params.controls}>
      <h1 className="visually-hidden">MQTT QoS Lab: an MQTT QoS handshake, step by step</h1>
      <UrlNotice
        notices={notices}
        intro="Some parameters could not be used; defaults stand in:"
        className="embed-notice"
        onDismiss={() => setNotices([])}
      />
      {trace ? (
        <EmbedWorkspace
          trace={trace}
          params={params}
          inView={inView}
          onScenario={(faults) => setRaw((prev) => ({ ...prev, faults }))}
        />
      ) : (
        <p role="status">{loadError ?? run?.problems.join("; ") ?? "Loading the simulator…"}</p>
      )}
      <p className="embed-footer">
        <a
          href={`./${trace ? writeUrl(trace.scenario) : ""}`}
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

interface EmbedWorkspaceProps {
  trace: Trace;
  params: EmbedParams;
  inView: boolean;
  onScenario(faults: Trace["scenario"]["faults"]): void;
}

/** The time window a locked step range allows: [from, to] in simulated ms. */
function windowOf(steps: readonly Step[], duration: number, range: EmbedParams["steps"]) {
  if (!range || steps.length === 0) return { from: 0, to: duration };
  const at = (n: number) => (steps[Math.min(n, steps.length) - 1] as Step).t;
  return { from: at(range.from), to: at(range.to) };
}

function EmbedWorkspace({ trace, params, inView, onScenario }: EmbedWorkspaceProps) {
  const stageRef = useRef<HTMLDivElement>(null);
  const width = Math.max(MIN_DIAGRAM_WIDTH, useWidth(stageRef, 720));
  const diagram = useMemo(() => layoutOf(trace, { width }), [trace, width]);
  const steps = useMemo(() => stepsOf(trace), [trace]);
  const explanations = useMemo(() => explainOutcome(trace), [trace]);
  const narration = useMemo(() => (params.controls === "full" ? narrateAll(trace) : []), [trace, params]);
  const { from, to } = windowOf(steps, diagram.duration, params.steps);
  // Playback runs on time relative to the locked window's start.
  const source = useMemo<PlaybackSource>(
    () => ({
      duration: to - from,
      stepTimes: [...new Set(steps.map((s) => s.t))].filter((t) => t >= from && t <= to).map((t) => t - from),
      yOf: (t) => diagram.yOf(t + from),
      tOf: (y) => diagram.tOf(y) - from,
    }),
    [diagram, steps, from, to],
  );
  const playback = usePlayback(source, params.url.t === undefined ? undefined : params.url.t - from);
  const time = from + playback.time;
  const { playing, atEnd, restart } = playback;

  // Loop: start again whenever playing reaches the end of the window.
  const wasPlaying = useRef(false);
  useEffect(() => {
    if (params.loop && wasPlaying.current && !playing && atEnd) restart();
    wasPlaying.current = playing;
  }, [params.loop, playing, atEnd, restart]);

  // Autoplay waits until the embed is in view (and a reader who asked for reduced motion gets
  // the finished diagram); out of view, playing pauses and carries on when back.
  const [autoplay] = useState(() => params.autoplay && !prefersReducedMotion());
  usePlayWhileInView(inView, playback, autoplay);

  const stepIndex = lastStepAt(steps, time);
  const full = params.controls === "full";
  return (
    <div className="embed-stage" ref={stageRef} data-playing={String(playing)} data-in-view={String(inView)}>
      <VerdictPanel explanations={explanations} />
      {params.controls !== "none" && (
        <PlaybackBar playback={playback} duration={to - from} step={stepIndex + 1} steps={steps.length} />
      )}
      {full && (
        <p className="narration" aria-live="polite" data-testid="narration">
          {stepIndex >= 0 ? narration[stepIndex] : "Press Play. Click any packet to drop it."}
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
              onScenario(toggleDrop(trace.scenario, event).faults);
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

function lastStepAt(steps: readonly { t: number }[], t: number): number {
  let found = -1;
  steps.forEach((s, i) => {
    if (s.t <= t + 1e-6) found = i;
  });
  return found;
}
