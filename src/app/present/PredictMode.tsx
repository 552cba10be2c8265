/**
 * Predict, then reveal (loaded when first used): playback starts at t = 0 with the outcome hidden,
 * stops before the decisive moment (explain/predict.ts) and asks what will happen; the room's
 * answer (entered by the trainer, or a learner's own) is then compared with what the simulator
 * did, once playback has revealed it. A packet dropped meanwhile replays from just before it.
 */
import { useEffect, useId, useMemo, useState } from "react";
import {
  compareAnswers,
  HAND_ON_CHOICES,
  predictStop,
  PROCESSED_CHOICES,
  questionOf,
  rightAnswer,
  type Answer,
  type HandOn,
} from "../../explain/predict.ts";
import type { Step } from "../../sim/steps.ts";
import type { Fault, Trace, Verdict } from "../../sim/types.ts";
import type { Playback } from "../../ui/usePlayback.ts";
import "./modes.css";

/** How far the outcome is shown: hidden, being played out after an answer, or shown. */
export type OutcomeStatus = "hidden" | "playing" | "shown";

export interface PredictModeProps {
  trace: Trace;
  steps: readonly Step[];
  playback: Playback;
  /** When the trace came from a packet dropped in this mode: that packet's send time. */
  droppedAt: number | null;
  onStatus(trace: Trace, status: OutcomeStatus): void;
}

const EPSILON = 1e-6;

/** One trace's round: where it replays from, the room's answer, whether the outcome was reached. */
interface Round {
  trace: Trace;
  replayFrom: number | null;
  answer: Answer | null;
  reached: boolean;
}

function faultWords(fault: Fault): string {
  const hop = fault.hop === "broker-subscriber" ? " to the subscriber" : "";
  const message = fault.message === undefined ? "" : ` of message ${fault.message}`;
  const attempt = fault.attempt !== undefined && fault.attempt > 1 ? ` (copy ${fault.attempt})` : "";
  return `${fault.packet}${message}${attempt}${hop}`;
}

const PROCESSED_WORDS: Record<Verdict, string> = {
  once: "once",
  duplicated: "twice or more",
  lost: "not at all",
};
const HAND_ON_WORDS: Record<HandOn, string> = {
  PUBLISH: "on PUBLISH",
  PUBREL: "on PUBREL",
  never: "never",
};

/** The last step time before `t`, or `from` when there is none. */
function instantBefore(steps: readonly Step[], t: number, from: number): number {
  let before = from;
  for (const step of steps) if (step.t < t - EPSILON) before = step.t;
  return before;
}

