/**
 * The course page: the course's title and summary, then each lesson with its title, minutes,
 * audience, summary and status from progress (new, step k of n, or done with "m of n checks
 * right"), and a button to open, continue or review it. A done lesson stays open to review: every
 * step reachable, answers shown. Lesson files that fail validation are listed with their problems.
 */
import type { ReactNode } from "react";
import { textOf } from "./core.ts";
import { Markdown } from "./Markdown.tsx";
import type { BrokenLesson, LoadedCourse } from "./shipped.ts";

export interface LessonStatusView {
  status: "new" | "in-progress" | "done";
  /** The learner's last step, 0-based. */
  step: number;
  correct: number;
  assessed: number;
}

export interface CoursePageProps {
  course: LoadedCourse;
  statusOf(id: string): LessonStatusView;
  /** Opens a lesson: at its start (`restart`), else where the learner left it. */
  onOpen(id: string, restart: boolean): void;
  /** Progress export, import and reset (app/lessons), under the list. */
  tools: ReactNode;
  /** Above the list: the link's notices. */
  notices: ReactNode;
}

function statusWords(s: LessonStatusView, steps: number): string {
  if (s.status === "new") return "New";
  const checks = s.assessed > 0 ? `, ${s.correct} of ${s.assessed} checks right` : "";
  if (s.status === "done") return `Done${checks}`;
  return `Step ${s.step + 1} of ${steps}${checks}`;
}

export function CoursePage({ course, statusOf, onOpen, tools, notices }: CoursePageProps) {
  const minutes = course.lessons.reduce((sum, l) => sum + l.lesson.minutes, 0);
  return (
    <div className="course" data-testid="course">
      <header className="course-head">
        <h2 className="course-title" data-testid="course.title">
          {textOf(course.title)}
        </h2>
        {textOf(course.summary) !== "" && (
          <Markdown text={textOf(course.summary)} className="course-summary" />
        )}
        <p className="muted">
          {course.lessons.length} lesson{course.lessons.length === 1 ? "" : "s"}, about {minutes} minutes in
          all.
        </p>
      </header>
      {notices}
      <ol className="course-lessons">
        {course.lessons.map(({ id, lesson }) => {
          const s = statusOf(id);
          const steps = lesson.steps.length;
          return (
            <li key={id} className={`course-lesson is-${s.status}`} data-testid={`course.lesson.${id}`}>
              <h3 className="course-lesson-title">{textOf(lesson.title)}</h3>
              <p className="course-lesson-meta">
                <span>{lesson.minutes} min</span> · <span>{textOf(lesson.audience)}</span> ·{" "}
                <span>{steps} steps</span>
              </p>
              <Markdown text={textOf(lesson.summary)} className="course-lesson-summary" />
              <p className="course-lesson-status">
                <span className={`status-badge is-${s.status}`} data-testid={`course.status.${id}`}>
                  {statusWords(s, steps)}
                </span>
                <span className="course-lesson-actions">
                  {s.status === "new" ? (
                    <button
                      type="button"
                      className="primary"
                      onClick={() => onOpen(id, true)}
                      data-testid={`course.open.${id}`}
                    >
                      Open<span className="visually-hidden"> {textOf(lesson.title)}</span>
                    </button>
                  ) : (
                    <>
                      <button
                        type="button"
                        className="primary"
                        onClick={() => onOpen(id, s.status === "done")}
                        data-testid={`course.open.${id}`}
                      >
                        {s.status === "done" ? "Review" : "Continue"}
                        <span className="visually-hidden"> {textOf(lesson.title)}</span>
                      </button>
                      {s.status === "in-progress" && (
                        <button
                          type="button"
                          onClick={() => onOpen(id, true)}
                          data-testid={`course.restart.${id}`}
                        >
                          From the start<span className="visually-hidden"> of {textOf(lesson.title)}</span>
                        </button>
                      )}
                    </>
                  )}
                </span>
              </p>
            </li>
          );
        })}
      </ol>
      {course.broken.length > 0 && <BrokenList broken={course.broken} />}
      {tools}
    </div>
  );
}

function BrokenList({ broken }: { broken: readonly BrokenLesson[] }) {
  return (
    <section className="course-broken" aria-label="Lesson files with problems" data-testid="course.broken">
      <h3>Lesson files that could not be used</h3>
      {broken.map((b) => (
        <div key={b.file}>
          <p>
            <code>{b.file}</code>:
          </p>
          <ul>
            {b.problems.map((p, i) => (
              <li key={`${i}:${p}`}>{p}</li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
