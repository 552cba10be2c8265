/**
 * TEST-ONLY: in-memory input for the command lines' unit tests (*-cli.test.ts), so that they run
 * without touching the disk or the real standard input.
 */
import type { ReadFile, ReadStdin } from "./simulate-cli.ts";

/** The README's example of a problem line (an unknown packet type), word for word. */
export const DOCUMENTED_LINE =
  'faults[0].packet: expected one of PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP, CONNECT, CONNACK; got "PUBAK"';

/** A file system holding `files`; any other path fails as Node's readFile does. */
export function filesystem(files: Record<string, string>): ReadFile {
  return (path) => {
    if (Object.hasOwn(files, path)) return Promise.resolve(files[path] ?? "");
    return Promise.reject(
      Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: "ENOENT" }),
    );
  };
}

export const noFiles = filesystem({});

/** Standard input that a test expects never to be read. */
export const noStdin: ReadStdin = () => Promise.reject(new Error("stdin must not be read"));

/** Standard input holding `text`. */
export const stdin =
  (text: string): ReadStdin =>
  () =>
    Promise.resolve(text);
