/**
 * `npm run lab -- scenario.json --broker URL [--client own|mqttjs] [--format json|md] [--timeout ms]
 *  [--ca FILE] [--cert FILE] [--key FILE] [--insecure] [--ask-password]
 *  [--fault-mode cut|hold] [--loss RATE --seed N] [--keepalive S]`:
 * runs the scenario against a real broker through the fault relay (lab/run.ts), then prints the
 * real trace and its difference from the model (src/live). Kept apart from process I/O so tests can
 * drive it; scripts/lab.ts wires it to the process.
 */
import { parseScenario } from "../src/sim/scenario.ts";
import { simulate } from "../src/sim/simulate.ts";
import {
  diffTraces,
  FAULT_MODES,
  liveReport,
  MAX_LOSS_RATE,
  modelScenarioFor,
  parseBrokerUrl,
  type FaultMode,
  type LiveReportFormat,
} from "../src/live/index.ts";
import { MQTTJS_QUIRKS, mqttjsQuirksIn, quirkOf } from "../lab/clients/mqttjsQuirks.ts";
import type { LiveOptions } from "../lab/run.ts";
import { credentialsFromEnv, type Credentials } from "../lab/transport/credentials.ts";
import type { TlsOptions } from "../lab/transport/upstream.ts";
import type { LiveTrace, LiveRun } from "../lab/types.ts";
import type { Difference, LiveClient } from "../src/live/index.ts";
import {
  errorMessage,
  failureResult,
  problemLines,
  problemsResult,
  readJsonObject,
  readSource,
  type CliResult,
} from "./cli-common.ts";
import { processIo, type LabIo } from "./lab-io.ts";

export const EXIT_AGREE = 0;
export const EXIT_FAILURE = 1;
export const EXIT_INVALID_INPUT = 2;
export const EXIT_DIFFER = 3;

export type RunLive = (scenario: unknown, options: LiveOptions) => Promise<LiveRun>;

export const USAGE = `Usage: npm run lab -- <scenario.json | -> [--broker URL] [--client own|mqttjs] [--format json|md]
         [--timeout ms] [--ca FILE] [--cert FILE] [--key FILE] [--insecure] [--ask-password]
         [--fault-mode cut|hold] [--loss RATE [--seed N]] [--keepalive SECONDS]

Runs the scenario against a real MQTT broker through the lab's fault relay, which cuts the
connection at each packet the scenario's faults name. Prints the real trace and how it differs
from the model.

  --broker   aedes (default: embedded in this process), mosquitto (a local child process),
             mqtt://host[:port], mqtts://host[:port], ws://host[:port][/path] or wss://…
             Credentials are never taken from the URL: set MQTT_USERNAME and MQTT_PASSWORD.
  --client   own (default): this project's spec-conforming clients;
             mqttjs: MQTT.js, whose known departures from the spec are named in the report
  --format   json (default) or md
  --timeout  bound of the whole run in milliseconds (default 30000)
  --ca       mqtts/wss: PEM file of the certificate authority (or self-signed certificate) to trust
  --cert, --key  mqtts/wss: PEM files of a client certificate and its key
  --insecure     mqtts/wss: do not check the broker's certificate (a test broker only)
  --ask-password prompt for the password of MQTT_USERNAME on the terminal (not echoed)
  --fault-mode  cut (default): a lost packet resets its connection at once;
             hold: it is held and the connection stays up, half-open, until keep-alive ends it
  --loss     also lose each QoS-flow packet with this probability (0 to ${MAX_LOSS_RATE}), drawn from
  --seed     this seed (default 1): the same seed and traffic lose the same packets; the model
             is told each random loss as a fault
  --keepalive  Keep Alive of the publisher and subscriber in seconds (default 2 with hold, else 60)

Exit codes: 0 real and model agree, 3 they differ, 2 bad scenario or broker URL, 1 otherwise.
`;

interface Args {
  source: string;
  broker: string;
  client: LiveClient;
  format: LiveReportFormat;
  timeoutMs: number;
  tlsFiles: { ca?: string; cert?: string; key?: string };
  insecure: boolean;
  askPassword: boolean;
  faultMode: FaultMode;
  loss?: { rate: number; seed: number };
  keepaliveSeconds?: number;
}

