/**
 * `npm run render -- scenario.json --format svg|mermaid|json [--theme light|dark] [--width N]
 * [--out file]` (or `-` for standard input): the sequence diagram without a browser. Exit 0 on
 * success, 2 for an invalid scenario or trace, 1 otherwise. The logic is in render-cli.ts.
 */
import { readFile, writeFile } from "node:fs/promises";
import { runRenderCli } from "./render-cli.ts";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString("utf8");
}

const result = await runRenderCli(process.argv.slice(2), {
  readFile: (path) => readFile(path, "utf8"),
  readStdin,
  writeFile: (path, text) => writeFile(path, text, "utf8"),
});
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
// exitCode, not exit(): let a large diagram finish flushing to a pipe.
process.exitCode = result.code;
