import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DOCUMENTED_LINE, filesystem, noFiles, noStdin, stdin } from "./cli-testing.ts";
import { simulate } from "../src/sim/simulate.ts";
import type { Fault, Outcome } from "../src/sim/types.ts";
import { explore } from "../src/explore/enumerate.ts";
import { explorationToMarkdown } from "../src/explore/markdown.ts";
import { parseScenarioOrThrow } from "../src/sim/scenario.ts";
import { runCli, toJson, USAGE, type Output } from "./explore-cli.ts";

const QOS1 = JSON.stringify({ publishQos: 1, faults: [{ packet: "PUBACK" }] });
const INVALID = JSON.stringify({ publishQos: 2, faults: [{ packet: "PUBAK" }] });
interface Printed {
  plans: { faults: Fault[]; outcome: Outcome }[];
  counts: { lost: number; once: number; duplicated: number };
}

describe("explore command line: arguments", () => {
  it.each([["--help"], ["-h"], ["s.json", "--max-drops", "2", "--help"]])(
    "prints usage for %s",
    async (...args) => {
      expect(await runCli(args, noFiles, noStdin)).toStrictEqual({ code: 0, stdout: USAGE, stderr: "" });
    },
  );

  it.each([
    [[], /^explore: no scenario file given: expected a path, or - for standard input\n\nUsage:/],
    [["a.json", "b.json"], /^explore: expected one scenario file, got 2/],
    [["--compact", "a.json"], /^explore: unknown option --compact/],
    [["a.json", "--max-drops"], /^explore: --max-drops needs a value/],
    [["a.json", "--max-drops", "4"], /^explore: --max-drops: expected an integer from 1 to 3; got "4"/],
    [["a.json", "--max-drops", "0"], /^explore: --max-drops: expected an integer from 1 to 3; got "0"/],
    [["a.json", "--max-drops=1.5"], /^explore: --max-drops: expected an integer from 1 to 3; got "1.5"/],
    [["a.json", "--format", "xml"], /^explore: --format: expected json, md or csv; got "xml"/],
    [["a.json", "--format", "csv"], /^explore: --format csv is for --matrix/],
    [["--matrix", "a.json"], /^explore: --matrix takes no scenario file/],
    [["--matrix", "--force"], /^explore: --force is for a scenario; --matrix always runs/],
  ])("exits 1 for %j", async (args, message) => {
    const result = await runCli(args, noFiles, noStdin);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message);
  });

  it("exits 1 naming a file that does not exist", async () => {
    expect(await runCli(["missing.json"], noFiles, noStdin)).toStrictEqual({
      code: 1,
      stdout: "",
      stderr: "explore: cannot read missing.json: file not found\n",
    });
  });
});

describe("explore command line: a scenario", () => {
  it("prints exactly plans and counts, faults and outcome in the public format", async () => {
    const result = await runCli(["s.json", "--max-drops", "2"], filesystem({ "s.json": QOS1 }), noStdin);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const printed = JSON.parse(result.stdout) as Printed;
    expect(Object.keys(printed)).toEqual(["plans", "counts"]);
    expect(Object.keys(printed.counts)).toEqual(["lost", "once", "duplicated"]);
    expect(printed.plans).toHaveLength(10);
    for (const plan of printed.plans) {
      expect(Object.keys(plan)).toEqual(["faults", "outcome"]);
      // The scenario's own fault is ignored: each plan replays to the same outcome from the set-up.
      expect(simulate({ publishQos: 1, faults: plan.faults }).outcome).toEqual(plan.outcome);
    }
    const verdicts = printed.plans.flatMap((p) => p.outcome.messages.map((m) => m.verdict));
    expect(printed.counts.duplicated).toBe(verdicts.filter((v) => v === "duplicated").length);
    expect(printed.counts.lost + printed.counts.once + printed.counts.duplicated).toBe(verdicts.length);
  });

  it("explores one drop by default, reading standard input for -", async () => {
    const printed = JSON.parse((await runCli(["-"], noFiles, stdin(QOS1))).stdout) as Printed;
    expect(printed.plans.map((p) => p.faults.map((f) => f.packet))).toEqual([["PUBLISH"], ["PUBACK"]]);
    expect(printed.plans[0]?.faults[0]).toStrictEqual({
      hop: "publisher-broker",
      packet: "PUBLISH",
      message: 1,
      attempt: 1,
    });
  });

  it("prints a Markdown table with --format md", async () => {
    const result = await runCli(["-", "--format=md"], noFiles, stdin(QOS1));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("| # | Plan | Faults | Verdict | Packets |");
    expect(result.stdout).toContain("| 2 | PUBACK lost | publisher-broker PUBACK m1 #1 | duplicated ×2 |");
  });

  it("exits 2 with one line per problem for an invalid scenario", async () => {
    expect(await runCli(["-"], noFiles, stdin(INVALID))).toStrictEqual({
      code: 2,
      stdout: "",
      stderr: `${DOCUMENTED_LINE}\n`,
    });
    const several = await runCli(
      ["-"],
      noFiles,
      stdin(JSON.stringify({ publishQos: "2", timing: { latencyMs: 0 } })),
    );
    expect(several.code).toBe(2);
    expect(several.stderr.trimEnd().split("\n")).toHaveLength(2);
  });

  it("exits 2 for JSON that does not parse", async () => {
    const result = await runCli(["-"], noFiles, stdin("{"));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^standard input: invalid JSON at line 1, column 2: /);
  });
});

