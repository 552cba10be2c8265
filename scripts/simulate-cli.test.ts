import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DOCUMENTED_LINE, filesystem, noFiles, noStdin, stdin } from "./cli-testing.ts";
import { ScenarioError } from "../src/sim/scenario.ts";
import type { Trace } from "../src/sim/types.ts";
import { runCli, USAGE, type ReadFile } from "./simulate-cli.ts";

const VALID = JSON.stringify({ publishQos: 1, faults: [{ packet: "PUBACK" }] });
const INVALID = JSON.stringify({ publishQos: 2, faults: [{ packet: "PUBAK" }] });

describe("simulate command line: arguments", () => {
  it.each([["--help"], ["-h"], ["scenario.json", "--help"]])(
    "prints usage on stdout and exits 0 for %s",
    async (...args) => {
      expect(await runCli(args, noFiles, noStdin)).toStrictEqual({ code: 0, stdout: USAGE, stderr: "" });
    },
  );

  it("exits 1 with usage on stderr when no scenario is given", async () => {
    const result = await runCli([], noFiles, noStdin);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      /^simulate: no scenario file given: expected a path, or - for standard input\n\nUsage:/,
    );
  });

  it("exits 1 for more than one scenario", async () => {
    const result = await runCli(["a.json", "b.json"], noFiles, noStdin);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^simulate: expected one scenario file, got 2/);
  });

  it("exits 1 for an unknown option", async () => {
    const result = await runCli(["--compact", "a.json"], noFiles, noStdin);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^simulate: unknown option --compact/);
  });

  it("takes a file name after -- even when it starts with a dash", async () => {
    const result = await runCli(["--", "-odd.json"], filesystem({ "-odd.json": VALID }), noStdin);
    expect(result.code).toBe(0);
  });
});

describe("simulate command line: input", () => {
  it("exits 1 naming the file when it does not exist", async () => {
    expect(await runCli(["missing.json"], noFiles, noStdin)).toStrictEqual({
      code: 1,
      stdout: "",
      stderr: "simulate: cannot read missing.json: file not found\n",
    });
  });

  it("exits 1 with the reason for other read errors", async () => {
    const broken: ReadFile = () => Promise.reject(Object.assign(new Error("EISDIR"), { code: "EISDIR" }));
    const result = await runCli(["dir"], broken, noStdin);
    expect(result).toStrictEqual({
      code: 1,
      stdout: "",
      stderr: "simulate: cannot read dir: it is a directory\n",
    });
  });

  it("reads the scenario from standard input for -", async () => {
    const result = await runCli(["-"], noFiles, stdin(VALID));
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as Trace).scenario.publishQos).toBe(1);
  });

  it("exits 2 with the position of a JSON syntax error", async () => {
    expect(await runCli(["-"], noFiles, stdin('{ "publishQos": 1,\n}'))).toStrictEqual({
      code: 2,
      stdout: "",
      stderr:
        'standard input: invalid JSON at line 2, column 1: expected a property name in double quotes; got "}"\n',
    });
  });
});

describe("simulate command line: a real run", () => {
  it("prints the trace as indented JSON and exits 0", async () => {
    const result = await runCli(["s.json"], filesystem({ "s.json": VALID }), noStdin);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^\{\n {2}"scenario": \{/);
    expect(result.stdout.endsWith("}\n")).toBe(true);
    const trace = JSON.parse(result.stdout) as Trace;
    expect(trace.scenario.timing.latencyMs).toBe(40);
    expect(trace.outcome.messages).toHaveLength(1);
    expect(trace.outcome.messages[0]?.verdict).toBeDefined();
    expect(trace.events.length).toBeGreaterThan(0);
  });

  it("exits 2 with one line per problem, as the format documents", async () => {
    const result = await runCli(["s.json"], filesystem({ "s.json": INVALID }), noStdin);
    expect(result).toStrictEqual({ code: 2, stdout: "", stderr: `${DOCUMENTED_LINE}\n` });
  });

  it("prints every problem of an invalid scenario", async () => {
    const text = JSON.stringify({ publishQos: "2", timing: { latencyMs: 0 } });
    const result = await runCli(["-"], noFiles, stdin(text));
    expect(result.code).toBe(2);
    expect(result.stderr.split("\n")).toStrictEqual([
      'publishQos: expected a number, one of 0, 1, 2; got "2"',
      "timing.latencyMs: expected a number > 0 and <= 60000; got 0",
      "",
    ]);
  });
});

describe("simulate command line: simulator failures", () => {
  const files = filesystem({ "s.json": VALID });

  it("exits 2 when the simulator refuses the scenario", async () => {
    const refuse = () => {
      throw new ScenarioError([{ path: "faults[0]", message: "cannot happen" }]);
    };
    expect(await runCli(["s.json"], files, noStdin, refuse)).toStrictEqual({
      code: 2,
      stdout: "",
      stderr: "faults[0]: cannot happen\n",
    });
  });

  it("exits 1 with the message for any other failure", async () => {
    const crash = () => {
      throw new Error("engine exploded");
    };
    expect(await runCli(["s.json"], files, noStdin, crash)).toStrictEqual({
      code: 1,
      stdout: "",
      stderr: "simulate: simulation failed: engine exploded\n",
    });
  });
});

describe("simulate command line: the process", () => {
  const tsx = join(import.meta.dirname, "..", "node_modules", ".bin", "tsx");
  const script = join(import.meta.dirname, "simulate.ts");
  const dir = mkdtempSync(join(tmpdir(), "simulate-cli-"));

  it("exits 0 with a trace for a file, and 2 with the problem for standard input", () => {
    const file = join(dir, "scenario.json");
    writeFileSync(file, VALID);
    const ok = spawnSync(tsx, [script, file], { encoding: "utf8" });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toHaveProperty("outcome.messages");

    const bad = spawnSync(tsx, [script, "-"], { encoding: "utf8", input: INVALID });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toBe(`${DOCUMENTED_LINE}\n`);
  }, 30_000);
});
