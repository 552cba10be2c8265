/**
 * The explorer's command line, kept apart from process I/O so tests can drive it: arguments in;
 * exit code, standard output and standard error out. scripts/explore.ts wires it to the process.
 * Same conventions as scripts/simulate-cli.ts: 0 success, 1 usage or other failure, 2 invalid
 * scenario (one line per problem).
 */
import { MAX_DROPS, planStream, withoutFaults, type Exploration } from "../src/explore/enumerate.ts";
import { estimatePlans, type PlanEstimate } from "../src/explore/estimate.ts";
import { CLI_LIMITS, grouped, judge, planCount, plansUpTo } from "../src/explore/limits.ts";
import { markdownHead, markdownRow } from "../src/explore/markdown.ts";
import { addPlan, emptyTally } from "../src/explore/tally.ts";
import { matrixRows, toCsv, toMarkdown } from "../src/explore/matrix.ts";
import { runScenario } from "../src/sim/runScenario.ts";
import { parseScenario, ScenarioError } from "../src/sim/scenario.ts";
import { sequence } from "../src/sim/sequence.ts";
import type { Problem, Scenario } from "../src/sim/types.ts";
import {
  errorMessage,
  failureResult,
  problemLines,
  problemsResult,
  readJsonObject,
  readSource,
} from "./cli-common.ts";
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

Before it runs, the command counts the plans (exactly where that is cheap, otherwise an upper
bound) and refuses a run above ${grouped(CLI_LIMITS.refuse.plans)} plans or ${grouped(CLI_LIMITS.refuse.packets)} packets to simulate (plans ×
packets of the run with nothing lost), saying how to narrow it. Plans are printed as they run, so
memory stays flat however many there are.

Exit codes:
  0  the result was printed
  1  usage error, unreadable file, a run above the limit, or any other failure
  2  invalid scenario: one line per problem on standard error

Options:
  --max-drops N   the most transmissions lost in one plan, 1 to ${MAX_DROPS} (default 1)
  --format F      output format, see above
  --force         run even above the limit, with progress on standard error
  --matrix        the comparison matrix instead of one scenario
  -h, --help      show this help
