/** What the command lines share: reading input, error wording, and handing a result to the process. */
import { readFile } from "node:fs/promises";

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
    const what = source === "-" ? "standard input" : source;
    return { failure: failureResult(command, `cannot read ${what}: ${readErrorMessage(error)}`) };
  }
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