/** --fault-mode, --loss, --seed and --keepalive, checked; a usage message names the first bad one. */
function faultArgs(
  values: Record<string, string>,
): Pick<Args, "faultMode" | "loss" | "keepaliveSeconds"> | { usage: string } {
  const faultMode = values["fault-mode"] as FaultMode;
  if (!FAULT_MODES.includes(faultMode))
    return { usage: `--fault-mode: expected cut or hold; got "${values["fault-mode"]}"` };
  let loss: Args["loss"];
  if (values.loss !== "") {
    const rate = Number(values.loss);
    if (!Number.isFinite(rate) || rate < 0 || rate > MAX_LOSS_RATE)
      return { usage: `--loss: expected a probability from 0 to ${MAX_LOSS_RATE}; got "${values.loss}"` };
    const seed = Number(values.seed === "" ? "1" : values.seed);
    if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1)
      return { usage: `--seed: expected an integer from 0 to 4294967295; got "${values.seed}"` };
    loss = { rate, seed };
  } else if (values.seed !== "") return { usage: "--seed: only with --loss" };
  let keepaliveSeconds: number | undefined;
  if (values.keepalive !== "") {
    keepaliveSeconds = Number(values.keepalive);
    if (!Number.isInteger(keepaliveSeconds) || keepaliveSeconds < 1 || keepaliveSeconds > 65_535)
      return {
        usage: `--keepalive: expected an integer from 1 to 65535 (seconds); got "${values.keepalive}"`,
      };
  }
  return {
    faultMode,
    ...(loss !== undefined ? { loss } : {}),
    ...(keepaliveSeconds !== undefined ? { keepaliveSeconds } : {}),
  };
}

const SWITCHES = ["insecure", "ask-password"] as const;
type Switch = (typeof SWITCHES)[number];

function parseArgs(args: readonly string[]): Args | { help: true } | { usage: string } {
  const positional: string[] = [];
  const values: Record<string, string> = {
    broker: "aedes",
    client: "own",
    format: "json",
    timeout: "30000",
    "fault-mode": "cut",
    loss: "",
    seed: "",
    keepalive: "",
  };
  const files: Args["tlsFiles"] = {};
  const switches = new Set<Switch>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "-h" || arg === "--help") return { help: true };
    if (arg === "-" || !arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
    if ((SWITCHES as readonly string[]).includes(name)) {
      if (inline !== undefined) return { usage: `--${name} takes no value` };
      switches.add(name as Switch);
      continue;
    }
    const file = name === "ca" || name === "cert" || name === "key";
    if (!(name in values) && !file)
      return {
        usage: `unknown option --${name}; expected --broker, --client, --format, --timeout, --ca, --cert, --key, --insecure, --ask-password, --fault-mode, --loss, --seed or --keepalive`,
      };
    const value = inline ?? args[++i];
    if (value === undefined) return { usage: `--${name} needs a value` };
    if (file) files[name] = value;
    else values[name] = value;
  }
  if (positional.length !== 1)
    return { usage: `expected one scenario file (or -), got ${positional.length}` };
  if (values.client !== "own" && values.client !== "mqttjs")
    return { usage: `--client: expected own or mqttjs; got "${values.client}"` };
  if (values.format !== "json" && values.format !== "md")
    return { usage: `--format: expected json or md; got "${values.format}"` };
  const timeoutMs = Number(values.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1000 || timeoutMs > 600_000)
    return { usage: `--timeout: expected an integer from 1000 to 600000 (ms); got "${values.timeout}"` };
  const faults = faultArgs(values);
  if ("usage" in faults) return faults;
  return {
    source: positional[0] as string,
    broker: values.broker as string,
    client: values.client,
    format: values.format,
    timeoutMs,
    tlsFiles: files,
    insecure: switches.has("insecure"),
    askPassword: switches.has("ask-password"),
    ...faults,
  };
}

/** Reads --ca/--cert/--key; a file that cannot be read is named. */
async function readTls(
  args: Args,
  readFile: (path: string) => Promise<string>,
): Promise<TlsOptions | { message: string }> {
  const tls: TlsOptions = {};
  for (const name of ["ca", "cert", "key"] as const) {
    const file = args.tlsFiles[name];
    if (file === undefined) continue;
    try {
      tls[name] = await readFile(file);
    } catch (error) {
      return { message: `--${name}: cannot read ${file}: ${errorMessage(error)}` };
    }
  }
  if ((tls.cert === undefined) !== (tls.key === undefined))
    return { message: "--cert and --key go together (a client certificate and its key)" };
  if (args.insecure) tls.insecure = true;
  return tls;
}

