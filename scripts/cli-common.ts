/** What the command lines share: reading input, error wording, and handing a result to the process. */
import { readFile } from "node:fs/promises";
import { parseJsonText } from "../src/sim/jsonText.ts";
import { formatProblem } from "../src/sim/scenario.ts";
import type { Problem } from "../src/sim/types.ts";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export const EXIT_FAILURE = 1;

/** A failure of the command itself (not of the input), prefixed with the command's name. */
export function failureResult(command: string, message: string): CliResult {
  return { code: EXIT_FAILURE, stdout: "", stderr: `${command}: ${message.trimEnd()}\n` };
}

/** One line per problem on standard error. */
export function problemsResult(code: number, lines: readonly string[]): CliResult {
  return { code, stdout: "", stderr: lines.map((line) => `${line}\n`).join("") };
}

/** Node's file errors, in words; anything else by its message. */
export function readErrorMessage(error: unknown): string {
  const code = typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
  if (code === "ENOENT") return "file not found";
  if (code === "EISDIR") return "it is a directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return errorMessage(error);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The input text of `source` (a path, or "-" for standard input), or the failure to report. */
export async function readSource(
  command: string,
  source: string,
  readFile: (path: string) => Promise<string>,
  readStdin: () => Promise<string>,
): Promise<{ text: string } | { failure: CliResult }> {
  try {
    return { text: source === "-" ? await readStdin() : await readFile(source) };
  } catch (error) {
    return {
      failure: failureResult(command, `cannot read ${inputName(source)}: ${readErrorMessage(error)}`),
    };
  }
}

/** How messages name an input: the path given, or "standard input" for "-". */
export function inputName(source: string): string {
  return source === "-" ? "standard input" : source;
}

/**
 * The input's text as a JSON object, or the one message saying what is wrong with it as a whole,
 * naming the input and what was expected (`expected`, e.g. "a scenario"): empty, not JSON (with
 * line and column), or JSON that is not an object.
 */
export function readJsonObject(
  source: string,
  text: string,
  expected: string,
): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  const name = inputName(source);
  const what = `${expected} as a JSON object`;
  if (text.replace(/^\uFEFF/, "").trim() === "")
    return { ok: false, message: `${name} is empty: expected ${what}` };
  const json = parseJsonText(text);
  if (!json.ok) return { ok: false, message: `${name}: ${json.message}` };
  const { value } = json;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    const got = Array.isArray(value) ? "an array" : value === null ? "null" : `a ${typeof value}`;
    return { ok: false, message: `${name}: expected ${what}; got ${got}` };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

/** Problem lines: each names its field; one about the input as a whole names the input. */
export function problemLines(source: string, problems: readonly Problem[]): string[] {
  return problems.map((p) => (p.path === "" ? `${inputName(source)}: ${p.message}` : formatProblem(p)));
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString("utf8");
}

export const readTextFile = (path: string) => readFile(path, "utf8");

/** Writes a result out; exitCode rather than exit(), so a large output finishes flushing to a pipe. */
export function finish(result: CliResult): void {
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.code;
}
