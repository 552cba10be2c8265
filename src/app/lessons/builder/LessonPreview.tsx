/**
 * Preview: the built lesson in the lesson runner, exactly as a learner opening its link gets it
 * (the course page reads `lessonData`, validates it and opens the runner), in a dialog over the
 * builder. The page is framed from this lab's own origin (`frame-src 'self'`, scripts/csp.ts).
 */
import { useEffect, useId, useRef } from "react";
import { lessonLink } from "../import/lessonData.ts";

export default function LessonPreview({ text, onClose }: { text: string; onClose(): void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={dialogRef}
      className="lb-preview"
      aria-labelledby={headingId}
      onClose={onClose}
      data-testid="lesson-builder.preview-dialog"
    >
      <div className="lb-head">
        <h2 id={headingId}>Preview: the lesson as a learner opens its link</h2>
        <button
          type="button"
          onClick={() => dialogRef.current?.close()}
          data-testid="lesson-builder.preview-close"
        >
          Close
        </button>
      </div>
      <iframe
        className="lb-preview-frame"
        src={lessonLink(text, window.location.href)}
        title="Preview of the lesson in the lesson runner"
        data-testid="lesson-builder.preview-frame"
      />
    </dialog>
  );
}
