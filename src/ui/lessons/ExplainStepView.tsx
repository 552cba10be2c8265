/**
 * An `explain` step: its Markdown text, the specification statements it rests on, and, when it
 * asks for them, statistics figures computed by src/stats for the step's scenario at QoS 0, 1 and
 * 2 (never typed into the lesson). The figures are computed after the text is on screen.
 */
import { useEffect, useState, type RefObject } from "react";
import type { Scenario } from "../../sim/types.ts";
import { statisticsFigure, textOf, type ExplainStep, type StatisticsFigure } from "./core.ts";
import { Markdown } from "./Markdown.tsx";
import { StatisticsTable } from "./StatisticsTable.tsx";
import type { StepWalk } from "./walk.ts";

export interface ExplainStepViewProps {
  step: ExplainStep;
  scenario: Scenario | null;
  walkRef: RefObject<StepWalk | null>;
}

export function ExplainStepView({ step, scenario, walkRef }: ExplainStepViewProps) {
  const { statistics } = step;
  const [figure, setFigure] = useState<StatisticsFigure | string | null>(null);
  useEffect(() => {
    if (!statistics || !scenario) return;
    // After the text is drawn: ten thousand messages at three QoS take a moment.
    const timer = window.setTimeout(() => {
      try {
        setFigure(statisticsFigure(scenario, statistics));
      } catch (error) {
        setFigure(
          `The statistics could not be computed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }, 0);
    return () => clearTimeout(timer);
  }, [scenario, statistics]);
  useEffect(() => {
    walkRef.current = { forward: () => false, back: () => false };
    return () => {
      walkRef.current = null;
    };
  });
  return (
    <div className="lesson-step lesson-explain" data-testid="lesson.explain">
      <Markdown text={textOf(step.text)} className="lesson-text" />
      {step.spec && step.spec.length > 0 && (
        <p className="lesson-spec" data-testid="lesson.spec">
          MQTT specification:{" "}
          {step.spec.map((id, i) => (
            <span key={id}>
              {i > 0 && ", "}
              <code>{id}</code>
            </span>
          ))}
        </p>
      )}
      {statistics &&
        (figure === null ? (
          <p role="status" className="muted">
            Computing {statistics.messages.toLocaleString("en")} messages at {statistics.lossPercent} % loss…
          </p>
        ) : typeof figure === "string" ? (
          <p role="alert">{figure}</p>
        ) : (
          <StatisticsTable figure={figure} statistics={statistics} />
        ))}
    </div>
  );
}
