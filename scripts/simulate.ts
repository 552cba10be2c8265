/**
 * `npm run simulate -- scenario.json` (or `-` for standard input): prints the scenario's trace as
 * JSON. Exit 0 on success, 2 for an invalid scenario, 1 otherwise. The logic is in simulate-cli.ts.
 */
import { readFile } from "node:fs/promises";
import { runCli } from "./simulate-cli.ts";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString("utf8");
}

const result = await runCli(process.argv.slice(2), (path) => readFile(path, "utf8"), readStdin);
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
// exitCode, not exit(): let a large trace finish flushing to a pipe.
process.exitCode = result.code;
