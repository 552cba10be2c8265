/**
 * `npm run render`'s logic, apart from process I/O so tests can drive it: arguments in; exit code,
 * standard output and standard error out (and the file for --out, through `writeFile`).
 * scripts/render.ts wires it to the process. The SVG comes from the same function as the app's
 * export button (src/export/svg.ts), so the two are byte for byte the same.
 */
import { drawingTooLarge, MAX_DRAWN_PACKETS } from "../src/diagram/drawLimit.ts";
import { importJson } from "../src/export/importFile.ts";
import { traceToJson } from "../src/export/json.ts";
import { traceToMermaid } from "../src/export/mermaid.ts";
import {
  DEFAULT_SVG_WIDTH,
  MAX_SVG_WIDTH,
  MIN_SVG_WIDTH,
  traceToSvg,
  type DiagramTheme,
} from "../src/export/svg.ts";
import { ScenarioError } from "../src/sim/scenario.ts";
import { simulate } from "../src/sim/simulate.ts";
import type { Trace } from "../src/sim/types.ts";
import {
  errorMessage,
  failureResult,
  inputName,
  problemLines,
  problemsResult,
  readErrorMessage,
  readJsonObject,
  readSource,
  type CliResult,
} from "./cli-common.ts";

export type { CliResult } from "./cli-common.ts";

export interface RenderIo {
  readFile(path: string): Promise<string>;
  readStdin(): Promise<string>;
  writeFile(path: string, text: string): Promise<void>;
}

export type Format = "svg" | "mermaid" | "json";
const FORMATS: readonly Format[] = ["svg", "mermaid", "json"];
const THEMES: readonly DiagramTheme[] = ["light", "dark"];

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_INVALID_INPUT = 2;

export const USAGE = `Usage: npm run render -- <scenario.json | trace.json | -> [options]

Draws a scenario's sequence diagram without a browser. The input is a scenario or a trace
(its scenario is replayed); - reads standard input.

Options:
  --format svg|mermaid|json   svg (default): the diagram as a standalone SVG, the same file as the
                              app's "Export SVG"; mermaid: a Mermaid sequenceDiagram; json: the trace
  --theme light|dark          colours of the SVG (default light)
  --width N                   width of the SVG in pixels, ${MIN_SVG_WIDTH} to ${MAX_SVG_WIDTH} (default ${DEFAULT_SVG_WIDTH})
  --out FILE                  write to FILE instead of standard output
  -h, --help                  show this help

Exit codes:
  0  written
  1  usage error, unreadable input, a diagram too large to draw as SVG (more than
     ${MAX_DRAWN_PACKETS.toLocaleString("en-US")} packets), or any other failure
  2  invalid scenario or trace: one line per problem on standard error, e.g.
     faults[0].packet: expected one of PUBLISH, …; got "PUBAK"
`;

interface Options {
  source: string;
  format: Format;
  theme?: DiagramTheme;
  width?: number;
  out?: string;
}

type Args = { kind: "help" } | { kind: "run"; options: Options } | { kind: "usage-error"; message: string };

/** Runs the command line. Never rejects: every failure becomes an exit code and a message. */
export async function runRenderCli(
  args: readonly string[],
  io: RenderIo,
  run: (input: unknown) => Trace = simulate,
): Promise<CliResult> {
  try {
    const parsed = parseArgs(args);
    if (parsed.kind === "help") return { code: EXIT_OK, stdout: USAGE, stderr: "" };
    if (parsed.kind === "usage-error") return failure(`${parsed.message}\n\n${USAGE}`);
    return await render(parsed.options, io, run);
  } catch (error) {
    return failure(errorMessage(error));
  }
}

const VALUE_OPTIONS = new Set(["--format", "--theme", "--width", "--out"]);
/** What each option's value should be, for the message when it is missing. */
const EXPECTED_VALUES: Record<string, string> = {
  "--format": "svg, mermaid or json",
  "--theme": "light or dark",
  "--width": `a whole number from ${MIN_SVG_WIDTH} to ${MAX_SVG_WIDTH}`,
  "--out": "a file name",
};

