/**
 * A real Mosquitto as a child process: its own config (loopback listener on a free port, anonymous,
 * no persistence file) in a temporary folder, stopped by its pid.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
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

export async function startMosquitto(options: { startTimeoutMs?: number } = {}): Promise<BrokerHandle> {
  const binary = mosquittoPath();
  if (binary === undefined) throw new Error("mosquitto is not installed (apt-get install -y mosquitto)");
  const dir = mkdtempSync(path.join(tmpdir(), "qoslab-mosquitto-"));
  const port = await freePort();
  const config = path.join(dir, "mosquitto.conf");
  writeFileSync(
    config,
    [`listener ${port} ${LOOPBACK}`, "allow_anonymous true", "persistence false", "log_dest stderr", ""].join(
      "\n",
    ),
  );
  const child: ChildProcess = spawn(binary, ["-c", config], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      process.kill(child.pid, "SIGTERM");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForPort(LOOPBACK, port, options.startTimeoutMs ?? 10_000);
  } catch (error) {
    await stop();
    throw new Error(`mosquitto did not start: ${String(error)}; its log: ${stderr.trim()}`, { cause: error });
  }
  return { name: "mosquitto", host: LOOPBACK, port, url: `mqtt://${LOOPBACK}:${port}`, stop };
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
