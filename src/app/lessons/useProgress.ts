/**
 * The learner's progress in React: read from localStorage once, written back after each change,
 * and followed when another tab of the lab changes it.
 */
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { parseProgress, PROGRESS_KEY, progressText, type Progress } from "../../lessons/progress.ts";
import {
  readStoredProgress,
  reduceProgress,
  writeStoredProgress,
  type ProgressAction,
} from "./progressStore.ts";

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

type Action = ProgressAction | { type: "stored"; progress: Progress };

function reduce(progress: Progress, action: Action): Progress {
  return action.type === "stored" ? action.progress : reduceProgress(progress, action);
}

export function useProgress(): {
  progress: Progress;
  dispatch(action: ProgressAction): void;
  /** Why the stored progress could not be used, or null. */
  problem: string | null;
} {
  const [initial] = useState(() => readStoredProgress(storage()));
  const [progress, dispatch] = useReducer(reduce, initial.progress);
  const [problem, setProblem] = useState(initial.problem);
  const written = useRef(progress);
  useEffect(() => {
    if (written.current === progress) return;
    written.current = progress;
    if (!writeStoredProgress(storage(), progressText(progress))) {
      // The store's refusal is known only once the write is tried, after the change.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setProblem("This browser refused to keep progress; export it as a file to keep it.");
    }
  }, [progress]);
  // Another tab of the lab moved on: follow it rather than write over it.
  useEffect(() => {
    const onStorage = (e: StorageEvent) => {
      if (e.key !== PROGRESS_KEY || e.newValue === null) return;
      const parsed = parseProgress(e.newValue);
      if (!parsed.ok) return;
      written.current = parsed.progress;
      dispatch({ type: "stored", progress: parsed.progress });
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, []);
  const act = useCallback((action: ProgressAction) => dispatch(action), []);
  return { progress, dispatch: act, problem };
}
