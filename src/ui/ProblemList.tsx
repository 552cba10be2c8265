/** The problems of the current scenario JSON; the region stays mounted so screen readers hear changes. */
import { memo } from "react";

export const ProblemList = memo(function ProblemList({ problems }: { problems: readonly string[] }) {
  return (
    <div
      role="alert"
      className={problems.length ? "problems" : "problems empty"}
      data-testid="problems.alert"
    >
      {problems.length > 0 ? (
        <>
          <p className="problems-title">This scenario cannot run; showing the last valid trace.</p>
          <ul>
            {problems.map((problem, index) => (
              <li key={index}>
                <code>{problem}</code>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
});
