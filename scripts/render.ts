/**
 * `npm run render -- scenario.json --format svg|mermaid|json [--theme light|dark] [--width N]
 * [--out file]` (or `-` for standard input): the sequence diagram without a browser. Exit 0 on
 * success, 2 for an invalid scenario or trace, 1 otherwise. The logic is in render-cli.ts.
 */
import { writeFile } from "node:fs/promises";
import { finish, readStdin, readTextFile } from "./cli-common.ts";
import { runRenderCli } from "./render-cli.ts";

finish(
  await runRenderCli(process.argv.slice(2), {
    readFile: readTextFile,
    readStdin,
    writeFile: (path, text) => writeFile(path, text, "utf8"),
  }),
);
