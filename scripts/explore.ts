/**
 * `npm run explore -- scenario.json [--max-drops N] [--format json|md]` (or `-` for standard
 * input), or `npm run explore -- --matrix`: every fault plan of a set-up and what came of it.
 * Exit 0 on success, 2 for an invalid scenario, 1 otherwise. The logic is in explore-cli.ts.
 */
import { readFile } from "node:fs/promises";
import { runCli } from "./explore-cli.ts";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString("utf8");
}

const result = await runCli(process.argv.slice(2), (path) => readFile(path, "utf8"), readStdin);
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
// exitCode, not exit(): let a large result finish flushing to a pipe.
process.exitCode = result.code;
