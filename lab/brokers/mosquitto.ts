/**
 * A real Mosquitto as a child process: its own config (loopback listener on a free port, anonymous,
 * no persistence file unless asked) in a temporary folder, stopped by its pid. For tests it can add
 * a websockets listener and require a user name and password (a password file made with
 * `mosquitto_passwd -b`, anonymous refused). For the scenario's broker it takes persistence
 * (`persistence true`, `persistence_location`, `autosave_interval`, `autosave_on_changes`), the
 * offline queue (`queue_qos0_messages`, `max_queued_messages`) and the in-flight window
 * (`max_inflight_messages`), and restarts on the same port: graceful = SIGTERM, crash = SIGKILL.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { LOOPBACK, freePort, waitForPort, type BrokerHandle } from "./broker.ts";

const CANDIDATES = [
  "/usr/sbin/mosquitto",
  "/usr/bin/mosquitto",
  "/usr/local/sbin/mosquitto",
  "/usr/local/bin/mosquitto",
];

/** The mosquitto binary, or undefined when it is not installed here. */
export function mosquittoPath(): string | undefined {
  const fromEnv = process.env.MOSQUITTO_PATH;
  if (fromEnv !== undefined && existsSync(fromEnv)) return fromEnv;
  return CANDIDATES.find((candidate) => existsSync(candidate));
}

export interface MosquittoOptions {
  startTimeoutMs?: number;
  /** Adds a websockets listener (ws://127.0.0.1:<ports.ws>/). */
  websockets?: boolean;
  /** Only this user is let in (a password file); anonymous clients are refused. */
  user?: { username: string; password: string };
  /**
   * "off" (default): `persistence false`. "on": saved after every change (`autosave_on_changes
   * true`, `autosave_interval 1`: one change is enough). `{ autosaveMs }`: every that many ms,
   * rounded up to whole seconds (`autosave_interval`); Mosquitto also saves when it shuts down.
   */
  persistence?: "off" | "on" | { autosaveMs: number };
  /** `queue_qos0_messages`: queue QoS 0 for an offline persistent client (default false). */
  queueQos0?: boolean;
  /** `max_queued_messages` (Mosquitto: 0 = no limit; default 1000), beyond the in-flight window. */
  maxQueued?: number;
  /** `max_inflight_messages` (default 20): QoS 1/2 in flight toward each client. */
  maxInflight?: number;
}

export interface MosquittoHandle extends BrokerHandle {
  ports: { ws?: number };
  /** Stops the broker (SIGTERM or SIGKILL), waits `downMs`, starts it again on the same port. */
  restart(kind: "graceful" | "crash", downMs: number): Promise<void>;
  /** Resolves when the broker accepts connections (at once, unless it is restarting). */
  ready(): Promise<void>;
}

/** The config lines for persistence and the queue (in a fresh folder `dir`). */
export function brokerLines(options: MosquittoOptions, dir: string): string[] {
  const lines: string[] = [];
  const persistence = options.persistence ?? "off";
  if (persistence === "off") lines.push("persistence false");
  else {
    lines.push("persistence true", `persistence_location ${dir}/`);
    if (persistence === "on") lines.push("autosave_on_changes true", "autosave_interval 1");
    else lines.push(`autosave_interval ${Math.max(1, Math.ceil(persistence.autosaveMs / 1000))}`);
  }
  if (options.queueQos0 !== undefined) lines.push(`queue_qos0_messages ${String(options.queueQos0)}`);
  if (options.maxQueued !== undefined) lines.push(`max_queued_messages ${options.maxQueued}`);
  if (options.maxInflight !== undefined) lines.push(`max_inflight_messages ${options.maxInflight}`);
  return lines;
}

/** mosquitto_passwd next to the broker (Debian's package ships both). */
function passwdPath(binary: string): string {
  const beside = ["/usr/bin/mosquitto_passwd", path.join(path.dirname(binary), "mosquitto_passwd")];
  return beside.find((candidate) => existsSync(candidate)) ?? "mosquitto_passwd";
}

