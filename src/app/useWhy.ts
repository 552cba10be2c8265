/**
 * Which message's verdict is shown "why" on the diagram, and the events to highlight: chosen in
 * the verdict panel, forgotten when the trace changes (a new trace has other events at those
 * indexes, so an old highlight would point at the wrong packets).
 */
import { useCallback, useMemo, useState } from "react";
import type { VerdictCause } from "../explain/causes.ts";
import type { Trace } from "../sim/types.ts";

interface Chosen {
  trace: Trace;
  message: number;
  indexes: ReadonlySet<number>;
}

export interface Why {
  message: number | null;
  highlight: ReadonlySet<number> | undefined;
  show(message: number | null, causes: readonly VerdictCause[]): void;
}

export function useWhy(trace: Trace): Why {
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const show = useCallback(
    (message: number | null, causes: readonly VerdictCause[]) =>
      setChosen(message === null ? null : { trace, message, indexes: new Set(causes.map((c) => c.index)) }),
    [trace],
  );
  const current = chosen?.trace === trace ? chosen : null;
  return useMemo(
    () => ({ message: current?.message ?? null, highlight: current?.indexes, show }),
    [current, show],
  );
}
