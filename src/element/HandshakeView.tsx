/**
 * What <mqtt-qos-handshake> draws inside its shadow root: the sequence diagram (the still
 * picture, drawn at the playback time), the verdict line and, optionally, play/pause and step.
 * The picture is SequenceDiagram's still one, built by React as DOM nodes: the scenario's text
 * (topics, payloads) is never parsed as markup on the host's page. With controls="full" each
 * arrow is a toggle button. Ids are unique per element (React's useId).
 */
import { useCallback, useMemo, useRef, useState } from "react";
import { layout } from "../diagram/layout.ts";
import { SequenceDiagram } from "../ui/diagram/SequenceDiagram.tsx";
import { stepsOf } from "../sim/steps.ts";
import { describeOutcome, describeScenario } from "../export/describe.ts";
import { explainOutcome } from "../explain/verdict.ts";
import { runScenario } from "../sim/engine.ts";
import { toggleDrop } from "../sim/interventions.ts";
import type { ElementOptions } from "../share/attributes.ts";
import type { Scenario } from "../sim/types.ts";
import { ErrorBoundary } from "../ui/ErrorBoundary.tsx";
import { timelineOf } from "../ui/playbackModel.ts";
import { usePlayback } from "../ui/usePlayback.ts";

export function HandshakeView({ options }: { options: ElementOptions }) {
  // controls="full": the reader drops and restores packets; the attributes' scenario is the start
  // (a changed attribute makes a new view, so the reader's drops never outlive it).
  const [scenario, setScenario] = useState(options.scenario);
  // The last scenario drawn without failing: what "Restore the last good input" brings back.
  const lastGood = useRef(scenario);
  const onDrawn = useCallback(() => {
    lastGood.current = scenario;
  }, [scenario]);
  const onRestore = useCallback(() => setScenario(lastGood.current), []);
  // A failure stays inside the element; the host page and its other elements carry on.
  return (
    <ErrorBoundary what="mqtt-qos-handshake" onRestore={onRestore} onDrawn={onDrawn} resetKey={scenario}>
      <HandshakeFigure options={options} scenario={scenario} onScenario={setScenario} />
    </ErrorBoundary>
  );
}

interface HandshakeFigureProps {
  options: ElementOptions;
  scenario: Scenario;
  onScenario(scenario: Scenario): void;
}

function HandshakeFigure({ options, scenario, onScenario }: HandshakeFigureProps) {
  const { width, controls, autoplay, loop } = options;
  const trace = useMemo(() => runScenario(scenario), [scenario]);
  const diagram = useMemo(() => layout(trace, { width }), [trace, width]);
  const explanations = useMemo(() => explainOutcome(trace), [trace]);
  const steps = useMemo(() => stepsOf(trace), [trace]);
  const track = useMemo(() => timelineOf(diagram, steps), [diagram, steps]);
  const figureRef = useRef<HTMLElement>(null);
  // Autoplay waits until the element is on screen; out of view, playing pauses and carries on
  // when back. step="N": the handshake as it stands at its N-th step (the end when it has fewer).
  // The keys work only within the element: it shares its page with others.
  const playback = usePlayback(track, {
    start: options.step === undefined ? undefined : { step: options.step },
    autoplay,
    loop,
    viewRef: figureRef,
    keys: controls === "none" ? null : figureRef,
  });
  const { playing } = playback;
  // A drop or restore keeps the playback position (the end stays the end), as in the lab.
  const onToggle = (index: number) => {
    const event = trace.events[index];
    if (event?.type !== "packet") return;
    onScenario(toggleDrop(scenario, event));
  };

  const several = explanations.length > 1;
  const title = `Sequence diagram: ${describeScenario(scenario)}`;
  const description = `Time flows down; each arrow is a packet. ${describeOutcome(trace)}`;
  return (
    <figure className="handshake" ref={figureRef} data-playing={String(playing)}>
      <SequenceDiagram
        still
        layout={diagram}
        time={playback.time}
        title={title}
        description={description}
        onToggle={controls === "full" ? onToggle : undefined}
      />
      {controls === "full" && (
        <p className="hint">Click a packet, or focus it and press Enter, to drop it; again to restore it.</p>
      )}
      {controls !== "none" && (
        <div className="controls" role="group" aria-label="Playback">
          <button type="button" onClick={playback.toggle} data-action="play">
            {playback.playing ? "Pause" : playback.atEnd ? "Replay" : "Play"}
          </button>
          <button type="button" onClick={playback.previous} data-action="previous" aria-label="Step back">
            ◀
          </button>
          <button type="button" onClick={playback.next} data-action="next" aria-label="Step forward">
            ▶
          </button>
        </div>
      )}
      <figcaption className="verdicts">
        {explanations.map((e) => (
          <p key={e.message} className={`verdict is-${e.verdict}`} data-verdict={e.verdict}>
            <strong>{several ? `Message ${e.message}: ${e.headline}.` : `${capital(e.headline)}.`}</strong>{" "}
            {e.why}
          </p>
        ))}
      </figcaption>
    </figure>
  );
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Problems with the attributes, each naming the attribute and what was expected. */
export function ProblemView({ problems }: { problems: readonly string[] }) {
  return (
    <div className="problems" role="alert">
      <p>mqtt-qos-handshake: cannot draw this handshake.</p>
      <ul>
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </div>
  );
}
