/**
 * What Finish gives: the validator's verdict, the problems no field holds, the lesson's JSON, and
 * (once valid) download as `<id>.json`, a link carrying the lesson, and a preview in the runner.
 * A link longer than MAX_LESSON_LINK is not offered (nor the preview, which frames it): the message
 * says so and points to the file.
 */
import { lazy, Suspense, useState } from "react";
import { CopyButton } from "../../CopyButton.tsx";
import { lessonLink, MAX_LESSON_LINK } from "../import/lessonData.ts";
import type { PathProblem } from "./problemPlaces.ts";
import type { CheckedDraft } from "./validateDraft.ts";

const LessonPreview = lazy(() => import("./LessonPreview.tsx"));

function download(text: string, name: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // After the click has handed the blob to the download.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function warningWords(n: number): string {
  return n === 0 ? "" : ` ${n} warning${n === 1 ? "" : "s"}: it may not work as taught (beside the fields).`;
}

export function FinishPanel({ checked, rest }: { checked: CheckedDraft; rest: readonly PathProblem[] }) {
  const [previewing, setPreviewing] = useState(false);
  const fileName = `${checked.id || "lesson"}.json`;
  const link = checked.ok ? lessonLink(checked.text, window.location.href) : "";
  const count = checked.problems.length;
  return (
    <div className="lb-finished" data-testid="lesson-builder.finished">
      <p role="status" className={checked.ok ? "lb-ok" : "lb-bad"} data-testid="lesson-builder.verdict">
        {checked.ok
          ? `The lesson is valid: ${checked.steps} step${checked.steps === 1 ? "" : "s"}.${warningWords(checked.warnings.length)}`
          : `${count} problem${count === 1 ? "" : "s"} to fix; each is named beside its field${rest.length > 0 ? " or below" : ""}.`}
      </p>
      {rest.length > 0 && (
        <ul className="lb-problems" data-testid="lesson-builder.problems">
          {rest.map((p, i) => (
            <li key={i}>
              <code>{p.path || "(the lesson)"}</code>: {p.message}
            </li>
          ))}
        </ul>
      )}
      {checked.ok && (
        <div className="lb-share">
          <button
            type="button"
            onClick={() => download(checked.text, fileName)}
            data-testid="lesson-builder.download"
          >
            Download {fileName}
          </button>
          {link.length <= MAX_LESSON_LINK ? (
            <>
              <CopyButton
                label="Copy lesson link"
                done="Lesson link copied"
                text={() => link}
                testId="lesson-builder.copy-link"
              />
              <button type="button" onClick={() => setPreviewing(true)} data-testid="lesson-builder.preview">
                Preview
              </button>
            </>
          ) : (
            // The preview frames the link: past the limit, the file is the way in.
            <p className="lb-bad" data-testid="lesson-builder.link-too-long">
              A link to this lesson would be {link.length.toLocaleString("en")} characters; servers refuse
              links over {MAX_LESSON_LINK.toLocaleString("en")}. Share the file instead ({fileName}); to
              preview it, open the file under Lessons, Open a lesson file.
            </p>
          )}
        </div>
      )}
      <pre className="lb-json" tabIndex={0} aria-label="The lesson's JSON" data-testid="lesson-builder.json">
        <code>{checked.text}</code>
      </pre>
      {previewing && checked.ok && (
        <Suspense fallback={<p role="status">Loading the preview…</p>}>
          <LessonPreview text={checked.text} onClose={() => setPreviewing(false)} />
        </Suspense>
      )}
    </div>
  );
}