function parseArgs(args: readonly string[]): Args {
  const positional: string[] = [];
  const values = new Map<string, string>();
  let optionsEnded = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (optionsEnded || arg === "-" || !arg.startsWith("-")) {
      positional.push(arg);
      continue;
    }
    if (arg === "--") optionsEnded = true;
    else if (arg === "-h" || arg === "--help") return { kind: "help" };
    else {
      const eq = arg.indexOf("=");
      const name = eq >= 0 ? arg.slice(0, eq) : arg;
      if (!VALUE_OPTIONS.has(name)) {
        const known = "--format, --theme, --width, --out or --help";
        return { kind: "usage-error", message: `unknown option ${name}; expected ${known}` };
      }
      let value: string | undefined;
      if (eq >= 0) value = arg.slice(eq + 1);
      else value = args[++i];
      if (value === undefined) {
        return { kind: "usage-error", message: `${name} needs a value: expected ${EXPECTED_VALUES[name]}` };
      }
      if (values.has(name)) return { kind: "usage-error", message: `${name} given twice` };
      values.set(name, value);
    }
  }
  const [source, ...extra] = positional;
  if (source === undefined)
    return {
      kind: "usage-error",
      message: "no scenario or trace file given: expected a path, or - for standard input",
    };
  if (extra.length > 0) {
    return { kind: "usage-error", message: `expected one input file, got ${positional.length}` };
  }
  return optionsOf(source, values);
}

function optionsOf(source: string, values: ReadonlyMap<string, string>): Args {
  const usage = (message: string): Args => ({ kind: "usage-error", message });
  const format = values.get("--format") ?? "svg";
  if (format === "png") return usage("--format png needs a browser: use the app, or convert the SVG");
  if (!isOneOf(format, FORMATS)) return usage(`--format: expected svg, mermaid or json; got "${format}"`);
  const options: Options = { source, format };
  const theme = values.get("--theme");
  if (theme !== undefined) {
    if (!isOneOf(theme, THEMES)) return usage(`--theme: expected light or dark; got "${theme}"`);
    options.theme = theme;
  }
  const width = values.get("--width");
  if (width !== undefined) {
    const n = /^\d+$/.test(width) ? Number(width) : NaN;
    if (!(n >= MIN_SVG_WIDTH && n <= MAX_SVG_WIDTH)) {
      return usage(
        `--width: expected a whole number from ${MIN_SVG_WIDTH} to ${MAX_SVG_WIDTH}; got "${width}"`,
      );
    }
    options.width = n;
  }
  if (format !== "svg" && (theme !== undefined || width !== undefined)) {
    return usage(`${theme !== undefined ? "--theme" : "--width"} applies only to --format svg`);
  }
  const out = values.get("--out");
  if (out !== undefined) {
    if (out === "") return usage("--out: expected a file name");
    options.out = out;
  }
  return { kind: "run", options };
}

function isOneOf<T extends string>(value: string, allowed: readonly T[]): value is T {
  return (allowed as readonly string[]).includes(value);
}

async function render(options: Options, io: RenderIo, run: (input: unknown) => Trace): Promise<CliResult> {
  const input = await readSource("render", options.source, io.readFile, io.readStdin);
  if ("failure" in input) return input.failure;
  const text = input.text;
  // Empty, not JSON, not an object: said here, naming the input; the rest by importJson, by field.
  const json = readJsonObject(options.source, text, "a scenario or a trace");
  if (!json.ok) return invalid([json.message]);
  const imported = importJson(text);
  if (!imported.ok) return invalid(imported.problems.map((p) => namingInput(options.source, p)));
  let trace: Trace;
  try {
    trace = run(imported.scenario);
  } catch (error) {
    if (error instanceof ScenarioError) return invalid(problemLines(options.source, error.problems));
    return failure(`simulation failed: ${errorMessage(error)}`);
  }
  // A diagram past the drawing limit is not useful as a picture: say so rather than write one.
  const tooLarge = options.format === "svg" ? drawingTooLarge(trace) : null;
  if (tooLarge !== null) return failure(`${tooLarge}; use --format json or mermaid, or fewer messages`);
  const output =
    options.format === "svg"
      ? traceToSvg(trace, {
          ...(options.width !== undefined ? { width: options.width } : {}),
          ...(options.theme !== undefined ? { theme: options.theme } : {}),
        })
      : options.format === "mermaid"
        ? traceToMermaid(trace)
        : traceToJson(trace);
  if (options.out === undefined) return { code: EXIT_OK, stdout: output, stderr: "" };
  try {
    await io.writeFile(options.out, output);
  } catch (error) {
    return failure(`cannot write ${options.out}: ${readErrorMessage(error)}`);
  }
  return { code: EXIT_OK, stdout: "", stderr: "" };
}

/** importJson speaks of "the file"; a command line names the file, or standard input. */
function namingInput(source: string, problem: string): string {
  return problem.startsWith("the file ")
    ? `${inputName(source)} ${problem.slice("the file ".length)}`
    : problem;
}

function invalid(problems: readonly string[]): CliResult {
  return problemsResult(EXIT_INVALID_INPUT, problems);
}

function failure(message: string): CliResult {
  return failureResult("render", message);
}