describe("explore command line: counting before running", () => {
  const messages = (n: number, qos: number) =>
    JSON.stringify({ publishQos: qos, messages: Array.from({ length: n }, () => ({})) });

  it("streams exactly the JSON and Markdown of the whole exploration", async () => {
    for (const input of [{ publishQos: 1 }, { publishQos: 2, subscriber: { qos: 1 }, session: "clean" }]) {
      const whole = explore(parseScenarioOrThrow(input), 2);
      const text = JSON.stringify(input);
      const json = await runCli(["-", "--max-drops", "2"], noFiles, stdin(text));
      expect(json.stdout).toBe(`${toJson(whole)}\n`);
      const md = await runCli(["-", "--max-drops", "2", "--format", "md"], noFiles, stdin(text));
      expect(md.stdout).toBe(explorationToMarkdown(whole));
    }
  });

  it("writes to the output as plans come, not at the end", async () => {
    const chunks: string[] = [];
    const output: Output = { out: (c) => chunks.push(c), err: (c) => chunks.push(c) };
    const result = await runCli(["-", "--max-drops", "2"], noFiles, stdin(QOS1), output);
    expect(result).toStrictEqual({ code: 0, stdout: "", stderr: "" });
    expect(chunks.length).toBeGreaterThan(10);
    expect((JSON.parse(chunks.join("")) as Printed).plans).toHaveLength(10);
  });

  it("refuses a run above the limit, naming the input, the estimate, the limit and narrower runs", async () => {
    const files = filesystem({ "big.json": messages(1000, 0) });
    const result = await runCli(["big.json", "--max-drops", "2"], files, noStdin);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      new RegExp(
        "^explore: big\\.json with --max-drops 2 means at most [\\d,]+ plans, above the limit of 100,000 plans; not run\\.\\n" +
          "Narrow it: --max-drops 1 \\(exactly 1,000 plans\\), or fewer messages \\(1,000 now\\), " +
          "or --force to run anyway, with progress on standard error\\.\\n$",
      ),
    );
  }, 60_000);

  it("refuses on packets to simulate too, and offers no k that would still be refused", async () => {
    const result = await runCli(["-", "--max-drops", "2"], noFiles, stdin(messages(4000, 0)));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^explore: standard input with --max-drops 2 means at most [\d,]+ plans/);
    expect(result.stderr).not.toContain("--max-drops 1");
    const one = await runCli(["-"], noFiles, stdin(messages(4000, 0)));
    expect(one.stderr).toMatch(
      /^explore: standard input with --max-drops 1 means exactly 4,000 plans of about 4,000 packets each: about 16,000,000 packets to simulate, above the limit of 10,000,000; not run\.\nNarrow it: fewer messages \(4,000 now\), or --force/,
    );
  }, 60_000);

  it("runs anyway with --force, printing progress on standard error", async () => {
    const plain = await runCli(["-", "--max-drops", "2"], noFiles, stdin(QOS1));
    const forced = await runCli(["-", "--max-drops", "2", "--force"], noFiles, stdin(QOS1));
    expect(forced.code).toBe(0);
    expect(forced.stdout).toBe(plain.stdout);
    const lines = forced.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(10);
    expect(lines.at(-1)).toBe("explore: 10 of 10 plans");
  });
});

describe("explore command line: the matrix", () => {
  it("prints the comparison matrix as Markdown by default", async () => {
    const result = await runCli(["--matrix"], noFiles, noStdin);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("| Published QoS | Hops |");
    // Each set-up once: the QoS 2 method only where a QoS 2 receiver makes it matter.
    expect(result.stdout.split("\n").filter((l) => /^\| \d/.test(l))).toHaveLength(64);
  });

  it("prints CSV with --format csv", async () => {
    const result = await runCli(["--matrix", "--format", "csv", "--max-drops", "1"], noFiles, noStdin);
    expect(result.stdout.split("\r\n")[0]).toMatch(/^qos,hops,subscription_qos,/);
  });
});

describe("explore command line: the process", () => {
  const tsx = join(import.meta.dirname, "..", "node_modules", ".bin", "tsx");
  const script = join(import.meta.dirname, "explore.ts");
  const dir = mkdtempSync(join(tmpdir(), "explore-cli-"));

  it("exits 0 with plans for a file, and 2 with the problem for standard input", () => {
    const file = join(dir, "scenario.json");
    writeFileSync(file, QOS1);
    const ok = spawnSync(tsx, [script, file, "--max-drops", "2"], { encoding: "utf8" });
    expect(ok.status).toBe(0);
    expect((JSON.parse(ok.stdout) as Printed).plans).toHaveLength(10);

    const bad = spawnSync(tsx, [script, "-"], { encoding: "utf8", input: INVALID });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toBe(`${DOCUMENTED_LINE}\n`);
  }, 30_000);
});
