/**
 * Every error path of the three command lines (bad flags, bad values, missing files, empty input,
 * bad JSON, the wrong type, a bad field) says where: the input (its path, or standard input), the
 * flag or the field, and what was expected there.
 */
import { describe, expect, it } from "vitest";
import { filesystem, stdin } from "./cli-testing.ts";
import type { CliResult } from "./cli-common.ts";
import { runCli as runExplore } from "./explore-cli.ts";
import { runRenderCli } from "./render-cli.ts";
import { runCli as runSimulate } from "./simulate-cli.ts";

type Command = "simulate" | "render" | "explore";
const COMMANDS: Command[] = ["simulate", "render", "explore"];

/** Runs `command` with `args`, the file in.json holding `text` and standard input holding it too. */
function run(command: Command, args: string[], text = ""): Promise<CliResult> {
  const readFile = filesystem({ "in.json": text });
  const readStdin = stdin(text);
  if (command === "simulate") return runSimulate(args, readFile, readStdin);
  if (command === "explore") return runExplore(args, readFile, readStdin);
  return runRenderCli(args, { readFile, readStdin, writeFile: () => Promise.resolve() });
}

const expected = (command: Command) =>
  command === "render" ? "a scenario or a trace as a JSON object" : "a scenario as a JSON object";

describe.each(COMMANDS)("%s: the input as a whole", (command) => {
  it.each([
    ["in.json", "in.json"],
    ["-", "standard input"],
  ])("names %s as %s for empty input, broken JSON and JSON of the wrong type", async (source, name) => {
    const cases: [string, string][] = [
      ["", `${name} is empty: expected ${expected(command)}\n`],
      [" \n\t ", `${name} is empty: expected ${expected(command)}\n`],
      [
        '{ "publishQos": 1,, }',
        `${name}: invalid JSON at line 1, column 19: expected a property name in double quotes; got ","\n`,
      ],
      ["[1]", `${name}: expected ${expected(command)}; got an array\n`],
      ["7", `${name}: expected ${expected(command)}; got a number\n`],
      ["null", `${name}: expected ${expected(command)}; got null\n`],
      ['"s.json"', `${name}: expected ${expected(command)}; got a string\n`],
    ];
    for (const [text, stderr] of cases) {
      expect(await run(command, [source], text)).toStrictEqual({ code: 2, stdout: "", stderr });
    }
  });

  it("names a file it cannot read", async () => {
    expect(await run(command, ["missing.json"])).toStrictEqual({
      code: 1,
      stdout: "",
      stderr: `${command}: cannot read missing.json: file not found\n`,
    });
  });

  it("names the field of a problem inside the scenario, and what was expected", async () => {
    const result = await run(command, ["in.json"], '{"publishQos": 5}');
    expect(result).toStrictEqual({
      code: 2,
      stdout: "",
      stderr: "publishQos: expected one of 0, 1, 2; got 5\n",
    });
  });

  it("names an unknown option and lists the expected ones; names the missing input", async () => {
    const unknown = await run(command, ["in.json", "--bogus"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(new RegExp(`^${command}: unknown option --bogus; expected .*--help\\n`));
    const none = await run(command, []);
    expect(none.stderr).toMatch(/file given: expected a path, or - for standard input\n/);
  });
});

describe("flags name themselves and what they expect", () => {
  it.each([
    ["explore", ["in.json", "--max-drops"], "--max-drops needs a value: expected an integer from 1 to 3"],
    ["explore", ["in.json", "--format"], "--format needs a value: expected json, md or csv"],
    ["explore", ["in.json", "--max-drops", "x"], '--max-drops: expected an integer from 1 to 3; got "x"'],
    ["render", ["in.json", "--format"], "--format needs a value: expected svg, mermaid or json"],
    ["render", ["in.json", "--theme"], "--theme needs a value: expected light or dark"],
    ["render", ["in.json", "--width"], "--width needs a value: expected a whole number from "],
    ["render", ["in.json", "--out"], "--out needs a value: expected a file name"],
    ["render", ["in.json", "--out="], "--out: expected a file name"],
    ["render", ["in.json", "--theme", "blue"], '--theme: expected light or dark; got "blue"'],
    ["render", ["in.json", "--width", "-3"], "--width: expected a whole number from "],
  ] as [Command, string[], string][])("%s %j", async (command, args, message) => {
    const result = await run(command, args);
    expect(result.code).toBe(1);
    expect(result.stderr.startsWith(`${command}: ${message}`)).toBe(true);
  });
});

describe("render: messages about the file name it", () => {
  it("names a file too large to import", async () => {
    const big = JSON.stringify({ publishQos: 1, note: "x".repeat(6 * 1024 * 1024) });
    const result = await run("render", ["in.json"], big);
    expect(result.stderr).toBe("in.json is too large: 6.0 MB; the limit is 5.0 MB\n");
  });

  it("names the scenario inside a trace by its path", async () => {
    const result = await run("render", ["-"], JSON.stringify({ scenario: [], events: [] }));
    expect(result.stderr).toBe("scenario: expected a JSON object; got []\n");
  });
});
