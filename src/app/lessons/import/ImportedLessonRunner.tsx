/**
 * A lesson opened from a file, a link or "Your lessons", in the lesson runner. Its answers are kept
 * for this visit only, apart from the course's progress: an imported lesson may share an id with a
 * shipped one, and a trainer's preview must not mark the course's lessons done.
 */
import { useState } from "react";
import { emptyProgress, lessonStatus, recordAnswer } from "../../../lessons/progress.ts";
import { LessonRunner } from "../../../ui/lessons/LessonRunner.tsx";
import type { Engine } from "../../../ui/useEngine.ts";
import type { OpenedLesson } from "./LessonImport.tsx";

interface ImportedLessonRunnerProps {
  opened: OpenedLesson;
  engine: Engine;
  /** Back to the course page (also after the last step). */
  onCourse(): void;
}

export function ImportedLessonRunner({ opened, engine, onCourse }: ImportedLessonRunnerProps) {
  const { lesson, scenarios } = opened;
  const [step, setStep] = useState(0);
  const [progress, setProgress] = useState(emptyProgress);
  const [presenting, setPresenting] = useState(false);
  return (
    <LessonRunner
      lesson={lesson}
      scenarios={scenarios}
      engine={engine}
      step={step}
      onStep={setStep}
      answers={progress.lessons[lesson.id]?.answers ?? {}}
      onAnswer={(index, answer) =>
        setProgress((p) => recordAnswer(p, lesson.id, index, answer.choice, answer.correct))
      }
      presenting={presenting}
      onPresent={setPresenting}
      onFinish={onCourse}
      onCourse={onCourse}
      checks={lessonStatus(progress, lesson)}
    />
  );
}
