/**
 * A real RabbitMQ (3.x, MQTT plugin) as a child process: its own temporary folder (database, log,
 * config, enabled-plugins file, Erlang cookie), its own node name and free loopback ports for AMQP,
 * the Erlang distribution, the port mapper (epmd) and MQTT; anonymous MQTT clients come in as the
 * default user guest (allowed over loopback). Nothing of the system's installation is read or
 * started: not /etc/rabbitmq, not the system service, not a shared epmd.
 *
 * Started by the `rabbitmq-server` script in its own process group; stopped by its pid: SIGTERM
 * (the script stops the Erlang VM, beam.smp, gracefully), SIGKILL to the group if anything of it
 * is still there after STOP_GRACE_MS, then `epmd -kill` on the private epmd port (the epmd this
 * broker's VM started for itself, and only that one).
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { LOOPBACK, freePort, waitForPort, type BrokerHandle } from "./broker.ts";

/**
 * The script that runs the VM in the foreground with the environment it is given. Not Debian's
 * /usr/sbin/rabbitmq-server: that wrapper switches to the rabbitmq user through `su`, which drops
 * the environment (and so this broker's own folder, ports and node name).
 */
const CANDIDATES = [
  "/usr/lib/rabbitmq/bin/rabbitmq-server",
  "/usr/local/lib/rabbitmq/bin/rabbitmq-server",
  "/opt/rabbitmq/sbin/rabbitmq-server",
];

/** How long a graceful stop may take before the whole process group is killed. */
const STOP_GRACE_MS = 20_000;

/** The rabbitmq-server script, or undefined when RabbitMQ is not installed here. */
export function rabbitmqPath(): string | undefined {
  const fromEnv = process.env.RABBITMQ_SERVER_PATH;
  if (fromEnv !== undefined && existsSync(fromEnv)) return fromEnv;
  return CANDIDATES.find((candidate) => existsSync(candidate));
}

export interface RabbitmqOptions {
  /** RabbitMQ takes 10 to 30 s to start (longer on a loaded machine). */
  startTimeoutMs?: number;
}

export interface RabbitmqHandle extends BrokerHandle {
  ports: { amqp: number; dist: number; epmd: number };
  /** The script's pid, which is also its process group's id (the VM is in that group). */
  pid: number | undefined;
}

/** Several brokers in one test process each need their own node name. */
let started = 0;

/** `rabbitmq.conf` (new-style format): every listener on loopback, anonymous MQTT as guest. */
export function rabbitmqConfig(ports: { mqtt: number; amqp: number }): string {
  return [
    `listeners.tcp.default = ${LOOPBACK}:${ports.amqp}`,
    `mqtt.listeners.tcp.default = ${LOOPBACK}:${ports.mqtt}`,
    // A CONNECT without user name logs in as mqtt.default_user (guest), which RabbitMQ only
    // lets in over loopback: this listener's only interface.
    "mqtt.allow_anonymous = true",
    "",
  ].join("\n");
}

/** Whether a process (group, with a negative id) still exists. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Stops the epmd listening on `port` (this broker's own): it refuses while a node is registered. */
function killEpmd(port: number): Promise<void> {
  return new Promise((resolve) =>
    execFile(
      "epmd",
      ["-port", String(port), "-kill"],
      { env: { ...process.env, ERL_EPMD_PORT: String(port) }, timeout: 5000 },
      // Nothing listening (the VM never got as far as starting it) is fine too.
      () => resolve(),
    ),
  );
}

export async function startRabbitmq(options: RabbitmqOptions = {}): Promise<RabbitmqHandle> {
  const script = rabbitmqPath();
  if (script === undefined)
    throw new Error(
      "rabbitmq-server is not installed (apt-get install -y rabbitmq-server, or set RABBITMQ_SERVER_PATH to the rabbitmq-server script)",
    );
  const dir = mkdtempSync(path.join(tmpdir(), "qoslab-rabbitmq-"));
  const [port, amqp, dist, epmd] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const logs = path.join(dir, "log");
  mkdirSync(logs);
  const config = path.join(dir, "rabbitmq.conf");
  writeFileSync(config, rabbitmqConfig({ mqtt: port, amqp }));
  const plugins = path.join(dir, "enabled_plugins");
  writeFileSync(plugins, "[rabbitmq_mqtt].\n");
  const logFile = path.join(logs, "rabbit.log");
  started += 1;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // The Erlang cookie is read from (or written to) $HOME/.erlang.cookie.
    HOME: dir,
    RABBITMQ_NODENAME: `rabbit-lab-${process.pid}-${started}@localhost`,
    RABBITMQ_MNESIA_BASE: path.join(dir, "mnesia"),
    RABBITMQ_LOG_BASE: logs,
    RABBITMQ_LOGS: logFile,
    RABBITMQ_CONFIG_FILE: config,
    RABBITMQ_ENABLED_PLUGINS_FILE: plugins,
    // Absent files in this folder, so that /etc/rabbitmq's are not read.
    RABBITMQ_CONF_ENV_FILE: path.join(dir, "rabbitmq-env.conf"),
    RABBITMQ_ADVANCED_CONFIG_FILE: path.join(dir, "advanced.config"),
    RABBITMQ_NODE_IP_ADDRESS: LOOPBACK,
    RABBITMQ_NODE_PORT: String(amqp),
    RABBITMQ_DIST_PORT: String(dist),
    // A port mapper of its own: a shared epmd (port 4369) is never touched.
    ERL_EPMD_PORT: String(epmd),
    ERL_EPMD_ADDRESS: LOOPBACK,
  };
  let output = "";
  // Its own process group: beam.smp and its helpers can be killed with it if SIGTERM is not enough.
  const child: ChildProcess = spawn(script, [], {
    env,
    cwd: dir,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-4000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  const pid = child.pid;
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      if (pid !== undefined) {
        if (child.exitCode === null && child.signalCode === null) process.kill(pid, "SIGTERM");
        await Promise.race([exited, delay(STOP_GRACE_MS)]);
        // The script gone before its VM (or a stop that took too long): the rest of the group.
        if (alive(-pid)) {
          process.kill(-pid, "SIGKILL");
          while (alive(-pid)) await delay(50);
        }
        await exited;
      }
      await killEpmd(epmd);
      rmSync(dir, { recursive: true, force: true });
    })());
  try {
    await Promise.race([
      waitForPort(LOOPBACK, port, options.startTimeoutMs ?? 120_000),
      exited.then(() => {
        throw new Error(`rabbitmq-server exited (code ${child.exitCode ?? child.signalCode})`);
      }),
    ]);
  } catch (error) {
    const log = existsSync(logFile) ? readFileSync(logFile, "utf8").slice(-3000) : "";
    await stop();
    throw new Error(`RabbitMQ did not start: ${String(error)}; its output: ${output.trim()} ${log.trim()}`, {
      cause: error,
    });
  }
  return {
    name: "rabbitmq",
    host: LOOPBACK,
    port,
    url: `mqtt://${LOOPBACK}:${port}`,
    ports: { amqp, dist, epmd },
    pid,
    stop,
  };
}
