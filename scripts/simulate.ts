/**
 * `npm run simulate -- scenario.json` (or `-` for standard input): prints the scenario's trace as
 * JSON. Exit 0 on success, 2 for an invalid scenario, 1 otherwise. The logic is in simulate-cli.ts.
 */
import { finish, readStdin, readTextFile } from "./cli-common.ts";
import { runCli } from "./simulate-cli.ts";

finish(await runCli(process.argv.slice(2), readTextFile, readStdin));
