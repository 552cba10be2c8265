/**
 * `npm run render` on a scenario at the format's limits (100,000 messages, 1,000 faults). Decided:
 * the SVG of it is refused with a sentence (exit 1): over 400,000 arrows would make a file of
 * hundreds of megabytes that no viewer opens usefully (MAX_DRAWN_PACKETS, diagram/drawLimit.ts);
 * the Mermaid text and the JSON trace are written whole, as they are data that tools can read.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { filesystem, noStdin } from "./cli-testing.ts";
import { MAX_DRAWN_PACKETS } from "../src/diagram/drawLimit.ts";
import { limitScenario } from "../src/sim/limits.testing.ts";
import { MAX_FAULTS, MAX_MESSAGES } from "../src/sim/scenarioSchema.ts";
import type { Trace } from "../src/sim/types.ts";
import { runRenderCli, type RenderIo } from "./render-cli.ts";

const SLOW = { timeout: 300_000 };
const TEXT = JSON.stringify(limitScenario());
/** Four packets per QoS 2 message and four more per lost PUBREC (src/sim/limits.test.ts). */
const PACKETS = 4 * MAX_MESSAGES + 4 * MAX_FAULTS;
const io: RenderIo = {
  readFile: filesystem({ "limit.json": TEXT }),
  readStdin: noStdin,
  writeFile: () => Promise.reject(new Error("nothing is written to a file here")),
};

describe("render command line at the format's limits", () => {
  it("refuses the SVG with a sentence naming the sizes and what to use instead (exit 1)", SLOW, () => {
    const dir = mkdtempSync(join(tmpdir(), "render-limit-"));
    const input = join(dir, "limit.json");
    writeFileSync(input, TEXT);
    // The real process, as the issue ran it: no stack overflow, no out-of-memory crash.
    const result = spawnSync("npm", ["run", "-s", "render", "--", input, "--format", "svg"], {
      cwd: join(import.meta.dirname, ".."),
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    const n = (x: number) => x.toLocaleString("en-US");
    expect(result.stderr).toBe(
      `render: the diagram would have ${n(PACKETS)} packets, more than the ${n(MAX_DRAWN_PACKETS)} ` +
        `a diagram draws (${n(MAX_MESSAGES)} messages); use --format json or mermaid, or fewer messages\n`,
    );
  });

  it("writes the whole Mermaid text: one arrow per packet", SLOW, async () => {
    const result = await runRenderCli(["limit.json", "--format", "mermaid"], io);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe("sequenceDiagram");
    const arrows = lines.filter((line) => /^\s*\w+\s*-?-[x>)]+\s*\w+\s*:/.test(line));
    expect(arrows).toHaveLength(PACKETS);
  });

  it("writes the whole JSON trace", SLOW, async () => {
    const result = await runRenderCli(["limit.json", "--format", "json"], io);
    expect(result.code).toBe(0);
    const trace = JSON.parse(result.stdout) as Trace;
    expect(trace.outcome.messages).toHaveLength(MAX_MESSAGES);
    expect(trace.outcome.packets).toBe(PACKETS);
    expect(trace.events.filter((e) => e.type === "packet")).toHaveLength(PACKETS);
    expect(trace.unusedFaults).toEqual([]);
  });
});
