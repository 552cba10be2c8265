/**
 * `npm run lab -- scenario.json --broker URL [--client own] [--format json|md]`: the live lab from
 * the command line. Exit 0 when real and model agree, 3 when they differ, 2 on a bad scenario or
 * broker URL, 1 otherwise. The logic is in lab-cli.ts.
 */
import { runLive } from "../lab/run.ts";
import { finish, readStdin, readTextFile } from "./cli-common.ts";
import { runLabCli } from "./lab-cli.ts";

finish(await runLabCli(process.argv.slice(2), readTextFile, readStdin, runLive));
