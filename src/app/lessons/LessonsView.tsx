/**
 * The Lessons view (`?view=lessons`, loaded when opened): the course page, or one lesson in the
 * runner. Wires the shipped course, the learner's progress (localStorage), the address (each move
 * a history entry; Back and Forward read it back) and presentation.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { lessonStatus, type Progress } from "../../lessons/progress.ts";
import { CoursePage } from "../../ui/lessons/CoursePage.tsx";
import { LessonRunner } from "../../ui/lessons/LessonRunner.tsx";
import type { StepAnswer } from "../../ui/lessons/core.ts";
import { loadCourse, type LoadedCourse } from "../../ui/lessons/shipped.ts";
import { UrlNotice } from "../../ui/UrlNotice.tsx";
import { useEngine } from "../../ui/useEngine.ts";
import {
  COURSE_PAGE,
  lessonSearch,
  readLessonLink,
  samePlace,
  type LessonPlace,
  type LessonShape,
} from "../../ui/lessons/lessonLink.ts";
import { ProgressTools } from "./ProgressTools.tsx";
import { ImportedLessonRunner } from "./import/ImportedLessonRunner.tsx";
import { LessonImport, type OpenedLesson } from "./import/LessonImport.tsx";
import { useProgress } from "./useProgress.ts";
import "../../ui/lessons/lessons.css";

type Write = "push" | "replace" | "none";

function writePlace(place: LessonPlace, how: Write): void {
  const search = lessonSearch(place);
  if (how === "none" || search === window.location.search) return;
  const url = `${window.location.pathname}${search}${window.location.hash}`;
  if (how === "push") window.history.pushState(null, "", url);
  else window.history.replaceState(window.history.state, "", url);
}

/** The place a link names; a lesson without a step opens where the learner left it. */
function placeIn(search: string, lessons: readonly LessonShape[], progress: Progress) {
  const link = readLessonLink(search, lessons);
  const lastStep = link.lesson === null ? 0 : (progress.lessons[link.lesson]?.step ?? 0);
  const step = link.lesson !== null && !link.stepGiven ? lastStep : link.step;
  return { place: { lesson: link.lesson, step, present: link.present }, notices: link.notices };
}