export async function startMosquitto(options: MosquittoOptions = {}): Promise<MosquittoHandle> {
  const binary = mosquittoPath();
  if (binary === undefined) throw new Error("mosquitto is not installed (apt-get install -y mosquitto)");
  const dir = mkdtempSync(path.join(tmpdir(), "qoslab-mosquitto-"));
  const port = await freePort();
  const wsPort = options.websockets === true ? await freePort() : undefined;
  const config = path.join(dir, "mosquitto.conf");
  const lines = [`listener ${port} ${LOOPBACK}`];
  if (wsPort !== undefined) lines.push(`listener ${wsPort} ${LOOPBACK}`, "protocol websockets");
  if (options.user !== undefined) {
    const file = path.join(dir, "passwd");
    // -c creates the file, -b takes the password from the arguments (a test's own throwaway user).
    await new Promise<void>((resolve, reject) =>
      execFile(
        passwdPath(binary),
        ["-c", "-b", file, options.user?.username ?? "", options.user?.password ?? ""],
        (error) => (error === null ? resolve() : reject(error)),
      ),
    ).catch((error: unknown) => {
      rmSync(dir, { recursive: true, force: true });
      // Not the error's text: it quotes the command line, password included.
      const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "?";
      throw new Error(`mosquitto_passwd failed (exit code ${code})`);
    });
    // Started as root, mosquitto reads the password file after dropping to its own user: let that
    // user reach this throwaway test file.
    chmodSync(dir, 0o711);
    chmodSync(file, 0o644);
    lines.push("allow_anonymous false", `password_file ${file}`);
  } else lines.push("allow_anonymous true");
  if (options.persistence !== undefined && options.persistence !== "off") {
    // Started as root, mosquitto writes its database after dropping to its own user.
    chmodSync(dir, 0o777);
  }
  lines.push(...brokerLines(options, dir), "log_dest stderr", "");
  writeFileSync(config, lines.join("\n"));
  let stderr = "";
  let child!: ChildProcess;
  let exited: Promise<void> = Promise.resolve();
  const launch = () => {
    child = spawn(binary, ["-c", config], { stdio: ["ignore", "ignore", "pipe"] });
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString("utf8")).slice(-4000);
    });
    const current = child;
    exited = new Promise<void>((resolve) => current.once("exit", () => resolve()));
  };
  /** Ends the running process by its pid, and waits for it. */
  const kill = async (signal: "SIGTERM" | "SIGKILL") => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      process.kill(child.pid, signal);
      await exited;
    }
  };
  let up: Promise<void> = Promise.resolve();
  const stop = async () => {
    await up.catch(() => undefined);
    await kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  };
  const restart = async (kind: "graceful" | "crash", downMs: number) => {
    let back: () => void = () => undefined;
    up = new Promise<void>((resolve) => (back = resolve));
    try {
      await kill(kind === "crash" ? "SIGKILL" : "SIGTERM");
      await new Promise((r) => setTimeout(r, downMs));
      launch();
      await waitForPort(LOOPBACK, port, options.startTimeoutMs ?? 10_000);
    } finally {
      back();
    }
  };
  launch();
  try {
    await waitForPort(LOOPBACK, port, options.startTimeoutMs ?? 10_000);
    if (wsPort !== undefined) await waitForPort(LOOPBACK, wsPort, options.startTimeoutMs ?? 10_000);
  } catch (error) {
    await stop();
    throw new Error(`mosquitto did not start: ${String(error)}; its log: ${stderr.trim()}`, { cause: error });
  }
  return {
    name: "mosquitto",
    host: LOOPBACK,
    port,
    url: `mqtt://${LOOPBACK}:${port}`,
    ports: wsPort !== undefined ? { ws: wsPort } : {},
    stop,
    restart,
    ready: () => up,
  };
}

/** Whether `broker: "mosquitto"` can run here, and if not, what to do about it (the lab server's hello). */
export function mosquittoAvailable():
  { available: true; path: string } | { available: false; reason: string } {
  const found = mosquittoPath();
  if (found !== undefined) return { available: true, path: found };
  return {
    available: false,
    reason: "mosquitto is not installed: apt-get install -y mosquitto (or set MOSQUITTO_PATH to the binary)",
  };
}
