/**
 * `npm run lab`: with no scenario (nothing, or only server flags), the lab server with the app's
 * Live view (lab/server/main.ts); with a scenario, `npm run lab -- scenario.json --broker URL
 * [--client own] [--format json|md]`, the live lab from the command line: exit 0 when real and model
 * agree, 3 when they differ, 2 on a bad scenario or broker URL, 1 otherwise (lab-cli.ts).
 */
import { runLive } from "../lab/run.ts";
import { isServerInvocation, serveLab } from "../lab/server/main.ts";
import { finish, readStdin, readTextFile } from "./cli-common.ts";
import { runLabCli } from "./lab-cli.ts";

const args = process.argv.slice(2);
if (isServerInvocation(args)) process.exit(await serveLab(args));
else finish(await runLabCli(args, readTextFile, readStdin, runLive));
