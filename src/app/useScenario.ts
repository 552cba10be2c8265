/**
 * The page's scenario state (scenarioState.ts) bound to React: the engine runs each new scenario
 * once, in the update that brings it; the JSON editor's typing is parsed once it pauses. A big
 * scenario (export/importRun.ts, runsInWorker) runs in the worker instead, with progress and
 * cancel, and the scenario on screen stays until its trace is in; a cancelled run changes nothing.
 *
 * The scenario validator (sim/scenario.ts) is loaded after the first diagram: the opening scenario
 * comes validated (a preset is stored valid, a link is read by share/url.ts), and only what the
 * user types or sets in the form needs parsing.
 *
 * So is the packet encoder (mqtt-packet): the first diagram is drawn from a run without bytes
 * (sim/deferredBytes.ts), the encoder is fetched as soon as it is on screen, and the trace is
 * completed with its bytes as one new trace; every later run has them at once. Until then
 * `hasBytes(trace)` is false and whatever shows bytes waits.
 *
 * And so are the implementation profiles' records (sim/profileSupport.ts): a scenario that names
 * `profiles` waits for them before it runs (a link's, before its first diagram: never a diagram
 * of the specification's behaviour first), and the page fetches them after its first diagram for
 * the scenarios the user picks; meanwhile the scenario on screen stays.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { receivedRunResult, runsInWorker, type PostedRunResult } from "../export/bigInput.ts";
import type { Scenario } from "../sim/types.ts";
import type { JobState } from "../ui/useJob.ts";
import { useJob } from "../ui/useJob.ts";
import type { RunSource } from "../export/importRun.ts";
import type { Setup } from "../share/setup.ts";
import type { Encode } from "../protocol/wirePacket.ts";
import { hasBytes } from "../sim/bytesPending.ts";
import type { ProfileSupport } from "../sim/profileSupport.ts";
import {
  engineCoreNow,
  loadEncoder,
  loadEngineCore,
  loadProfiles,
  needsProfiles,
  type Engine,
  type EngineCore,
} from "../ui/useEngine.ts";
import { traceAhead } from "./toggleAhead.ts";
import {
  editFields,
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
  type Validator,
} from "./scenarioState.ts";

/** Hand edits are parsed once typing pauses, so the alert does not flicker on every key. */
export const EDIT_DELAY_MS = 300;

