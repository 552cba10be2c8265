/**
 * "Open a lesson file" on the course page: a file input and a drop zone, and the lesson a link
 * carries (`lessonData`). A good lesson is added to "Your lessons" and opened in the runner; a broken
 * one lists each problem with its field path and what was expected, and the page stays as it was.
 */
import { useEffect, useId, useRef, useState, type DragEvent } from "react";
import { textOf } from "../../../lessons/text.ts";
import {
  importLessonData,
  importLessonFile,
  importLessonText,
  type ImportProblem,
  type LessonImport,
} from "./importLesson.ts";
import {
  loadYourLessons,
  saveYourLessons,
  withLesson,
  withoutLesson,
  type YourLesson,
} from "./yourLessons.ts";
import "./lessonImport.css";

export type OpenedLesson = Extract<LessonImport, { ok: true }>;

interface LessonImportProps {
  /** A link's `lessonData`, read once when the page opens. */
  lessonData?: string | undefined;
  /** Opens a valid lesson in the runner. */
  onOpen(lesson: OpenedLesson): void;
  /** The link's lesson was read (opened or refused): it is not read again when this page returns. */
  onLinkRead?(): void;
}

const LINK_SOURCE = "This link's lesson";

interface Failure {
  /** What was opened: a file's name, or "This link's lesson". */
  source: string;
  problems: ImportProblem[];
}

export function LessonImport({ lessonData, onOpen, onLinkRead }: LessonImportProps) {
  const headingId = useId();
  const inputId = useId();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [yours, setYours] = useState<YourLesson[]>(loadYourLessons);
  const [dragging, setDragging] = useState(false);
  const [stored, setStored] = useState(true);

  const opened = (result: LessonImport, source: string) => {
    if (!result.ok) {
      setFailure({ source, problems: result.problems });
      return;
    }
    setFailure(null);
    const entry: YourLesson = {
      id: result.lesson.id,
      title: textOf(result.lesson.title),
      text: result.text,
      added: new Date().toISOString(),
    };
    update(withLesson(yours, entry));
    onOpen(result);
  };
  const update = (next: YourLesson[]) => {
    setYours(next);
    setStored(saveYourLessons(next));
  };
  const openedRef = useRef(opened);
  useEffect(() => {
    openedRef.current = opened;
  });

  const onLinkReadRef = useRef(onLinkRead);
  useEffect(() => {
    onLinkReadRef.current = onLinkRead;
  });
  // The link's lesson, once (StrictMode's second effect run finds it handled).
  const linkRead = useRef(false);
  useEffect(() => {
    if (lessonData === undefined || linkRead.current) return;
    linkRead.current = true;
    openedRef.current(importLessonData(lessonData), LINK_SOURCE);
    onLinkReadRef.current?.();
  }, [lessonData]);
  // The problems are at the foot of the course page: a link's refusal is brought into view.
  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (failure?.source === LINK_SOURCE) alertRef.current?.scrollIntoView({ block: "center" });
  }, [failure]);

  const openFile = async (file: File | undefined) => {
    if (!file) return;
    opened(await importLessonFile(file), `“${file.name}”`);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void openFile(e.dataTransfer.files[0]);
  };

  return (
    <section className="lesson-import" aria-labelledby={headingId} data-testid="lesson-import">
      <h2 id={headingId}>Open a lesson file</h2>
      <div
        className={`li-drop${dragging ? " dragging" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="lesson-import.drop"
      >
        <label htmlFor={inputId}>
          A lesson's JSON file (from the lesson builder or a colleague); or drop it here
        </label>
        <input
          id={inputId}
          type="file"
          accept=".json,application/json"
          onChange={(e) => {
            void openFile(e.target.files?.[0]);
            e.target.value = "";
          }}
          data-testid="lesson-import.file"
        />
      </div>
      {failure && (
        <div ref={alertRef} role="alert" className="li-problems" data-testid="lesson-import.problems">
          <p>
            {failure.source} cannot be opened as a lesson: {failure.problems.length} problem
            {failure.problems.length === 1 ? "" : "s"}. Nothing else changed.
          </p>
          <ul>
            {failure.problems.map((p, i) => (
              <li key={i} data-testid="lesson-import.problem">
                {p.path !== "" && (
                  <>
                    <code>{p.path}</code>:{" "}
                  </>
                )}
                {p.message}
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => setFailure(null)}>
            Dismiss
          </button>
        </div>
      )}
      {yours.length > 0 && (
        <div className="li-yours" data-testid="lesson-import.yours">
          <h3>Your lessons</h3>
          {!stored && <p className="muted">This browser did not keep the list; it lasts for this visit.</p>}
          <ul>
            {yours.map((lesson) => (
              <li key={lesson.id}>
                <span>
                  {lesson.title} <code className="muted">{lesson.id}</code>
                </span>
                <span className="li-tools">
                  <button
                    type="button"
                    onClick={() => opened(importLessonText(lesson.text), `“${lesson.title}”`)}
                    aria-label={`Open ${lesson.title}`}
                  >
                    Open
                  </button>
                  <button
                    type="button"
                    onClick={() => update(withoutLesson(yours, lesson.id))}
                    aria-label={`Remove ${lesson.title} from your lessons`}
                  >
                    Remove
                  </button>
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
