/**
 * `npm run explore -- scenario.json [--max-drops N] [--format json|md]` (or `-` for standard
 * input), or `npm run explore -- --matrix`: every fault plan of a set-up and what came of it.
 * Exit 0 on success, 2 for an invalid scenario, 1 otherwise. The logic is in explore-cli.ts.
 */
import { finish, readStdin, readTextFile } from "./cli-common.ts";
import { runCli } from "./explore-cli.ts";

finish(await runCli(process.argv.slice(2), readTextFile, readStdin));
