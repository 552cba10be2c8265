/**
 * `npm run lab [-- --host H] [--port P] [--app dev|dist] [--max-runs N] [--run-timeout ms]`: the
 * lab server from the command line. Prints one line `Live lab: http://127.0.0.1:<port>/?view=live`
 * (tests read it), then serves until Ctrl-C or SIGTERM, on which it cancels its runs and closes
 * every socket and broker it opened. scripts/lab.ts sends here every invocation without a scenario.
 */
import path from "node:path";
import { MAX_RUN_MS } from "../../src/live/index.ts";
import { REPO_ROOT } from "./app.ts";
import {
  DEFAULT_HOST,
  DEFAULT_MAX_RUNS,
  DEFAULT_PORT,
  DEFAULT_RUN_TIMEOUT_MS,
  MAX_MAX_RUNS,
  isLoopback,
  startLabServer,
  type LabServerOptions,
} from "./server.ts";

export const SERVER_USAGE = `Usage: npm run lab [-- --host H] [--port P] [--app dev|dist] [--max-runs N] [--run-timeout ms]

Starts the live lab: the app with its Live view, which runs a scenario against a real MQTT broker
and draws the real trace beside the model's. Open the address it prints.

  --host         address to listen on (default ${DEFAULT_HOST}; anything else lets the network drive the lab)
  --port         port (default ${DEFAULT_PORT}; 0 picks a free one)
  --app          dev (default: the sources through Vite, no build needed) or dist (the built dist/ folder)
  --max-runs     runs at once, across every page (default ${DEFAULT_MAX_RUNS}, at most ${MAX_MAX_RUNS})
  --run-timeout  bound of each run in milliseconds (default ${DEFAULT_RUN_TIMEOUT_MS}, at most ${MAX_RUN_MS})

One scenario from the command line instead: npm run lab -- scenario.json --broker URL (see --help there).
`;

/** The flags that start the server; any other argument means the command-line run (lab-cli.ts). */
export const SERVER_FLAGS = ["host", "port", "app", "max-runs", "run-timeout"] as const;

/** `--name=value` as [name, value]; `--name` as [name, undefined]. */
function flag(arg: string): [string, string | undefined] {
  const eq = arg.indexOf("=");
  return eq < 0 ? [arg.slice(2), undefined] : [arg.slice(2, eq), arg.slice(eq + 1)];
}

/** True when `args` ask for the server: nothing, or only server flags (with their values). */
export function isServerInvocation(args: readonly string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "-h" || arg === "--help") continue;
    if (!arg.startsWith("--")) return false;
    const [name, inline] = flag(arg);
    if (!(SERVER_FLAGS as readonly string[]).includes(name)) return false;
    if (inline === undefined) i++;
  }
  return true;
}

type ServerArgs = Omit<LabServerOptions, "token">;

function integer(name: string, text: string, min: number, max: number): number | string {
  const n = /^[0-9]+$/.test(text) ? Number(text) : NaN;
  return n >= min && n <= max ? n : `--${name}: expected an integer from ${min} to ${max}; got "${text}"`;
}

/** The server's flags, or the help, or what is wrong with them. */
export function parseServerArgs(args: readonly string[]): ServerArgs | { help: true } | { usage: string } {
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "-h" || arg === "--help") return { help: true };
    const [name, inline] = arg.startsWith("--") ? flag(arg) : [arg, undefined];
    if (!(SERVER_FLAGS as readonly string[]).includes(name))
      return { usage: `unknown option ${arg}; expected --${SERVER_FLAGS.join(", --")}` };
    const value = inline ?? args[++i];
    if (value === undefined || value === "") return { usage: `--${name} needs a value` };
    values.set(name, value);
  }
  const app = values.get("app") ?? "dev";
  if (app !== "dev" && app !== "dist") return { usage: `--app: expected dev or dist; got "${app}"` };
  const port = integer("port", values.get("port") ?? String(DEFAULT_PORT), 0, 65535);
  const maxRuns = integer("max-runs", values.get("max-runs") ?? String(DEFAULT_MAX_RUNS), 1, MAX_MAX_RUNS);
  const runTimeoutMs = integer(
    "run-timeout",
    values.get("run-timeout") ?? String(DEFAULT_RUN_TIMEOUT_MS),
    1000,
    MAX_RUN_MS,
  );
  for (const checked of [port, maxRuns, runTimeoutMs])
    if (typeof checked === "string") return { usage: checked };
  return {
    host: values.get("host") ?? DEFAULT_HOST,
    port: port as number,
    app: app === "dist" ? { kind: "dist", dir: path.join(REPO_ROOT, "dist") } : { kind: "dev" },
    maxRuns: maxRuns as number,
    runTimeoutMs: runTimeoutMs as number,
  };
}

/** What to say when the server listens beyond this machine (--host other than loopback). */
export function hostWarning(host: string): string | undefined {
  if (isLoopback(host)) return undefined;
  return (
    `warning: listening on ${host}, not 127.0.0.1: anyone who can reach this port can load the page, ` +
    "read its token and drive the lab (and every broker it reaches) from the network"
  );
}

/** Runs the server until a signal; resolves with the process's exit code. */
export async function serveLab(args: readonly string[]): Promise<number> {
  const parsed = parseServerArgs(args);
  if ("help" in parsed) {
    process.stdout.write(SERVER_USAGE);
    return 0;
  }
  if ("usage" in parsed) {
    process.stderr.write(`lab: ${parsed.usage}\n\n${SERVER_USAGE}`);
    return 2;
  }
  const warning = hostWarning(parsed.host ?? DEFAULT_HOST);
  if (warning !== undefined) process.stderr.write(`lab: ${warning}\n`);
  let server;
  try {
    server = await startLabServer(parsed);
  } catch (error) {
    process.stderr.write(`lab: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  process.stdout.write(`Live lab: ${server.url}\n`);
  process.stdout.write("Ctrl-C stops it (cancelling its runs).\n");
  const stop = server.close;
  return new Promise<number>((resolve) => {
    let stopping = false;
    const onSignal = () => {
      // A second Ctrl-C leaves without waiting for the runs to clean up.
      if (stopping) process.exit(130);
      stopping = true;
      void stop().then(() => resolve(0));
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
}
