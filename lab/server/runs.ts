/**
 * The lab server's runs: each `run` request checked field by field, then run with runLive against
 * its broker, bounded in number (`maxRuns` at once across every page) and in time (the request's
 * `timeoutMs`, at most `runTimeoutMs`), cancellable, and always cleaned up: runLive closes every
 * socket, relay and broker it opened before the run's last message is sent.
 */
import net from "node:net";
import { parseScenario } from "../../src/sim/scenario.ts";
import { formatProblem } from "../../src/sim/scenarioErrors.ts";
import type { Scenario } from "../../src/sim/types.ts";
import { parseBrokerUrl, type LiveRequest, type ServerMessage } from "../../src/live/index.ts";
import { mosquittoAvailable } from "../brokers/mosquitto.ts";
import { credentialsFromEnv } from "../transport/credentials.ts";
import type { LiveOptions } from "../run.ts";
import type { LiveRun } from "../types.ts";

export type RunLive = (scenario: unknown, options: LiveOptions) => Promise<LiveRun>;

/** Whoever asked for runs (one WebSocket): its runs end when it goes away. */
export interface RunOwner {
  send(message: ServerMessage): void;
}

/** How long a run may overrun its bound before the server aborts it itself (runLive's own end). */
const GRACE_MS = 5_000;
/** How long the check that something listens at a broker URL may take. */
const PROBE_MS = 5_000;
/** Problems listed in one `failed` message (the first one's field is `field`). */
const MAX_PROBLEMS = 5;

/** A request the server can run, or the field at fault and why. */
export type Prepared =
  | {
      ok: true;
      scenario: Scenario;
      options: Omit<LiveOptions, "signal" | "onEvent">;
      /** What `started` names: the broker's id or its URL (never credentials). */
      broker: { name: string; url: string };
      /** Where to check that something listens before the run (a broker by URL). */
      probe?: { host: string; port: number };
    }
  | { ok: false; field: string; message: string };

/**
 * Checks a run request against what runLive can do here. Options other helpers' branches add to
 * runLive (MQTT.js, TLS, credentials, hold, random loss) are refused, naming the field, until
 * runLive takes them: a request is never run differently from what it asked.
 */
export function prepareRun(request: LiveRequest, runTimeoutMs: number): Prepared {
  const parsed = parseScenario(request.scenario);
  if (!parsed.ok) {
    const first = parsed.problems[0];
    const path = first === undefined || first.path === "" ? "" : `.${first.path}`;
    const shown = parsed.problems.slice(0, MAX_PROBLEMS).map(formatProblem);
    const more = parsed.problems.length - shown.length;
    return {
      ok: false,
      field: `request.scenario${path}`,
      message: `${shown.join("; ")}${more > 0 ? `; and ${more} more` : ""}`,
    };
  }
  const scenario = parsed.scenario;
  if (scenario.retransmit !== "on-reconnect")
    return {
      ok: false,
      field: "request.scenario.retransmit",
      message: 'a live run needs "retransmit": "on-reconnect": TCP loses connections, not single packets',
    };
  const target = parseBrokerUrl(request.broker);
  if (!target.ok)
    return { ok: false, field: "request.broker", message: target.message.replace(/^--broker: /, "") };
  const timeoutMs = Math.min(request.timeoutMs ?? runTimeoutMs, runTimeoutMs);
  const broker = target.broker;
  const secure = broker.kind === "url" && (broker.scheme === "mqtts" || broker.scheme === "wss");
  if (request.tlsInsecure && !secure)
    return {
      ok: false,
      field: "request.tlsInsecure",
      message: "accepting any certificate applies to mqtts:// and wss:// brokers only",
    };
  // The page's prompt wins over the server's environment; neither is stored or echoed.
  const typed = request.credentials;
  const credentials =
    typed === undefined
      ? credentialsFromEnv(process.env)
      : typed.password === undefined
        ? { username: typed.username }
        : { username: typed.username, password: typed.password };
  const common: Omit<LiveOptions, "signal" | "onEvent" | "broker"> = {
    timeoutMs,
    client: request.client,
    faultMode: request.faultMode,
    ...(request.loss !== undefined ? { loss: request.loss } : {}),
    ...(credentials !== undefined ? { credentials } : {}),
    ...(request.tlsInsecure ? { tls: { insecure: true } } : {}),
  };
  if (broker.kind === "aedes" && scenario.protocol !== "3.1.1")
    // Aedes 1.x answers a 5.0 CONNECT with return code 1: say so before starting it.
    return {
      ok: false,
      field: "request.scenario.protocol",
      message: `the embedded Aedes speaks MQTT 3.1.1 only; set "protocol": "3.1.1" or pick mosquitto`,
    };
  if (broker.kind === "aedes")
    return {
      ok: true,
      scenario,
      options: { ...common, broker: "aedes" },
      broker: { name: "aedes", url: "aedes" },
    };
  if (broker.kind === "mosquitto") {
    const mosquitto = mosquittoAvailable();
    if (!mosquitto.available) return { ok: false, field: "request.broker", message: mosquitto.reason };
    return {
      ok: true,
      scenario,
      options: { ...common, broker: "mosquitto" },
      broker: { name: "mosquitto", url: "mosquitto" },
    };
  }
  const host = broker.host.replace(/^\[(.*)\]$/, "$1");
  return {
    ok: true,
    scenario,
    options: { ...common, broker },
    broker: { name: broker.host, url: broker.url },
    probe: { host, port: broker.port },
  };
}

