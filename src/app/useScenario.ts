/**
 * The page's scenario state (scenarioState.ts) bound to React: the engine runs each new scenario
 * once, in the update that brings it; the JSON editor's typing is parsed once it pauses.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import type { Scenario } from "../sim/types.ts";
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
}

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

  useEffect(() => {
    loadEngine().then(
      (loaded) => {
        setEngine(() => loaded);
        setState((s) => withEngine(s, pageRun(loaded)));
      },
      (reason: unknown) => setLoadError(`The simulator could not be loaded: ${String(reason)}`),
    );
  }, []);

  useEffect(() => {
    if (typed === null) return;
    const timer = setTimeout(() => {
      setState((s) => editText(s, typed, run));
      setTyped(null);
    }, EDIT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed, run]);

  const show = useCallback(
    (scenario: Scenario) => {
      setTyped(null);
      setState((s) => showScenario(s, scenario, run));
    },
    [run],
  );
  // Stable between clicks (typed is null then, run changes once): the memoised form is not redrawn.
  const setSetup = useCallback(
    (setup: Setup) => {
      setTyped(null);
      setState((s) => editSetup(typed === null ? s : editText(s, typed, run), setup, run));
    },
    [typed, run],
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
  };
}
