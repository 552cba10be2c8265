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
// The element shows no bytes: the engine without the packet encoder keeps mqtt-packet out of it.
import { runWithoutBytes } from "../sim/deferredBytes.ts";
// One file, nothing loaded later: the profile records come with it (a `profiles` attribute).
import { PROFILE_SUPPORT } from "../sim/profileSupport.ts";
import { toggleDrop } from "../sim/interventions.ts";
import type { ElementOptions } from "../share/attributes.ts";
import type { Scenario } from "../sim/types.ts";
import { ErrorBoundary } from "../ui/ErrorBoundary.tsx";
import { timelineOf } from "../ui/playbackModel.ts";
import { usePlayback } from "../ui/usePlayback.ts";
import { DROP_HINT, noticeIntro, PLAYBACK_WORDS } from "../share/displayVocabulary.ts";

interface HandshakeViewProps {
  options: ElementOptions;
  /** Attributes that could not be used (their defaults stand in), told as the embed tells its own. */
  problems?: readonly string[] | undefined;
}

export function HandshakeView({ options, problems = [] }: HandshakeViewProps) {
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
    <>
      <AttributeNotice problems={problems} />
      <ErrorBoundary what="mqtt-qos-handshake" onRestore={onRestore} onDrawn={onDrawn} resetKey={scenario}>
        <HandshakeFigure options={options} scenario={scenario} onScenario={setScenario} />
      </ErrorBoundary>
    </>
  );
}

interface HandshakeFigureProps {
  options: ElementOptions;
  scenario: Scenario;
  onScenario(scenario: Scenario): void;
}

function HandshakeFigure({ options, scenario, onScenario }: HandshakeFigureProps) {
  const { width, controls, autoplay, loop } = options;
  const trace = useMemo(() => runWithoutBytes(scenario, {}, PROFILE_SUPPORT), [scenario]);
  const diagram = useMemo(() => layout(trace, { width }), [trace, width]);
  const explanations = useMemo(() => explainOutcome(trace), [trace]);
  const steps = useMemo(() => stepsOf(trace), [trace]);
  const track = useMemo(() => timelineOf(diagram, steps), [diagram, steps]);
  const figureRef = useRef<HTMLElement>(null);
  // Autoplay waits until the element is on screen; out of view, playing pauses and carries on
  // when back. step="N": the handshake as it stands at its N-th step (the end when it has fewer).
  // The keys work only within the element: it shares its page with others.
  const playback = usePlayback(track, {
    steps: options.steps,
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
      {controls === "full" && <p className="hint">{DROP_HINT}</p>}
      {controls !== "none" && (
        // The app's playback bar's words (share/vocabulary.ts), so a reader meets one set of names.
        <div className="controls" role="group" aria-label={PLAYBACK_WORDS.group}>
          <button type="button" onClick={playback.previous} data-action="previous">
            {PLAYBACK_WORDS.previous}
          </button>
          <button type="button" onClick={playback.toggle} data-action="play" aria-pressed={playback.playing}>
            {playback.playing ? PLAYBACK_WORDS.pause : PLAYBACK_WORDS.play}
          </button>
          <button type="button" onClick={playback.next} data-action="next">
            {PLAYBACK_WORDS.next}
          </button>
        </div>
      )}
      <figcaption className="verdicts">
        {explanations.map((e) => (
          <p key={e.message} className={`verdict is-${e.verdict}`} data-verdict={e.verdict}>
            {/* The app's and the embed's words (ui/VerdictPanel.tsx): "Message 1: processed once." */}
            <strong>
              Message {e.message}: {e.headline}.
            </strong>{" "}
            {e.why}
          </p>
        ))}
      </figcaption>
    </figure>
  );
}

/**
 * The attributes that could not be used, one line each naming the attribute; dismissible, as the
 * embed's notice is. The drawing below uses their defaults, as the embed does for a parameter.
 */
function AttributeNotice({ problems }: { problems: readonly string[] }) {
  const [dismissed, setDismissed] = useState(false);
  if (problems.length === 0 || dismissed) return null;
  return (
    <div className="problems" role="alert">
      <p>{noticeIntro("element")}</p>
      <ul>
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      <button type="button" onClick={() => setDismissed(true)}>
        Dismiss
      </button>
    </div>
  );
}

/** The element could not be drawn at all (an unexpected error), in one line per problem. */
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