export default function PredictMode({ trace, steps, playback, droppedAt, onStatus }: PredictModeProps) {
  const [round, setRound] = useState<Round>(() => ({
    trace,
    replayFrom: null,
    answer: null,
    reached: false,
  }));
  const [draft, setDraft] = useState<Partial<Answer>>({});
  // A new trace is a new round, asked again; a drop replays from just before the packet dropped.
  if (round.trace !== trace) {
    const replayFrom = droppedAt === null ? null : instantBefore(steps, droppedAt, playback.from);
    setRound({ trace, replayFrom, answer: null, reached: false });
    setDraft({});
  }
  const found = useMemo(() => predictStop(trace, steps), [trace, steps]);
  const question = useMemo(() => questionOf(trace, steps), [trace, steps]);
  const right = useMemo(() => rightAnswer(trace, question), [trace, question]);
  // A drop after the decisive moment is asked about where the replay starts.
  const stop = Math.max(found.t, round.replayFrom ?? -Infinity);

  const { time, atEnd } = playback;
  const { seek, pause, play } = playback;
  // Not past the question before it is answered: Next, the scrubber and playing all stop there.
  useEffect(() => {
    if (round.answer === null && time > stop + EPSILON) {
      pause();
      seek(stop);
    }
  }, [round.answer, time, stop, pause, seek]);
  // Declared after the guard, so that entering the mode at the end lands at t = 0, not the stop.
  // Each round starts at its beginning (t = 0, or just before the dropped packet), paused for the
  // trainer unless it replays a drop.
  useEffect(() => {
    if (round.replayFrom === null) {
      pause();
      seek(playback.from);
    } else {
      seek(round.replayFrom);
      // A drop before the decisive moment plays on to the question; a later one is asked at once.
      if (round.replayFrom < found.t) play();
    }
    // Once per round: playback's own changes must not restart it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [round.trace]);

  const asking = round.answer === null && time >= stop - EPSILON;
  // Once the end is reached the outcome stays shown, even if the trainer steps back through it.
  const reached = round.answer !== null && (round.reached || atEnd);
  if (reached && !round.reached) setRound({ ...round, reached: true });
  const status: OutcomeStatus = round.answer === null ? "hidden" : reached ? "shown" : "playing";
  useEffect(() => onStatus(trace, status), [trace, status, onStatus]);

  const answer = (given: Answer) => {
    setRound((r) => ({ ...r, answer: given }));
    // Play at the end would start again from the beginning: there is nothing left to play out.
    if (!atEnd) play();
  };
  const complete = draft.processed !== undefined && (!question.asksHandOn || draft.handOn !== undefined);
  const again = () => {
    setRound((r) => ({ ...r, replayFrom: null, answer: null, reached: false }));
    setDraft({});
    pause();
    seek(playback.from);
  };

  const headingId = useId();
  const faults = trace.scenario.faults;
  const plan = faults.length === 0 ? "No packet is lost." : `Lost: ${faults.map(faultWords).join(", ")}.`;
  const receiver = trace.scenario.subscriber ? "subscriber's" : "broker's";
  return (
    <section className="predict" aria-labelledby={headingId} data-testid="predict">
      <h2 id={headingId} className="predict-heading">
        Predict, then reveal
      </h2>
      {round.answer === null ? (
        <>
          <p className="predict-plan" data-testid="predict.plan">
            {plan}{" "}
            {asking
              ? "What will happen?"
              : "Playback stops before the decisive moment to ask the room: press Play or Next."}
          </p>
          {asking && (
            <div className="predict-question" data-testid="predict.question">
              <Choices
                legend={`How many times will the ${receiver} application process message ${question.message}?`}
                choices={PROCESSED_CHOICES}
                value={draft.processed}
                onPick={(processed) => setDraft((d) => ({ ...d, processed }))}
                testId="predict.processed"
              />
              {question.asksHandOn && (
                <Choices
                  legend="Where does the broker hand it on?"
                  choices={HAND_ON_CHOICES}
                  value={draft.handOn}
                  onPick={(handOn) => setDraft((d) => ({ ...d, handOn }))}
                  testId="predict.handOn"
                />
              )}
              <button
                type="button"
                className="primary"
                disabled={!complete}
                onClick={() =>
                  draft.processed && answer({ processed: draft.processed, handOn: draft.handOn })
                }
                data-testid="predict.reveal"
              >
                Reveal
              </button>
            </div>
          )}
        </>
      ) : (
        <Result
          given={round.answer}
          right={right}
          message={question.message}
          shown={reached}
          onShowNow={playback.toEnd}
          onAgain={again}
        />
      )}
    </section>
  );
}

interface ChoicesProps<T extends string> {
  legend: string;
  choices: readonly { value: T; label: string }[];
  value: T | undefined;
  onPick(value: T): void;
  testId: string;
}

function Choices<T extends string>({ legend, choices, value, onPick, testId }: ChoicesProps<T>) {
  return (
    <fieldset className="predict-choices" data-testid={testId}>
      <legend>{legend}</legend>
      {choices.map((choice) => (
        <button
          key={choice.value}
          type="button"
          aria-pressed={value === choice.value}
          onClick={() => onPick(choice.value)}
          data-value={choice.value}
        >
          {choice.label}
        </button>
      ))}
    </fieldset>
  );
}

interface ResultProps {
  given: Answer;
  right: Answer;
  message: number;
  shown: boolean;
  onShowNow(): void;
  onAgain(): void;
}

function Result({ given, right, message, shown, onShowNow, onAgain }: ResultProps) {
  if (!shown) {
    return (
      <p className="predict-plan" role="status">
        The room said: processed {PROCESSED_WORDS[given.processed]}
        {given.handOn && `, handed on ${HAND_ON_WORDS[given.handOn]}`}. Playing out what happens…{" "}
        <button type="button" onClick={onShowNow} data-testid="predict.showNow">
          Show the outcome now
        </button>
      </p>
    );
  }
  const judged = compareAnswers(given, right);
  return (
    <div className="predict-result" role="status" data-testid="predict.result">
      <p className={judged.processed ? "is-right" : "is-wrong"} data-testid="predict.result.processed">
        <strong>{judged.processed ? "Right" : "Not quite"}:</strong> the room said{" "}
        {PROCESSED_WORDS[given.processed]}; the application processed message {message}{" "}
        {PROCESSED_WORDS[right.processed]}.
      </p>
      {judged.handOn !== undefined && right.handOn && given.handOn && (
        <p className={judged.handOn ? "is-right" : "is-wrong"} data-testid="predict.result.handOn">
          <strong>{judged.handOn ? "Right" : "Not quite"}:</strong> the room said{" "}
          {HAND_ON_WORDS[given.handOn]}; the broker handed it on {HAND_ON_WORDS[right.handOn]}.
        </p>
      )}
      <button type="button" onClick={onAgain} data-testid="predict.again">
        Ask again
      </button>
    </div>
  );
}
