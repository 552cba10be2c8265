/**
 * `npm run lab`'s dispatch and the server's flags, then the server as a process: the one line
 * tests read, the app with its meta tag through Vite (--app dev), the WebSocket, and SIGTERM.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { LIVE_META_NAME, type LiveEndpoint } from "../../src/live/index.ts";
import { REPO_ROOT } from "./app.ts";
import { hostWarning, isServerInvocation, parseServerArgs } from "./main.ts";

describe("isServerInvocation", () => {
  it.each([
    [[]],
    [["--port", "0"]],
    [["--port=0", "--app", "dist"]],
    [["--host", "127.0.0.1", "--max-runs", "3", "--run-timeout", "60000"]],
    [["--help"]],
  ])("%j starts the server", (args) => {
    expect(isServerInvocation(args)).toBe(true);
  });

  it.each([
    [["scenario.json"]],
    [["-"]],
    [["scenario.json", "--broker", "mosquitto"]],
    [["--broker", "aedes", "scenario.json"]],
    [["--format", "md"]],
    [["--port", "0", "scenario.json"]],
  ])("%j is the command-line run", (args) => {
    expect(isServerInvocation(args)).toBe(false);
  });
});

describe("parseServerArgs", () => {
  it("has the shared defaults: loopback, 5174, Vite, 2 runs, 30 s", () => {
    expect(parseServerArgs([])).toEqual({
      host: "127.0.0.1",
      port: 5174,
      app: { kind: "dev" },
      maxRuns: 2,
      runTimeoutMs: 30_000,
    });
  });

  it("reads every flag, with a space or =", () => {
    expect(
      parseServerArgs([
        "--host=::1",
        "--port",
        "0",
        "--app",
        "dist",
        "--max-runs=4",
        "--run-timeout",
        "120000",
      ]),
    ).toEqual({
      host: "::1",
      port: 0,
      app: { kind: "dist", dir: path.join(REPO_ROOT, "dist") },
      maxRuns: 4,
      runTimeoutMs: 120_000,
    });
  });

  it.each([
    [["--app", "prod"], /^--app: expected dev or dist/],
    [["--port", "65536"], /^--port: expected an integer from 0 to 65535/],
    [["--port", "-1"], /^--port: expected an integer/],
    [["--max-runs", "0"], /^--max-runs: expected an integer from 1 to 16/],
    [["--max-runs", "2.5"], /^--max-runs: expected an integer/],
    [["--run-timeout", "999"], /^--run-timeout: expected an integer from 1000 to 120000/],
    [["--run-timeout", "120001"], /^--run-timeout: expected an integer from 1000 to 120000/],
    [["--host"], /^--host needs a value/],
    [["--verbose"], /^unknown option --verbose/],
  ])("%j is refused: %s", (args, message) => {
    const parsed = parseServerArgs(args);
    expect(parsed).toHaveProperty("usage");
    if ("usage" in parsed) expect(parsed.usage).toMatch(message);
  });
});

describe("hostWarning", () => {
  it("is silent on loopback and warns about the network otherwise", () => {
    for (const host of ["127.0.0.1", "localhost", "::1"]) expect(hostWarning(host)).toBeUndefined();
    for (const host of ["0.0.0.0", "::", "192.168.1.5"])
      expect(hostWarning(host)).toMatch(new RegExp(`listening on ${host}.*from the network`));
  });
});

describe("npm run lab, the process", () => {
  it(
    "prints one Live lab line, serves the app with its meta tag and the WebSocket, and ends on SIGTERM",
    { timeout: 120_000 },
    async () => {
      // As package.json's "lab" runs it: one node process, which gets the signal itself.
      const child = spawn(process.execPath, ["--import", "tsx", "scripts/lab.ts", "--port", "0"], {
        cwd: REPO_ROOT,
        stdio: "pipe",
      });
      let stdout = "";
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      try {
        const url = await new Promise<string>((resolve, reject) => {
          child.stdout.on("data", (chunk: Buffer) => {
            stdout += chunk.toString("utf8");
            const line = /^Live lab: (http:\/\/127\.0\.0\.1:\d+\/\?view=live)$/m.exec(stdout);
            if (line) resolve(line[1] as string);
          });
          void exited.then((code) => reject(new Error(`exited ${code}: ${stderr}`)));
        });
        expect(stdout.split("\n").filter((l) => l.startsWith("Live lab:"))).toHaveLength(1);
        expect(stderr).not.toMatch(/warning/);
        // Another local page (another dev server's origin) may not read the page and its token.
        const response = await fetch(url, { headers: { Origin: "http://localhost:3000" } });
        expect(response.headers.get("access-control-allow-origin")).toBeNull();
        const html = await response.text();
        const content = new RegExp(`<meta name="${LIVE_META_NAME}" content='([^']*)'`).exec(html)?.[1];
        const endpoint = JSON.parse(content ?? "null") as LiveEndpoint;
        expect(endpoint.ws).toBe("/live");
        const origin = new URL(url).origin;
        const ws = new WebSocket(`${origin.replace("http", "ws")}${endpoint.ws}?token=${endpoint.token}`, {
          headers: { Origin: origin },
        });
        const hello = await new Promise<{ type: string }>((resolve, reject) => {
          ws.once("message", (data) => resolve(JSON.parse(String(data)) as { type: string }));
          ws.once("error", reject);
        });
        expect(hello.type).toBe("hello");
        const closed = new Promise<void>((resolve) => ws.once("close", () => resolve()));
        child.kill("SIGTERM");
        // The server closes its WebSockets, then exits with 0.
        await closed;
        expect(await exited).toBe(0);
      } finally {
        if (child.exitCode === null) child.kill("SIGKILL");
      }
    },
  );
});
