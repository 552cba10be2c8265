/**
 * The page's scenario state (scenarioState.ts) bound to React: the engine runs each new scenario
 * once, in the update that brings it; the JSON editor's typing is parsed once it pauses. A big
 * scenario (export/importRun.ts, runsInWorker) runs in the worker instead, with progress and
 * cancel, and the scenario on screen stays until its trace is in; a cancelled run changes nothing.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { receivedRunResult, runsInWorker, type PostedRunResult } from "../export/bigInput.ts";
import type { Scenario } from "../sim/types.ts";
import type { JobState } from "../ui/useJob.ts";
import { useJob } from "../ui/useJob.ts";
import type { RunSource } from "../export/importRun.ts";
import type { Setup } from "../share/setup.ts";
import { loadEngine, type Engine } from "../ui/useEngine.ts";
import {
  editorText,
  editSetup,
  editText,
  initialState,
  setupShown,
  showScenario,
  withEngine,
  NO_PROBLEMS,
  type Run,
  type ScenarioState,
} from "./scenarioState.ts";

/** Hand edits are parsed once typing pauses, so the alert does not flicker on every key. */
export const EDIT_DELAY_MS = 300;

export interface PageScenario {
  state: ScenarioState;
  /** The engine once loaded (after first paint), null until then. */
  engine: Engine | null;
  /** Why the engine could not be loaded. */
  loadError: string | null;
  /** What the set-up form shows. */
  setup: Setup;
  /**
   * The JSON editor's text (serialized on call: call it only while the editor is shown); a new
   * function whenever the text may have changed.
   */
  text(): string;
  /** Shows a valid scenario (a click, a plan, an import, a preset, Back / Forward). */
  show(scenario: Scenario): void;
  /** The set-up form changed. */
  setSetup(setup: Setup): void;
  /** The user typed in the JSON editor. */
  type(text: string): void;
  /** A big file's text, parsed and simulated in the worker; `name` prefixes its problems. */
  importText(text: string, name: string): void;
  /** The worker's run of a big scenario, if one was started. */
  big: BigRun;
}

export interface BigRun {
  state: JobState<PostedRunResult>;
  /** The messages of the scenario the last run brought, once in. */
  messages: number | null;
  /** The file a run's problems came from, when it was one. */
  name: string | null;
  cancel(): void;
}

type Update = (state: ScenarioState, run: Run | null) => ScenarioState;

/** Runs a scenario as the page shows it: with the machines' states, for the state panel. */
function pageRun(engine: Engine): Run {
  return (scenario) => engine(scenario, { states: true });
}

export function useScenario(initial: Scenario): PageScenario {
  const [state, setState] = useState(() => initialState(initial, null));
  // Typed but not parsed yet.
  const [typed, setTyped] = useState<string | null>(null);
  const [engine, setEngine] = useState<Engine | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const run = useMemo(() => (engine ? pageRun(engine) : null), [engine]);
  const job = useJob<"trace">();
  const [bigName, setBigName] = useState<string | null>(null);
  const [bigMessages, setBigMessages] = useState<number | null>(null);
  // The state as last drawn: a big run starts from it and is applied on top of it.
  const current = useRef(state);
  useEffect(() => {
    current.current = state;
  });
  const { start, cancel } = job;

  /** Runs the worker on `next` (parsed, not yet run); its trace is shown when it is in. */
  const runBig = useCallback(
    (next: ScenarioState | null, source: RunSource, name: string | null) => {
      setBigName(name);
      start({ kind: "trace", source }, (posted) => {
        const result = receivedRunResult(posted);
        if (!result.ok) return;
        setBigMessages(result.scenario.messages.length);
        const base = next ?? { draft: null, problems: NO_PROBLEMS };
        // A scenario sent as an object stays that very object: the worker's copy is equal but not
        // the same, and the address bar (useUrlSync) treats a new object as the user's change.
        const scenario = "scenario" in source ? source.scenario : result.scenario;
        setState({ ...base, scenario, trace: result.trace });
      });
    },
    [start],
  );

  /**
   * Applies an update: directly when small (today's path: a click runs the engine at once), in
   * the worker when the new scenario is big. Parsing without running tells which.
   */
  const apply = useCallback(
    (update: Update) => {
      const now = current.current;
      const parsed = update(now, null);
      const changed = parsed.scenario !== now.scenario && parsed.problems.length === 0;
      if (changed && runsInWorker(parsed.scenario)) {
        runBig(parsed, { scenario: parsed.scenario }, null);
        return;
      }
      // Another job's result must not replace what the user just did.
      cancel();
      // Parsed once: a new scenario runs on what was parsed; anything else is updated as before.
      const next = changed && run ? withEngine(parsed, run) : update(now, run);
      current.current = next;
      setState(next);
    },
    [run, runBig, cancel],
  );

  useEffect(() => {
    loadEngine().then(
      (loaded) => {
        setEngine(() => loaded);
        const now = current.current;
        if (runsInWorker(now.scenario)) runBig(now, { scenario: now.scenario }, null);
        else setState((s) => withEngine(s, pageRun(loaded)));
      },
      (reason: unknown) => setLoadError(`The simulator could not be loaded: ${String(reason)}`),
    );
  }, [runBig]);

  useEffect(() => {
    if (typed === null) return;
    const timer = setTimeout(() => {
      apply((s, r) => editText(s, typed, r));
      setTyped(null);
    }, EDIT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed, apply]);

  const show = useCallback(
    (scenario: Scenario) => {
      setTyped(null);
      apply((s, r) => showScenario(s, scenario, r));
    },
    [apply],
  );
  // Stable between clicks (typed is null then, run changes once): the memoised form is not redrawn.
  const setSetup = useCallback(
    (setup: Setup) => {
      setTyped(null);
      apply((s, r) => editSetup(typed === null ? s : editText(s, typed, r), setup, r));
    },
    [typed, apply],
  );
  const importText = useCallback(
    (text: string, name: string) => {
      setTyped(null);
      runBig(null, { text }, name);
    },
    [runBig],
  );
  const big = useMemo(
    () => ({ state: job.state, name: bigName, messages: bigMessages, cancel: job.cancel }),
    [job.state, bigName, bigMessages, job.cancel],
  );
  const setup = useMemo(() => setupShown(state), [state]);
  const text = useCallback(() => typed ?? editorText(state), [typed, state]);
  return {
    state,
    engine,
    loadError,
    setup,
    text,
    show,
    setSetup,
    type: setTyped,
    importText,
    big,
  };
}