export interface PageScenario {
  state: ScenarioState;
  /** The engine has loaded: the scenario on screen has (or is about to get) its trace. */
  drawable: boolean;
  /**
   * The engine with the packet encoder and the profile records, once all have loaded (after the
   * first diagram); null until then.
   */
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
  /** A real-world control changed fields of the scenario, as a raw object. */
  editScenario(change: (raw: Record<string, unknown>) => Record<string, unknown>): void;
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

let validatorLoad: Promise<Validator> | null = null;

/** The scenario validator, loaded once (a failed load is tried again on the next call). */
export function loadValidator(): Promise<Validator> {
  validatorLoad ??= import("../sim/scenario.ts").catch((reason: unknown) => {
    validatorLoad = null;
    throw reason;
  });
  return validatorLoad;
}

/** Why an edit could not be parsed: the validator did not load. The last good scenario stays. */
function validatorFailed(reason: unknown): Update {
  return (state) => ({
    ...state,
    problems: [...state.problems, `The scenario checker could not be loaded: ${String(reason)}`],
  });
}

/** The page's options: with the machines' states, for the state panel. */
const PAGE_RUN = { states: true };

/** The state with its trace's bytes, when it still waits for them and the encoder is in. */
function completed(
  state: ScenarioState,
  encode: Encode | null,
  core: Pick<EngineCore, "withBytes"> | null,
): ScenarioState {
  if (!state.trace || hasBytes(state.trace) || !encode || !core) return state;
  return { ...state, trace: core.withBytes(state.trace, encode) };
}

/**
 * How the page's first scenario runs in its first render: at once when the engine is in already
 * (main.tsx waits for it on a link), unless it is big (the worker runs it) or names profiles
 * (their records come first); otherwise once the engine is in (null).
 */
function runAtOnce(initial: Scenario): Run | null {
  const core = engineCoreNow();
  if (!core || runsInWorker(initial) || needsProfiles(initial)) return null;
  return (scenario) => core.runWithoutBytes(scenario, PAGE_RUN);
}

export function useScenario(initial: Scenario): PageScenario {
  const [state, setState] = useState(() => initialState(initial, runAtOnce(initial)));
  // Typed but not parsed yet.
  const [typed, setTyped] = useState<string | null>(null);
  const [core, setCore] = useState<EngineCore | null>(engineCoreNow);
  const [encode, setEncode] = useState<Encode | null>(null);
  // The encoder as soon as it is in, for runs made before the page has drawn again.
  const encodeNow = useRef<Encode | null>(null);
  // The profile records, likewise: a scenario naming profiles runs only once they are in.
  const [profiles, setProfiles] = useState<ProfileSupport | null>(null);
  const profilesNow = useRef<ProfileSupport | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  // A run before the encoder is in has placeholder bytes (sim/deferredBytes.ts); every later one
  // has its bytes at once. A click's scenario may have been run already, ahead of the click
  // (toggleAhead.ts, with the encoder): that very object.
  const run = useMemo<Run | null>(
    () =>
      core &&
      ((scenario) => {
        const ahead = traceAhead(scenario);
        if (ahead) return ahead;
        const encoder = encodeNow.current;
        const records = profilesNow.current ?? undefined;
        return encoder
          ? core.runScenarioWith({ encode: encoder, profiles: records }, scenario, PAGE_RUN)
          : core.runWithoutBytes(scenario, PAGE_RUN, records);
      }),
    [core],
  );
  const engine = useMemo<Engine | null>(
    () =>
      core && encode && profiles
        ? (scenario, options) => core.runScenarioWith({ encode, profiles }, scenario, options)
        : null,
    [core, encode, profiles],
  );
  /** Whether `scenario` names profiles whose records are not in yet (it must wait for them). */
  const lacksProfiles = useCallback(
    (scenario: Scenario) => needsProfiles(scenario) && profilesNow.current === null,
    [],
  );
  /** Fetches the profile records (once in, every run has them); a failure is named in an alert. */
  const fetchProfiles = useCallback(
    () =>
      loadProfiles().then(
        (loaded) => {
          profilesNow.current = loaded;
          setProfiles(() => loaded);
        },
        (reason: unknown) => {
          setLoadError(`The implementation profiles could not be loaded: ${String(reason)}`);
          throw reason;
        },
      ),
    [],
  );
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

  // The latest apply, for updates that wait for the validator or the profile records (the engine
  // may load meanwhile).
  const applyLatest = useRef<(update: Update) => void>(() => {});
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
      // A scenario naming profiles waits for their records; the one on screen stays meanwhile.
      if (changed && run && lacksProfiles(parsed.scenario)) {
        fetchProfiles().then(
          () => applyLatest.current(update),
          () => {},
        );
        return;
      }
      // Another job's result must not replace what the user just did.
      cancel();
      // Parsed once: a new scenario runs on what was parsed; anything else is updated as before.
      // A trace still without bytes gets them here if the encoder came in since the last draw.
      const next = completed(
        changed && run ? withEngine(parsed, run) : update(now, run),
        encodeNow.current,
        core,
      );
      current.current = next;
      setState(next);
    },
    [run, core, runBig, cancel, lacksProfiles, fetchProfiles],
  );

  useEffect(() => {
    applyLatest.current = apply;
  });
  const validatorFailedLatest = useCallback(
    (reason: unknown) => applyLatest.current(validatorFailed(reason)),
    [],
  );

  useEffect(() => {
    const drawFirst = (loaded: EngineCore) => {
      const now = current.current;
      if (runsInWorker(now.scenario)) runBig(now, { scenario: now.scenario }, null);
      // Changed to a scenario naming profiles while loading: it waits for their records too.
      else if (lacksProfiles(now.scenario))
        fetchProfiles().then(
          () => drawFirst(loaded),
          () => {},
        );
      else {
        const records = profilesNow.current ?? undefined;
        // Run in the first render already (runAtOnce): nothing more to run.
        setState((s) =>
          s.trace ? s : withEngine(s, (scenario) => loaded.runWithoutBytes(scenario, PAGE_RUN, records)),
        );
      }
    };
    // A scenario naming profiles (a link's) has its records before its first run: no diagram of
    // the specification's behaviour comes first. Until both are in the page says it is loading.
    const first = current.current.scenario;
    const records = lacksProfiles(first)
      ? fetchProfiles().then(
          () => true,
          () => false,
        )
      : true;
    Promise.all([loadEngineCore(), records]).then(
      ([loaded, recordsIn]) => {
        // Without them fetchProfiles has named the failure, in place of the diagram.
        if (!recordsIn) return;
        setCore(() => loaded);
        drawFirst(loaded);
      },
      (reason: unknown) => setLoadError(`The simulator could not be loaded: ${String(reason)}`),
    );
  }, [runBig, lacksProfiles, fetchProfiles]);

  // Once the first trace is drawn, fetch the packet encoder and complete that trace's bytes, the
  // profile records, and what parses the user's edits, before they make one.
  const traced = state.trace !== null;
  useEffect(() => {
    if (!traced) return;
    Promise.all([loadEncoder(), loadEngineCore()]).then(
      ([loaded, loadedCore]) => {
        encodeNow.current = loaded;
        setEncode(() => loaded);
        setState((s) => completed(s, loaded, loadedCore));
      },
      (reason: unknown) => setLoadError(`The packet encoder could not be loaded: ${String(reason)}`),
    );
    if (profilesNow.current === null) fetchProfiles().catch(() => {});
    loadValidator().catch(() => {});
  }, [traced, fetchProfiles]);

  useEffect(() => {
    if (typed === null) return;
    // Text typed since (live false) is parsed by its own timer: this one must not win.
    let live = true;
    const timer = setTimeout(() => {
      loadValidator().then(
        (validator) => {
          if (!live) return;
          applyLatest.current((s, r) => editText(s, typed, r, validator));
          setTyped(null);
        },
        (reason: unknown) => {
          if (live) validatorFailedLatest(reason);
        },
      );
    }, EDIT_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [typed, validatorFailedLatest]);

  const show = useCallback(
    (scenario: Scenario) => {
      setTyped(null);
      apply((s, r) => showScenario(s, scenario, r));
    },
    [apply],
  );
  // Stable between clicks (typed is null then): the memoised form is not redrawn.
  const setSetup = useCallback(
    (setup: Setup) => {
      loadValidator().then((validator) => {
        setTyped(null);
        applyLatest.current((s, r) =>
          editSetup(typed === null ? s : editText(s, typed, r, validator), setup, r, validator),
        );
      }, validatorFailedLatest);
    },
    [typed, validatorFailedLatest],
  );
  const editScenario = useCallback(
    (change: (raw: Record<string, unknown>) => Record<string, unknown>) => {
      loadValidator().then((validator) => {
        setTyped(null);
        applyLatest.current((s, r) =>
          editFields(typed === null ? s : editText(s, typed, r, validator), change, r, validator),
        );
      }, validatorFailedLatest);
    },
    [typed, validatorFailedLatest],
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
    drawable: core !== null,
    engine,
    loadError,
    setup,
    text,
    show,
    setSetup,
    editScenario,
    type: setTyped,
    importText,
    big,
  };
}