/** The user name from MQTT_USERNAME; the password from MQTT_PASSWORD or, with --ask-password, typed. */
async function readCredentials(args: Args, io: LabIo, where: string): Promise<Credentials | undefined> {
  const fromEnv = credentialsFromEnv(io.env);
  if (!args.askPassword) return fromEnv;
  if (fromEnv === undefined) throw new Error("--ask-password: set MQTT_USERNAME to the user name first");
  const password = await io.askPassword(`Password for ${fromEnv.username} at ${where}: `);
  return { username: fromEnv.username, password };
}

/** With MQTT.js: which differences are MQTT.js's own known behaviour (the issue that describes it). */
function withClientQuirks(
  stdout: string,
  format: LiveReportFormat,
  trace: LiveTrace,
  diff: readonly Difference[],
): string {
  const seen = mqttjsQuirksIn(trace);
  const named = diff.flatMap((d, difference) => {
    const quirk = quirkOf(d, seen);
    return quirk === undefined ? [] : [{ difference, quirk, ...MQTTJS_QUIRKS[quirk] }];
  });
  if (format === "json") {
    const report = JSON.parse(stdout) as Record<string, unknown>;
    return `${JSON.stringify({ ...report, clientQuirks: named }, null, 2)}\n`;
  }
  if (named.length === 0) return stdout;
  const lines = named.map(
    (n) => `- Difference ${n.difference + 1}: ${n.sentence} (${n.issue.replace("https://github.com/", "")})`,
  );
  return `${stdout.trimEnd()}\n\n## MQTT.js's own behaviour\n\n${lines.join("\n")}\n`;
}

/** Runs the command line. Never rejects: every failure becomes an exit code and a message. */
export async function runLabCli(
  args: readonly string[],
  readFile: (path: string) => Promise<string>,
  readStdin: () => Promise<string>,
  runLive: RunLive,
  io: LabIo = processIo,
): Promise<CliResult> {
  try {
    const parsed = parseArgs(args);
    if ("help" in parsed) return { code: EXIT_AGREE, stdout: USAGE, stderr: "" };
    if ("usage" in parsed) return failureResult("lab", `${parsed.usage}\n\n${USAGE}`);
    const input = await readSource("lab", parsed.source, readFile, readStdin);
    if ("failure" in input) return input.failure;
    const json = readJsonObject(parsed.source, input.text, "a scenario");
    if (!json.ok) return problemsResult(EXIT_INVALID_INPUT, [json.message]);
    const scenario = parseScenario(json.value);
    if (!scenario.ok)
      return problemsResult(EXIT_INVALID_INPUT, problemLines(parsed.source, scenario.problems));
    const target = parseBrokerUrl(parsed.broker);
    if (!target.ok) return problemsResult(EXIT_INVALID_INPUT, [target.message]);
    const { broker } = target;
    const secure = broker.kind === "url" && (broker.scheme === "mqtts" || broker.scheme === "wss");
    const tlsGiven = Object.keys(parsed.tlsFiles).length > 0 || parsed.insecure;
    if (tlsGiven && !secure)
      return problemsResult(EXIT_INVALID_INPUT, [
        "--ca, --cert, --key and --insecure apply to mqtts:// and wss:// brokers only",
      ]);
    const tls = await readTls(parsed, readFile);
    if ("message" in tls) return problemsResult(EXIT_INVALID_INPUT, [tls.message]);
    const credentials = await readCredentials(parsed, io, broker.kind === "url" ? broker.url : broker.kind);
    const run = await runLive(scenario.scenario, {
      broker: broker.kind === "url" ? broker : broker.kind,
      client: parsed.client,
      ...(credentials !== undefined ? { credentials } : {}),
      ...(secure ? { tls } : {}),
      timeoutMs: parsed.timeoutMs,
      faultMode: parsed.faultMode,
      ...(parsed.loss !== undefined ? { loss: parsed.loss } : {}),
      ...(parsed.keepaliveSeconds !== undefined ? { keepaliveSeconds: parsed.keepaliveSeconds } : {}),
    });
    // The model loses what the scenario names plus what random loss cut (a hold is a cut to it).
    const model = simulate(modelScenarioFor(scenario.scenario, run));
    const diff = diffTraces(model, run.trace);
    const report = liveReport(model, run.trace, diff, parsed.format);
    const stdout =
      parsed.client === "mqttjs" ? withClientQuirks(report, parsed.format, run.trace, diff) : report;
    if (run.timedOut)
      return {
        code: EXIT_FAILURE,
        stdout,
        stderr: `lab: the run did not settle within ${parsed.timeoutMs} ms\n`,
      };
    return { code: diff.length === 0 ? EXIT_AGREE : EXIT_DIFFER, stdout, stderr: "" };
  } catch (error) {
    return failureResult("lab", errorMessage(error));
  }
}