/** Resolves when something accepts a TCP connection at host:port; rejects with what happened. */
function probe(host: string, port: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const finish = (error?: Error) => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      socket.destroy();
      if (error === undefined) resolve();
      else reject(error);
    };
    const onAbort = () => finish(new Error("cancelled"));
    const timer = setTimeout(() => finish(new Error(`no TCP answer within ${PROBE_MS} ms`)), PROBE_MS);
    signal.addEventListener("abort", onAbort);
    socket.once("connect", () => finish());
    socket.once("error", (error: NodeJS.ErrnoException) =>
      finish(
        new Error(
          error.code === "ECONNREFUSED"
            ? "nothing listens there (connection refused)"
            : error.code === "ENOTFOUND"
              ? "the host name does not resolve"
              : error.message,
        ),
      ),
    );
  });
}

interface Active {
  owner: RunOwner;
  id: string;
  controller: AbortController;
  cancelled: boolean;
  finished: Promise<void>;
}

export interface RunsOptions {
  maxRuns: number;
  runTimeoutMs: number;
  runLive: RunLive;
}

export class Runs {
  private readonly options: RunsOptions;
  private readonly active = new Set<Active>();
  private closing = false;

  constructor(options: RunsOptions) {
    this.options = options;
  }

  /** Runs in progress, across every owner. */
  get count(): number {
    return this.active.size;
  }

  private find(owner: RunOwner, id: string): Active | undefined {
    for (const run of this.active) if (run.owner === owner && run.id === id) return run;
    return undefined;
  }

  /** Starts a run; every outcome, refusal included, is a message to `owner`. */
  start(owner: RunOwner, id: string, request: LiveRequest): void {
    const { maxRuns, runTimeoutMs } = this.options;
    if (this.closing) return owner.send({ type: "failed", id, message: "the lab server is shutting down" });
    if (this.find(owner, id) !== undefined)
      return owner.send({ type: "failed", id, field: "id", message: `run "${id}" is already running` });
    if (this.active.size >= maxRuns) {
      const n = this.active.size;
      return owner.send({
        type: "failed",
        id,
        message: `${n} ${n === 1 ? "run is" : "runs are"} already running, the most this lab server runs at once (--max-runs ${maxRuns}); wait for one to end or cancel it`,
      });
    }
    const prepared = prepareRun(request, runTimeoutMs);
    if (!prepared.ok)
      return owner.send({ type: "failed", id, field: prepared.field, message: prepared.message });
    const run: Active = {
      owner,
      id,
      controller: new AbortController(),
      cancelled: false,
      finished: Promise.resolve(),
    };
    this.active.add(run);
    owner.send({ type: "started", id, broker: prepared.broker });
    run.finished = this.execute(run, prepared).then((last) => {
      this.active.delete(run);
      owner.send(last);
    });
  }

  /** The run's last message; sent once the run is no longer counted, so the page may start the next. */
  private async execute(run: Active, prepared: Extract<Prepared, { ok: true }>): Promise<ServerMessage> {
    const { owner, id, controller } = run;
    const bound = prepared.options.timeoutMs ?? this.options.runTimeoutMs;
    // runLive ends itself at its bound; this is the server's own guard should it not.
    let overran = false;
    const guard = setTimeout(() => {
      overran = true;
      controller.abort();
    }, bound + GRACE_MS);
    try {
      if (prepared.probe !== undefined) {
        try {
          await probe(prepared.probe.host, prepared.probe.port, controller.signal);
        } catch (error) {
          if (run.cancelled) return { type: "cancelled", id };
          return {
            type: "failed",
            id,
            field: "request.broker",
            message: `broker ${prepared.broker.url}: ${errorText(error)}`,
          };
        }
      }
      const result = await this.options.runLive(prepared.scenario, {
        ...prepared.options,
        signal: controller.signal,
        onEvent: (event) => owner.send({ type: "event", id, event }),
      });
      if (run.cancelled) return { type: "cancelled", id };
      if (overran)
        return { type: "failed", id, message: `the run did not end within its bound of ${bound} ms` };
      return { type: "done", id, result };
    } catch (error) {
      if (run.cancelled) return { type: "cancelled", id };
      return {
        type: "failed",
        id,
        message: `the run against ${prepared.broker.url} failed: ${errorText(error)}`,
      };
    } finally {
      clearTimeout(guard);
    }
  }

  /** Cancels one of `owner`'s runs: it ends with `cancelled` once its sockets are closed. */
  cancel(owner: RunOwner, id: string): void {
    const run = this.find(owner, id);
    if (run === undefined)
      return owner.send({ type: "failed", id, field: "id", message: `no run "${id}" is running` });
    run.cancelled = true;
    run.controller.abort();
  }

  /** Cancels every run of `owner` (its WebSocket closed); resolves when they have ended. */
  async cancelAll(owner: RunOwner): Promise<void> {
    const runs = [...this.active].filter((run) => run.owner === owner);
    for (const run of runs) {
      run.cancelled = true;
      run.controller.abort();
    }
    await Promise.all(runs.map((run) => run.finished));
  }

  /** Cancels every run and refuses new ones; resolves when every run has cleaned up. */
  async close(): Promise<void> {
    this.closing = true;
    const runs = [...this.active];
    for (const run of runs) {
      run.cancelled = true;
      run.controller.abort();
    }
    await Promise.all(runs.map((run) => run.finished));
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