export default function LessonsView() {
  const [course, setCourse] = useState<LoadedCourse | string | null>(null);
  const { engine, error: engineError } = useEngine();
  const { progress, dispatch, problem } = useProgress();
  const [place, setPlace] = useState<LessonPlace | null>(null);
  const [notices, setNotices] = useState<string[]>([]);
  // A lesson from a file, "Your lessons" or a `lessonData` link (read once, before the address is
  // written back without it), run apart from the course (import/).
  const [lessonData, setLessonData] = useState(
    () => new URLSearchParams(window.location.search).get("lessonData") ?? undefined,
  );
  const [imported, setImported] = useState<OpenedLesson | null>(null);

  const loaded = typeof course === "object" && course !== null ? course : null;
  const shapes = useMemo(
    () => loaded?.lessons.map((l) => ({ id: l.id, steps: l.lesson.steps.length })) ?? [],
    [loaded],
  );
  const progressRef = useRef(progress);
  useEffect(() => {
    progressRef.current = progress;
  });

  const placeOf = useCallback((search: string) => placeIn(search, shapes, progressRef.current), [shapes]);

  // The course, then the address the view opened on; from another view it is a new entry.
  useEffect(() => {
    let live = true;
    loadCourse().then(
      (loadedCourse) => {
        if (!live) return;
        const lessons = loadedCourse.lessons.map((l) => ({ id: l.id, steps: l.lesson.steps.length }));
        const opening = new URLSearchParams(window.location.search).get("view") === "lessons";
        const read = opening
          ? placeIn(window.location.search, lessons, progressRef.current)
          : { place: COURSE_PAGE, notices: [] };
        setCourse(loadedCourse);
        setPlace(read.place);
        setNotices(read.notices);
        // A link with a bad parameter stays as typed, so the reader sees what they opened.
        if (read.notices.length === 0) writePlace(read.place, opening ? "replace" : "push");
      },
      (error: unknown) =>
        live &&
        setCourse(
          `The lessons could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
        ),
    );
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    const onPop = () => {
      if (new URLSearchParams(window.location.search).get("view") !== "lessons") return;
      const read = placeOf(window.location.search);
      setPlace(read.place);
      setNotices(read.notices);
    };
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, [placeOf]);

  const go = useCallback((next: LessonPlace, how: Write = "push") => {
    setPlace((now) => (now && samePlace(now, next) ? now : next));
    writePlace(next, how);
  }, []);
  useEffect(() => {
    if (place?.lesson) dispatch({ type: "step", lesson: place.lesson, step: place.step });
  }, [place, dispatch]);

  const lessonId = place?.lesson ?? null;
  const onAnswer = useCallback(
    (step: number, a: StepAnswer) => {
      if (lessonId)
        dispatch({ type: "answer", lesson: lessonId, step, choice: a.choice, correct: a.correct });
    },
    [lessonId, dispatch],
  );
  const onStep = useCallback((step: number) => place && go({ ...place, step }), [place, go]);
  // Entering or leaving presentation is not a move for Back to undo.
  const onPresent = useCallback(
    (present: boolean) => place && go({ ...place, present }, "replace"),
    [place, go],
  );
  const onCourse = useCallback(() => go({ ...COURSE_PAGE, present: false }), [go]);
  const onFinish = useCallback(() => {
    if (!lessonId) return;
    dispatch({ type: "done", lesson: lessonId, at: new Date().toISOString() });
    go({ ...COURSE_PAGE });
  }, [lessonId, dispatch, go]);
  const statusOf = useCallback(
    (id: string) => {
      const lesson = loaded?.lessons.find((l) => l.id === id);
      return lesson
        ? lessonStatus(progress, lesson.lesson)
        : { status: "new" as const, step: 0, correct: 0, assessed: 0 };
    },
    [loaded, progress],
  );

  if (typeof course === "string") return <p role="alert">{course}</p>;
  if (!loaded || !place) return <p role="status">Loading the lessons…</p>;
  if (imported) {
    if (!engine) return <p role="status">{engineError ?? "Loading the simulator…"}</p>;
    return (
      <main className="lessons-main">
        <ImportedLessonRunner
          key={imported.text}
          opened={imported}
          engine={engine}
          onCourse={() => setImported(null)}
        />
      </main>
    );
  }
  const open = place.lesson === null ? null : loaded.lessons.find((l) => l.id === place.lesson);
  if (open) {
    if (!engine) return <p role="status">{engineError ?? "Loading the simulator…"}</p>;
    return (
      <main className="lessons-main">
        <LessonRunner
          key={open.id}
          lesson={open.lesson}
          scenarios={open.scenarios}
          engine={engine}
          step={place.step}
          onStep={onStep}
          answers={progress.lessons[open.id]?.answers ?? {}}
          onAnswer={onAnswer}
          presenting={place.present}
          onPresent={onPresent}
          onFinish={onFinish}
          onCourse={onCourse}
          checks={statusOf(open.id)}
        />
      </main>
    );
  }
  return (
    <main className="lessons-main">
      <CoursePage
        course={loaded}
        statusOf={statusOf}
        onOpen={(id, restart) =>
          go({ lesson: id, step: restart ? 0 : (progress.lessons[id]?.step ?? 0), present: false })
        }
        notices={
          <UrlNotice
            notices={notices}
            intro="This link could not open a lesson step, so the course is shown:"
            onDismiss={() => setNotices([])}
          />
        }
        tools={
          <>
            <ProgressTools progress={progress} dispatch={dispatch} problem={problem} />
            <LessonImport
              lessonData={lessonData}
              onOpen={setImported}
              onLinkRead={() => setLessonData(undefined)}
            />
          </>
        }
      />
    </main>
  );
}
