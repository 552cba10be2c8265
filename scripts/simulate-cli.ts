/**
 * The command line's logic, kept apart from process I/O so tests can drive it: arguments in; exit
 * code, standard output and standard error out. scripts/simulate.ts wires it to the process.
 */
import { parseScenario, ScenarioError } from "../src/sim/scenario.ts";
import { simulate } from "../src/sim/simulate.ts";
import type { Problem, Trace } from "../src/sim/types.ts";
import {
  errorMessage,
  failureResult,
  problemLines,
  problemsResult,
  readJsonObject,
  readSource,
  type CliResult,
} from "./cli-common.ts";

export type { CliResult } from "./cli-common.ts";

export type ReadFile = (path: string) => Promise<string>;
export type ReadStdin = () => Promise<string>;
export type Simulate = (input: unknown) => Trace;

/** Exit codes, as shared/docs/scenario-format.md documents them. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_INVALID_SCENARIO = 2;

export const USAGE = `Usage: npm run simulate -- <scenario.json>
       npm run simulate -- -            (read the scenario from standard input)

Runs an MQTT QoS scenario and prints its trace as JSON on standard output.
The scenario format is described in README.md.

Exit codes:
  0  the trace was printed
  1  usage error, unreadable file, or any other failure
  2  invalid scenario: one line per problem on standard error, e.g.
     faults[0].packet: expected one of PUBLISH, …; got "PUBAK"

Options:
  -h, --help   show this help
`;

type Args = { kind: "help" } | { kind: "run"; source: string } | { kind: "usage-error"; message: string };

/** Runs the command line. Never rejects: every failure becomes an exit code and a message. */
export async function runCli(
  args: readonly string[],
  readFile: ReadFile,
  readStdin: ReadStdin,
  run: Simulate = simulate,
): Promise<CliResult> {
  try {
    const parsed = parseArgs(args);
    if (parsed.kind === "help") return { code: EXIT_OK, stdout: USAGE, stderr: "" };
    if (parsed.kind === "usage-error") return failure(`${parsed.message}\n\n${USAGE}`);
    return await runSource(parsed.source, readFile, readStdin, run);
  } catch (error) {
    return failure(errorMessage(error));
  }
}

function parseArgs(args: readonly string[]): Args {
  const positional: string[] = [];
  let optionsEnded = false;
  for (const arg of args) {
    if (optionsEnded || arg === "-" || !arg.startsWith("-")) positional.push(arg);
    else if (arg === "--") optionsEnded = true;
    else if (arg === "-h" || arg === "--help") return { kind: "help" };
    else
      return { kind: "usage-error", message: `unknown option ${arg}; expected a scenario file, - or --help` };
  }
  const [source, ...extra] = positional;
  if (source === undefined)
    return {
      kind: "usage-error",
      message: "no scenario file given: expected a path, or - for standard input",
    };
  if (extra.length > 0) {
    return { kind: "usage-error", message: `expected one scenario file, got ${positional.length}` };
  }
  return { kind: "run", source };
}

async function runSource(
  source: string,
  readFile: ReadFile,
  readStdin: ReadStdin,
  run: Simulate,
): Promise<CliResult> {
  const input = await readSource("simulate", source, readFile, readStdin);
  if ("failure" in input) return input.failure;
  const json = readJsonObject(source, input.text, "a scenario");
  if (!json.ok) return problemsResult(EXIT_INVALID_SCENARIO, [json.message]);
  const parsed = parseScenario(json.value);
  if (!parsed.ok) return invalid(source, parsed.problems);
  let trace: Trace;
  try {
    trace = run(parsed.scenario);
  } catch (error) {
    // The simulator validates again; should it find more than the parser did, it is still the input's fault.
    if (error instanceof ScenarioError) return invalid(source, error.problems);
    return failure(`simulation failed: ${errorMessage(error)}`);
  }
  return { code: EXIT_OK, stdout: `${JSON.stringify(trace, null, 2)}\n`, stderr: "" };
}

function invalid(source: string, problems: readonly Problem[]): CliResult {
  return problemsResult(EXIT_INVALID_SCENARIO, problemLines(source, problems));
}

function failure(message: string): CliResult {
  return failureResult("simulate", message);
}