`;

type Format = "json" | "md" | "csv";

interface Run {
  kind: "run";
  source: string | null;
  maxDrops: number;
  format: Format;
  force: boolean;
}

/**
 * Packets the command may simulate to count the plans exactly before it runs them (a few seconds
 * at most, and only when the run itself is many times longer); beyond it, an upper bound.
 */
const COUNT_BUDGET_PACKETS = 500_000;

/** Where output goes as it is produced: the process's streams, or (tests) strings to collect. */
export interface Output {
  out(chunk: string): void;
  err(chunk: string): void;
}

type Args = { kind: "help" } | Run | { kind: "usage-error"; message: string };

/**
 * Runs the command line. Never rejects: every failure becomes an exit code and a message. Plans
 * are written to `output` as they run; without one they are collected into the result.
 */
export async function runCli(
  args: readonly string[],
  readFile: ReadFile,
  readStdin: ReadStdin,
  output?: Output,
): Promise<CliResult> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const sink: Output = output ?? { out: (c) => stdout.push(c), err: (c) => stderr.push(c) };
  const result = await runWith(args, readFile, readStdin, sink);
  return {
    code: result.code,
    stdout: stdout.join("") + result.stdout,
    stderr: stderr.join("") + result.stderr,
  };
}

async function runWith(
  args: readonly string[],
  readFile: ReadFile,
  readStdin: ReadStdin,
  output: Output,
): Promise<CliResult> {
  try {
    const parsed = parseArgs(args);
    if (parsed.kind === "help") return { code: EXIT_OK, stdout: USAGE, stderr: "" };
    if (parsed.kind === "usage-error") return failure(`${parsed.message}\n\n${USAGE}`);
    if (parsed.source === null) return printMatrix(parsed);
    return await runSource(parsed.source, parsed, readFile, readStdin, output);
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
  let force = false;
  let optionsEnded = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (optionsEnded || arg === "-" || !arg.startsWith("-")) positional.push(arg);
    else if (arg === "--") optionsEnded = true;
    else if (arg === "-h" || arg === "--help") return { kind: "help" };
    else if (arg === "--matrix") matrix = true;
    else if (arg === "--force") force = true;
    else if (arg === "--max-drops" || arg === "--format") {
      const value = args[++i];
      if (value === undefined) {
        const expected = arg === "--max-drops" ? `an integer from 1 to ${MAX_DROPS}` : "json, md or csv";
        return usageError(`${arg} needs a value: expected ${expected}`);
      }
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
    } else {
      return usageError(`unknown option ${arg}; expected --max-drops, --format, --force, --matrix or --help`);
    }
  }
  if (matrix) {
    if (positional.length > 0) return usageError("--matrix takes no scenario file");
    if (force) return usageError("--force is for a scenario; --matrix always runs");
    return { kind: "run", source: null, maxDrops, format: format ?? "md", force };
  }
  const [source, ...extra] = positional;
  if (source === undefined)
    return usageError("no scenario file given: expected a path, or - for standard input");
  if (extra.length > 0) return usageError(`expected one scenario file, got ${positional.length}`);
  if (format === "csv") return usageError("--format csv is for --matrix; use json or md for a scenario");
  return { kind: "run", source, maxDrops, format: format ?? "json", force };
}

function usageError(message: string): Args {
  return { kind: "usage-error", message };
}

async function runSource(
  source: string,
  run: Run,
  readFile: ReadFile,
  readStdin: ReadStdin,
  output: Output,
): Promise<CliResult> {
  const input = await readSource("explore", source, readFile, readStdin);
  if ("failure" in input) return input.failure;
  const json = readJsonObject(source, input.text, "a scenario");
  if (!json.ok) return problemsResult(EXIT_INVALID_SCENARIO, [json.message]);
  const parsed = parseScenario(json.value);
  if (!parsed.ok) return invalid(source, parsed.problems);
  let setup: Scenario;
  let estimate: PlanEstimate;
  try {
    setup = withoutFaults(parsed.scenario);
    estimate = estimatePlans(setup, run.maxDrops, COUNT_BUDGET_PACKETS);
  } catch (error) {
    if (error instanceof ScenarioError) return invalid(source, error.problems);
    return failure(`exploration failed: ${errorMessage(error)}`);
  }
  const judgement = judge(estimate, CLI_LIMITS);
  if (judgement.kind !== "run" && !run.force) {
    return failure(refusal(source, run.maxDrops, setup, estimate, judgement.reason));
  }
  try {
    streamPlans(setup, run, estimate, output);
  } catch (error) {
    return failure(`exploration failed: ${errorMessage(error)}`);
  }
  return { code: EXIT_OK, stdout: "", stderr: "" };
}

/** Why the run is refused and how to narrow it, naming the input. */
function refusal(
  source: string,
  maxDrops: number,
  setup: Scenario,
  estimate: PlanEstimate,
  reason: string,
): string {
  const what = source === "-" ? "standard input" : source;
  const ways: string[] = [];
  for (let drops = maxDrops - 1; drops >= 1; drops--) {
    const fewer = plansUpTo(estimate, drops);
    const smaller: PlanEstimate = { ...estimate, ...fewer, bySize: estimate.bySize.slice(0, drops) };
    if (judge(smaller, CLI_LIMITS).kind === "run") {
      ways.push(`--max-drops ${drops} (${planCount(smaller)})`);
      break;
    }
  }
  const messages = setup.messages.length;
  if (messages > 1) ways.push(`fewer messages (${grouped(messages)} now)`);
  ways.push("--force to run anyway, with progress on standard error");
  return (
    `${what} with --max-drops ${maxDrops} means ${reason}; not run.\n` + `Narrow it: ${ways.join(", or ")}.`
  );
}

/** Runs every plan, writing each as it comes (JSON) or its table row (Markdown). */
function streamPlans(setup: Scenario, run: Run, estimate: PlanEstimate, output: Output): void {
  const tally = emptyTally();
  const rows: string[] = [];
  const every = Math.max(1, Math.ceil(estimate.plans / 20));
  const of = `${estimate.exact ? "" : "at most "}${grouped(estimate.plans)}`;
  if (run.format === "json") output.out('{\n  "plans": [');
  for (const plan of planStream(setup, run.maxDrops)) {
    if (run.format === "json") {
      const json = JSON.stringify({ faults: plan.faults, outcome: plan.outcome }, null, 2);
      output.out(`${tally.plans === 0 ? "" : ","}\n    ${json.replace(/\n/g, "\n    ")}`);
    } else rows.push(markdownRow(plan, tally.plans));
    addPlan(tally, plan);
    if (run.force && tally.plans % every === 0) {
      output.err(`explore: ${grouped(tally.plans)} of ${of} plans\n`);
    }
  }
  if (run.format === "json") {
    const { lost, once, duplicated } = tally.counts;
    const counts = JSON.stringify({ lost, once, duplicated }, null, 2).replace(/\n/g, "\n  ");
    output.out(`${tally.plans === 0 ? "" : "\n  "}],\n  "counts": ${counts}\n}\n`);
    return;
  }
  const base = runScenario(setup);
  const baseline = { outcome: base.outcome, sequence: sequence(base) };
  output.out(markdownHead({ scenario: setup, tally, maxDrops: run.maxDrops, complete: true, baseline }));
  for (let i = 0; i < rows.length; i += 1000) output.out(rows.slice(i, i + 1000).join(""));
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

function invalid(source: string, problems: readonly Problem[]): CliResult {
  return problemsResult(EXIT_INVALID_SCENARIO, problemLines(source, problems));
}

function failure(message: string): CliResult {
  return failureResult("explore", message);
}
