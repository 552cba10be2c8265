/**
 * A `task` step (your turn): the live diagram of the learner's own scenario. Clicking a packet
 * drops or restores it, the set-up form offers only what the task's `may` allows (the rest shown
 * locked), and every change is checked at once against the goal (each part ticked as it holds).
 * Hint shows the hint; "Show solution" plays the lesson's solution.
 */
import { useEffect, useMemo, useState, type RefObject } from "react";
import { toggleDrop } from "../../sim/interventions.ts";
import type { Scenario, Trace } from "../../sim/types.ts";
import { setupOf, type Setup } from "../../share/setup.ts";
import type { Engine } from "../useEngine.ts";
import { SetupForm } from "../SetupForm.tsx";
import { checkGoal, lockedChange, solutionScenario, textOf, type StepAnswer, type TaskStep } from "./core.ts";
import { Markdown } from "./Markdown.tsx";
import { StepStage, useStepDiagram } from "./StepStage.tsx";
import { formUnlocked, lockedFields, withSetup } from "./taskControls.ts";
import type { StepWalk } from "./walk.ts";

export interface TaskStepViewProps {
  step: TaskStep;
  start: Scenario;
  engine: Engine;
  /** The learner's earlier result (progress): a solved task says so. */
  answered: StepAnswer | undefined;
  onAnswer(answer: StepAnswer): void;
  presenting: boolean;
  walkRef: RefObject<StepWalk | null>;
  scrollRef: RefObject<HTMLDivElement | null>;
}

export function TaskStepView(props: TaskStepViewProps) {
  const { step, start, engine, answered, onAnswer, presenting, walkRef, scrollRef } = props;
  const [scenario, setScenario] = useState(start);
  const [refused, setRefused] = useState<string | null>(null);
  const [hint, setHint] = useState(false);
  const [solutionShown, setSolutionShown] = useState(false);
  const trace: Trace = useMemo(() => engine(scenario), [engine, scenario]);
  const goal = useMemo(() => checkGoal(step, start, scenario, trace), [step, start, scenario, trace]);
  const view = useStepDiagram(trace, presenting);
  const { playback } = view;
  const { toEnd, restart, play } = playback;
  const locked = useMemo(() => lockedFields(step.may), [step.may]);

  // The whole start is drawn at once: the learner looks for the packet to drop.
  useEffect(() => {
    toEnd();
    // On entering the step only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  // Reached by the learner's own changes: recorded once (the solution shown first does not count).
  const solved = goal.met && !solutionShown;
  useEffect(() => {
    if (solved && answered?.correct !== true) onAnswer({ choice: ["solved"], correct: true });
  }, [solved, answered, onAnswer]);

  useEffect(() => {
    walkRef.current = { forward: () => false, back: () => false };
    return () => {
      walkRef.current = null;
    };
  });

  const change = (next: Scenario) => {
    const reason = lockedChange(step, start, next);
    setRefused(reason);
    if (reason === null) setScenario(next);
  };
  const onToggle = (index: number) => {
    const event = trace.events[index];
    if (event?.type === "packet") change(toggleDrop(scenario, event));
  };
  const onSetup = (setup: Setup) => {
    const next = withSetup(scenario, setup);
    if (next) change(next);
    else setRefused("That set-up is not a valid scenario");
  };
  const showSolution = () => {
    setSolutionShown(true);
    setRefused(null);
    setScenario(solutionScenario(step, start));
    if (!goal.met && answered === undefined) onAnswer({ choice: ["solution shown"], correct: false });
    restart();
    play();
  };
  const reset = () => {
    setSolutionShown(false);
    setRefused(null);
    setScenario(start);
  };

  return (
    <div className="lesson-step lesson-task" data-testid="lesson.task">
      <StepStage trace={trace} view={view} outcome="shown" onToggle={onToggle} scrollRef={scrollRef}>
        <Markdown text={textOf(step.text)} className="lesson-text" />
        <div className="lesson-goal" data-testid="lesson.goal">
          <p className="lesson-goal-head" role="status" data-testid="lesson.goal.status">
            {goal.met
              ? solutionShown
                ? "The solution reaches the goal."
                : "Goal reached. Well done."
              : answered?.correct
                ? "You reached this goal before; try it again or go on."
                : "Your goal:"}
          </p>
          <ul className="lesson-goal-parts">
            {goal.parts.map((part) => (
              <li key={part.text} className={part.met ? "is-met" : "is-open"} data-met={String(part.met)}>
                <span aria-hidden="true">{part.met ? "✓" : "○"}</span> {part.text}
                <span className="visually-hidden">{part.met ? " (met)" : " (not yet)"}</span>
              </li>
            ))}
          </ul>
          <p className="muted">
            {step.may.includes("drop")
              ? "Click or press Enter on a packet to drop it; again to restore it."
              : "Packets cannot be dropped in this task."}
            {formUnlocked(step.may)
              ? " The set-up fields you may change are below; the others are locked."
              : ""}
          </p>
          {refused !== null && (
            <p className="lesson-refused" role="alert" data-testid="lesson.refused">
              {refused}.
            </p>
          )}
          <div className="lesson-task-tools">
            <button
              type="button"
              aria-expanded={hint}
              onClick={() => setHint((h) => !h)}
              data-testid="lesson.hint"
            >
              Hint
            </button>
            <button type="button" onClick={showSolution} data-testid="lesson.solution">
              Show solution
            </button>
            <button type="button" onClick={reset} disabled={scenario === start} data-testid="lesson.reset">
              Start again
            </button>
          </div>
          {hint && <Markdown text={textOf(step.hint)} className="lesson-hint" testId="lesson.hint.text" />}
        </div>
        {formUnlocked(step.may) && <SetupForm setup={setupOf(scenario)} onChange={onSetup} locked={locked} />}
      </StepStage>
    </div>
  );
}
