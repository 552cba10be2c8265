/**
 * `npm run explore -- scenario.json [--max-drops N] [--format json|md] [--force]` (or `-` for
 * standard input), or `npm run explore -- --matrix`: every fault plan of a set-up and what came of
 * it. Exit 0 on success, 2 for an invalid scenario, 1 otherwise. The logic is in explore-cli.ts;
 * plans are written as they run (writes to a pipe or a file are synchronous in Node on Linux, so
 * nothing piles up in memory).
 */
import { finish, readStdin, readTextFile } from "./cli-common.ts";
import { runCli } from "./explore-cli.ts";

const output = {
  out: (chunk: string) => void process.stdout.write(chunk),
  err: (chunk: string) => void process.stderr.write(chunk),
};
finish(await runCli(process.argv.slice(2), readTextFile, readStdin, output));
