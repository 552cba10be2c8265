/**
 * The problems of the current scenario JSON, each with the field it is about first; the region
 * stays mounted so screen readers hear changes. Shown where the problem was made: next to the
 * JSON editor for what was typed there, under the set-up for the rest (App decides).
 */
import { memo } from "react";

/** "faults[0].packet: expected …" → the field and the message (formatProblem's shape). */
export function splitProblem(problem: string): { field: string | null; message: string } {
  const match = /^([\w$.[\]-]+): ([\s\S]*)$/.exec(problem);
  if (!match) return { field: null, message: problem };
  const [, field = "", message = ""] = match;
  // The root path is written "scenario": the problem is with the whole text, not one field.
  return { field: field === "scenario" ? "the scenario as a whole" : field, message };
}

export const ProblemList = memo(function ProblemList({
  problems,
  id,
}: {
  problems: readonly string[];
  /** For the editor's aria-describedby. */
  id?: string;
}) {
  return (
    <div
      role="alert"
      id={id}
      className={problems.length ? "problems" : "problems empty"}
      data-testid="problems.alert"
    >
      {problems.length > 0 ? (
        <>
          <p className="problems-title">This scenario cannot run; showing the last valid trace.</p>
          <ul>
            {problems.map((problem, index) => {
              const { field, message } = splitProblem(problem);
              return (
                <li key={index} data-field={field ?? undefined}>
                  {field !== null && (
                    <>
                      <code className="problem-field">{field}</code>:{" "}
                    </>
                  )}
                  <code>{message}</code>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </div>
  );
});
