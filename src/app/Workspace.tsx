import { Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
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
import type { WhyShown } from "../ui/TracePanels.tsx";
import { useFollowPlayhead } from "./useFollowPlayhead.ts";

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
  // The verdict whose causes the diagram shows; one chosen on another trace is forgotten.
  const [chosenWhy, setWhy] = useState<WhyShown | null>(null);
  const why = chosenWhy?.trace === trace ? chosenWhy : null;

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
            <panels.TraceVerdict trace={trace} why={why} onWhy={setWhy} />
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
            highlight={why?.indexes}
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
