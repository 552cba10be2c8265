import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DOCUMENTED_LINE, filesystem, noStdin, stdin as stdinHolding } from "./cli-testing.ts";
import { traceToJson } from "../src/export/json.ts";
import { traceToMermaid } from "../src/export/mermaid.ts";
import { traceToSvg } from "../src/export/svg.ts";
import { ScenarioError } from "../src/sim/scenario.ts";
import { simulate } from "../src/sim/simulate.ts";
import { runRenderCli, USAGE, type RenderIo } from "./render-cli.ts";

const SCENARIO = { publishQos: 2, subscriber: { qos: 1 }, faults: [{ packet: "PUBREC" }] };
const TRACE = simulate(SCENARIO);
/** Files in memory; `written` collects what --out wrote. */
function io(files: Record<string, string>, stdin?: string) {
  const written = new Map<string, string>();
  const fake: RenderIo = {
    readFile: filesystem(files),
    readStdin: stdin === undefined ? noStdin : stdinHolding(stdin),
    writeFile: (path, text) => {
      if (path.startsWith("/readonly/")) {
        return Promise.reject(Object.assign(new Error("EACCES"), { code: "EACCES" }));
      }
      written.set(path, text);
      return Promise.resolve();
    },
  };
  return { fake, written };
}

const files = { "s.json": JSON.stringify(SCENARIO), "t.json": JSON.stringify(TRACE) };

describe("render command line: output", () => {
  it("writes the same SVG as the app's export (traceToSvg), by default", async () => {
    const result = await runRenderCli(["s.json"], io(files).fake);
    expect(result).toStrictEqual({ code: 0, stdout: traceToSvg(TRACE), stderr: "" });
  });

  it("passes --width and --theme on, in either spelling", async () => {
    const expected = traceToSvg(TRACE, { width: 720, theme: "dark" });
    for (const args of [
      ["s.json", "--format", "svg", "--width", "720", "--theme", "dark"],
      ["--format=svg", "--width=720", "--theme=dark", "s.json"],
    ]) {
      expect((await runRenderCli(args, io(files).fake)).stdout).toBe(expected);
    }
  });

  it("writes Mermaid and the JSON trace", async () => {
    expect((await runRenderCli(["s.json", "--format", "mermaid"], io(files).fake)).stdout).toBe(
      traceToMermaid(TRACE),
    );
    const json = await runRenderCli(["s.json", "--format", "json"], io(files).fake);
    expect(json.stdout).toBe(traceToJson(TRACE));
    expect(JSON.parse(json.stdout)).toEqual(TRACE);
  });

  it("replays a trace's scenario: a trace renders as its scenario does", async () => {
    const fromTrace = await runRenderCli(["t.json"], io(files).fake);
    expect(fromTrace.stdout).toBe(traceToSvg(TRACE));
  });

  it("reads standard input for -", async () => {
    const result = await runRenderCli(["-", "--format", "mermaid"], io({}, JSON.stringify(SCENARIO)).fake);
    expect(result.stdout).toBe(traceToMermaid(TRACE));
  });

  it("writes to --out instead of standard output", async () => {
    const { fake, written } = io(files);
    const result = await runRenderCli(["s.json", "--out", "diagram.svg"], fake);
    expect(result).toStrictEqual({ code: 0, stdout: "", stderr: "" });
    expect(written.get("diagram.svg")).toBe(traceToSvg(TRACE));
  });
});

