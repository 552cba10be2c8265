/**
 * The explorer's command line, kept apart from process I/O so tests can drive it: arguments in;
 * exit code, standard output and standard error out. scripts/explore.ts wires it to the process.
 * Same conventions as scripts/simulate-cli.ts: 0 success, 1 usage or other failure, 2 invalid
 * scenario (one line per problem).
 */
import { explore, MAX_DROPS, type Exploration } from "../src/explore/enumerate.ts";
import { explorationToMarkdown } from "../src/explore/markdown.ts";
import { matrixRows, toCsv, toMarkdown } from "../src/explore/matrix.ts";
import { formatProblem, parseScenarioJson, ScenarioError } from "../src/sim/scenario.ts";
import type { Problem } from "../src/sim/types.ts";
import { errorMessage, failureResult, problemsResult, readSource } from "./cli-common.ts";
import {
  EXIT_INVALID_SCENARIO,
  EXIT_OK,
  type CliResult,
  type ReadFile,
  type ReadStdin,
} from "./simulate-cli.ts";

export type { CliResult, ReadFile, ReadStdin } from "./simulate-cli.ts";

export const USAGE = `Usage: npm run explore -- <scenario.json> [--max-drops N] [--format json|md]
       npm run explore -- -             (read the scenario from standard input)
       npm run explore -- --matrix [--max-drops N] [--format md|csv|json]

Runs every fault plan of the scenario's set-up (its own faults are ignored): each set of up to N
lost transmissions, including resent copies and the CONNECT/CONNACK of reconnects.

  json (default)  {"plans": [{"faults": [...], "outcome": {...}}], "counts": {"lost", "once", "duplicated"}}
                  faults and outcome as in the trace format; counts are over (plan, message) pairs
  md              a Markdown table: plan, faults, verdict per message, packets

--matrix explores every configuration (QoS 0/1/2, one hop or two with subscription QoS 0/1/2,
persistent/clean sessions, resend on reconnect (5.0) or on timeout (3.1.1), QoS 2 Method A/B)
and prints the comparison table: md (default), csv or json.

Exit codes:
  0  the result was printed
  1  usage error, unreadable file, or any other failure
  2  invalid scenario: one line per problem on standard error

Options:
  --max-drops N   the most transmissions lost in one plan, 1 to ${MAX_DROPS} (default 1)
  --format F      output format, see above
  --matrix        the comparison matrix instead of one scenario
  -h, --help      show this help
`;

type Format = "json" | "md" | "csv";

interface Run {
  kind: "run";
  source: string | null;
  maxDrops: number;
  format: Format;
}

type Args = { kind: "help" } | Run | { kind: "usage-error"; message: string };

/** Runs the command line. Never rejects: every failure becomes an exit code and a message. */
export async function runCli(
  args: readonly string[],
  readFile: ReadFile,
  readStdin: ReadStdin,
): Promise<CliResult> {
  try {
    const parsed = parseArgs(args);
    if (parsed.kind === "help") return { code: EXIT_OK, stdout: USAGE, stderr: "" };
    if (parsed.kind === "usage-error") return failure(`${parsed.message}\n\n${USAGE}`);
    if (parsed.source === null) return printMatrix(parsed);
    return await runSource(parsed.source, parsed, readFile, readStdin);
  } catch (error) {
    return failure(errorMessage(error));
  }
}

/** Splits `--name=value` so that both spellings of an option are accepted. */
function splitEquals(args: readonly string[]): string[] {
  return args.flatMap((a) => {
    const eq = a.indexOf("=");
    return a.startsWith("--") && eq > 2 ? [a.slice(0, eq), a.slice(eq + 1)] : [a];
  });
}

function parseArgs(raw: readonly string[]): Args {
  const args = splitEquals(raw);
  const positional: string[] = [];
  let maxDrops = 1;
  let format: Format | undefined;
  let matrix = false;
  let optionsEnded = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (optionsEnded || arg === "-" || !arg.startsWith("-")) positional.push(arg);
    else if (arg === "--") optionsEnded = true;
    else if (arg === "-h" || arg === "--help") return { kind: "help" };
    else if (arg === "--matrix") matrix = true;
    else if (arg === "--max-drops" || arg === "--format") {
      const value = args[++i];
      if (value === undefined) return usageError(`${arg} needs a value`);
      if (arg === "--max-drops") {
        if (!/^[0-9]+$/.test(value) || Number(value) < 1 || Number(value) > MAX_DROPS) {
          return usageError(`--max-drops: expected an integer from 1 to ${MAX_DROPS}; got "${value}"`);
        }
        maxDrops = Number(value);
      } else {
        if (value !== "json" && value !== "md" && value !== "csv") {
          return usageError(`--format: expected json, md or csv; got "${value}"`);
        }
        format = value;
      }
    } else return usageError(`unknown option ${arg}`);
  }
  if (matrix) {
    if (positional.length > 0) return usageError("--matrix takes no scenario file");
    return { kind: "run", source: null, maxDrops, format: format ?? "md" };
  }
  const [source, ...extra] = positional;
  if (source === undefined) return usageError("no scenario file given");
  if (extra.length > 0) return usageError(`expected one scenario file, got ${positional.length}`);
  if (format === "csv") return usageError("--format csv is for --matrix; use json or md for a scenario");
  return { kind: "run", source, maxDrops, format: format ?? "json" };
}

function usageError(message: string): Args {
  return { kind: "usage-error", message };
}

async function runSource(
  source: string,
  run: Run,
  readFile: ReadFile,
  readStdin: ReadStdin,
): Promise<CliResult> {
  const input = await readSource("explore", source, readFile, readStdin);
  if ("failure" in input) return input.failure;
  const text = input.text;
  const parsed = parseScenarioJson(text);
  if (!parsed.ok) return invalid(parsed.problems);
  let exploration: Exploration;
  try {
    exploration = explore(parsed.scenario, run.maxDrops);
  } catch (error) {
    if (error instanceof ScenarioError) return invalid(error.problems);
    return failure(`exploration failed: ${errorMessage(error)}`);
  }
  const stdout = run.format === "md" ? explorationToMarkdown(exploration) : `${toJson(exploration)}\n`;
  return { code: EXIT_OK, stdout, stderr: "" };
}

/** The published JSON: exactly `plans` (faults, outcome) and `counts`, nothing else. */
export function toJson(exploration: Exploration): string {
  const { lost, once, duplicated } = exploration.counts;
  const plans = exploration.plans.map(({ faults, outcome }) => ({ faults, outcome }));
  return JSON.stringify({ plans, counts: { lost, once, duplicated } }, null, 2);
}

function printMatrix(run: Run): CliResult {
  const rows = matrixRows(run.maxDrops);
  const stdout =
    run.format === "csv"
      ? toCsv(rows)
      : run.format === "json"
        ? `${JSON.stringify(rows, null, 2)}\n`
        : toMarkdown(rows);
  return { code: EXIT_OK, stdout, stderr: "" };
}

function invalid(problems: readonly Problem[]): CliResult {
  return problemsResult(EXIT_INVALID_SCENARIO, problems.map(formatProblem));
}

function failure(message: string): CliResult {
  return failureResult("explore", message);
}
