/**
 * The course page's progress tools: export the progress as a file, import a progress file (each
 * problem named by its field; a bad file changes nothing, a good one is merged so nothing is lost),
 * and reset, after a confirmation.
 */
import { useId, useState } from "react";
import { formatLessonProblem } from "../../lessons/lesson.ts";
import { parseProgress, progressText, type Progress } from "../../lessons/progress.ts";
import { download } from "../../ui/explore/download.ts";
import type { ProgressAction } from "./progressStore.ts";

export const PROGRESS_FILE = "mqtt-qos-lab-progress.json";

type Outcome = { ok: true; message: string } | { ok: false; file: string; problems: string[] } | null;

export function ProgressTools({
  progress,
  dispatch,
  problem,
}: {
  progress: Progress;
  dispatch(action: ProgressAction): void;
  problem: string | null;
}) {
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [confirming, setConfirming] = useState(false);
  const inputId = useId();
  const started = Object.keys(progress.lessons).length;

  const onFile = async (file: File) => {
    const parsed = parseProgress(await file.text());
    if (!parsed.ok) {
      setOutcome({ ok: false, file: file.name, problems: parsed.problems.map(formatLessonProblem) });
      return;
    }
    dispatch({ type: "import", progress: parsed.progress });
    const n = Object.keys(parsed.progress.lessons).length;
    setOutcome({
      ok: true,
      message: `Imported progress for ${n} lesson${n === 1 ? "" : "s"} from ${file.name}.`,
    });
  };

  return (
    <section className="progress-tools" aria-label="Your progress" data-testid="progress.tools">
      <h3>Your progress</h3>
      <p className="muted">
        Kept in this browser ({started} lesson{started === 1 ? "" : "s"} started). Export it to move it to
        another browser or to keep it.
      </p>
      {problem !== null && (
        <p role="alert" data-testid="progress.problem">
          {problem}
        </p>
      )}
      <div className="progress-buttons">
        <button
          type="button"
          onClick={() => download(PROGRESS_FILE, progressText(progress), "application/json")}
          data-testid="progress.export"
        >
          Export progress
        </button>
        <label htmlFor={inputId} className="button-like">
          Import progress…
        </label>
        <input
          id={inputId}
          type="file"
          accept="application/json,.json"
          className="visually-hidden"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = "";
            if (file) void onFile(file);
          }}
          data-testid="progress.import"
        />
        {confirming ? (
          <span className="progress-confirm" role="group" aria-label="Confirm reset">
            Forget the progress of every lesson?{" "}
            <button
              type="button"
              className="danger"
              onClick={() => {
                dispatch({ type: "reset" });
                setConfirming(false);
                setOutcome({ ok: true, message: "Progress reset." });
              }}
              data-testid="progress.reset.confirm"
            >
              Reset progress
            </button>{" "}
            <button type="button" onClick={() => setConfirming(false)} data-testid="progress.reset.cancel">
              Cancel
            </button>
          </span>
        ) : (
          <button type="button" onClick={() => setConfirming(true)} data-testid="progress.reset">
            Reset progress…
          </button>
        )}
      </div>
      <div aria-live="polite" data-testid="progress.outcome">
        {outcome?.ok === true && <p>{outcome.message}</p>}
        {outcome?.ok === false && (
          <div className="problems">
            <p>{outcome.file} is not a progress file this lab can read; your progress is unchanged:</p>
            <ul>
              {outcome.problems.map((p, i) => (
                <li key={`${i}:${p}`}>{p}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </section>
  );
}