describe("render command line: failures", () => {
  it("exits 2 with one line per problem for an invalid scenario", async () => {
    const bad = io({ "bad.json": JSON.stringify({ publishQos: 5, faults: [{ packet: "PUBAK" }] }) }).fake;
    expect(await runRenderCli(["bad.json"], bad)).toStrictEqual({
      code: 2,
      stdout: "",
      stderr: `publishQos: expected one of 0, 1, 2; got 5\n${DOCUMENTED_LINE}\n`,
    });
  });

  it("exits 2 naming scenario.… for a trace whose scenario is invalid, and the position for broken JSON", async () => {
    const trace = JSON.stringify({ ...TRACE, scenario: { ...TRACE.scenario, publishQos: 9 } });
    const result = await runRenderCli(["-"], io({}, trace).fake);
    expect(result).toMatchObject({
      code: 2,
      stderr: "scenario.publishQos: expected one of 0, 1, 2; got 9\n",
    });
    const broken = await runRenderCli(["-"], io({}, '{ "publishQos": 1,, }').fake);
    expect(broken).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^standard input: invalid JSON at line 1, column 19: /),
    });
  });

  it("exits 2 when the simulator refuses the scenario, 1 when it fails otherwise", async () => {
    const refusing = () => {
      throw new ScenarioError([{ path: "timing.timeoutMs", message: "too short" }]);
    };
    expect(await runRenderCli(["s.json"], io(files).fake, refusing)).toStrictEqual({
      code: 2,
      stdout: "",
      stderr: "timing.timeoutMs: too short\n",
    });
    const failing = () => {
      throw new Error("engine exploded");
    };
    expect(await runRenderCli(["s.json"], io(files).fake, failing)).toStrictEqual({
      code: 1,
      stdout: "",
      stderr: "render: simulation failed: engine exploded\n",
    });
  });

  it.each([
    [[], /^render: no scenario or trace file given: expected a path, or - for standard input\n\nUsage:/],
    [["a.json", "b.json"], /^render: expected one input file, got 2/],
    [["s.json", "--format", "pdf"], /^render: --format: expected svg, mermaid or json; got "pdf"/],
    [["s.json", "--format", "png"], /^render: --format png needs a browser/],
    [["s.json", "--theme", "sepia"], /^render: --theme: expected light or dark; got "sepia"/],
    [["s.json", "--width", "12"], /^render: --width: expected a whole number from 200 to 20000; got "12"/],
    [["s.json", "--width", "wide"], /^render: --width: expected a whole number/],
    [["s.json", "--format", "mermaid", "--theme", "dark"], /^render: --theme applies only to --format svg/],
    [["s.json", "--width"], /^render: --width needs a value/],
    [["s.json", "--format", "svg", "--format", "json"], /^render: --format given twice/],
    [["s.json", "--compact"], /^render: unknown option --compact/],
    [["s.json", "--out", ""], /^render: --out: expected a file name/],
  ])("exits 1 with a usage error for %j", async (args, message) => {
    const result = await runRenderCli(args, io(files).fake);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message);
  });

  it("exits 1 when the input cannot be read or the output cannot be written", async () => {
    expect((await runRenderCli(["missing.json"], io(files).fake)).stderr).toBe(
      "render: cannot read missing.json: file not found\n",
    );
    const readonly = await runRenderCli(["s.json", "--out", "/readonly/x.svg"], io(files).fake);
    expect(readonly).toStrictEqual({
      code: 1,
      stdout: "",
      stderr: "render: cannot write /readonly/x.svg: permission denied\n",
    });
  });

  it("prints usage for --help, and takes a file name after --", async () => {
    expect(await runRenderCli(["--help"], io(files).fake)).toStrictEqual({
      code: 0,
      stdout: USAGE,
      stderr: "",
    });
    const dashed = await runRenderCli(
      ["--", "-odd.json"],
      io({ "-odd.json": JSON.stringify(SCENARIO) }).fake,
    );
    expect(dashed.code).toBe(0);
  });
});

describe("render command line: the process (npm run render)", () => {
  it("writes a file with --out, prints to stdout otherwise, and exits 2 on a bad scenario", () => {
    const dir = mkdtempSync(join(tmpdir(), "render-cli-"));
    const input = join(dir, "scenario.json");
    const output = join(dir, "diagram.svg");
    writeFileSync(input, JSON.stringify(SCENARIO));
    const npm = (args: string[], stdin?: string) =>
      spawnSync("npm", ["run", "-s", "render", "--", ...args], {
        cwd: join(import.meta.dirname, ".."),
        encoding: "utf8",
        ...(stdin !== undefined ? { input: stdin } : {}),
      });

    const written = npm([input, "--out", output, "--width", "800"]);
    expect(written.status).toBe(0);
    expect(readFileSync(output, "utf8")).toBe(traceToSvg(TRACE, { width: 800 }));

    const mermaid = npm(["-", "--format", "mermaid"], JSON.stringify(SCENARIO));
    expect(mermaid.status).toBe(0);
    expect(mermaid.stdout).toBe(traceToMermaid(TRACE));

    const bad = npm(["-"], JSON.stringify({ publishQos: 2, faults: [{ packet: "PUBAK" }] }));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(`${DOCUMENTED_LINE}\n`);
  }, 60_000);
});
