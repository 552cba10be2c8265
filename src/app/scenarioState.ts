/**
 * The page's state: the parsed scenario on screen and its trace. Validation happens once, where a
 * scenario comes in from outside (a link, the JSON editor, the set-up form, a preset, an imported
 * file is parsed by its reader); a click (drop or restore a packet) or a plan from the explorer
 * changes the valid scenario and runs the engine on it directly, with no text in between.
 *
 * The JSON editor shows the scenario serialized on demand (`editorText`); what the user types is
 * kept as typed and parsed, and only it. A text with problems lists them and keeps the last good
 * scenario and trace on screen. Pure: every function returns a new state.
 *
 * What parses a scenario (sim/scenario.ts, the validator) is handed in: the page loads it after
 * its first diagram (useScenario.ts), which needs none, as a preset and a link come validated.
 */
import type { formatProblem, parseScenario, parseScenarioJson } from "../sim/scenario.ts";
import type { Scenario, Trace } from "../sim/types.ts";
import { applySetup, overlaySetup, parseObject, setupOf, toJsonText, type Setup } from "../share/setup.ts";

/** No problems: one shared empty list, so that a memoised list of problems is not drawn again. */
export const NO_PROBLEMS: readonly string[] = Object.freeze([]);

/** The scenario validator's functions this state needs (sim/scenario.ts). */
export interface Validator {
  parseScenario: typeof parseScenario;
  parseScenarioJson: typeof parseScenarioJson;
  formatProblem: typeof formatProblem;
}

/** Runs a valid scenario (the engine's `runScenario` with the page's options). */
export type Run = (scenario: Scenario) => Trace;

export interface ScenarioState {
  /** The valid scenario on screen. */
  scenario: Scenario;
  /** Its trace; null until the engine has loaded (or when it failed on this very scenario). */
  trace: Trace | null;
  /** The editor's text as the user (or the form, on a problem) wrote it; null: the scenario's own. */
  draft: string | null;
  /** One line per problem of `draft` (formatProblem); empty when `scenario` is what it says. */
  problems: readonly string[];
}

function runOrFail(state: ScenarioState, run: Run | null): ScenarioState {
  if (!run) return state;
  try {
    return { ...state, trace: run(state.scenario) };
  } catch (error) {
    // Only a bug in the engine gets here: say so and keep the last trace on screen.
    const message = `The simulator failed: ${error instanceof Error ? error.message : String(error)}`;
    return { ...state, problems: [...state.problems, message] };
  }
}

/** The state for a scenario that is valid already (parsed at its edge, or changed by a click). */
export function initialState(scenario: Scenario, run: Run | null): ScenarioState {
  return runOrFail({ scenario, trace: null, draft: null, problems: NO_PROBLEMS }, run);
}

/** Shows a valid scenario: a click's, a plan's, an import's, a link's. The editor follows it. */
export function showScenario(state: ScenarioState, scenario: Scenario, run: Run | null): ScenarioState {
  return runOrFail({ scenario, trace: state.trace, draft: null, problems: NO_PROBLEMS }, run);
}

/** The engine has loaded: the scenario on screen gets its trace. */
export function withEngine(state: ScenarioState, run: Run): ScenarioState {
  return runOrFail(state, run);
}

/** What the user typed in the JSON editor, parsed: a new scenario, or its problems. */
export function editText(
  state: ScenarioState,
  text: string,
  run: Run | null,
  validator: Validator,
): ScenarioState {
  const parsed = validator.parseScenarioJson(text);
  if (!parsed.ok) return { ...state, draft: text, problems: parsed.problems.map(validator.formatProblem) };
  return runOrFail(
    { scenario: parsed.scenario, trace: state.trace, draft: text, problems: NO_PROBLEMS },
    run,
  );
}

/**
 * A scenario input from the page's own forms (a preset, the set-up form): validated once, as the
 * form can combine fields the format refuses together (a resend timer with MQTT 5.0). On a
 * problem the editor shows the input and its problems; the last good scenario stays on screen.
 */
export function editInput(
  state: ScenarioState,
  input: Record<string, unknown>,
  run: Run | null,
  validator: Validator,
): ScenarioState {
  const parsed = validator.parseScenario(input);
  if (parsed.ok) return showScenario(state, parsed.scenario, run);
  return { ...state, draft: toJsonText(input), problems: parsed.problems.map(validator.formatProblem) };
}

/**
 * The set-up form changed a field: applied to what the editor shows (a hand-written text keeps
 * its other fields as written), the rest kept as it is.
 */
export function editSetup(
  state: ScenarioState,
  setup: Setup,
  run: Run | null,
  validator: Validator,
): ScenarioState {
  return editFields(state, (raw) => applySetup(raw, setup), run, validator);
}

/**
 * A control changed some fields of the scenario as a raw object (the set-up's real-world
 * controls): applied like the set-up form's fields, to what the editor shows, then validated.
 */
export function editFields(
  state: ScenarioState,
  change: (raw: Record<string, unknown>) => Record<string, unknown>,
  run: Run | null,
  validator: Validator,
): ScenarioState {
  const typed = state.draft === null ? null : parseObject(state.draft);
  const input = change({ ...(typed ?? state.scenario) });
  const next = editInput(state, input, run, validator);
  return typed && next.draft === null ? { ...next, draft: toJsonText(input) } : next;
}

/** What the set-up form shows: the scenario's set-up, with what a draft with problems states. */
export function setupShown(state: ScenarioState): Setup {
  const setup = setupOf(state.scenario);
  return state.problems.length > 0 && state.draft !== null
    ? overlaySetup(parseObject(state.draft), setup)
    : setup;
}

/** The JSON editor's text: the draft as written, else the scenario serialized (call only when shown). */
export function editorText(state: ScenarioState): string {
  return state.draft ?? toJsonText(state.scenario);
}
