/**
 * The embed of one lesson (`embed.html?lesson=<id>&step=<n>`, loaded only for such a link): the
 * lesson runner for a docs or LMS page, opening at step n (1-based). `controls=none` shows that
 * one step alone; otherwise the learner walks the whole lesson. Answers are kept for the visit
 * only: the host's page is not the lab, so nothing is written to its storage.
 */
import { useCallback, useEffect, useState } from "react";
import type { EmbedParams } from "../share/embedParams.ts";
import { LessonRunner } from "../ui/lessons/LessonRunner.tsx";
import type { StepAnswer } from "../ui/lessons/core.ts";
import {
  isLoaded,
  loadLesson,
  shippedIds,
  type BrokenLesson,
  type LoadedLesson,
} from "../ui/lessons/shipped.ts";
import { UrlNotice } from "../ui/UrlNotice.tsx";
import { useEngine } from "../ui/useEngine.ts";
import { useReportHeight } from "./hooks.ts";
import { lessonSearch, readLessonLink } from "../ui/lessons/lessonLink.ts";
import "../ui/lessons/lessons.css";

type Loaded =
  | { lesson: LoadedLesson; step: number; notices: string[] }
  | { broken: BrokenLesson | null; notices: string[] };

export default function EmbedLesson({ params, search }: { params: EmbedParams; search: string }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const { engine, error } = useEngine();
  const [step, setStep] = useState(0);
  const [answers, setAnswers] = useState<Record<string, StepAnswer>>({});
  useReportHeight(loaded !== null && (engine !== null || error !== null));

  useEffect(() => {
    const id = new URLSearchParams(search).get("lesson") ?? "";
    let live = true;
    void loadLesson(id).then((file) => {
      if (!live) return;
      const shapes = file && isLoaded(file) ? [{ id, steps: file.lesson.steps.length }] : [];
      // The lesson's own check names a step outside it; an unknown id names the shipped ones.
      const link = readLessonLink(
        search,
        file && isLoaded(file) ? shapes : shippedIds().map((known) => ({ id: known, steps: 1 })),
      );
      // A step outside the lesson is named, and the lesson opens at its first step (no course here).
      if (file && isLoaded(file)) {
        const first = link.lesson === null ? 0 : link.step;
        setLoaded({ lesson: file, step: first, notices: [...params.notices, ...link.notices] });
        setStep(first);
      } else {
        setLoaded({
          broken: file && !isLoaded(file) ? file : null,
          notices: [...params.notices, ...link.notices],
        });
      }
    });
    return () => {
      live = false;
    };
  }, [search, params.notices]);

  const onAnswer = useCallback(
    (index: number, answer: StepAnswer) => setAnswers((a) => ({ ...a, [String(index)]: answer })),
    [],
  );
  const [notices, setNotices] = useState<string[] | null>(null);
  const shown = notices ?? loaded?.notices ?? [];

  if (!loaded) return <p role="status">Loading the lesson…</p>;
  const lesson = "lesson" in loaded ? loaded.lesson : null;
  const assessed = lesson
    ? lesson.lesson.steps.flatMap((s, i) =>
        (s.kind === "predict" || s.kind === "task") && s.assessed !== false ? [i] : [],
      )
    : [];
  return (
    <main className="embed embed-lesson" data-testid="embed.lesson" data-controls={params.controls}>
      <h1 className="visually-hidden">MQTT QoS Lab: a lesson</h1>
      <UrlNotice
        notices={shown}
        intro="This embed had parameters that could not be used:"
        className="embed-notice"
        onDismiss={() => setNotices([])}
      />
      {lesson ? (
        engine ? (
          <LessonRunner
            lesson={lesson.lesson}
            scenarios={lesson.scenarios}
            engine={engine}
            step={step}
            onStep={setStep}
            answers={answers}
            onAnswer={onAnswer}
            presenting={false}
            onFinish={() => setStep(0)}
            checks={{
              correct: assessed.filter((i) => answers[String(i)]?.correct).length,
              assessed: assessed.length,
            }}
            navigation={params.controls !== "none"}
          />
        ) : (
          <p role="status">{error ?? "Loading the simulator…"}</p>
        )
      ) : "broken" in loaded && loaded.broken ? (
        <div role="alert">
          <p>
            <code>{loaded.broken.file}</code> could not be used:
          </p>
          <ul>
            {loaded.broken.problems.map((p, i) => (
              <li key={`${i}:${p}`}>{p}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p role="alert">No lesson to show.</p>
      )}
      <p className="embed-footer">
        <a
          href={`./${lesson ? lessonSearch({ lesson: lesson.id, step, present: false }) : "?view=lessons"}`}
          target="_blank"
          rel="noopener"
          data-testid="embed.open"
        >
          Open in MQTT QoS Lab
        </a>
      </p>
    </main>
  );
}
